import { serviceSchema } from '@design-sim/sim-core';
import { describe, expect, it } from 'vitest';
import { batchMs, meanServiceMs, replicaCapacityQps } from './service-capacity.ts';

const svc = (extra: Record<string, unknown>) => serviceSchema.parse({ name: 's', ...extra });

describe('replica capacity', () => {
  it('is concurrency over the mean service time', () => {
    expect(replicaCapacityQps(svc({ latency: { distribution: 'constant', ms: 50 } }))).toBeCloseTo(20, 12);
    expect(replicaCapacityQps(svc({ concurrency: 4, latency: { distribution: 'exponential', meanMs: 100 } }))).toBeCloseTo(40, 12);
    expect(replicaCapacityQps(svc({ latency: { distribution: 'empirical', samplesMs: [40, 60] } }))).toBeCloseTo(20, 12);
  });

  it('uses the lognormal mean, exp(mu + sigma²/2), not the median', () => {
    // p50 = 50, p99 = 50·e^(2.326·0.5): sigma = 0.5, mean = 50·e^0.125 = 56.66 ms.
    const p99 = 50 * Math.exp(2.3263478740408408 * 0.5);
    expect(meanServiceMs({ distribution: 'lognormal', p50Ms: 50, p99Ms: p99 })).toBeCloseTo(50 * Math.exp(0.125), 9);
  });

  it('serves a full batch per batch time with dynamic batching', () => {
    const s = svc({ latency: { distribution: 'constant', ms: 50 }, batching: { maxBatchSize: 8, batchLatency: { baseMs: 30, perItemMs: 5 } } });
    expect(replicaCapacityQps(s)).toBeCloseTo((8 * 1000) / 70, 9);
    expect(batchMs({ points: [[1, 10], [4, 22]] }, 2)).toBeCloseTo(14, 12);
    expect(batchMs({ points: [[1, 10], [4, 22]] }, 9)).toBe(22);
  });

  it('has no single figure for token-level LLM serving', () => {
    expect(replicaCapacityQps(svc({ llm: { model: 'llama-3.1-8b', inputTokens: 100, outputTokens: 100 } }))).toBeNull();
  });
});
