import { describe, expect, it } from 'vitest';
import { createSimApi } from '../api/sim-api.ts';
import { designUnpricedObjective, designVerdict, summarizeDesign } from './design-summary.ts';
import { seedEvaluationFromResult } from './seed-evaluation.ts';

const api = createSimApi();

/** Two replicas on two nodes priced on a known, recent day (no price caveat); traffic only from minute 1 to 6, a warm-up of 10 minutes: nothing is offered after it (as `run`'s verdict.test.ts). */
const quiet = (seed: number, expect: string): string => `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: quiet }
spec:
  duration: 20m
  warmup: 10m
  seed: ${seed}
  traffic: { profile: { type: spike, base: 0, peak: 100, at: 1m, duration: 5m } }
  services:
    - { name: model, replicas: 2, concurrency: 4, latency: { distribution: constant, ms: 50 }, nodePool: gpu }
  nodePools:
    - { name: gpu, instance: aws/us-east-1/g5.2xlarge, minNodes: 2, maxNodes: 2 }
  expect: [${expect}]
`;

const evaluate = (seed: number, expect: string) => {
  const r = api.run(quiet(seed, expect), 'quiet.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return seedEvaluationFromResult(r.result);
};

const space = { dimensions: [{ label: 'replicas', paths: ['spec.services[0].replicas'], values: [2], capacity: 'up' as const }] };
const message = 'no request arrived after the warm-up: the run shows nothing about serving (its latency and availability have no value)';

describe("optimize's verdict on a best design offered nothing after the warm-up", () => {
  it('is not a plain PASS: it carries the seeds and the run\'s nothing-offered warning, as run\'s verdict does', () => {
    const evaluations = [3, 4].map((seed) => evaluate(seed, "'cost.hourly < 100'"));
    expect(evaluations.map((e) => [e.pass, e.metrics['requests.offered'], e.nothingOffered])).toEqual([
      [true, 0, message],
      [true, 0, message],
    ]);
    const d = summarizeDesign(space, { design: [0], evaluations, feasible: true, decided: true });
    expect(d.nothingOffered).toEqual([
      { seed: 3, message },
      { seed: 4, message },
    ]);
    expect(designVerdict(d, 'cost.hourly')).toEqual({ label: 'PASS, with nothing offered', caveats: [`on seeds 3, 4: ${message}`] });
  });

  it('a run offered traffic after the warm-up records no such caveat, and its design is a plain PASS', () => {
    const busy = api.run(quiet(3, "'cost.hourly < 100'").replace('warmup: 10m', 'warmup: 2m'), 'busy.yaml');
    if (!busy.ok) throw new Error(JSON.stringify(busy.issues));
    const e = seedEvaluationFromResult(busy.result);
    expect(e.metrics['requests.offered']).toBeGreaterThan(0);
    expect('nothingOffered' in e).toBe(false);
    const d = summarizeDesign(space, { design: [0], evaluations: [e], feasible: true, decided: true });
    expect(designVerdict(d, 'cost.hourly')).toEqual({ label: 'PASS', caveats: [] });
  });
});

describe('optimize minimizing a figure of a bill that lacks prices', () => {
  // The same design without node pools: its nodes are not priced, so cost.hourly is $0.00, a lower bound.
  const unpriced = (seed: number) => {
    const r = api.run(quiet(seed, '').replace(/ {2}nodePools:\n.*\n/, '').replace(', nodePool: gpu', '').replace('warmup: 10m', 'warmup: 2m'), 'unpriced.yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    return seedEvaluationFromResult(r.result);
  };

  it('has no answer: the least lower bound is not the cheapest design', () => {
    const e = unpriced(3);
    expect(e.metrics['cost.hourly']).toBe(0);
    expect(e.unknownPrices).toEqual(['no node pools: the nodes the replicas run on are not priced (capacity is unlimited; add spec.nodePools to price it)']);
    const d = summarizeDesign(space, { design: [0], evaluations: [e], feasible: true, decided: true });
    expect(designUnpricedObjective([d], 'cost.hourly')).toBe(
      'cost.hourly is a lower bound on every design run, not a price: the bill is incomplete (no node pools: the nodes the replicas run on are not priced (capacity is unlimited; add spec.nodePools to price it)), so there is no cheapest design to find; price every pool (spec.nodePools with catalog instances) or --minimize another metric',
    );
    // A metric not from the bill is minimized as before.
    expect(designUnpricedObjective([d], 'latency.p99')).toBeNull();
  });

  it('a priced bill records no unknown prices and leaves the objective alone', () => {
    const e = evaluate(3, "'cost.hourly < 100'");
    expect('unknownPrices' in e).toBe(false);
    expect(designUnpricedObjective([summarizeDesign(space, { design: [0], evaluations: [e], feasible: true, decided: true })], 'cost.hourly')).toBeNull();
  });
});
