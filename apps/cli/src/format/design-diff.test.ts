import { describe, expect, it } from 'vitest';
import { designDifferences, showValue } from './design-diff.ts';

describe('designDifferences', () => {
  it('lists changed, added and removed fields by path', () => {
    const a = { spec: { seed: 1, services: [{ replicas: 2, routing: 'random' }], canvas: { x: 1 } } };
    const b = { spec: { seed: 1, services: [{ replicas: 3 }], cluster: { clusters: 2 }, canvas: { x: 2 } } };
    expect(designDifferences(a, b)).toEqual([
      { path: 'spec.services[0].replicas', a: 2, b: 3 },
      { path: 'spec.services[0].routing', a: 'random', b: undefined },
      { path: 'spec.cluster', a: undefined, b: { clusters: 2 } },
    ]);
  });

  it('compares expectations as written and finds nothing in identical designs', () => {
    const e = (text: string) => ({ metric: 'latency.p99', op: '<', value: 1, text });
    expect(designDifferences({ spec: { expect: [e('latency.p99 < 1ms')] } }, { spec: { expect: [e('latency.p99 < 2ms')] } })).toEqual([
      { path: 'spec.expect[0]', a: 'latency.p99 < 1ms', b: 'latency.p99 < 2ms' },
    ]);
    expect(designDifferences({ spec: { a: [1, { b: 2 }] } }, { spec: { a: [1, { b: 2 }] } })).toEqual([]);
  });

  it('shows values briefly', () => {
    expect(showValue(undefined)).toBe('(absent)');
    expect(showValue('x')).toBe('x');
    expect(showValue({ a: 'x'.repeat(100) })).toHaveLength(60);
  });
});
