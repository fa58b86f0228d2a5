import { describe, expect, it } from 'vitest';
import { getInstance } from '@design-sim/cost-model';
import { createSimApi } from './sim-api.ts';
import { shownDiagnostics, verdictOf } from './verdict.ts';
import { seedEvaluationFromResult } from '../optimize/seed-evaluation.ts';
import { stalePricesCaveat } from '../optimize/design-summary.ts';

const api = createSimApi();

/** The catalog date the scenarios pin, so that which prices are stale does not move with the catalog. */
const ON = '2026-11-23';

/**
 * An API on a CPU pool (m6i.xlarge, a fresh price on that date) calling a model on a GPU pool (g6e.xlarge, a
 * price observed by 2025-05-31: stale on that date, past the 365-day limit for GPU prices).
 */
const design = (expect: string[]) => `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: stale-prices }
spec:
  duration: 10m
  seed: 2
  catalogDate: ${ON}
  traffic: [{ target: api, profile: { type: constant, qps: 20 } }]
  services:
    - { name: api, replicas: 1, cpuPerReplica: 2, concurrency: 8, latency: { distribution: exponential, meanMs: 5 }, nodePool: cpu, calls: [{ to: model }] }
    - { name: model, replicas: 1, concurrency: 8, latency: { distribution: exponential, meanMs: 50 }, nodePool: gpu }
  nodePools:
    - { name: cpu, instance: aws/us-east-1/m6i.xlarge, minNodes: 1, maxNodes: 1 }
    - { name: gpu, instance: aws/us-east-1/g6e.xlarge, minNodes: 1, maxNodes: 1 }
  expect: [${expect.map((e) => `'${e}'`).join(', ')}]
`;

