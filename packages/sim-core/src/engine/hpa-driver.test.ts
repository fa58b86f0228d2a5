/**
 * The driver between a service and its HPA: scrape/sync phases, and what an External metric hands the
 * controller. The target here is a stand-in whose gauge reports the time it is scraped, so the value the
 * controller reads is the timestamp of its sample and `sync time − value` is the metric's age.
 */
import { describe, expect, it } from 'vitest';
import type { HpaMetricInput } from '../hpa/index.ts';
import { Rng } from '../random/rng.ts';
import { ControlQueue } from './control-queue.ts';
import type { EngineHpa, EngineHpaMetric } from './engine-config.ts';
import { groupPods } from '../hpa/group-pods.ts';
import { HpaDriver, type HpaTarget } from './hpa-driver.ts';
import { Pod, PodState } from './pod.ts';

interface Seen {
  t: number;
  spec: number;
  inputs: readonly HpaMetricInput[];
}

function drive(cfg: EngineHpa, seed: number, target: HpaTarget & { clock: { now: number } }, until: number): Seen[] {
  const control = new ControlQueue();
  const seen: Seen[] = [];
  const controller = {
    reconcile: (t: number, spec: number, inputs: readonly HpaMetricInput[]) => {
      seen.push({ t, spec, inputs });
      return { desiredReplicas: spec, rawRecommendation: null, stabilizedRecommendation: null, changed: false, reason: 'WithinTolerance' as const, metrics: [] };
    },
  };
  new HpaDriver(target, controller, cfg, control, new Rng(seed, 7000), () => {}).start();
  while (control.peekTime() <= until) {
    target.clock.now = control.peekTime();
    control.runNext();
  }
  return seen;
}

/** A service stand-in: `pods` as given, and a balancer queue whose length is the time it is read. */
function clockTarget(pods: Pod[] = []): HpaTarget & { clock: { now: number } } {
  const clock = { now: 0 };
  return { clock, pods, sharedQueue: { get length() { return clock.now; } }, specReplicas: pods.length, memoryUtilization: () => 0, config: { concurrency: 1, gpusPerReplica: 1 } };
}

const gauge = (extra: Partial<EngineHpaMetric> = {}): EngineHpaMetric => ({
  type: 'queueLength',
  source: 'External',
  targetType: 'AverageValue',
  target: 10,
  windowSeconds: 0,
  scrapeIntervalSeconds: 15,
  ...extra,
});

function meanAge(seen: Seen[]): number {
  const ages = seen.flatMap((s) => s.inputs.filter((i) => i.source === 'External').map((i) => s.t - i.total));
  return ages.reduce((a, b) => a + b, 0) / ages.length;
}

describe('scrape and sync phases', () => {
  it('pinned to the same instant (the old phase-locked engine), a 15 s gauge reaches the HPA with zero lag', () => {
    const seen = drive({ controller: { minReplicas: 1, maxReplicas: 10, behavior: null }, metrics: [gauge({ scrapePhaseSeconds: 0 })], syncPeriodSeconds: 15, syncPhaseSeconds: 0 }, 1, clockTarget(), 600);
    expect(meanAge(seen)).toBe(0);
  });

  it('drawn from the seed, the lag is uniform over the scrape interval: about 7.5 s on average for 15 s', () => {
    // Upstream the HPA resyncs every 15 s from when the controller started (horizontal.go processNextWorkItem
    // re-adds the key with the resync delay) and Prometheus scrapes on its own clock, so the age of the sample a
    // sync reads is uniform on [0, 15 s). Over 400 seeds the mean of U(0, 15) has a standard error of 0.22 s.
    const means: number[] = [];
    for (let seed = 1; seed <= 400; seed++) {
      const seen = drive({ controller: { minReplicas: 1, maxReplicas: 10, behavior: null }, metrics: [gauge()], syncPeriodSeconds: 15 }, seed, clockTarget(), 300);
      const m = meanAge(seen);
      expect(m).toBeGreaterThanOrEqual(0);
      expect(m).toBeLessThan(15);
      means.push(m);
    }
    const overall = means.reduce((a, b) => a + b, 0) / means.length;
    expect(overall).toBeGreaterThan(7.5 - 0.7);
    expect(overall).toBeLessThan(7.5 + 0.7);
  });

  it('is deterministic: the same seed gives the same phases', () => {
    const cfg: EngineHpa = { controller: { minReplicas: 1, maxReplicas: 10, behavior: null }, metrics: [gauge()], syncPeriodSeconds: 15 };
    expect(drive(cfg, 42, clockTarget(), 120).map((s) => s.t)).toEqual(drive(cfg, 42, clockTarget(), 120).map((s) => s.t));
  });
});

