import { describe, expect, it } from 'vitest';
import type { ScenarioClaim } from './claims-schema.ts';
import { claimRatioText } from './claim-miss-text.ts';
import { CLAIM_OFF_PCT, CLAIM_OK_PCT, evaluateExpectations, formatExpectationResult, gradeClaims, parseExpectation, type Expectation } from './expectations.ts';
import { formatMetricValue, parseMetricValue } from './metric-value.ts';
import { getMetric, METRIC_NAMES, METRICS } from './metrics.ts';

function parsed(text: string): Expectation {
  const r = parseExpectation(text);
  if (!r.ok) throw new Error(r.message);
  return r.expectation;
}

/** The message line for a line that must not parse. */
function problem(text: string): string {
  const r = parseExpectation(text);
  if (r.ok) throw new Error(`expected ${text} to be rejected`);
  return r.suggestion === undefined ? r.message : `${r.message} (did you mean ${JSON.stringify(r.suggestion)}?)`;
}

describe('parseExpectation', () => {
  it.each([
    ['latency.p99 < 100ms', 'latency.p99', '<', 100],
    ['latency.p99 < 2s', 'latency.p99', '<', 2000],
    ['latency.p50<45', 'latency.p50', '<', 45],
    ['availability >= 99.9%', 'availability', '>=', 0.999],
    ['availability >= 0.999', 'availability', '>=', 0.999],
    ['cost.monthly < 40000', 'cost.monthly', '<', 40_000],
    ['cost.monthly <= $40,000', 'cost.monthly', '<=', 40_000],
    ['cost.total < 1.2K', 'cost.total', '<', 1200],
    ['training.days <= 30', 'training.days', '<=', 30],
    ['training.days <= 36h', 'training.days', '<=', 1.5],
    ['training.hours > 2d', 'training.hours', '>', 48],
    ['requests.dropped == 0', 'requests.dropped', '==', 0],
    ['training.flops != 8.4e22', 'training.flops', '!=', 8.4e22],
    ['training.budgetFits == true', 'training.budgetFits', '==', 1],
    ['replicas.max <= 70', 'replicas.max', '<=', 70],
  ])('%s', (text, metric, op, value) => {
    expect(parsed(text)).toEqual({ metric, op, value, text });
  });

  it('explains what is wrong, with a fix when there is one', () => {
    expect(problem('latency.p98 < 100ms')).toMatchInlineSnapshot(`"unknown metric "latency.p98" (did you mean "latency.p90"?)"`);
    expect(problem('latncy.p99 < 100ms')).toMatchInlineSnapshot(`"unknown metric "latncy.p99" (did you mean "latency.p99"?)"`);
    expect(problem('availability >= 99.9')).toMatchInlineSnapshot(`"availability is a fraction: expected a percentage like 99.9% or a fraction like 0.999, got "99.9" (did you mean "availability >= 99.9%"?)"`);
    expect(problem('latency.p99 < 99%')).toMatchInlineSnapshot(`"latency.p99 is a latency in ms: expected a latency like 100ms or 1.5s, or a number of ms, got "99%""`);
    expect(problem('latency.p99 < 5 minutes')).toMatchInlineSnapshot(`"latency.p99 is a latency in ms: expected a latency like 100ms or 1.5s, or a number of ms, got "5 minutes" (did you mean "latency.p99 < 5m"?)"`);
    expect(problem('cost.monthly < 40000ms')).toMatchInlineSnapshot(`"cost.monthly is in USD/month: expected a USD amount like 40000, $40,000 or 40K, got "40000ms""`);
    expect(problem('latency.p99 = 100ms')).toMatchInlineSnapshot(`"unknown operator "=": use one of < <= > >= == != (did you mean "latency.p99 == 100ms"?)"`);
    expect(problem('latency.p99 ≤ 100ms')).toMatchInlineSnapshot(`"unknown operator "≤": use one of < <= > >= == != (did you mean "latency.p99 <= 100ms"?)"`);
    expect(problem('latency.p99 <')).toMatchInlineSnapshot(`"missing the value after "<""`);
    expect(problem('p99 latency under 100ms')).toMatchInlineSnapshot(`"expected "<metric> <op> <value>" with op one of < <= > >= == !=, e.g. "latency.p99 < 100ms", got "p99 latency under 100ms""`);
    expect(problem('availability >= 120%')).toMatchInlineSnapshot(`"availability is a fraction: expected a percentage like 99.9% or a fraction like 0.999, got "120%""`);
    // A duration or a count below zero could only fail or always pass: refused (money may be negative: a saving).
    expect(problem('latency.p99 < -5ms')).toBe('latency.p99 is never negative: got "-5ms" (expected a latency like 100ms or 1.5s, or a number of ms, at least 0)');
    expect(problem('scaleUp.max < -1')).toMatch(/^scaleUp.max is never negative/);
    expect(parseExpectation('latency.p99 < 0ms').ok).toBe(true);
  });
});

