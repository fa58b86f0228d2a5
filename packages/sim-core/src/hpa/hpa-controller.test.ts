import { describe, expect, it } from 'vitest';
import type { HpaBehaviorInput } from './hpa-behavior-input.ts';
import { HpaController } from './hpa-controller.ts';
import type { HpaMetricInput } from './hpa-pod-sample.ts';
import { changes, pendingPod, podsMetricForLoad, readyPod, replicasAt, runSyncs } from './hpa-test-harness.ts';
import { normalizeBehavior } from './normalize-behavior.ts';

// §7 common assumptions: syncs every 15 s, minReplicas 1, maxReplicas 100, default behavior unless stated.
const TARGET_QPS = 10;
/** `'legacy'` omits `behavior` (§1.10); an object is a user-written behavior block. */
function controller(behavior: HpaBehaviorInput | 'legacy' = {}, extra: { minReplicas?: number; maxReplicas?: number; configurableTolerance?: boolean } = {}) {
  return new HpaController({
    minReplicas: extra.minReplicas ?? 1,
    maxReplicas: extra.maxReplicas ?? 100,
    behavior: normalizeBehavior(behavior === 'legacy' ? undefined : behavior),
    ...(extra.configurableTolerance === undefined ? {} : { configurableTolerance: extra.configurableTolerance }),
  });
}
/** Constant total load in "pods' worth at target", spread over the current spec replicas (ideal pipeline). */
const load = (l: (t: number) => number) => (t: number, spec: number) => [podsMetricForLoad(l(t), spec, TARGET_QPS)];
/** Every pod at `ratio` × target. */
const atRatio = (ratio: number, pods: number): HpaMetricInput => podsMetricForLoad(ratio * pods, pods, TARGET_QPS);

describe('TC1: default scale-up policies, Max of Pods 4/15 s and Percent 100/15 s', () => {
  it.each([
    [4, 3.0, 12, 8],
    [10, 3.0, 30, 20],
    [2, 5.0, 10, 6],
    [1, 10.0, 10, 5],
  ])('current %i at metric/target %f: raw %i → %i', (current, ratio, raw, expected) => {
    const d = controller().reconcile(0, current, [atRatio(ratio, current)]);
    expect(d.rawRecommendation).toBe(raw);
    expect(d.desiredReplicas).toBe(expected);
    expect(d.reason).toBe('ScaleUpLimit');
  });
});

describe('TC2: legacy path (behavior omitted) differs from explicit default behavior', () => {
  it('start 1, load 10: legacy 1 → 4 → 8 → 10; behavior 1 → 5 → 10', () => {
    const opts = { from: 0, to: 60, initialReplicas: 1, metrics: load(() => 10) };
    expect(replicasAt(runSyncs(controller('legacy'), opts), [0, 15, 30, 45])).toEqual([4, 8, 10, 10]);
    expect(replicasAt(runSyncs(controller({}), opts), [0, 15, 30])).toEqual([5, 10, 10]);
  });

  it('start 3, load 40: legacy 3 → 6 → 12 → 24 → 40; behavior 3 → 7 → 14 → 28 → 40', () => {
    const opts = { from: 0, to: 75, initialReplicas: 3, metrics: load(() => 40) };
    expect(replicasAt(runSyncs(controller('legacy'), opts), [0, 15, 30, 45, 60])).toEqual([6, 12, 24, 40, 40]);
    expect(replicasAt(runSyncs(controller({}), opts), [0, 15, 30, 45, 60])).toEqual([7, 14, 28, 40, 40]);
  });
});

