import { type HpaController, type HpaMetricInput, type HpaPodSample, MetricPipeline, type MetricPipelineConfig } from '../hpa/index.ts';
import type { Rng } from '../random/rng.ts';
import type { ControlQueue } from './control-queue.ts';
import type { EngineHpa, EngineHpaMetric } from './engine-config.ts';
import { countPods, type Pod, PodState } from './pod.ts';
import type { ServiceRuntime } from './service-runtime.ts';

/**
 * Connects one service to its HPA: scrapes metrics on their own intervals through metric pipelines (so the
 * controller sees lagged, windowed values, not instantaneous truth) and reconciles every sync period with the
 * pods as Kubernetes would list them.
 *
 * - A Pods metric has one pipeline per running pod (what prometheus-adapter serves from per-pod series).
 * - An External metric has one pipeline for the service: the total a broker or gateway exports (the shared
 *   queue plus any pod queues, or every request waiting or in service), which the HPA divides by nothing but
 *   its target (`GetExternalPerPodMetricReplicas`) or compares whole (`GetExternalMetricReplicas`).
 * - Each pipeline and the sync loop start at a phase drawn from the seed (unless the config pins one): upstream
 *   the HPA's 15 s resync and Prometheus' scrapes run on independent clocks, so a gauge reaches the controller
 *   with half a scrape interval of lag on average, not none.
 */
/** What the driver reads of a service and writes back: its pods, its balancer queue and `spec.replicas`. */
export interface HpaTarget {
  readonly pods: readonly Pod[];
  readonly sharedQueue: { readonly length: number };
  specReplicas: number;
  /** KV-cache use of a pod, 0..1. */
  memoryUtilization(pod: Pod): number;
  /** Slots per replica and requested units (vCPUs of a CPU service): what CPU utilization is a share of. */
  readonly config: { readonly concurrency: number; readonly gpusPerReplica: number };
}

/** How one metric read fared: read, failed (a metrics outage), or answered by KEDA's fallback. */
export type MetricReadOutcome = 'ok' | 'failed' | 'fallback';

/**
 * What stands between the HPA and its metrics: a metrics outage (engine/metrics-outage.ts) and, on a KEDA service,
 * KEDA's metrics adapter with its fallback (keda-driver.ts). `fetch` is the read when the metrics answer.
 */
export interface MetricReadGate {
  read(metric: EngineHpaMetric, now: number, fetch: () => HpaMetricInput): { input: HpaMetricInput; outcome: MetricReadOutcome };
}

/** Upstream's message for a metric read that failed, by where the HPA reads it (horizontal.go computeReplicasForMetric's conditions). */
export function failedReadInput(metric: EngineHpaMetric): HpaMetricInput {
  const error =
    metric.source === 'Resource'
      ? 'FailedGetResourceMetric: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API'
      : metric.source === 'External'
        ? `FailedGetExternalMetric: unable to get external metric ${metric.type}: unable to fetch metrics from external metrics API`
        : `FailedGetPodsMetric: unable to get metric ${metric.type}: unable to fetch metrics from custom metrics API`;
  return { source: 'Error', error };
}

/**
 * An External metric's input for the replica calculator: a `Value` target divides the total by the ready pods
 * (`GetExternalMetricReplicas`), an `AverageValue` one by the scale's status.replicas (`GetExternalPerPodMetricReplicas`).
 * The metric read from the adapter and KEDA's fallback value both go through it.
 */
export function externalMetricInput(targetType: EngineHpaMetric['targetType'], target: number, total: number, pods: { listed: number; active: number; ready: number }): HpaMetricInput {
  return targetType === 'Value'
    ? { source: 'External', targetValue: target, total, listedPods: pods.listed, readyPods: pods.ready }
    : { source: 'External', targetAverageValue: target, total, statusReplicas: pods.active };
}

/** The gate of a service without KEDA: in a metrics outage every read fails. */
export function outageGate(down: (now: number) => boolean): MetricReadGate {
  return { read: (metric, now, fetch) => (down(now) ? { input: failedReadInput(metric), outcome: 'failed' } : { input: fetch(), outcome: 'ok' }) };
}

