import { describe, expect, it } from 'vitest';
import { smallDoc } from '../test-support/fixtures.ts';
import schemaText from '../../../../content/schema/scenario.schema.json?raw';
import { fieldHelp, helpLine, inputUnit, schemaAt, type SchemaNode } from './schema-help.ts';

// The committed schema, as the app loads it (generated from sim-core's zod schema).
const schema = JSON.parse(schemaText) as SchemaNode;

describe('inspector help from the scenario schema', () => {
  const doc = smallDoc();
  (doc.spec as Record<string, unknown>).services = [
    { name: 'model', replicas: 2, latency: { distribution: 'constant', ms: 50 }, nodePool: 'gpu', hpa: { maxReplicas: 9, metrics: [{ type: 'qpsPerReplica', target: 15 }] } },
  ];

  it("gives each field its zod description, through arrays and discriminated unions", () => {
    expect(fieldHelp(schema, doc, ['spec', 'duration']).description).toMatch(/^Simulated horizon/);
    expect(fieldHelp(schema, doc, ['spec', 'services', 0, 'hpa', 'maxReplicas']).description).toBe('Upper bound on replicas');
    expect(fieldHelp(schema, doc, ['spec', 'services', 0, 'hpa', 'metrics', 0, 'target']).description).toBe('Target requests/s per replica');
    expect(fieldHelp(schema, doc, ['spec', 'traffic', 'profile', 'qps']).description).not.toBeNull();
    expect(schemaAt(schema, doc, ['spec', 'nope'])).toBeUndefined();
  });

  it('puts the unit in the box: from the label, or what a bare number means', () => {
    const duration = fieldHelp(schema, doc, ['spec', 'duration']);
    expect(duration.numberUnit).toBe('seconds');
    expect(inputUnit('Duration', duration, '7200')).toEqual({ label: 'Duration', unit: 's' });
    expect(inputUnit('Duration', duration, '2h')).toEqual({ label: 'Duration', unit: null });
    expect(inputUnit('From (req/s)', { description: null, numberUnit: null }, '100')).toEqual({ label: 'From', unit: 'req/s' });
    expect(inputUnit('Tolerance', fieldHelp(schema, doc, ['spec', 'services', 0, 'hpa', 'tolerance']), '')).toEqual({ label: 'Tolerance', unit: '0–1' });
  });

  it("shows a field's help once: the schema's description, and the form's hint only when it adds to it", () => {
    const concurrency = fieldHelp(schema, doc, ['spec', 'services', 0, 'concurrency']).description;
    expect(concurrency).toMatch(/requests served at once per replica/i);
    // The form's hint for concurrency repeats the description: shown once.
    expect(helpLine(concurrency, 'requests served at once per replica')).toBe(concurrency);
    expect(helpLine('Upper bound on replicas', 'e.g. 20')).toBe('Upper bound on replicas — e.g. 20');
    expect(helpLine(null, 'e.g. 20')).toBe('e.g. 20');
    expect(helpLine(null, undefined)).toBeNull();
  });
});
