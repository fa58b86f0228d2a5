import type { EngineConfig } from '../src/engine/engine-config.ts';
import { fleet, service } from '../src/test-support/builders.ts';

/**
 * A chain of `hops` M/M/64 stations at ρ = 0.8 (each calls the next, async servers, no network time):
 * the graph's per-hop cost against the single-station case (`hops` = 1 is mmc64 itself).
 */
export function chainConfig(hops: number, durationSeconds: number): EngineConfig {
  const base = fleet({ qps: 0.8 * 64 * 20, replicas: 64, serviceTime: { kind: 'exponential', meanSeconds: 1 / 20 }, routing: 'shared-queue', durationSeconds });
  const services = Array.from({ length: hops }, (_, i) =>
    service({
      ...base.services[0]!,
      name: `s${i}`,
      releaseDuringCalls: true,
      calls: i + 1 < hops ? [{ calls: [{ to: i + 1, probability: 1, async: false, timeoutSeconds: Infinity, retries: 0, backoff: { baseSeconds: 0, maxSeconds: 0, jitter: false }, connections: 0 }] }] : [],
    }),
  );
  return { ...base, services, networkSeconds: 0 };
}
