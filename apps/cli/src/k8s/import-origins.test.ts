import type { ScenarioIssue } from '@design-sim/sim-core';
import { describe, expect, it } from 'vitest';
import { atManifestField, originOf, type FieldOrigin } from './import-origins.ts';
import type { ObjectPlace } from './manifest-fields.ts';

const place = (object: string): ObjectPlace => ({ file: 'm.yaml', object, locate: (path) => (path.length === 0 ? { line: 1, column: 1 } : { line: 10 + path.length, column: 3 }) });
const origins: FieldOrigin[] = [
  { scenario: ['spec', 'services', 0], place: place('Deployment/api'), field: [] },
  { scenario: ['spec', 'services', 0, 'hpa'], place: place('HorizontalPodAutoscaler/api'), field: [] },
  { scenario: ['spec', 'services', 0, 'hpa', 'maxReplicas'], place: place('HorizontalPodAutoscaler/api'), field: ['spec', 'maxReplicas'] },
];
const issue = (path: string): ScenarioIssue => ({ file: 'imported.yaml', line: 7, column: 5, path, message: 'must be at most 10000, got 1e9' });

describe('import origins', () => {
  it('takes the longest recorded path an issue path starts with', () => {
    expect(originOf(origins, ['spec', 'services', 0, 'hpa', 'maxReplicas'])?.field).toEqual(['spec', 'maxReplicas']);
    expect(originOf(origins, ['spec', 'services', 0, 'hpa', 'metrics', 0])?.place.object).toBe('HorizontalPodAutoscaler/api');
    expect(originOf(origins, ['spec', 'services', 0, 'latency'])?.place.object).toBe('Deployment/api');
    // services[1] does not start with services[0] (a prefix of segments, not of text: [1] vs [10]).
    expect(originOf(origins, ['spec', 'services', 1])).toBeUndefined();
    expect(originOf(origins, ['spec', 'duration'])).toBeUndefined();
  });

  it('tells an issue at the manifest field, keeping the scenario path in the message', () => {
    expect(atManifestField(issue('spec.services[0].hpa.maxReplicas'), origins)).toEqual({
      file: 'm.yaml',
      line: 12,
      column: 3,
      path: 'HorizontalPodAutoscaler/api spec.maxReplicas',
      message: 'must be at most 10000, got 1e9 (spec.services[0].hpa.maxReplicas of the imported scenario)',
    });
    // A whole object: named alone, at its first line.
    expect(atManifestField(issue('spec.services[0].latency.meanMs'), origins)).toMatchObject({ line: 1, path: 'Deployment/api' });
    expect(atManifestField(issue('spec.traffic'), origins)).toBeUndefined();
  });
});
