import { describe, expect, it } from 'vitest';
import { formatPath, parsePath } from './scenario-issue.ts';
import { locatePath } from './yaml-locator.ts';

const TEXT = `spec:
  services:
    - name: model
      latency: { distribution: lognormal, p50Ms: 80 }
      hpa:
        metrics:
          - type: qpsPerReplica
  claims:
    training.days: 18
  anchor: &a { x: 1 }
  alias: *a
`;

describe('locatePath', () => {
  it.each([
    ['spec.services[0].name', 3, 13],
    ['spec.services[0].latency.p50Ms', 4, 50],
    ['spec.services[0].hpa.metrics[0].type', 7, 19],
    ['spec.claims["training.days"]', 9, 20],
    // Through an alias, the value lives where the anchor defines it.
    ['spec.alias.x', 10, 19],
  ])('%s → %d:%d', (path, line, column) => {
    expect(locatePath(TEXT, path)).toEqual({ line, column });
  });

  it('points at the key for unknown keys, and at the key of a block collection', () => {
    expect(locatePath(TEXT, 'spec.claims["training.days"]', { atKey: true })).toEqual({ line: 9, column: 5 });
    expect(locatePath(TEXT, 'spec.services[0].hpa')).toEqual({ line: 5, column: 7 });
  });

  it('falls back to the deepest ancestor that exists', () => {
    expect(locatePath(TEXT, 'spec.services[0].hpa.maxReplicas')).toEqual({ line: 5, column: 7 });
    expect(locatePath(TEXT, 'spec.services[3].name')).toEqual({ line: 2, column: 3 });
    expect(locatePath(TEXT, 'nothing.here')).toEqual({ line: 1, column: 1 });
  });

  it('returns null for a malformed path', () => {
    expect(locatePath(TEXT, 'spec..services')).toBeNull();
  });
});

describe('formatPath / parsePath', () => {
  it.each([
    [['spec', 'services', 0, 'latency', 'p99Ms'], 'spec.services[0].latency.p99Ms'],
    [['spec', 'claims', 'training.days'], 'spec.claims["training.days"]'],
    [[], ''],
    [['spec', 'traffic', 'profile', 'points', 1, 0], 'spec.traffic.profile.points[1][0]'],
  ])('%j ⇄ %s', (segments, text) => {
    expect(formatPath(segments)).toBe(text);
    expect(parsePath(text)).toEqual(segments);
  });
});