function run(expect: string[]) {
  const r = api.run(design(expect), 'stale.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.result;
}

describe('a pass on a stale price is not a plain PASS', () => {
  it('the two prices are as the test assumes: the GPU one stale on the pinned date, the CPU one fresh', () => {
    expect(getInstance('aws/us-east-1/g6e.xlarge', { asOf: ON }).prices['on-demand']?.freshness?.status).toBe('stale');
    expect(getInstance('aws/us-east-1/m6i.xlarge', { asOf: ON }).prices['on-demand']?.freshness?.status).toBe('fresh');
  });

  it('a cost expectation that holds on the stale GPU price carries a caveat, and the verdict says which price', () => {
    const r = run(['cost.hourly < 1000', 'availability >= 99%']);
    expect(r.pass).toBe(true);
    const [cost, availability] = r.expectations;
    expect(cost!.pass).toBe(true);
    expect(cost!.caveat).toBe('on a stale price');
    // Not a priced figure: untouched.
    expect(availability!.caveat).toBeUndefined();
    const warning = r.diagnostics.find((d) => d.code === 'stale-prices');
    expect(warning?.severity).toBe('warning');
    expect(warning?.message).toBe("cost.hourly < 1000 holds on a stale price (gpu: aws/us-east-1/g6e.xlarge (on-demand), observed by 2025-05-31): check it against today's before relying on the verdict");
    const v = verdictOf(r);
    expect(v.label).toBe('PASS, on stale prices');
    expect(v.caveat).toBe(warning!.message);
    // Said once: in the verdict, not again in the list under it.
    expect(shownDiagnostics(r).map((d) => d.code)).not.toContain('stale-prices');
  });

  it("a service's own cost rests only on its pools' prices: the API's (fresh CPU pool) is a plain pass, the model's is not", () => {
    const r = run(['services.api.cost.hourly < 100', 'services.model.cost.hourly < 100']);
    expect(r.expectations[0]!.caveat).toBeUndefined();
    expect(r.expectations[1]!.caveat).toBe('on a stale price');
    expect(verdictOf(r).caveat).toContain('gpu: aws/us-east-1/g6e.xlarge (on-demand)');
    expect(verdictOf(r).caveat).not.toContain('m6i');
    expect(verdictOf(r).label).toBe('PASS, on stale prices');
    const fresh = run(['services.api.cost.hourly < 100']);
    expect(fresh.diagnostics.map((d) => d.code)).not.toContain('stale-prices');
    expect(verdictOf(fresh).label).toBe('PASS');
    expect(verdictOf(fresh).caveat).toBeNull();
  });

  it('a failing cost expectation is a plain FAIL, and a run without a priced expectation a plain PASS', () => {
    const failing = run(['cost.hourly < 0.01']);
    expect(failing.pass).toBe(false);
    expect(failing.expectations[0]!.caveat).toBeUndefined();
    expect(verdictOf(failing).label).toBe('FAIL');
    expect(failing.diagnostics.map((d) => d.code)).not.toContain('stale-prices');
    const unpriced = run(['latency.p99 < 10s']);
    expect(verdictOf(unpriced).label).toBe('PASS');
    // The bill still lists the stale price (as it always did), but no verdict rests on it.
    expect(unpriced.summary!.cost.stalePrices.length).toBe(1);
  });
});

describe("optimize: a best design chosen on stale prices says so", () => {
  it('a run records the stale prices it used, and the caveat applies when the choice or an expectation is in dollars', () => {
    const r = run(['latency.p99 < 10s']);
    const evaluation = seedEvaluationFromResult(r);
    expect(evaluation.stalePrices).toEqual(['gpu: aws/us-east-1/g6e.xlarge (on-demand), observed by 2025-05-31']);
    const latencyOnly = [{ text: 'latency.p99 < 10s', metric: 'latency.p99', op: '<' as const, expected: 10_000, worst: 1, worstSeed: 2, pass: true, failedSeeds: [] }];
    const best = { stalePrices: evaluation.stalePrices!, expectations: latencyOnly };
    expect(stalePricesCaveat(best, 'cost.hourly')).toBe("its dollar figures rest on a stale price (gpu: aws/us-east-1/g6e.xlarge (on-demand), observed by 2025-05-31): check it against today's before relying on the choice");
    // The least latency under latency-only expectations rests on no price.
    expect(stalePricesCaveat(best, 'latency.p99')).toBeNull();
    expect(stalePricesCaveat({ stalePrices: [], expectations: latencyOnly }, 'cost.hourly')).toBeNull();
  });
});

/**
 * The same design with its GPU pool on a GCP L4 whose source gives no observation day (the SkyPilot catalog
 * snapshot SKY_GCP: "undated"); the CPU pool keeps its fresh AWS price.
 */
const undatedDesign = (gpu: string, expect: string[]) => design(expect).replace('aws/us-east-1/g6e.xlarge', gpu);

describe('a pass on a price of unknown date is not a plain PASS either', () => {
  it('the price is as the test assumes: undated on the pinned date', () => {
    expect(getInstance('gcp/us-central1/g2-standard-8', { asOf: ON }).prices['on-demand']?.freshness?.status).toBe('undated');
  });

  it('a cost expectation on the undated GPU price carries its own caveat, and the verdict reads "on undated prices"', () => {
    const r = api.run(undatedDesign('gcp/us-central1/g2-standard-8', ['cost.hourly < 1000', 'latency.p99 < 10s']), 'undated.yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.result.pass).toBe(true);
    const [cost, latency] = r.result.expectations;
    expect(cost!.caveat).toBe('on a price of unknown date');
    expect(latency!.caveat).toBeUndefined();
    const warning = r.result.diagnostics.find((d) => d.code === 'stale-prices');
    expect(warning?.message).toBe("cost.hourly < 1000 holds on a price of unknown date (gpu: gcp/us-central1/g2-standard-8 (on-demand), undated): check it against today's before relying on the verdict");
    expect(verdictOf(r.result).label).toBe('PASS, on undated prices');
  });

  it('stale and undated prices together are counted as such, and the verdict says stale', () => {
    // The CPU pool's price moves to an undated GCP one (the cluster is then GKE, whose control-plane fee, GKE_PRICING,
    // is undated too); the GPU's stays the stale g6e.xlarge.
    const r = api.run(design(['cost.hourly < 1000']).replace('aws/us-east-1/m6i.xlarge', 'gcp/us-central1/c3-standard-8'), 'mixed.yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.result.expectations[0]!.caveat).toBe('on 3 stale or undated prices');
    const warning = r.result.diagnostics.find((d) => d.code === 'stale-prices')!.message;
    expect(warning).toContain('cpu: gcp/us-central1/c3-standard-8 (on-demand), undated');
    expect(warning).toContain('gpu: aws/us-east-1/g6e.xlarge (on-demand), observed by 2025-05-31');
    expect(verdictOf(r.result).label).toBe('PASS, on stale prices');
  });

  it("the optimizer's caveat names an undated price as such", () => {
    expect(stalePricesCaveat({ stalePrices: ['gpu: gcp/us-central1/g2-standard-8 (on-demand), undated'], expectations: [] }, 'cost.monthly')).toBe(
      "its dollar figures rest on a price of unknown date (gpu: gcp/us-central1/g2-standard-8 (on-demand), undated): check it against today's before relying on the choice",
    );
  });
});
