import { describe, expect, it } from 'vitest';
import { createSimApi } from './sim-api.ts';
import { shownDiagnostics, verdictOf } from './verdict.ts';

const api = createSimApi();

/** Two replicas on two nodes priced on a known, recent day (a bill to pass on, with no price caveat); traffic only from minute 1 to 6, a warm-up of 10 minutes: nothing is offered after it. */
const quiet = (expect: string): string => `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: nothing-after-warmup }
spec:
  duration: 30m
  warmup: 10m
  seed: 3
  traffic:
    profile: { type: spike, base: 0, peak: 100, at: 1m, duration: 5m }
  services:
    - { name: model, replicas: 2, concurrency: 4, latency: { distribution: constant, ms: 50 }, nodePool: gpu }
  nodePools:
    - { name: gpu, instance: aws/us-east-1/g5.2xlarge, minNodes: 2, maxNodes: 2 }
${expect}`;

describe('the verdict of a passing run with nothing offered after the warm-up', () => {
  it('is not a plain PASS: it carries the nothing-offered warning, as every output shows it', () => {
    const r = api.run(quiet("  expect: ['cost.hourly < 100']\n"), 'quiet.yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.result.summary!.measured.offered).toBe(0);
    expect(r.result.pass).toBe(true);
    const v = verdictOf(r.result);
    expect(v.label).toBe('PASS, with nothing offered');
    expect(v.nothingOffered).toBe('no request arrived after the warm-up: the run shows nothing about serving (its latency and availability have no value)');
    expect(v.caveat).toBe(v.nothingOffered);
    // Said once, in the verdict, not again in the list under it.
    expect(shownDiagnostics(r.result).map((d) => d.code)).not.toContain('nothing-offered');
  });

  it('is the same with no expectations at all', () => {
    const r = api.run(quiet(''), 'quiet.yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(verdictOf(r.result).label).toBe('PASS, with nothing offered');
  });

  it('is a FAIL, listing the warning, when an expectation needed the traffic', () => {
    const r = api.run(quiet("  expect: ['latency.p99 < 100ms']\n"), 'quiet.yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const v = verdictOf(r.result);
    expect(v.label).toBe('FAIL');
    expect(v.nothingOffered).toBeNull();
    expect(shownDiagnostics(r.result).map((d) => d.code)).toContain('nothing-offered');
  });
});
