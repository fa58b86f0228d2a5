import { describe, expect, it } from 'vitest';
import { bucketOf } from '../metrics/latency-histogram.ts';
import { fleet } from '../test-support/builders.ts';
import { runEngine } from './simulation.ts';
import { expectConserved } from '../test-support/conservation.ts';

describe('a response cache in front of the replicas', () => {
  it('answers its hit ratio of requests at the cache latency and offloads the replicas', () => {
    const base = { qps: 100, replicas: 10, serviceTime: { kind: 'constant' as const, seconds: 0.05 }, durationSeconds: 3600 };
    const cached = runEngine(fleet({ ...base, service: { cache: { hitRatio: 0.3, latencySeconds: 0.002 } } }));
    const plain = runEngine(fleet(base));
    const hits = cached.latency.counts.slice(0, bucketOf(4)).reduce((a, b) => a + b, 0); // latencies below 4 ms
    expect(hits / cached.latency.count).toBeCloseTo(0.3, 2);
    // Mean = 0.3·2 ms + 0.7·50 ms when nothing queues.
    expect(cached.latency.mean()).toBeCloseTo(0.3 * 2 + 0.7 * 50, 0);
    expect(cached.gpuUtilizationMean).toBeLessThan(plain.gpuUtilizationMean * 0.75);
    expectConserved(cached);
  });
});
