import { describe, expect, it } from 'vitest';
import { fleet } from '../test-support/builders.ts';
import { runEngine } from './simulation.ts';
import { expectConserved } from '../test-support/conservation.ts';

const batching = (maxBatchSize: number, delay: number) => ({
  maxBatchSize,
  maxQueueDelaySeconds: delay,
  // 20 ms + 5 ms per request in the batch.
  batchSeconds: Float64Array.from({ length: maxBatchSize + 1 }, (_, b) => 0.02 + 0.005 * b),
  callsPerBatch: false,
});

describe('dynamic batching', () => {
  it('a lone request waits the full queue delay, then runs as a batch of one', () => {
    const r = runEngine(fleet({ qps: 0.5, arrivals: 'uniform', replicas: 1, serviceTime: { kind: 'constant', seconds: 0 }, durationSeconds: 600, service: { batching: batching(8, 0.004) } }));
    expect(r.requests.served).toBeGreaterThan(290);
    expect(r.latency.min).toBeCloseTo(4 + 25, 6);
    expect(r.latency.max).toBeCloseTo(4 + 25, 6);
  });

  it('under load, batches fill before the delay and throughput exceeds one-at-a-time capacity', () => {
    // One at a time the replica serves 1 / 25 ms = 40 req/s; at 100 req/s only batching keeps up.
    const r = runEngine(fleet({ qps: 100, replicas: 1, serviceTime: { kind: 'constant', seconds: 0 }, durationSeconds: 600, service: { batching: batching(16, 0.01) } }));
    expect(r.requests.dropped + r.requests.timedOut).toBe(0);
    expect(r.requests.unfinished).toBeLessThan(100);
    expect(r.latency.quantile(0.99)).toBeLessThan(200);
  });

  it('never spins on a delay timer that rounding makes land a hair early (regression)', () => {
    // Poisson arrivals at non-representable times with a 7 ms delay used to re-arm the timer forever.
    const r = runEngine(fleet({ qps: 37.3, replicas: 3, serviceTime: { kind: 'constant', seconds: 0 }, durationSeconds: 900, seed: 99, service: { batching: batching(4, 0.007) } }));
    expectConserved(r);
  });
});
