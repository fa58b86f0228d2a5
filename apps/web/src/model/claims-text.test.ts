import { parseScenarioText } from '@design-sim/sim-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatClaimsText, parseClaimsText } from './claims-text.ts';
import { DEFAULT_EXAMPLE_TEXT } from './default-example.ts';
import { asObject, setIn } from './doc-path.ts';
import { docToYaml, yamlToDoc } from './scenario-yaml.ts';

const example = () => {
  const r = yamlToDoc(DEFAULT_EXAMPLE_TEXT);
  if (!r.ok) throw new Error('the example does not read');
  return r.doc;
};

describe('the claims box text', () => {
  it("shows a seed's quoted claim as readable text, not JSON", () => {
    const claims = asObject(asObject(example().spec).claims);
    const text = formatClaimsText(claims);
    expect(text).toContain('replicas.max: 65 — "Peak (1000 QPS) -> HPA scales to 65 pods (65 GPUs)"');
    expect(text).toContain('scaleUp.p50: 2.5 — "Scale-up time: 2-3 minutes (new pods + node provisioning)"');
    // No line is shown as JSON (a quote may hold braces of its own).
    expect(text.split('\n').filter((l) => /^[^:]+: [{"]/.test(l))).toEqual([]);
    expect(parseClaimsText(text)).toEqual(claims);
  });

  it('reads and shows not-modelled claims, text values and plain numbers', () => {
    const claims = {
      'gpus.peak': 70,
      'cost.hourly': '$1.36',
      'costs.monthly[fsx]': { value: 600, quote: '~$600/month for 1.2TB Lustre' },
      availability: { value: '99.9%', notModelled: 'regional failover is not in the spec' },
      'latency.p99': { value: '200ms', quote: 'p99 "about" 200 ms', notModelled: 'the (client) network is not modelled' },
    };
    const text = formatClaimsText(claims);
    expect(text.split('\n')).toEqual([
      'gpus.peak: 70',
      'cost.hourly: $1.36',
      'costs.monthly[fsx]: 600 — "~$600/month for 1.2TB Lustre"',
      'availability: 99.9% (not modelled: regional failover is not in the spec)',
      'latency.p99: 200ms — "p99 "about" 200 ms" (not modelled: the (client) network is not modelled)',
    ]);
    expect(parseClaimsText(text)).toEqual(claims);
  });

  it('reads what a user types: no dash before the quote, a JSON value, a line without a value', () => {
    expect(parseClaimsText('gpus.peak: 64 "my guess"\n\n  cost.monthly: {"value": 30000}\nnonsense\ntraining.days:')).toEqual({
      'gpus.peak': { value: 64, quote: 'my guess' },
      'cost.monthly': { value: 30000 },
      nonsense: null,
      'training.days': null,
    });
    expect(parseClaimsText('cost.monthly: {not json')).toEqual({ 'cost.monthly': '{not json' });
    expect(parseClaimsText(' \n ')).toBeUndefined();
  });

  it('shows as JSON what its readable line would not read back as (lossless)', () => {
    expect(formatClaimsText({ a: { value: 1 } })).toBe('a: {"value":1}');
    expect(formatClaimsText({ a: { value: 1, quote: 'two\nlines' } })).toBe('a: {"value":1,"quote":"two\\nlines"}');
    expect(formatClaimsText({ a: 'true', b: true })).toBe('a: "true"\nb: true');
  });

  it('reads back every value it shows (property)', () => {
    const text = fc.string({ maxLength: 40 });
    const scalar = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), text);
    const claim = fc.oneof(
      scalar,
      fc.record({ value: scalar, quote: text, notModelled: text }, { requiredKeys: ['value'] }),
    );
    const key = fc.stringMatching(/^[a-z][a-z.]{0,12}$/);
    fc.assert(
      fc.property(fc.dictionary(key, claim, { minKeys: 1, maxKeys: 5 }), (claims) => {
        // JSON is the document's own model of numbers (-0 is 0 in YAML and JSON alike).
        const expected = JSON.parse(JSON.stringify(claims)) as unknown;
        expect(parseClaimsText(formatClaimsText(claims))).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it("the example's claims read back from the box are still valid claims for sim-core", () => {
    const doc = example();
    const claims = parseClaimsText(formatClaimsText(asObject(doc.spec).claims));
    expect(claims).toEqual(asObject(doc.spec).claims);
    const r = parseScenarioText(docToYaml(setIn(doc, ['spec', 'claims'], claims)), 'x.yaml');
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
    expect(r.scenario.spec.claims.slice(0, 2).map((c) => [c.key, c.value, c.quote])).toEqual([
      ['replicas.max', 65, 'Peak (1000 QPS) -> HPA scales to 65 pods (65 GPUs)'],
      ['gpus.peak', 65, 'Peak (1000 QPS) -> HPA scales to 65 pods (65 GPUs)'],
    ]);
  });
});
