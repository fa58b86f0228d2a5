import { describe, expect, it } from 'vitest';
import { scenarioSchema } from '../scenario/scenario-schema.ts';
import { fieldCapacity, linkedCapacity } from './monotone-fields.ts';

const scenario = (hpa: boolean) =>
  scenarioSchema.parse({
    apiVersion: 'design-sim/v1',
    kind: 'Scenario',
    metadata: { name: 'm' },
    spec: {
      duration: '10m',
      traffic: { profile: { type: 'constant', qps: 10 } },
      services: [{ name: 's', replicas: 2, latency: { distribution: 'constant', ms: 10 }, ...(hpa ? { hpa: { maxReplicas: 5, metrics: [{ type: 'concurrency', target: 2 }] } } : {}) }],
    },
  });

describe('fieldCapacity', () => {
  it('knows which fields add capacity, and which way', () => {
    const s = scenario(true);
    const dir = (path: (string | number)[]) => fieldCapacity(path, s).direction;
    expect(dir(['spec', 'services', 0, 'hpa', 'maxReplicas'])).toBe('up');
    expect(dir(['spec', 'services', 0, 'hpa', 'metrics', 0, 'target'])).toBe('down');
    expect(dir(['spec', 'nodePools', 0, 'maxNodes'])).toBe('up');
    expect(dir(['spec', 'nodePools', 0, 'spotShare'])).toBe('down');
    expect(dir(['spec', 'services', 0, 'routing'])).toBeNull();
    expect(dir(['spec', 'nodePools', 0, 'instance'])).toBeNull();
  });

  it('treats replicas as capacity only for a fixed fleet (with an HPA it is the starting count)', () => {
    expect(fieldCapacity(['spec', 'services', 0, 'replicas'], scenario(false)).direction).toBe('up');
    expect(fieldCapacity(['spec', 'services', 0, 'replicas'], scenario(true))).toEqual({ direction: null, reason: 'the service has an HPA, so replicas is only its starting count' });
  });

  it('links fields only when they all move capacity the same way', () => {
    const up = { direction: 'up' as const, reason: 'u' };
    const down = { direction: 'down' as const, reason: 'd' };
    expect(linkedCapacity([up, up]).direction).toBe('up');
    expect(linkedCapacity([up, down]).direction).toBeNull();
    expect(linkedCapacity([up, { direction: null, reason: 'no order' }])).toEqual({ direction: null, reason: 'no order' });
  });
});
