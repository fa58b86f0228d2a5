import { parseScenarioText } from '@design-sim/sim-core';
import { describe, expect, it } from 'vitest';
import { smallScenarioYaml } from '../testing/test-context.ts';
import { replicaCapacityQps } from './replica-capacity.ts';

const scenario = (yaml: string) => {
  const r = parseScenarioText(yaml, 't.yaml');
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  return r.scenario;
};

describe('replicaCapacityQps', () => {
  it('is concurrency ÷ mean service time', () => {
    expect(replicaCapacityQps(scenario(smallScenarioYaml()))).toBeCloseTo(20, 9);
    const four = smallScenarioYaml().replace('concurrency: 1', 'concurrency: 4').replace('{ distribution: constant, ms: 50 }', '{ distribution: exponential, meanMs: 100 }');
    expect(replicaCapacityQps(scenario(four))).toBeCloseTo(40, 9);
  });

  it('uses the lognormal mean, not the median', () => {
    const logn = smallScenarioYaml().replace('{ distribution: constant, ms: 50 }', '{ distribution: lognormal, p50Ms: 80, p99Ms: 250 }');
    const sigma = Math.log(250 / 80) / 2.3263478740408408;
    expect(replicaCapacityQps(scenario(logn))).toBeCloseTo(1 / (0.08 * Math.exp((sigma * sigma) / 2)), 6);
  });

  it('with batching, counts a full batch', () => {
    const batched = smallScenarioYaml().replace('nodePool: gpu', 'nodePool: gpu\n      batching: { maxBatchSize: 8, maxQueueDelay: 5ms, batchLatency: { baseMs: 20, perItemMs: 5 } }');
    expect(replicaCapacityQps(scenario(batched))).toBeCloseTo(8 / 0.06, 9);
  });
});
