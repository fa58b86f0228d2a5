import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../scenario/parse-scenario.ts';
import type { ClaimGrade, ExpectationResult } from '../scenario/expectations.ts';
import { gradedOnIncompleteBill, judgedOnIncompleteBill, UNPRICED_FLEET } from './incomplete-bill.ts';
import { runScenario } from './run-scenario.ts';
import { poisson, truthHead } from '../test-support/truth-yaml.ts';

function result(metric: ExpectationResult['metric'], op: ExpectationResult['op'], expected: number, actual: number): ExpectationResult {
  const pass = op === '<' ? actual < expected : op === '<=' ? actual <= expected : op === '>' ? actual > expected : op === '>=' ? actual >= expected : op === '==' ? actual === expected : actual !== expected;
  return { text: `${metric} ${op} ${expected}`, metric, op, expected, actual, pass, unit: 'USD/h' };
}

describe('an expectation on a bill with unknown prices passes only if it holds whatever they are', () => {
  const unknown = ['gcp control-plane fee unknown'];

  it('a lower bound (a dollar figure) proves > and >=, and != past the threshold; never <, <= or ==', () => {
    const judged = judgedOnIncompleteBill(
      [result('cost.hourly', '<', 10, 4), result('cost.hourly', '<=', 10, 4), result('cost.hourly', '==', 4, 4), result('cost.hourly', '>', 1, 4), result('cost.hourly', '>=', 4, 4), result('cost.hourly', '!=', 1, 4), result('cost.hourly', '!=', 9, 4)],
      unknown,
    );
    expect(judged.map((e) => e.pass)).toEqual([false, false, false, true, true, true, false]);
    expect(judged[0]!.reason).toBe('cost.hourly is a lower bound of the true figure, so it cannot show cost.hourly < 10; the bill is incomplete: gcp control-plane fee unknown');
  });

  it('the saving against a baseline is an upper bound: it proves < and <=, not >', () => {
    const judged = judgedOnIncompleteBill([result('cost.savingVsBaseline', '>', 0.2, 0.5), result('cost.savingVsBaseline', '<', 0.9, 0.5)], unknown);
    expect(judged.map((e) => e.pass)).toEqual([false, true]);
  });

  it('leaves other metrics, failures and complete bills as they are', () => {
    const latency = { ...result('cost.hourly', '<', 10, 4), metric: 'latency.p99' as const, text: 'latency.p99 < 10' };
    const failed = result('cost.hourly', '<', 1, 4);
    expect(judgedOnIncompleteBill([latency, failed], unknown)).toEqual([latency, failed]);
    const complete = result('cost.hourly', '<', 10, 4);
    expect(judgedOnIncompleteBill([complete], [])).toEqual([complete]);
  });
});

describe('a claim graded against an incomplete bill', () => {
  const grade = (claimed: number, actual: number, verdict: ClaimGrade['verdict']): ClaimGrade => ({ metric: 'cost.monthly', key: 'cost.monthly', item: null, claimed, actual, errorPct: ((claimed - actual) / actual) * 100, ratio: claimed / actual, verdict, unit: 'USD/month', formula: null, quote: null, reason: null });

  it('keeps a grade the lower bound proves (a claim below it), and says why the others are not known', () => {
    const [below, above, close] = gradedOnIncompleteBill([grade(1000, 5000, 'way-off'), grade(9000, 5000, 'way-off'), grade(5100, 5000, 'ok')], ['aws control-plane fee unknown']);
    expect(below!.verdict).toBe('way-off');
    expect(above!.verdict).toBe('not-modelled');
    expect(close!.verdict).toBe('not-modelled');
    expect(close!.reason).toBe("the tool's cost.monthly is a lower bound: the bill is incomplete: aws control-plane fee unknown");
  });
});

describe('a design without node pools does not cost $0', () => {
  const text = `${truthHead({ name: 'no-pools', seconds: 600, warmup: 0, seed: 1, traffic: `[${poisson(50)}]` })}    - { name: api, replicas: 2, concurrency: 50, latency: { distribution: exponential, meanMs: 20 } }
  expect: ['cost.hourly < 5', 'availability >= 99%']
`;

  it('its bill is incomplete, and an upper bound on its cost fails instead of passing on $0', () => {
    const parsed = parseScenarioText(text, 'no-pools.yaml');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const r = runScenario(parsed.scenario);
    expect(r.summary!.cost.perHourUsd).toBe(0);
    expect(r.summary!.cost.complete).toBe(false);
    expect(r.summary!.cost.unknownPrices).toEqual([UNPRICED_FLEET]);
    expect(r.expectations.map((e) => e.pass)).toEqual([false, true]);
    expect(r.expectations[0]!.reason).toContain('lower bound');
    expect(r.pass).toBe(false);
  });
});