describe('evaluateExpectations', () => {
  const values: Record<string, number> = { 'latency.p99': 85.2, availability: 0.9995, 'cost.monthly': 40_000, 'replicas.max': 70 };
  const lookup = (m: string) => values[m] ?? null;

  it('compares in canonical units and reports unit and actual', () => {
    const results = evaluateExpectations(['latency.p99 < 100ms', 'availability >= 99.9%', 'cost.monthly < 40000', 'replicas.max == 70'].map(parsed), lookup);
    expect(results.map((r) => [r.text, r.pass, r.actual, r.unit])).toEqual([
      ['latency.p99 < 100ms', true, 85.2, 'ms'],
      ['availability >= 99.9%', true, 0.9995, 'fraction'],
      ['cost.monthly < 40000', false, 40_000, 'USD/month'],
      ['replicas.max == 70', true, 70, 'replicas'],
    ]);
  });

  it('a metric the run does not have fails with a reason', () => {
    const [r] = evaluateExpectations([parsed('training.days <= 30')], lookup);
    expect(r).toEqual({ text: 'training.days <= 30', metric: 'training.days', op: '<=', expected: 30, actual: null, pass: false, unit: 'days', reason: 'this run has no value for training.days' });
    expect(formatExpectationResult(evaluateExpectations([parsed('latency.p99 < 100ms')], lookup)[0]!)).toBe('PASS latency.p99 < 100ms (actual 85.2 ms)');
    expect(formatExpectationResult(r!)).toMatchInlineSnapshot(`"FAIL training.days <= 30 (this run has no value for training.days)"`);
  });

  it('== and <= tolerate float noise; < does not', () => {
    const noisy = () => 0.1 + 0.2;
    expect(evaluateExpectations([parsed('cost.total == 0.3'), parsed('cost.total <= 0.3'), parsed('cost.total < 0.3')], noisy).map((r) => r.pass)).toEqual([true, true, false]);
  });

  it('NaN never passes', () => {
    expect(evaluateExpectations([parsed('latency.max < 100ms')], () => NaN)[0]).toMatchObject({ pass: false, reason: 'latency.max is not a number in this run' });
  });
});