/** An HPA's syncs, and those where a metric read failed or was answered by KEDA's fallback (metrics outages). */
export interface HpaSyncCounts {
  syncs: number;
  /** Syncs that read metrics and had at least one read fail (the HPA then acts on the others, or not at all). */
  failedReads: number;
  /** Syncs in which every metric failed, or some failed and the rest proposed a scale-down: nothing scaled (ScalingActive False). */
  held: number;
  /** Syncs with at least one metric answered by KEDA's fallback. */
  onFallback: number;
}

export class HpaDriver<S extends HpaTarget = ServiceRuntime> {
  syncs = 0;
  private failedReads = 0;
  private held = 0;
  private onFallback = 0;
  private readonly pipelines = new Map<Pod, (MetricPipeline | null)[]>();
  private readonly external: (MetricPipeline | null)[];

  constructor(
    private readonly svc: S,
    private readonly controller: Pick<HpaController, 'reconcile'>,
    private readonly cfg: EngineHpa,
    private readonly control: ControlQueue,
    private readonly rng: Rng,
    private readonly onScale: (svc: S, from: number, to: number, now: number) => void,
    /** Null: every read answers (no metrics outage touches the service). */
    private readonly gate: MetricReadGate | null = null,
  ) {
    this.external = cfg.metrics.map((m) => (m.source === 'External' ? new MetricPipeline(pipelineOptions(m)) : null));
  }

  start(): void {
    // One draw per pipeline and one for the sync loop, always taken, so pinning one phase moves no other.
    this.cfg.metrics.forEach((m, i) => {
      const phase = this.phase(m.scrapePhaseSeconds, m.scrapeIntervalSeconds);
      const scrape = (now: number): void => {
        this.scrape(i, m, now);
        this.control.schedule(now + m.scrapeIntervalSeconds, scrape);
      };
      this.control.schedule(phase, scrape);
    });
    const sync = (now: number): void => {
      this.sync(now);
      this.control.schedule(now + this.cfg.syncPeriodSeconds, sync);
    };
    this.control.schedule(this.phase(this.cfg.syncPhaseSeconds, this.cfg.syncPeriodSeconds), sync);
  }

  private phase(pinned: number | undefined, period: number): number {
    const drawn = this.rng.next() * period;
    return pinned ?? drawn;
  }

