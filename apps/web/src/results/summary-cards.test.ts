import { describe, expect, it } from 'vitest';
import type { PlainObject } from '../model/doc-path.ts';
import { llmDoc, runDoc, smallDoc } from '../test-support/fixtures.ts';
import { figureLength, splitValue, summaryCards } from './summary-cards.ts';

const byMetric = (doc: PlainObject) => Object.fromEntries(summaryCards(runDoc(doc)).map((c) => [c.metric, c]));

describe('what a card may paint green', () => {
  it('a passing line on another percentile leaves the figure shown neutral (a TTFT p99 is not green for ttft.p50 < 1s)', () => {
    const r = runDoc(llmDoc({ expect: ['ttft.p50 < 1s'] }));
    const ttft = summaryCards(r).find((c) => c.metric === 'ttft.p99')!;
    expect(r.expectations[0]!.pass).toBe(true);
    expect(ttft).toMatchObject({ status: 'neutral', raw: r.summary!.llm!.ttftMs.p99, detail: '✓ ttft.p50 < 1s' });
    // A line on the figure shown still paints it (llm-results.test.ts has the failing family member turning it red).
    expect(byMetric(llmDoc({ expect: ['ttft.p99 < 1s'] }))['ttft.p99']!.status).toBe('pass');
  });

  it('a card that meets its line while requests went unserved is amber and says how many', () => {
    // 6 replicas × 20 req/s (50 ms each) = 120 req/s against 110 offered, with room for one queued request a replica:
    // Poisson bursts find the queues full now and then, so a few requests are dropped and availability stays > 90%.
    const doc = smallDoc({ qps: 110, expect: ['availability >= 90%', 'latency.p99 < 10s'] });
    ((doc.spec as PlainObject).services as PlainObject[])[0]!.queue = { maxLength: 1 };
    const r = runDoc(doc);
    const m = r.summary!.measured;
    const unserved = m.dropped + m.timedOut;
    expect(unserved).toBeGreaterThan(0);
    expect(r.expectations.every((e) => e.pass)).toBe(true);
    const cards = Object.fromEntries(summaryCards(r).map((c) => [c.metric, c]));
    for (const metric of ['availability', 'latency.p99']) {
      expect(cards[metric]!.status, metric).toBe('warn');
      expect(cards[metric]!.detail, metric).toContain(`not served: ${unserved.toLocaleString('en-US')} of ${m.offered.toLocaleString('en-US')} requests not served`);
    }
    // The same lines on a run that served everything stay green.
    const served = byMetric(smallDoc({ qps: 50, expect: ['availability >= 90%', 'latency.p99 < 10s'] }));
    expect([served.availability!.status, served['latency.p99']!.status]).toEqual(['pass', 'pass']);
  });

  it('a priced card without a line says when its price is stale (g6e.xlarge on-demand: SKY_AWS_PRECUT, undated early 2025)', () => {
    const doc = smallDoc({ expect: ['latency.p99 < 1s'] });
    ((doc.spec as PlainObject).nodePools as PlainObject[])[0]!.instance = 'aws/us-east-1/g6e.xlarge';
    const cards = byMetric(doc);
    for (const metric of ['cost.hourly', 'cost.monthly', 'cost.per1k']) {
      expect(cards[metric]!.status, metric).toBe('stale');
      expect(cards[metric]!.detail, metric).toMatch(/^on a stale price: .*g6e\.xlarge.*observed by 2025-05-31/);
    }
    // Figures that are not priced keep their colours; a fresh price (g5.2xlarge, 2026) leaves the cards neutral.
    expect(cards['latency.p99']!.status).toBe('pass');
    expect(byMetric(smallDoc({ expect: ['latency.p99 < 1s'] }))['cost.hourly']!.status).toBe('neutral');
  });
});

describe('what a broken run paints red', () => {
  it('only the cards whose own figure shows the breakage: 0 unfinished requests stay neutral', () => {
    // A 2-minute spike of 400 req/s (from 2:00) against 6 replicas × 20 req/s (50 ms each) = 120 req/s, one queued
    // request a replica: most of the spike is dropped, and with no availability line that is an error. The spike ends
    // 6 minutes before the run does, so nothing is in flight at the end.
    const doc = smallDoc({ expect: ['cost.hourly < 100'] });
    const spec = doc.spec as PlainObject;
    spec.traffic = { profile: { type: 'spike', base: 0, peak: 400, at: '2m', duration: '2m' } };
    ((spec.services as PlainObject[])[0]!).queue = { maxLength: 1 };
    const r = runDoc(doc);
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['requests-failed']);
    expect(r.summary!.measured.unfinished).toBe(0);
    const cards = Object.fromEntries(summaryCards(r).map((c) => [c.metric, c]));
    expect(cards['requests.unfinished']).toMatchObject({ raw: 0, status: 'neutral', detail: 'no expectation in the scenario' });
    // Availability lost most of the spike: its own figure is bad, so it is red and says why.
    expect(cards.availability!.raw).toBeLessThan(0.9);
    expect(cards.availability!.status).toBe('fail');
    expect(cards.availability!.detail).toContain('were not served');
    // The served requests' p99 is one 50 ms service time (a queue of one adds at most another): not a broken figure.
    expect(cards['latency.p99']!.status).toBe('neutral');
  });
});

describe('splitValue', () => {
  it('sets a spaced unit word apart from its figure, and leaves values without one whole', () => {
    expect(splitValue('33 sequences')).toEqual({ figure: '33', unit: 'sequences' });
    expect(splitValue('1,234 requests')).toEqual({ figure: '1,234', unit: 'requests' });
    expect(splitValue('3.17 min')).toEqual({ figure: '3.17', unit: 'min' });
    expect(splitValue('64.7 d')).toEqual({ figure: '64.7', unit: 'd' });
    for (const v of ['$4.92', '100%', '690/s', '≥ $0', '—', '≤ 12%']) expect(splitValue(v)).toEqual({ figure: v, unit: '' });
  });
});

describe('figureLength', () => {
  it('sets figures past 7 characters smaller rather than cutting them ("$0.000123" ran past the card)', () => {
    expect(['$48,403', '99.975%', '2,195/s', '33'].map(figureLength)).toEqual(['normal', 'normal', 'normal', 'normal']);
    expect(['$0.000123', '$1,234,567'].map(figureLength)).toEqual(['long', 'long']);
    expect(figureLength('$12,345,678.9')).toBe('longer');
  });
});
