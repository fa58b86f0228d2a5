/**
 * Scenario text for the truth checks, written as a user would (the fidelity tests parse it; the CLI report
 * runs it through `design-sim run --json`): one head, Poisson or evenly spaced traffic, and stations of c servers
 * behind a shared queue (exponential service: M/M/c; constant: M/D/c).
 */

/** The scenario's head up to `services:` (each station follows as one line). */
export function truthHead(o: { name?: string; seconds: number; warmup: number; seed: number; traffic: string; interval?: string | undefined }): string {
  return `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: ${o.name ?? 'truth'} }
spec:
  duration: ${Math.round(o.seconds)}s
  warmup: ${Math.round(o.warmup)}s
  drain: 0s
  seed: ${o.seed}
  interval: ${o.interval ?? '60s'}
  network: { sameZone: 0ms }
  traffic: ${o.traffic}
  services:
`;
}

/** A constant-rate Poisson source into `target`. */
export const poisson = (qps: number, target = 'api'): string => `{ target: ${target}, profile: { type: constant, qps: ${qps} } }`;

/** Evenly spaced arrivals (`arrivals: uniform`: every gap exactly 1/qps) into `target`, the D of D/M/c. */
export const evenly = (qps: number, target = 'api'): string => `{ target: ${target}, arrivals: uniform, profile: { type: constant, qps: ${qps} } }`;

/** A station of `replicas` servers behind one FIFO (shared-queue) whose service time is `latency` (scenario text). */
export const stationOf = (name: string, replicas: number, latency: string, extra = ''): string =>
  `    - { name: ${name}, replicas: ${replicas}, gpusPerReplica: 0, routing: shared-queue, latency: ${latency}${extra} }\n`;

/** An M/M/c station: `replicas` servers behind one FIFO (shared-queue), exponential service of mean `meanMs`. */
export const station = (name: string, replicas: number, meanMs: number, extra = ''): string => stationOf(name, replicas, `{ distribution: exponential, meanMs: ${meanMs} }`, extra);