describe('External metrics reach the controller as upstream computeStatusForExternalMetric passes them', () => {
  function pods(states: PodState[]): Pod[] {
    return states.map((state, i) => {
      const p = new Pod(i, 0, 0, 1);
      p.state = state;
      return p;
    });
  }
  const states = [PodState.Pending, PodState.Loading, PodState.Ready, PodState.Ready, PodState.Terminating];
  const pinned = { scrapePhaseSeconds: 0 };

  it('AverageValue: the total and status.replicas = non-terminating pods, whatever their readiness', () => {
    const seen = drive({ controller: { minReplicas: 1, maxReplicas: 10, behavior: null }, metrics: [gauge(pinned)], syncPeriodSeconds: 15, syncPhaseSeconds: 0 }, 1, clockTarget(pods(states)), 30);
    expect(seen.at(-1)!.inputs).toEqual([{ source: 'External', targetAverageValue: 10, total: 30, statusReplicas: 4 }]);
  });

  it('Value: the total, the pods listed and the Running+Ready ones (getReadyPodsCount)', () => {
    const seen = drive({ controller: { minReplicas: 1, maxReplicas: 10, behavior: null }, metrics: [gauge({ ...pinned, targetType: 'Value', target: 50 })], syncPeriodSeconds: 15, syncPhaseSeconds: 0 }, 1, clockTarget(pods(states)), 30);
    expect(seen.at(-1)!.inputs).toEqual([{ source: 'External', targetValue: 50, total: 30, listedPods: 5, readyPods: 2 }]);
  });

  it('before the first scrape the metric is an error (no action), not a zero', () => {
    const seen = drive({ controller: { minReplicas: 1, maxReplicas: 10, behavior: null }, metrics: [gauge({ scrapePhaseSeconds: 10 })], syncPeriodSeconds: 15, syncPhaseSeconds: 0 }, 1, clockTarget(pods(states)), 15);
    expect(seen[0]!.inputs).toEqual([{ source: 'Error' }]);
    expect(seen[1]!.inputs[0]).toMatchObject({ source: 'External', total: 10 });
  });
});

describe('CPU samples reach groupPods with the times upstream reads', () => {
  // metrics-server (kubernetes-sigs/metrics-server @ 5ed5d3a2cf940a8c7541cfbac19af822f4c97844, pkg/storage/types.go
  // resourceUsage, pkg/storage/pod.go GetMetrics) stamps a pod's CPU sample with its LAST scrape time and a window of
  // the time between its last two scrapes, not the HPA's sync time; and status.startTime is when the kubelet
  // acknowledged the pod, "before the Kubelet pulled the container image(s)" (kubernetes/api @
  // 10b39a39bcee995dfe7cd5e8e7b922be5e46f1e2, core/v1/types.go PodStatus.StartTime), not its creation.
  // groupPods (kubernetes/kubernetes replica_calculator.go, read at fork omerap12/kubernetes @
  // a769d5884497dc246960b38f3e5aae2cc30dd062) keeps a pod within startTime + 5 min unready while
  // `metric.Timestamp.Before(readyTransition + metric.Window)`.
  it('a pod created at 0, bound at 200 and Ready at 400: at the 413 s sync its sample is from 405 over 15 s, start 200 → unready', () => {
    const old = new Pod(0, 0, 0, 1); // Ready from the start of the run, as the engine makes initial replicas
    old.state = PodState.Ready;
    old.readyAt = 0;
    const fresh = new Pod(1, 0, 0, 1);
    const target = clockTarget([old, fresh]);
    const cfg: EngineHpa = {
      controller: { minReplicas: 1, maxReplicas: 10, behavior: null },
      metrics: [{ type: 'cpuUtilization', source: 'Resource', targetType: 'AverageValue', target: 80, windowSeconds: 0, scrapeIntervalSeconds: 15, scrapePhaseSeconds: 0 }],
      syncPeriodSeconds: 15,
      syncPhaseSeconds: 8,
    };
    const control = new ControlQueue();
    const seen: Seen[] = [];
    const controller = {
      reconcile: (t: number, spec: number, inputs: readonly HpaMetricInput[]) => {
        seen.push({ t, spec, inputs: structuredClone(inputs) });
        return { desiredReplicas: spec, rawRecommendation: null, stabilizedRecommendation: null, changed: false, reason: 'WithinTolerance' as const, metrics: [] };
      },
    };
    new HpaDriver(target, controller, cfg, control, new Rng(1, 7000), () => {}).start();
    control.schedule(200, () => {
      fresh.state = PodState.Loading;
      fresh.startedAt = 200;
    });
    control.schedule(400, () => {
      fresh.state = PodState.Ready;
      fresh.readyAt = 400;
    });
    while (control.peekTime() <= 413) {
      target.clock.now = control.peekTime();
      control.runNext();
    }
    const last = seen.at(-1)!;
    expect(last.t).toBe(413);
    const input = last.inputs[0]!;
    if (input.source !== 'Resource') throw new Error('expected a Resource input');
    expect(input.pods[1]).toMatchObject({ startTime: 200, readyTransitionTime: 400, metricTimestamp: 405, metricWindowSeconds: 15 });
    const timing = { cpuInitializationPeriodSeconds: 300, initialReadinessDelaySeconds: 30 };
    expect(groupPods(input.pods, 'cpu', 413, timing).groups).toEqual(['ready', 'unready']);
  });
});
