import { expect } from 'vitest';
import type { EngineResult } from '../engine/engine-result.ts';

/**
 * Every request ends in exactly one bucket, checked against independent counts: the unfinished ones are
 * the request slots still taken at the end (not the difference of the counters), and the measured
 * unfinished ones are those the latency summary recorded as censored.
 */
export function expectConserved(r: EngineResult): void {
  const q = r.requests;
  expect(q.offered).toBe(q.served + q.dropped + q.timedOut + q.unfinished);
  expect(q.unfinished).toBe(r.inFlightAtStop);
  const m = r.measured;
  expect(m.offered).toBe(m.served + m.dropped + m.timedOut + m.unfinished);
  expect(m.unfinished).toBe(r.censored);
  expect(m.offered).toBeLessThanOrEqual(q.offered);
}
