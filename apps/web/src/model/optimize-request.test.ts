import { describe, expect, it } from 'vitest';
import { smallDoc } from '../test-support/fixtures.ts';
import { optimizeFields, defaultRange } from './optimize-fields.ts';
import { cliCommand, rowValues, variedFields, type VaryRow } from './optimize-request.ts';

const fields = optimizeFields(smallDoc());
const byId = (id: string) => fields.find((f) => f.id === id)!;
const row = (fieldId: string, extra: Partial<VaryRow> = {}): VaryRow => ({ fieldId, from: '1', to: '4', step: '1', choices: [], with: null, ...extra });

describe('Optimize panel fields', () => {
  it('offers the sizing fields of each service and pool with their current values', () => {
    expect(fields.map((f) => [f.id, f.kind, f.current])).toEqual([
      ['spec.services[0].replicas', 'integer', 6],
      ['spec.services[0].concurrency', 'integer', 1],
      ['spec.nodePools[0].instance', 'instance', 'aws/us-east-1/g5.2xlarge'],
      ['spec.nodePools[0].minNodes', 'integer', 6],
      ['spec.nodePools[0].maxNodes', 'integer', 10],
      ['spec.nodePools[0].spotShare', 'fraction', 0],
    ]);
    expect(defaultRange(byId('spec.services[0].replicas'))).toEqual({ from: '1', to: '18', step: '1' });
    expect(defaultRange(byId('spec.nodePools[0].spotShare'))).toEqual({ from: '0', to: '1', step: '0.25' });
  });

  it('turns rows into dimensions, linked rows joining their leader, and names the CLI command', () => {
    const rows = [row('spec.services[0].replicas', { to: '12' }), row('spec.nodePools[0].minNodes', { with: 'spec.services[0].replicas' }), row('spec.nodePools[0].instance', { choices: ['a', 'b'] })];
    const r = variedFields(fields, rows);
    if (!r.ok) throw new Error(r.message);
    expect(r.fields).toEqual([
      { label: 'model · replicas + gpu · minNodes', paths: [['spec', 'services', 0, 'replicas'], ['spec', 'nodePools', 0, 'minNodes']], values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] },
      { label: 'gpu · instance', paths: [['spec', 'nodePools', 0, 'instance']], values: ['a', 'b'] },
    ]);
    expect(cliCommand('small.yaml', r.fields, 'cost.hourly', 3, rows, fields)).toBe(
      "design-sim optimize small.yaml --vary 'spec.services[0].replicas,spec.nodePools[0].minNodes=1..12' --vary 'spec.nodePools[0].instance=a,b'",
    );
    expect(cliCommand('small.yaml', r.fields.slice(0, 1), 'cost.monthly', 5, rows, fields)).toMatch(/=1\.\.12' --minimize cost.monthly --seeds 5$/);
  });

  it('says what is wrong with a row, naming it', () => {
    const f = byId('spec.services[0].replicas');
    expect(rowValues(f, row(f.id, { from: '5', to: '2' }))).toEqual({ ok: false, message: 'model · replicas: the range runs backwards (from 5 to 2); write the lower value first' });
    expect(rowValues(f, row(f.id, { step: '0' }))).toEqual({ ok: false, message: 'model · replicas: the step must be a positive number' });
    expect(rowValues(f, row(f.id, { to: '2.5' }))).toEqual({ ok: false, message: 'model · replicas: whole numbers only' });
    expect(rowValues(f, row(f.id, { to: '5000' }))).toEqual({ ok: false, message: 'model · replicas: 5000 values is more than the 1000 one field may take here; use a larger step (or the CLI)' });
    expect(rowValues(byId('spec.nodePools[0].spotShare'), row('x', { from: '0', to: '0.3', step: '0.1' }))).toEqual({ ok: true, values: [0, 0.1, 0.2, 0.3] });
    expect(rowValues(byId('spec.nodePools[0].instance'), row('x'))).toEqual({ ok: false, message: 'gpu · instance: pick at least one instance type' });
    expect(variedFields(fields, [])).toEqual({ ok: false, message: 'Pick at least one field to vary.' });
    expect(variedFields(fields, [row('spec.services[0].replicas'), row('spec.nodePools[0].instance', { with: 'spec.services[0].replicas' })])).toEqual({
      ok: false,
      message: 'gpu · instance cannot take the values of model · replicas',
    });
  });
});