describe('TC3 through the controller: per-direction tolerance reaches the final count', () => {
  it('85 % of an 80 % CPU target: 10 stays with the default tolerance, 11 with scaleUp.tolerance 0.05', () => {
    const cpu: HpaMetricInput = {
      source: 'Resource',
      resource: 'cpu',
      targetAverageUtilization: 80,
      pods: Array.from({ length: 10 }, () => readyPod(0.85, { requestMilli: 1000 })),
    };
    expect(controller({}).reconcile(0, 10, [cpu])).toMatchObject({ desiredReplicas: 10, reason: 'WithinTolerance' });
    expect(controller({ scaleUp: { tolerance: 0.05 } }, { configurableTolerance: true }).reconcile(0, 10, [cpu]).desiredReplicas).toBe(11);
    // Kubernetes 1.34 default: the HPAConfigurableTolerance gate is alpha and off, so the field is ignored.
    expect(controller({ scaleUp: { tolerance: 0.05 } }).reconcile(0, 10, [cpu]).desiredReplicas).toBe(10);
  });
});

describe('TC4: scale-down stabilization (default 300 s); raw 10 through t = −15, raw 4 from t = 0', () => {
  const opts = { from: -600, to: 330, initialReplicas: 10, metrics: load((t) => (t < 0 ? 10 : 4)) };

  it('behavior path: exclusive window → 10 → 4 at t = 285 (100 %/15 s allows it, min 1)', () => {
    const records = runSyncs(controller({}), opts);
    expect(changes(records)).toEqual([[285, 4]]);
    expect(records.find((r) => r.t === 270)?.decision.reason).toBe('ScaleDownStabilized');
  });

  it('legacy path: inclusive window keeps the t = −15 sample at 285 → 10 → 4 at t = 300', () => {
    expect(changes(runSyncs(controller('legacy'), opts))).toEqual([[300, 4]]);
  });
});

describe('TC5: HPA creation or controller restart blocks scale-down for one window', () => {
  const opts = { from: 0, to: 330, initialReplicas: 10, metrics: load(() => 2) };

  it('first reconcile at t = 0 with spec 10 and raw 2: behavior 10 → 2 at t = 300, legacy at t = 315', () => {
    expect(changes(runSyncs(controller({}), opts))).toEqual([[300, 2]]);
    expect(changes(runSyncs(controller('legacy'), opts))).toEqual([[315, 2]]);
  });

  it('restart() forgets history: the scale-down after a restart waits a full window from the restart', () => {
    const warm = { from: -600, to: -15, initialReplicas: 10, metrics: load(() => 10) };
    const kept = controller({});
    runSyncs(kept, warm);
    expect(changes(runSyncs(kept, opts))).toEqual([[285, 2]]); // last raw 10 was at −15
    const restarted = controller({});
    runSyncs(restarted, warm);
    restarted.restart();
    expect(changes(runSyncs(restarted, opts))).toEqual([[300, 2]]); // recordInitialRecommendation(10) at t = 0
  });
});

describe('TC7: scale-up stabilization window 60 s; raw 4 through t = −15, raw 8 from t = 0, current 4', () => {
  const opts = { from: -60, to: 60, initialReplicas: 4, metrics: load((t) => (t < 0 ? 4 : 8)) };

  it('4 at t = 0, 15, 30; 8 at t = 45 when the t = −15 sample leaves the exclusive window', () => {
    const records = runSyncs(controller({ scaleUp: { stabilizationWindowSeconds: 60 } }), opts);
    expect(replicasAt(records, [0, 15, 30, 45])).toEqual([4, 4, 4, 8]);
    expect(records.find((r) => r.t === 30)?.decision.reason).toBe('ScaleUpStabilized');
  });

  it('with the default window 0: 8 at t = 0', () => {
    expect(replicasAt(runSyncs(controller({}), opts), [0])).toEqual([8]);
  });
});

describe('TC8 through the controller: Pending pods dampen scale-up (CPU 100 %, spec 8 = 4 Running + 4 Pending)', () => {
  const cpu = (cores: number): HpaMetricInput => ({
    source: 'Resource',
    resource: 'cpu',
    targetAverageUtilization: 100,
    pods: [
      ...Array.from({ length: 4 }, () => readyPod(cores, { requestMilli: 1000 })),
      ...Array.from({ length: 4 }, () => pendingPod({ requestMilli: 1000 })),
    ],
  });

  it('holds 8 for as long as the pods stay Pending at 200 %, then goes to 12 (limit 16) at 300 %', () => {
    const records = runSyncs(controller(), { from: 0, to: 120, initialReplicas: 8, metrics: (t) => [cpu(t < 60 ? 2 : 3)] });
    expect(changes(records)).toEqual([[60, 12]]);
  });
});

