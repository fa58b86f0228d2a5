import { parseScenarioText, verdictOf } from '@design-sim/sim-core';
import { describe, expect, it } from 'vitest';
import { docToYaml } from '../model/scenario-yaml.ts';
import { runDoc, smallDoc } from '../test-support/fixtures.ts';
import { capacityShortfall, reasonBesideCause, verdictCause } from './verdict-cause.ts';

const scenarioOf = (doc: ReturnType<typeof smallDoc>) => {
  const p = parseScenarioText(docToYaml(doc), 'x.yaml');
  if (!p.ok) throw new Error('invalid');
  return p.scenario;
};

describe('verdict cause', () => {
  it('a passing run needs no cause', () => {
    const doc = smallDoc({ expect: ['latency.p99 < 100ms'] });
    expect(verdictCause(runDoc(doc), scenarioOf(doc))).toBeNull();
  });

  it('names the failing number and the capacity that could not serve the load', () => {
    // 2 replicas × 20 req/s (50 ms, concurrency 1) = 40 req/s against 50 req/s offered.
    const doc = smallDoc({ replicas: 2, expect: ['latency.p99 < 100ms'] });
    const result = runDoc(doc);
    const short = capacityShortfall(result, scenarioOf(doc))!;
    expect(short.ready).toBe(2);
    expect(short.capacity).toBeCloseTo(40, 6);
    expect(short.offered).toBeGreaterThan(45);
    const cause = verdictCause(result, scenarioOf(doc))!;
    expect(cause).toMatch(/^p99 [\d,.]+ (ms|s|min): 2 ready replicas could serve 40 req\/s against [\d.]+ req\/s offered at \d+:\d\d/);
    // sim-core's own diagnostic says the backlog grows; the capacity sentence already says why.
    expect(result.diagnostics.some((d) => d.code === 'overloaded')).toBe(true);
  });
});

describe('the reason under a cause', () => {
  it('leaves out the errors the cause already names, keeping the checks', () => {
    // 500 req/s into 6 × 20 req/s: overloaded. Without the scenario there is no capacity sentence, so the cause is the error itself.
    const r = runDoc(smallDoc({ qps: 500, expect: ['latency.p99 < 100ms'] }));
    const overload = r.diagnostics.find((d) => d.code === 'overloaded')!.message;
    const cause = verdictCause(r, null)!;
    expect(cause).toContain(overload);
    expect(verdictOf(r).reason).toContain(overload);
    expect(reasonBesideCause(r, cause)).toBe('1 of 1 expectation failed (latency.p99 < 100ms)');
  });

  it('keeps the whole reason when the cause names the shortfall instead of the error, or there is no cause', () => {
    const doc = smallDoc({ qps: 500, expect: ['latency.p99 < 100ms'] });
    const r = runDoc(doc);
    const cause = verdictCause(r, scenarioOf(doc))!;
    expect(cause).toMatch(/could serve 120 req\/s/);
    expect(reasonBesideCause(r, cause)).toBe(verdictOf(r).reason);
    expect(reasonBesideCause(r, null)).toBe(verdictOf(r).reason);
  });
});
