/**
 * External metrics against the upstream calculators, read in kubernetes/kubernetes
 * pkg/controller/podautoscaler/replica_calculator.go (Kubernetes 1.34 line; the bodies are unchanged on master):
 * `GetExternalPerPodMetricReplicas` (AverageValue, called with scale.status.replicas by
 * horizontal.go `computeStatusForExternalMetric`) and `GetExternalMetricReplicas` → `getUsageRatioReplicaCount`
 * (Value, called with scale.spec.replicas). Neither lists pods per sample, so there is no `groupPods`: no
 * unready/missing fill-in; only the tolerance band, and for Value the count of Running+Ready pods.
 */
import { describe, expect, it } from 'vitest';
import { computeReplicasForMetrics } from './compute-replicas-for-metrics.ts';
import { getExternalMetricReplicas, getExternalPerPodMetricReplicas } from './external-metric-replicas.ts';

const TOL = { scaleDown: 0.1, scaleUp: 0.1 };
const timing = { cpuInitializationPeriodSeconds: 300, initialReadinessDelaySeconds: 30 };

describe('External AverageValue (GetExternalPerPodMetricReplicas)', () => {
  it('proposes ceil(total / target) from status replicas, with no readiness adjustment', () => {
    expect(getExternalPerPodMetricReplicas(4, 10, 95, TOL)).toEqual({ ok: true, replicas: 10, currentValue: 23.75 });
  });

  it('keeps status replicas inside the band: ratio = total / (target × statusReplicas)', () => {
    expect(getExternalPerPodMetricReplicas(10, 10, 105, TOL)).toMatchObject({ replicas: 10 });
    expect(getExternalPerPodMetricReplicas(10, 10, 111, TOL)).toMatchObject({ replicas: 12 });
  });

  it('scales from zero status replicas; the reported average is 0 then (getPerPodUsage)', () => {
    expect(getExternalPerPodMetricReplicas(0, 10, 25, TOL)).toEqual({ ok: true, replicas: 3, currentValue: 0 });
  });

  it('the issue #10 case: a broker queue capped at 100, target 10 per pod, proposes 10 whatever the pod count', () => {
    // The Pods form of the same gauge compounded 5 → 10 → 20 → 40 → 80 → 100 while new pods loaded; the
    // External form never looks at the pods, so each sync proposes ceil(100 / 10) = 10.
    for (const statusReplicas of [5, 10, 20, 40, 80]) {
      expect(getExternalPerPodMetricReplicas(statusReplicas, 10, 100, TOL)).toMatchObject({ replicas: 10 });
    }
  });
});

describe('External Value (GetExternalMetricReplicas → getUsageRatioReplicaCount)', () => {
  it('ceil(total / target × readyPods): Running and Ready pods only', () => {
    // 4 spec replicas, 2 of them ready: 150 / 100 × 2 = 3 (upstream multiplies by getReadyPodsCount, not spec).
    expect(getExternalMetricReplicas(4, 100, 150, 4, 2, TOL)).toEqual({ ok: true, replicas: 3, currentValue: 150 });
  });

  it('keeps spec replicas inside the band, and proposes 0 when no pod is ready yet (upstream quirk)', () => {
    expect(getExternalMetricReplicas(4, 100, 108, 4, 4, TOL)).toMatchObject({ replicas: 4 });
    expect(getExternalMetricReplicas(4, 100, 300, 4, 0, TOL)).toMatchObject({ replicas: 0 });
  });

  it('from spec 0 scales to ceil(ratio) without the band', () => {
    expect(getExternalMetricReplicas(0, 100, 105, 0, 0, TOL)).toMatchObject({ replicas: 2 });
  });

  it('errors when the selector lists no pod at all (getReadyPodsCount)', () => {
    expect(getExternalMetricReplicas(2, 100, 300, 0, 0, TOL).ok).toBe(false);
  });
});

describe('dispatch (computeReplicasForMetric)', () => {
  it('AverageValue uses status replicas, Value uses spec replicas', () => {
    const r = computeReplicasForMetrics(
      [
        { source: 'External', targetAverageValue: 10, total: 100, statusReplicas: 3 },
        { source: 'External', targetValue: 100, total: 50, listedPods: 8, readyPods: 8 },
      ],
      8,
      TOL,
      0,
      timing,
    );
    expect(r.proposals.map((p) => (p.ok ? p.replicas : -1))).toEqual([10, 4]);
    expect(r.replicas).toBe(10);
  });
});
