import { type HpaController, type HpaMetricInput, type HpaPodSample, MetricPipeline, type MetricPipelineConfig } from '../hpa/index.ts';
import type { ControlQueue } from './control-queue.ts';
import type { EngineHpa, EngineHpaMetric } from './engine-config.ts';
import { type Pod, PodState } from './pod.ts';
import type { ServiceRuntime } from './service-runtime.ts';

/**
 * Connects one service to its HPA: scrapes each running pod's metrics on their own intervals through
 * a metric pipeline (so the controller sees lagged, windowed values, not instantaneous truth), and
 * reconciles every sync period with the pods as Kubernetes would list them.
 */
export class HpaDriver {
  syncs = 0;
  private readonly pipelines = new Map<Pod, MetricPipeline[]>();

  constructor(
    private readonly svc: ServiceRuntime,
    private readonly controller: HpaController,
    private readonly cfg: EngineHpa,
    private readonly control: ControlQueue,
    private readonly onScale: (svc: ServiceRuntime, from: number, to: number, now: number) => void,
  ) {}

  start(): void {
    this.cfg.metrics.forEach((m, i) => {
      const scrape = (now: number): void => {
        this.scrape(i, m, now);
        this.control.schedule(now + m.scrapeIntervalSeconds, scrape);
      };
      this.control.schedule(0, scrape);
    });
    const sync = (now: number): void => {
      this.sync(now);
      this.control.schedule(now + this.cfg.syncPeriodSeconds, sync);
    };
    this.control.schedule(0, sync);
  }

  private scrape(i: number, metric: EngineHpaMetric, now: number): void {
    for (const pod of this.svc.pods) {
      if (pod.state !== PodState.Loading && pod.state !== PodState.Ready && pod.state !== PodState.Terminating) continue;
      let list = this.pipelines.get(pod);
      if (!list) {
        list = this.cfg.metrics.map((m) => new MetricPipeline(pipelineOptions(m)));
        this.pipelines.set(pod, list);
      }
      list[i]!.recordScrape(now, this.observe(metric, pod, now));
    }
    for (const pod of this.pipelines.keys()) if (pod.state === PodState.Gone) this.pipelines.delete(pod);
  }

  /** The raw value a pod exports: a counter for rated metrics, a gauge otherwise. */
  private observe(metric: EngineHpaMetric, pod: Pod, now: number): number {
    switch (metric.type) {
      case 'qpsPerReplica':
        return pod.completions;
      case 'gpuUtilization':
        return pod.busyUntil(now) * 100;
      case 'concurrency':
        return pod.outstanding;
      case 'kvCacheUtilization':
        return this.svc.memoryUtilization(pod) * 100;
      case 'queueLength':
        return this.svc.config.routing === 'shared-queue' ? this.svc.sharedQueue.length / Math.max(1, this.svc.readyCount) : pod.queue.length;
    }
  }

  private sync(now: number): void {
    this.syncs++;
    const inputs: HpaMetricInput[] = this.cfg.metrics.map((m, i) => ({
      source: 'Pods',
      targetAverageValue: m.target,
      pods: this.svc.pods.filter((p) => p.state !== PodState.Gone).map((p) => this.sample(p, i, now)),
    }));
    const from = this.svc.specReplicas;
    const decision = this.controller.reconcile(now, from, inputs);
    if (decision.desiredReplicas !== from) {
      this.svc.specReplicas = decision.desiredReplicas;
      this.onScale(this.svc, from, decision.desiredReplicas, now);
    }
  }

  private sample(pod: Pod, i: number, now: number): HpaPodSample {
    const phase = pod.state === PodState.Pending || pod.state === PodState.Pulling ? 'Pending' : 'Running';
    const value = this.pipelines.get(pod)?.[i]?.read(now);
    const sample: HpaPodSample = { phase, deleting: pod.state === PodState.Terminating, ready: pod.state === PodState.Ready };
    if (value !== undefined && value !== null && Number.isFinite(value)) sample.value = value;
    return sample;
  }
}

/**
 * QPS is a Prometheus `rate()` over a counter; GPU utilization is DCGM's busy fraction, a windowed rate
 * of busy time (or, with no window, the average since the previous scrape); gauges are read as is.
 */
function pipelineOptions(m: EngineHpaMetric): MetricPipelineConfig {
  const scrapeIntervalSeconds = m.scrapeIntervalSeconds;
  if (m.type === 'qpsPerReplica' || m.type === 'gpuUtilization') {
    // No window: the rate between the last two scrapes (what metrics-server does for CPU).
    return m.windowSeconds > 0
      ? { scrapeIntervalSeconds, windowSeconds: m.windowSeconds, aggregation: 'prometheus-rate' }
      : { scrapeIntervalSeconds, windowSeconds: scrapeIntervalSeconds, aggregation: 'counter-rate' };
  }
  // Gauges: the last value, or avg_over_time over the window when one is given.
  return m.windowSeconds > 0
    ? { scrapeIntervalSeconds, windowSeconds: m.windowSeconds, aggregation: 'avg-over-time' }
    : { scrapeIntervalSeconds, windowSeconds: 0, aggregation: 'last' };
}
