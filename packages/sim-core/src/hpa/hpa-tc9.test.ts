import { describe, expect, it } from 'vitest';
import { HpaController } from './hpa-controller.ts';
import type { HpaPodSample } from './hpa-pod-sample.ts';
import { pendingPod, readyPod, replicasAt, runSyncs } from './hpa-test-harness.ts';
import { MetricPipeline, type MetricPipelineConfig } from './metric-pipeline.ts';
import { normalizeBehavior } from './normalize-behavior.ts';

// TC9: Pods metric, AverageValue target 10 QPS. 10 pods at 9 QPS; at t = 0 traffic steps to 180 in total. New pods
// stay Pending (or NotReady) and get no traffic, so the 10 old pods carry 18 QPS each from t = 0.
const TIMES = [0, 15, 30, 45, 60, 75, 90, 105, 120, 135];
const REFERENCE_OBSERVED = [9, 10.125, 11.25, 12.375, 13.5, 14.625, 15.75, 16.875, 18, 18]; // §7 TC9 table
const REFERENCE_REPLICAS = [10, 10, 12, 12, 14, 14, 16, 16, 18, 18];
const OLD_PODS = 10;

const controller = () => new HpaController({ minReplicas: 1, maxReplicas: 100, behavior: normalizeBehavior({}) });
const newPodsPending = (n: number) => Array.from({ length: n }, () => pendingPod());
const newPodsNotReadyAtZero = (n: number) => Array.from({ length: n }, () => readyPod(0, { ready: false }));

function run(observedAt: (t: number) => number, newPods: (n: number) => HpaPodSample[]) {
  return runSyncs(controller(), {
    from: 0,
    to: 135,
    initialReplicas: OLD_PODS,
    metrics: (t, spec) => {
      const q = observedAt(t);
      const old = Array.from({ length: OLD_PODS }, () => readyPod(q));
      return [{ source: 'Pods', targetAverageValue: 10, pods: [...old, ...newPods(spec - OLD_PODS)] }];
    },
  });
}

/** Drives one old pod's QPS counter through a pipeline, scraping every 15 s in step with the syncs. */
function pipelineObserved(config: MetricPipelineConfig): (t: number) => number {
  const p = new MetricPipeline(config);
  const counter = (t: number) => 9 * (t + 10_000) + (t > 0 ? 9 * t : 0);
  for (let t = -300; t < 0; t += 15) p.recordScrape(t, counter(t));
  return (t) => {
    p.recordScrape(t, counter(t)); // the scrape at a sync instant lands before the adapter's query
    const v = p.read(t);
    if (v === undefined) throw new Error(`no rate at t=${t}`);
    return v;
  };
}

describe('TC9: QPS through rate[2m], new pods not ready', () => {
  it('with the reference’s hand-computed observed values: 10 10 12 12 14 14 16 16 18 18', () => {
    const observed = (t: number) => REFERENCE_OBSERVED[TIMES.indexOf(t)] ?? Number.NaN;
    expect(replicasAt(run(observed, newPodsPending), TIMES)).toEqual(REFERENCE_REPLICAS);
  });

  it('gives the same counts when the new pods run NotReady and export 0 (Pods metrics skip readiness)', () => {
    const observed = (t: number) => REFERENCE_OBSERVED[TIMES.indexOf(t)] ?? Number.NaN;
    expect(replicasAt(run(observed, newPodsNotReadyAtZero), TIMES)).toEqual(REFERENCE_REPLICAS);
  });

  it('through MetricPipeline with Prometheus 2.x closed ranges (15 s scrapes): the reference trajectory emerges', () => {
    const observed = pipelineObserved({ scrapeIntervalSeconds: 15, windowSeconds: 120, aggregation: 'prometheus-rate', leftOpenRange: false });
    expect(replicasAt(run(observed, newPodsPending), TIMES)).toEqual(REFERENCE_REPLICAS);
  });

  it('with Prometheus 3.x left-open ranges the rate spans 105 s and the HPA settles at 17, not 18', () => {
    // Hand computation: observed(t) = 9 + 9t/105 → 10.29, 11.57 (→12), 12.86·10/12 = 10.72 (hold), 14.14·10/12 = 11.79
    // (→ ceil(14.14) = 15), 15.43·10/15 = 10.29 (hold), 16.71·10/15 = 11.14 (→ ceil(16.71) = 17), then 18·10/17 = 10.59:
    // inside the 10 % band, so the count stays at 17 although total / target = 18.
    const observed = pipelineObserved({ scrapeIntervalSeconds: 15, windowSeconds: 120, aggregation: 'prometheus-rate' });
    expect(replicasAt(run(observed, newPodsPending), TIMES)).toEqual([10, 10, 12, 12, 15, 15, 17, 17, 17, 17]);
  });
});