  private scrape(i: number, metric: EngineHpaMetric, now: number): void {
    const external = this.external[i];
    if (external) {
      external.recordScrape(now, this.observeTotal(metric));
      return;
    }
    for (const pod of this.svc.pods) {
      if (pod.state !== PodState.Loading && pod.state !== PodState.Ready && pod.state !== PodState.Terminating) continue;
      let list = this.pipelines.get(pod);
      if (!list) {
        list = this.cfg.metrics.map((m) => (m.source !== 'External' ? new MetricPipeline(pipelineOptions(m)) : null));
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
      case 'cpuUtilization':
        // CPU-seconds used (each working slot one share of the request) × 100: rated, percent of the request.
        return (pod.workSeconds / this.svc.config.concurrency) * 100;
      case 'concurrency':
        return pod.outstanding;
      case 'kvCacheUtilization':
        return this.svc.memoryUtilization(pod) * 100;
      case 'queueLength':
        return pod.queue.length;
    }
  }

  /** The one number an External metric exports for the service: requests waiting (queueLength) or waiting and in service (concurrency). */
  private observeTotal(metric: EngineHpaMetric): number {
    let total = this.svc.sharedQueue.length;
    for (const pod of this.svc.pods) {
      if (pod.state === PodState.Gone) continue;
      total += metric.type === 'concurrency' ? pod.outstanding : pod.queue.length;
    }
    return total;
  }

  private sync(now: number): void {
    this.syncs++;
    const fetch = (m: EngineHpaMetric, i: number): HpaMetricInput => (m.source === 'External' ? this.externalInput(m, i, now) : m.source === 'Resource' ? this.cpuInput(m, i, now) : this.podsInput(m, i, now));
    const gate = this.gate;
    let failed = false;
    let onFallback = false;
    // Read only when the controller asks (a KEDA trigger's failures count per read, keda/keda-fallback.ts).
    const read = (): HpaMetricInput[] =>
      this.cfg.metrics.map((m, i) => {
        if (gate === null) return fetch(m, i);
        const r = gate.read(m, now, () => fetch(m, i));
        if (r.outcome === 'failed') failed = true;
        if (r.outcome === 'fallback') onFallback = true;
        return r.input;
      });
    const from = this.svc.specReplicas;
    const decision = this.controller.reconcile(now, from, gate === null ? read() : read);
    if (onFallback) this.onFallback++;
    if (failed) {
      this.failedReads++;
      if (decision.reason === 'MetricsError') this.held++;
    }
    if (decision.desiredReplicas !== from) {
      this.svc.specReplicas = decision.desiredReplicas;
      this.onScale(this.svc, from, decision.desiredReplicas, now);
    }
  }

  /** The syncs so far, and those a metrics outage touched. */
  counts(): HpaSyncCounts {
    return { syncs: this.syncs, failedReads: this.failedReads, held: this.held, onFallback: this.onFallback };
  }

  private podsInput(m: EngineHpaMetric, i: number, now: number): HpaMetricInput {
    return { source: 'Pods', targetAverageValue: m.target, pods: this.svc.pods.filter((p) => p.state !== PodState.Gone).map((p) => this.sample(p, i, now)) };
  }

  /**
   * CPU utilization as a Resource metric: each pod's usage (millicores) against its request, with the pod's
   * start and Ready-transition times so the controller's CPU readiness rules (groupPods,
   * --horizontal-pod-autoscaler-cpu-initialization-period, initial-readiness-delay) see what upstream sees.
   */
  private cpuInput(m: EngineHpaMetric, i: number, now: number): HpaMetricInput {
    const requestMilli = Math.round(this.svc.config.gpusPerReplica * 1000);
    const pods = this.svc.pods
      .filter((p) => p.state !== PodState.Gone)
      .map((p) => {
        const s = this.sample(p, i, now);
        // The sample is percent of the request: back to cores of usage (base units; the request is in millicores).
        if (s.value !== undefined) s.value = (s.value / 100) * (requestMilli / 1000);
        s.requestMilli = requestMilli;
        // status.startTime is when the kubelet took the pod (bound to a node, before the image pull), not its
        // creation; the Ready condition is first written False then. A pod Ready from the start of the run has no
        // start recorded: it started with the run (its creation).
        const started = p.startedAt >= 0 ? p.startedAt : p.readyAt >= 0 ? p.createdAt : -1;
        if (started >= 0) s.startTime = started;
        if (p.readyAt >= 0) s.readyTransitionTime = p.readyAt;
        else if (started >= 0) s.readyTransitionTime = started;
        // metrics-server stamps the sample with its last scrape and the time since the scrape before
        // (pkg/storage/types.go resourceUsage), not with the HPA's sync time.
        const pipeline = this.pipelines.get(p)?.[i];
        if (s.value !== undefined && pipeline) {
          s.metricTimestamp = pipeline.lastTimestamp;
          s.metricWindowSeconds = pipeline.lastWindowSeconds;
        }
        return s;
      });
    return { source: 'Resource', resource: 'cpu', targetAverageUtilization: m.target, pods };
  }

  // scale.status.replicas is the ReplicaSet's active (non-terminating) pods; getReadyPodsCount counts Running+Ready.
  private externalInput(m: EngineHpaMetric, i: number, now: number): HpaMetricInput {
    const total = this.external[i]!.read(now);
    if (total === undefined || !Number.isFinite(total)) return { source: 'Error' };
    return externalMetricInput(m.targetType, m.target, total, countPods(this.svc.pods));
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
  if (m.type === 'qpsPerReplica' || m.type === 'gpuUtilization' || m.type === 'cpuUtilization') {
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