describe('TC10 through the controller (scale-down window 0): a missing metric is assumed at target', () => {
  it('3 pods at 2 QPS + 1 new pod without metric: 4 → 2', () => {
    const pods = [readyPod(2), readyPod(2), readyPod(2), readyPod(undefined)];
    const d = controller({ scaleDown: { stabilizationWindowSeconds: 0 } }).reconcile(0, 4, [{ source: 'Pods', targetAverageValue: 10, pods }]);
    expect(d).toMatchObject({ rawRecommendation: 2, desiredReplicas: 2 });
  });
});

describe('TC11: multiple metrics and partial failure (current 8)', () => {
  // CPU target 100 %: 8 pods at 75 % → 6; at 150 % → 12. QPS target 10: 8 pods at 11.25 → 9.
  const cpu = (cores: number): HpaMetricInput => ({
    source: 'Resource',
    resource: 'cpu',
    targetAverageUtilization: 100,
    pods: Array.from({ length: 8 }, () => readyPod(cores, { requestMilli: 1000 })),
  });
  const qps = atRatio(1.125, 8);

  it('CPU proposes 6 and QPS 9 → 9 (max over metrics)', () => {
    const d = controller().reconcile(0, 8, [cpu(0.75), qps]);
    expect(d.metrics.map((m) => (m.ok ? m.replicas : null))).toEqual([6, 9]);
    expect(d.desiredReplicas).toBe(9);
  });

  it('QPS errors and CPU proposes 6 (< 8) → no change: scale-down suppressed', () => {
    const d = controller().reconcile(0, 8, [cpu(0.75), { source: 'Error' }]);
    expect(d).toMatchObject({ desiredReplicas: 8, changed: false, reason: 'MetricsError', rawRecommendation: null });
  });

  it('QPS errors and CPU proposes 12 → 12: scale-up allowed (limit from 8 is 16)', () => {
    expect(controller().reconcile(0, 8, [cpu(1.5), { source: 'Error' }]).desiredReplicas).toBe(12);
  });

  it('all metrics failing (or none given) means no action', () => {
    expect(controller().reconcile(0, 8, [{ source: 'Error' }]).reason).toBe('MetricsError');
    expect(controller().reconcile(0, 8, []).reason).toBe('MetricsError');
  });
});

describe('TC12: bounds', () => {
  it('current 12 > max 10 → 10 at the next sync, bypassing stabilization and policies', () => {
    const d = controller({}, { maxReplicas: 10 }).reconcile(0, 12, [atRatio(3, 12)]);
    expect(d).toMatchObject({ desiredReplicas: 10, reason: 'AboveMaxReplicas', rawRecommendation: null });
  });

  it('current 15, raw 30, max 20 → min(maxReplicas 20, limit 30) = 20', () => {
    const d = controller({}, { maxReplicas: 20 }).reconcile(0, 15, [atRatio(2, 15)]);
    expect(d).toMatchObject({ desiredReplicas: 20, rawRecommendation: 30, reason: 'TooManyReplicas' });
  });

  it('spec.replicas = 0 with minReplicas 1 → no action (ScalingDisabled)', () => {
    const d = controller().reconcile(0, 0, [atRatio(5, 1)]);
    expect(d).toMatchObject({ desiredReplicas: 0, changed: false, reason: 'ScalingDisabled' });
  });

  it('scaleDown.selectPolicy Disabled with raw 2 and current 10 → stays 10', () => {
    const c = controller({ scaleDown: { selectPolicy: 'Disabled', stabilizationWindowSeconds: 0 } });
    const records = runSyncs(c, { from: 0, to: 600, initialReplicas: 10, metrics: load(() => 2) });
    expect(changes(records)).toEqual([]);
    expect(records.at(-1)?.decision).toMatchObject({ rawRecommendation: 2, reason: 'ScaleDownLimit' });
  });

  it('current below minReplicas → minReplicas at once; that correction counts as a scale event for the policies', () => {
    const c = controller({}, { minReplicas: 10 });
    expect(c.reconcile(0, 2, [atRatio(4, 2)])).toMatchObject({ desiredReplicas: 10, reason: 'BelowMinReplicas' });
    // 5 s later the +8 event is inside the 15 s period: start = 10 − 8 = 2 → limit max(6, 4) < 10 → hold
    expect(c.reconcile(5, 10, [atRatio(4, 10)])).toMatchObject({ desiredReplicas: 10, reason: 'ScaleUpLimit' });
    // exactly 15 s later it is outside (exclusive) → limit max(14, 20) = 20
    expect(c.reconcile(15, 10, [atRatio(4, 10)]).desiredReplicas).toBe(20);
  });
});

