import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../scenario/parse-scenario.ts';
import { buildSearchSpace } from './build-search-space.ts';

const text = (hpa: string) => `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: space }
spec:
  duration: 10m
  traffic: { profile: { type: constant, qps: 50 } }
  services:
    - name: a
      replicas: 3
      latency: { distribution: constant, ms: 50 }
      nodePool: gpu
${hpa}
  nodePools:
    - { name: gpu, instance: aws/us-east-1/g5.2xlarge, minNodes: 3, maxNodes: 3 }
`;

function scenario(hpa = '') {
  const r = parseScenarioText(text(hpa), 'space.yaml');
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  return r.scenario;
}

describe('buildSearchSpace', () => {
  it('bisects a fixed fleet: replicas with its pool bounds together, upwards', () => {
    const space = buildSearchSpace(scenario(), [
      { label: 'replicas,minNodes,maxNodes', paths: [['spec', 'services', 0, 'replicas'], ['spec', 'nodePools', 0, 'minNodes'], ['spec', 'nodePools', 0, 'maxNodes']], values: [1, 2, 3] },
    ]);
    expect(space.dimensions).toEqual([
      {
        label: 'replicas,minNodes,maxNodes',
        paths: ['spec.services[0].replicas', 'spec.nodePools[0].minNodes', 'spec.nodePools[0].maxNodes'],
        values: [1, 2, 3],
        capacity: 'up',
        reason: 'a fixed fleet: one more replica is one more server for the same traffic',
      },
    ]);
  });

  it('enumerates replicas under an HPA, and a list of instance types', () => {
    const hpa = '      hpa: { minReplicas: 1, maxReplicas: 9, metrics: [{ type: concurrency, target: 4 }] }';
    const space = buildSearchSpace(scenario(hpa), [
      { label: 'replicas', paths: [['spec', 'services', 0, 'replicas']], values: [1, 2] },
      { label: 'instance', paths: [['spec', 'nodePools', 0, 'instance']], values: ['a', 'b'] },
      { label: 'maxReplicas', paths: [['spec', 'services', 0, 'hpa', 'maxReplicas']], values: ['x', 2] },
    ]);
    expect(space.dimensions.map((d) => [d.capacity, d.reason])).toEqual([
      [null, 'the service has an HPA, so replicas is only its starting count'],
      [null, 'no known order: every value is tried'],
      [null, 'its values are not all numbers'],
    ]);
  });
});