describe('gradeClaims', () => {
  it(`ok within ±${CLAIM_OK_PCT}%, off within ${CLAIM_OFF_PCT}% above or 1.5× below, way-off beyond, unknown without a value`, () => {
    const actual: Record<string, number> = { 'training.days': 20, 'training.costUsd': 40_000, 'training.gpuHours': 1000, 'training.flops': 0 };
    const grades = gradeClaims(
      { 'training.days': 18, 'training.costUsd': 30_000, 'training.gpuHours': 1700, 'training.flops': 0, 'training.lostDays': 1 },
      (m) => actual[m] ?? null,
      (m) => (m === 'training.days' ? '6·N·D / (GPUs × peak × MFU)' : undefined),
    );
    expect(grades.map((g) => [g.metric, g.errorPct, g.verdict])).toEqual([
      ['training.days', -10, 'ok'],
      ['training.costUsd', -25, 'off'],
      ['training.gpuHours', 70, 'way-off'],
      ['training.flops', 0, 'ok'],
      ['training.lostDays', null, 'unknown'],
    ]);
    expect(grades[0]).toMatchObject({ claimed: 18, actual: 20, unit: 'days', formula: '6·N·D / (GPUs × peak × MFU)' });
    expect(grades[1]?.formula).toBeNull();
  });

  it('band edges are inclusive and a claim against a zero result is way-off', () => {
    const g = (claimed: number, actual: number) => gradeClaims({ 'cost.total': claimed }, () => actual)[0]?.verdict;
    expect([g(110, 100), g(150, 100), g(150.01, 100), g(1, 0)]).toEqual(['ok', 'off', 'way-off', 'way-off']);
    // Symmetric in ratio: half the result is 2× too low, as wrong as twice the result.
    expect([g(90, 100), g(100 / 1.5, 100), g(66, 100), g(50, 100)]).toEqual(['ok', 'off', 'way-off', 'way-off']);
  });

  it('yes/no claims are right or way-off', () => {
    const g = (claimed: number, actual: number) => gradeClaims({ 'training.budgetFits': claimed }, () => actual)[0]?.verdict;
    expect([g(1, 1), g(0, 1)]).toEqual(['ok', 'way-off']);
  });

  it('does not grade a claim marked not modelled, and keeps its quote and reason', () => {
    const claims: ScenarioClaim[] = [
      { key: 'cost.hourly', metric: 'cost.hourly', item: null, value: 1.36, quote: '$1.36/hr baseline', notModelled: 'includes CPU nodes the run has no price for' },
      { key: 'costs.monthly[fsx]', metric: 'costs.monthly', item: 'fsx', value: 600, quote: '~$600/month', notModelled: null },
    ];
    const looked: [string, string | null][] = [];
    const grades = gradeClaims(claims, (m, item) => {
      looked.push([m, item]);
      return 174;
    });
    expect(looked).toEqual([['costs.monthly', 'fsx']]);
    expect(grades[0]).toMatchObject({ verdict: 'not-modelled', actual: null, errorPct: null, reason: 'includes CPU nodes the run has no price for', quote: '$1.36/hr baseline' });
    expect(grades[1]).toMatchObject({ key: 'costs.monthly[fsx]', metric: 'costs.monthly', item: 'fsx', verdict: 'way-off', quote: '~$600/month' });
    expect(claimRatioText(grades[1]!)).toBe('3.4× too high');
  });
});

