/** Scale to zero through the public API: the summary, the saving against minReplicaCount 1, and the verdict. */
import { describe, expect, it } from 'vitest';
import { createSimApi } from './sim-api.ts';

const api = createSimApi();

/** One L4 node, traffic for the first 10 minutes of 2 h, KEDA with the given block. */
function design(keda: string, replicas = 1, autoscaler = 'keda'): string {
  return `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: keda-case }
spec:
  duration: 2h
  interval: 1m
  seed: 1
  traffic:
    arrivals: uniform
    profile: { type: points, points: [[0, 1], [10m, 1], [10m1s, 0], [2h, 0]] }
  services:
    - name: api
      replicas: ${replicas}
      latency: { distribution: constant, ms: 100 }
      startup: { imagePull: 30s, modelLoad: 60s }
      nodePool: l4
      ${autoscaler}: ${keda}
  nodePools:
    - { name: l4, instance: gcp/us-central1/g2-standard-8, minNodes: 0, maxNodes: 1, initialNodes: ${replicas}, provisioning: { distribution: constant, value: 2m } }
  cluster: { controlPlane: gke }
`;
}

function run(text: string) {
  const r = api.run(text, 'keda-case.yaml');
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path} ${i.message}`).join('; '));
  return r.result;
}

describe('scale to zero (KEDA) in a run result', () => {
  it('measures the saving against the same design at minReplicaCount 1: that design keeps its node all 2 h', () => {
    const r = run(design('{ triggers: [{ type: requestRate }], buffer: {} }'));
    const z = r.summary!.scaleToZero!;
    // The comparison run holds one g2-standard-8 (0.85362 $/h, SKY_GCP) and the GKE fee (0.10 $/h) for 2 h.
    expect(z.baselineCostUsd).toBeCloseTo(2 * (0.85362 + 0.1), 6);
    expect(z.savedUsd).toBeCloseTo(z.baselineCostUsd! - r.summary!.cost.totalUsd, 9);
    expect(z.savedUsd).toBeGreaterThan(0);
    // Traffic ends at 10 min; the last active poll is at 660 s (requestRate over 1 min), so KEDA scales to zero at 990 s.
    expect(r.events.filter((e) => e.kind === 'keda-scale').map((e) => [e.t, e.to])).toEqual([[990, 0]]);
    expect(z.hoursAtZero).toBeCloseTo((7200 - 990) / 3600, 9);
    expect(z.gpuHoursAtZero).toBeCloseTo(z.hoursAtZero, 9);
    expect(z.coldStarts).toBe(0);
    expect(r.pass).toBe(true);
  });

  it('the same saving is what the minReplicaCount 1 design costs when run by itself', () => {
    const zero = run(design('{ triggers: [{ type: requestRate }], buffer: {} }')).summary!.scaleToZero!;
    const warm = run(design('{ minReplicaCount: 1, triggers: [{ type: requestRate }] }')).summary!;
    expect(warm.scaleToZero!.savedUsd).toBeNull();
    expect(zero.baselineCostUsd).toBeCloseTo(warm.cost.totalUsd, 9);
  });

  it('idleReplicaCount 0 reaches zero the same way (minReplicaCount 1, idle 0) and is measured against the design without idle', () => {
    // RequestScale: inactive, 1 replica > idle 0 → scaleToZeroOrIdle sets 0 at the same 990 s poll as minReplicaCount 0.
    const idle = run(design('{ minReplicaCount: 1, idleReplicaCount: 0, triggers: [{ type: requestRate }], buffer: {} }'));
    const zero = run(design('{ triggers: [{ type: requestRate }], buffer: {} }'));
    expect(idle.events.filter((e) => e.kind === 'keda-scale').map((e) => [e.t, e.to])).toEqual([[990, 0]]);
    expect(idle.summary!.scaleToZero!.hoursAtZero).toBeCloseTo(zero.summary!.scaleToZero!.hoursAtZero, 9);
    const warm = run(design('{ minReplicaCount: 1, triggers: [{ type: requestRate }] }')).summary!;
    expect(idle.summary!.scaleToZero!.baselineCostUsd).toBeCloseTo(warm.cost.totalUsd, 9);
    expect(idle.summary!.scaleToZero!.savedUsd).toBeGreaterThan(0);
  });

  it('a design whose requests fail at zero is not green, whatever its expectations: starting at zero with no buffer', () => {
    const r = run(design('{ triggers: [{ type: requestRate }] }', 0));
    const z = r.summary!.scaleToZero!;
    // Requests refused until the first replica is ready: KEDA's poll at 30 s, a node in 2 min, 30 s pull, 60 s load.
    expect(z.coldStarts).toBe(1);
    expect(z.coldStartMinutes!.max).toBeGreaterThan(3.4);
    expect(z.failed).toBeGreaterThan(200);
    expect(z.failed).toBe(z.refused);
    expect(r.pass).toBe(false);
    expect(r.diagnostics.map((d) => d.code)).toContain('failed-at-zero');
  });

  it('a Knative KPA service is summarized the same way, its saving measured against minScale 1', () => {
    const r = run(design('{ target: 10 }', 1, 'knative'));
    const z = r.summary!.scaleToZero!;
    expect([z.services, z.knative]).toEqual([['api'], ['api']]);
    // The minScale 1 design holds one g2-standard-8 and the GKE fee for the 2 h, as the KEDA baseline does.
    expect(z.baselineCostUsd).toBeCloseTo(2 * (0.85362 + 0.1), 6);
    expect(z.savedUsd).toBeCloseTo(z.baselineCostUsd! - r.summary!.cost.totalUsd, 9);
    const down = r.events.filter((e) => e.kind === 'knative-scale').map((e) => [e.t, e.to]);
    // The rate falls from 1 to 0 over (600, 601] s: the last arrival is at 601 s (the ramp's 0.5 completes the need),
    // in flight until 601.1 s, sampled at 601.05 s: bucket 602 = 0.1. The decision at 662 s is the first whose window
    // (603..661) has no traffic: 0; the PA, Active since 0, turns Inactive; the activator has been in the path all
    // along (EBC = 10 − 211 − panic < 0), so the reconcile 3 s later scales to zero (scaler.go handleScaleToZero).
    expect(down).toEqual([[665, 0]]);
    expect(z.hoursAtZero).toBeCloseTo((7200 - down[0]![0]!) / 3600, 9);
  });
});

