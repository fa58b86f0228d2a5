import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CliError } from '../cli-error.ts';
import { MAX_SWEEP_VARIANTS, parseVaries, parseVary, parseVaryValues, variantValues } from './vary-spec.ts';

describe('parseVary', () => {
  it('reads the issue example: hpa.target=10..20:2', () => {
    expect(parseVary('hpa.target=10..20:2')).toEqual({ label: 'hpa.target', paths: [['spec', 'services', 0, 'hpa', 'metrics', 0, 'target']], values: [10, 12, 14, 16, 18, 20] });
  });

  it('reads several paths varied together', () => {
    expect(parseVary('replicas, minNodes,maxNodes=1..3')).toEqual({
      label: 'replicas, minNodes,maxNodes',
      paths: [['spec', 'services', 0, 'replicas'], ['spec', 'nodePools', 0, 'minNodes'], ['spec', 'nodePools', 0, 'maxNodes']],
      values: [1, 2, 3],
    });
    expect(() => parseVary('replicas,,maxNodes=1..3')).toThrow('empty path');
  });

  it('reads full paths, default steps, decimal steps and lists', () => {
    expect(parseVary('spec.services[0].replicas=3..5').values).toEqual([3, 4, 5]);
    expect(parseVary('spotShare=0..1:0.25').values).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(parseVary('spotShare=0..0.3:0.1').values).toEqual([0, 0.1, 0.2, 0.3]);
    expect(parseVary('routing=round-robin,least-outstanding').values).toEqual(['round-robin', 'least-outstanding']);
    expect(parseVary('hpa.maxReplicas=40, 70').values).toEqual([40, 70]);
    // Bracketed, the list is read whole: split at commas, its items were "[1", 2 and "x]", and the error named "[1".
    expect(parseVary('hpa.maxReplicas=[1,2,"x"]').values).toEqual([1, 2, 'x']);
    expect(parseVary('routing=[ round-robin, least-outstanding ]').values).toEqual(['round-robin', 'least-outstanding']);
    expect(() => parseVary('hpa.maxReplicas=[1,2')).toThrow(new CliError('--vary hpa.maxReplicas=[1,2: cannot read the list "[1,2": write a comma list a,b,c or a bracketed one [a, b, c] (YAML flow syntax)'));
    expect(() => parseVary('hpa.maxReplicas=[]')).toThrow('--vary hpa.maxReplicas=[]: no values');
  });

  it('reads duration ranges and writes them back in scenario syntax', () => {
    expect(parseVary('spec.services[0].startup.modelLoad=30s..2m:30s').values).toEqual(['30s', '1m', '1m30s', '2m']);
  });

  it('rejects bad ranges with the argument in the message', () => {
    expect(() => parseVary('hpa.target')).toThrow('--vary hpa.target: expected path=values');
    expect(() => parseVary('hpa.target=20..10')).toThrow('runs backwards');
    expect(() => parseVary('hpa.target=1..5:0')).toThrow('step must be a positive number');
    expect(() => parseVary('hpa.target=1..5:-1')).toThrow(/cannot read the range|positive/);
    expect(() => parseVary('hpa.target=a..b')).toThrow('cannot read the range');
    expect(() => parseVary('duration=1m..5m')).toThrow('needs a step');
    expect(() => parseVary('hpa.target=1,,2')).toThrow('empty value');
    expect(() => parseVary('hpa.target=0..1e6')).toThrow(`more than the ${MAX_SWEEP_VARIANTS} one field may take`);
    expect(() => parseVary('replicas=1e308..1e309')).toThrow("--vary replicas=1e308..1e309: the range's ends must be finite numbers");
    expect(() => parseVary('replicas=')).toThrow('no values after "="');
  });

  it('covers a range from its start to its end in whole steps', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 50 }), (a, span, step) => {
        const values = parseVaryValues('x', `${a}..${a + span}:${step}`) as number[];
        expect(values[0]).toBe(a);
        expect(values).toHaveLength(Math.floor(span / step) + 1);
        expect(values[values.length - 1]).toBeLessThanOrEqual(a + span);
        expect(a + span - values[values.length - 1]!).toBeLessThan(step);
      }),
    );
  });
});

describe('parseVaries', () => {
  it('refuses a field varied twice, or a field and a part of it (the later edit overwrote the earlier)', () => {
    expect(() => parseVaries(['hpa.target=1..3', 'hpa.target=4..5'])).toThrow(
      new CliError('--vary hpa.target=4..5: spec.services[0].hpa.metrics[0].target is already varied by --vary hpa.target=1..3: vary each field once (list several values, or several paths before "=" to move them together)'),
    );
    expect(() => parseVaries(['replicas=1..3', 'spec.services[0]={name: a}'])).toThrow(
      new CliError('--vary spec.services[0]={name: a}: spec.services[0] overlaps spec.services[0].replicas, which is already varied by --vary replicas=1..3: vary each field once (list several values, or several paths before "=" to move them together)'),
    );
    expect(() => parseVaries(['replicas,replicas=1..3'])).toThrow(/already varied/);
    expect(parseVaries(['replicas=1..3', 'maxNodes=4,5']).map((s) => s.label)).toEqual(['replicas', 'maxNodes']);
  });
});

describe('variantValues', () => {
  it('takes every combination, first --vary slowest', () => {
    expect(variantValues([parseVary('replicas=1..2'), parseVary('routing=a,b')])).toEqual([
      [1, 'a'],
      [1, 'b'],
      [2, 'a'],
      [2, 'b'],
    ]);
  });

  it('caps the product', () => {
    expect(() => variantValues([parseVary('replicas=1..1000'), parseVary('concurrency=1..11')])).toThrow('11000 combinations');
  });
});