describe('metric table', () => {
  it('has unique names, each with a unit and a description', () => {
    expect(new Set(METRIC_NAMES).size).toBe(METRICS.length);
    for (const m of METRICS) {
      expect(m.unit.length).toBeGreaterThan(0);
      expect(m.description.length).toBeGreaterThan(10);
    }
  });

  it('lists every metric of the agreed spec', () => {
    const spec = [
      ...['p50', 'p90', 'p95', 'p99', 'p999', 'mean', 'max'].map((q) => `latency.${q}`),
      'availability',
      ...['offered', 'served', 'dropped', 'timedOut', 'unfinished'].map((q) => `requests.${q}`),
      'backlog.max',
      'backlog.waitingMax',
      ...['max', 'min', 'mean'].flatMap((q) => [`replicas.${q}`, `nodes.${q}`]),
      'gpus.peak',
      'gpus.utilization',
      'spotInterruptions',
      ...['total', 'hourly', 'monthly', 'per1k', 'perMillion'].map((q) => `cost.${q}`),
      ...['days', 'hours', 'gpuHours', 'costUsd', 'flops', 'lostDays', 'interruptions', 'budgetFits'].map((q) => `training.${q}`),
      ...['p50', 'p90', 'p95', 'p99', 'mean'].map((q) => `ttft.${q}`),
      ...['p50', 'p90', 'p99', 'mean'].map((q) => `tpot.${q}`),
      ...['p50', 'p90', 'p99', 'mean'].map((q) => `itl.${q}`),
      'tokens.outputPerSecond',
      'prefixCache.hitRate',
      'prefixCache.tokenHitRate',
      'prefixCache.prefillSaved',
      'prefixCache.gpuHoursSaved',
      'ttft.cached.p50',
      'ttft.cached.p99',
      'ttft.uncached.p50',
      'ttft.uncached.p99',
      'cost.perMillionTokens',
      'cost.perMillionInputTokens',
      'cost.perMillionOutputTokens',
      'kvCache.preemptions',
      'lora.delayedRequests',
      'lora.diskLoads',
      'kvTransfer.meanMs',
      'replicas.offPeakReduction',
      'scaleUp.p50',
      'scaleUp.max',
      ...['hoursAtZero', 'coldStarts', 'coldStartP50', 'coldStartMax', 'waited', 'failed', 'gpuHoursAtZero', 'savedUsd'].map((q) => `scaleToZero.${q}`),
      'cost.savingVsBaseline',
      'training.memoryGB',
      'training.memoryPerGpuGB',
      'training.memoryFits',
      'training.peakTflopsPerGpu',
      ...['total', 'monthly', 'hourly', 'transferHours'].map((q) => `costs.${q}`),
      ...['nodeFailures', 'spotWaves', 'podsLost', 'lostPodHours', 'requestsFailed'].map((q) => `faults.${q}`),
      'shared.allocation',
      ...['completed', 'waitP50', 'waitMax'].map((q) => `jobs.${q}`),
      'preemptions',
    ];
    expect([...METRIC_NAMES].sort()).toEqual(spec.sort());
  });

  it('formats values in each unit', () => {
    const f = (name: string, v: number) => formatMetricValue(getMetric(name)!, v);
    expect([f('latency.p99', 85.234), f('availability', 0.9995), f('cost.monthly', 38_120.4), f('cost.per1k', 0.01234), f('training.days', 18.456), f('training.budgetFits', 1)]).toEqual([
      '85.23 ms',
      '99.95%',
      '$38,120',
      // As the summary's cost row writes it (three significant digits below $1): "$0.01" had stood beside "$0.0123 per 1k requests".
      '$0.0123',
      '18.46 days',
      'yes',
    ]);
  });

  it('never shows an availability below 1 as 100%', () => {
    const f = (v: number) => formatMetricValue(getMetric('availability')!, v);
    // 2 of 7,201,260 requests dropped: 0.9999997223, which six significant digits round to 100.000.
    expect(f(7_201_258 / 7_201_260)).toBe('99.99997%');
    expect(f(1)).toBe('100%');
    expect(f(0.999_999_6)).toBe('99.99996%');
  });

  it('parses values of any metric kind and rejects the wrong types', () => {
    expect(parseMetricValue(getMetric('training.budgetFits')!, false)).toEqual({ ok: true, value: 0 });
    expect(parseMetricValue(getMetric('latency.p99')!, [100]).ok).toBe(false);
    expect(parseMetricValue(getMetric('latency.p99')!, Infinity).ok).toBe(false);
  });
});

describe('expect lines on one spec.costs item', () => {
  it('parse costs.*[item] and look the item up', () => {
    const r = parseExpectation('costs.monthly[fsx] < 200');
    expect(r).toEqual({ ok: true, expectation: { metric: 'costs.monthly', item: 'fsx', op: '<', value: 200, text: 'costs.monthly[fsx] < 200' } });
    if (!r.ok) return;
    const [res] = evaluateExpectations([r.expectation], (m, item) => (m === 'costs.monthly' && item === 'fsx' ? 174 : null));
    expect(res).toMatchObject({ actual: 174, pass: true });
    const [missing] = evaluateExpectations([r.expectation], () => null);
    expect(missing?.reason).toBe('this run has no value for costs.monthly[fsx]');
  });

  it('reject an item on a metric that takes none, and a missing required item', () => {
    expect(parseExpectation('latency.p99[x] < 100ms')).toMatchObject({ ok: false, message: 'latency.p99 takes no [item]: only costs.* metrics name a spec.costs item', suggestion: 'latency.p99 < 100ms' });
    expect(parseExpectation('costs.transferHours < 1')).toMatchObject({ ok: false, message: 'costs.transferHours needs the item it is about, e.g. costs.transferHours[model-upload]' });
  });
});
