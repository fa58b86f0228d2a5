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
