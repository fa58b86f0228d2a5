/**
 * Scenario text for the truth checks, written as a user would (the fidelity tests parse it; the CLI report
 * runs it through `design-sim run --json`): one head, Poisson traffic, and M/M/c stations behind a shared queue.
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

/** An M/M/c station: `replicas` servers behind one FIFO (shared-queue), exponential service of mean `meanMs`. */
export const station = (name: string, replicas: number, meanMs: number, extra = ''): string =>
  `    - { name: ${name}, replicas: ${replicas}, gpusPerReplica: 0, routing: shared-queue, latency: { distribution: exponential, meanMs: ${meanMs} }${extra} }\n`;