describe('stored recommendations are the RAW proposals', () => {
  it('a capped scale-up still remembers the raw value for the scale-down window', () => {
    // t = 0: raw 30 capped to 8 by policy. t = 15: raw 2. Window max = 30 (raw, not 8) → stays at the current 8.
    const c = controller({});
    expect(c.reconcile(0, 4, [atRatio(7.5, 4)])).toMatchObject({ rawRecommendation: 30, desiredReplicas: 8 });
    expect(c.reconcile(15, 8, [atRatio(0.25, 8)])).toMatchObject({ rawRecommendation: 2, stabilizedRecommendation: 8, desiredReplicas: 8 });
  });
});

// A metrics outage (kubernetes/kubernetes horizontal.go `reconcileAutoscaler`, read at @00067268967ec95a40035bd666374a1caf48dd1a:
// computeReplicasForMetrics fails → the reconcile returns before normalizeDesiredReplicas*, so nothing is scaled and no
// recommendation is recorded; it fetches metrics only in its last branch, not at 0 replicas nor out of bounds).
describe('failed metric reads', () => {
  const down: HpaMetricInput = { source: 'Error', error: 'FailedGetPodsMetric: unable to fetch metrics from custom metrics API' };

  it('record no recommendation: 10 replicas, raw 10 at 0 s, reads fail 15 … 600 s, then raw 2 at 615 s: down to 2 at once (the 300 s window holds nothing since 0 s)', () => {
    const c = controller();
    expect(c.reconcile(0, 10, [atRatio(1, 10)]).desiredReplicas).toBe(10);
    for (let t = 15; t <= 600; t += 15) {
      const d = c.reconcile(t, 10, [down]);
      expect(d).toMatchObject({ desiredReplicas: 10, reason: 'MetricsError' });
      expect(d.metrics).toEqual([{ ok: false, error: down.error }]);
    }
    expect(c.reconcile(615, 10, [atRatio(0.2, 10)]).desiredReplicas).toBe(2);
    // Without the outage the recommendations of 10 up to 600 s hold it until 900 s.
    const steady = controller();
    for (let t = 0; t <= 600; t += 15) steady.reconcile(t, 10, [atRatio(1, 10)]);
    expect(steady.reconcile(615, 10, [atRatio(0.2, 10)]).desiredReplicas).toBe(10);
  });

  it('are read only when the reconcile reaches computeReplicasForMetrics: not at 0 replicas, not above maxReplicas', () => {
    let reads = 0;
    const read = () => {
      reads++;
      return [atRatio(1, 3)];
    };
    const c = controller({}, { maxReplicas: 5 });
    expect(c.reconcile(0, 0, read).reason).toBe('ScalingDisabled');
    expect(c.reconcile(15, 8, read).reason).toBe('AboveMaxReplicas');
    expect(reads).toBe(0);
    c.reconcile(30, 3, read);
    expect(reads).toBe(1);
  });
});
