import type { HpaMetricInput } from '../hpa/index.ts';
import { type FallbackTarget, TriggerHealth } from '../keda/keda-fallback.ts';
import { ScaledObjectController, type TriggerReading } from '../keda/scaled-object-controller.ts';
import { ActivatorBuffer } from './activator-buffer.ts';
import type { ControlQueue } from './control-queue.ts';
import type { EngineHpaMetric, EngineKeda, EngineKedaTrigger } from './engine-config.ts';
import { externalMetricInput, failedReadInput, type MetricReadGate, type MetricReadOutcome } from './hpa-driver.ts';
import type { MetricsOutages } from './metrics-outage.ts';
import { countPods, type Pod, PodState } from './pod.ts';
import type { ServiceRuntime } from './service-runtime.ts';
import { SlidingCount } from './sliding-count.ts';
import { heldRequests, type HeldRequests, ZeroEpisodes, type ZeroEpisodesResult } from './zero-episodes.ts';

/** What a ScaledObject did over a run (times in s over the whole run, counts of requests). */
export interface KedaServiceResult extends ZeroEpisodesResult, HeldRequests {
  /** Replicas the design would keep with minReplicaCount 1 while this one is at zero (HPA minReplicas, at least 1). */
  floorReplicas: number;
  /** Polls in which a trigger's read failed (a metrics outage) and no fallback answered. */
  pollsFailed: number;
  /** Polls in which the fallback answered for a trigger. */
  pollsOnFallback: number;
  /** Stretches [from, to] while the Fallback condition was True (to = null: still at the end), s. */
  fallback: { from: number; to: number | null }[];
}

/**
 * Connects one service to its KEDA ScaledObject: polls the triggers every pollingInterval from t = 0
 * (`startScaleLoop` checks at once, then on its timer), applies `RequestScale` (keda/scaled-object-controller.ts)
 * to spec.replicas, and is the service's gate at zero: a request that finds no ready replica waits in the
 * activator buffer or fails. It also keeps the episode accounting (time at zero, cold starts, waits).
 */
export class KedaDriver implements MetricReadGate {
  readonly controller: ScaledObjectController;
  /** `status.health` and the fallback, shared by the polls and the HPA's reads through the metrics adapter. */
  private readonly health: TriggerHealth;
  /** The ScaledObject's triggers by metric name: each HPA metric KEDA serves and each keda trigger (one name when both read the same series). */
  private readonly triggerTargets = new Map<string, FallbackTarget>();
  private pollsFailed = 0;
  private pollsOnFallback = 0;
  private readonly fallbackSpans: { from: number; to: number | null }[] = [];
  private readonly buffer: ActivatorBuffer | null;
  private readonly rate: SlidingCount | null;
  private readonly completions: { t: number; total: number }[] = [];
  private readonly episodes: ZeroEpisodes;
  private refusedNoBuffer = 0;

  constructor(
    private readonly svc: ServiceRuntime,
    private readonly cfg: EngineKeda,
    private readonly control: ControlQueue,
    private readonly floorReplicas: number,
    private readonly onScale: (svc: ServiceRuntime, from: number, to: number, now: number, reason: string) => void,
    /** The HPA's metrics (the ScaledObject's triggers as `export k8s` writes them); empty without an hpa block. */
    hpaMetrics: readonly EngineHpaMetric[] = [],
    /** When the service's metric reads fail; null: never. */
    private readonly outages: MetricsOutages | null = null,
  ) {
    this.controller = new ScaledObjectController(cfg, 0);
    this.health = new TriggerHealth(cfg.fallback ?? null);
    // A CPU metric is a cpu trigger: the HPA reads it from metrics-server, not through KEDA (no fallback).
    for (const m of hpaMetrics) if (m.type !== 'cpuUtilization') this.triggerTargets.set(m.type, { type: m.targetType, value: m.target });
    // A trigger only KEDA polls has no HPA target: its fallback value is never read, only that it answered (active).
    for (const t of cfg.triggers) if (!this.triggerTargets.has(triggerName(t))) this.triggerTargets.set(triggerName(t), { type: 'AverageValue', value: 1 });
    const b = cfg.buffer;
    this.buffer = b === null ? null : new ActivatorBuffer(b.capacity, b.timeoutSeconds, (at, fn) => control.schedule(at, fn), (slot, now) => svc.timeOutSlot(slot, now));
    const rateTrigger = cfg.triggers.find((t) => t.type === 'requestRate');
    this.rate = rateTrigger ? new SlidingCount(rateTrigger.windowSeconds) : null;
    this.episodes = new ZeroEpisodes(svc.specReplicas === 0);
  }

  /** The interceptor counts a new request (requestRate triggers only; the engine calls it from the service's arrive). */
  count(now: number): void {
    this.rate?.add(now);
  }

  start(): void {
    const poll = (now: number): void => {
      this.poll(now);
      this.control.schedule(now + this.cfg.pollingIntervalSeconds, poll);
    };
    this.control.schedule(0, poll);
  }

  private poll(now: number): void {
    const down = this.outages?.down(this.svc.index, now) ?? false;
    const reads = new Map<string, MetricReadOutcome>();
    // getScaledObjectState polls every trigger; each read goes through GetMetricsWithFallback (health counted).
    for (const [name, target] of this.triggerTargets) reads.set(name, this.readThrough(name, down, target, now));
    // Activity is read from the keda triggers (the HPA's own metrics only scale 1 ↔ N here).
    const readings: TriggerReading[] = this.cfg.triggers.map((t) => {
      const r = reads.get(triggerName(t))!;
      // Observed even when the read fails: the series is still collected through an outage (engine/metrics-outage.ts).
      const value = this.observe(t, now);
      return { value: r === 'ok' ? value : 0, activationThreshold: t.activationThreshold, read: r === 'failed' ? 'error' : r };
    });
    // A trigger only the HPA reads still makes the poll an error while it fails (isError), or counts active on its fallback.
    for (const [name, r] of reads) {
      if (r !== 'ok' && !this.cfg.triggers.some((t) => triggerName(t) === name)) readings.push({ value: 0, activationThreshold: 0, read: r === 'failed' ? 'error' : r });
    }
    if ([...reads.values()].includes('failed')) this.pollsFailed++;
    if ([...reads.values()].includes('fallback')) this.pollsOnFallback++;
    const from = this.svc.specReplicas;
    const d = this.controller.poll(now, from, readings);
    if (d.setReplicas === null || d.setReplicas === from) return;
    const to = d.setReplicas;
    this.svc.specReplicas = to;
    this.episodes.scaled(from, to, now);
    // A cold start KEDA gives up on ends its episode: the next one counts from the next request that finds no replica.
    if (to === 0) this.episodes.forgetFirstRequest();
    this.onScale(this.svc, from, to, now, d.reason);
  }

  /**
   * The HPA's read of metric `i` through KEDA's metrics adapter (`GetScaledObjectMetrics`): a good read resets the
   * trigger's failures; a failed one counts, and past the threshold the HPA gets the fallback value as an External
   * AverageValue (or Value) metric, the form KEDA's HPA has for every trigger. A CPU metric does not pass through KEDA.
   */
  read(metric: EngineHpaMetric, now: number, fetch: () => HpaMetricInput): { input: HpaMetricInput; outcome: MetricReadOutcome } {
    const down = this.outages?.down(this.svc.index, now) ?? false;
    if (metric.type === 'cpuUtilization') return down ? { input: failedReadInput(metric), outcome: 'failed' } : { input: fetch(), outcome: 'ok' };
    const target = this.triggerTargets.get(metric.type)!;
    const r = this.health.read(metric.type, down, target, this.workload());
    this.noteFallback(now);
    if (r.kind === 'ok') return { input: fetch(), outcome: 'ok' };
    // GetScaledObjectMetrics: "metric:<name> encountered error", which the HPA reports as FailedGetExternalMetric.
    if (r.kind === 'error') return { input: { source: 'Error', error: `FailedGetExternalMetric: unable to get external metric ${metric.type}: metric:${metric.type} encountered error` }, outcome: 'failed' };
    return { input: externalMetricInput(target.type, target.value, r.valueMilli / 1000, countPods(this.svc.pods)), outcome: 'fallback' };
  }

  /** One poll's read of a trigger through `GetMetricsWithFallback`. */
  private readThrough(name: string, down: boolean, target: FallbackTarget, now: number): MetricReadOutcome {
    const r = this.health.read(name, down, target, this.workload());
    this.noteFallback(now);
    return r.kind === 'ok' ? 'ok' : r.kind === 'error' ? 'failed' : 'fallback';
  }

  /** The Fallback condition's stretches: opened when it turns True, closed when it turns False. */
  private noteFallback(now: number): void {
    const on = this.health.fallbackActive();
    const open = this.fallbackSpans.at(-1);
    if (on && (open === undefined || open.to !== null)) this.fallbackSpans.push({ from: now, to: null });
    else if (!on && open !== undefined && open.to === null) open.to = now;
  }

  /** spec.replicas, Running + Ready pods, pods listed and non-terminating pods (scale.status.replicas). */
  private workload(): { currentReplicas: number; readyReplicas: number; listedPods: number; statusReplicas: number } {
    const { listed, active, ready } = countPods(this.svc.pods);
    return { currentReplicas: this.svc.specReplicas, readyReplicas: ready, listedPods: listed, statusReplicas: active };
  }

  /** The value a trigger reads now. */
  private observe(t: EngineKedaTrigger, now: number): number {
    const svc = this.svc;
    switch (t.type) {
      case 'requestRate':
        return this.rate!.rate(now);
      case 'pendingRequests': {
        let n = this.length + svc.sharedQueue.length;
        for (const p of svc.pods) if (p.state !== PodState.Gone) n += p.outstanding;
        return n;
      }
      case 'prometheus':
        return this.prometheus(t, now);
    }
  }

  /** A query over the replicas' own series: with no replica running there is no series, and the query reads 0. */
  private prometheus(t: EngineKedaTrigger, now: number): number {
    const live = this.svc.pods.filter((p) => p.state === PodState.Ready || p.state === PodState.Terminating);
    if (t.metric === 'queueLength') return live.reduce((a, p) => a + p.queue.length, 0);
    if (t.metric === 'concurrency') return live.reduce((a, p) => a + p.outstanding, 0);
    // qpsPerReplica: rate() of the summed completion counters over the window (a vanished pod's counter is lost, as a reset).
    const total = live.reduce((a, p) => a + p.completions, 0);
    const c = this.completions;
    c.push({ t: now, total });
    while (c.length > 1 && c[1]!.t <= now - t.windowSeconds) c.shift();
    const first = c[0]!;
    return now > first.t ? Math.max(0, total - first.total) / (now - first.t) : 0;
  }

  // ---- the gate at zero ----

  /** Requests waiting in the buffer. */
  get length(): number {
    return this.buffer?.length ?? 0;
  }

  /** A request found no ready replica: it waits in the buffer, or fails at once (no buffer, or the buffer is full). */
  arrive(slot: number, now: number): void {
    this.episodes.requestAtZero(now);
    if (this.buffer !== null && this.buffer.hold(slot, now)) return;
    if (this.buffer === null) this.refusedNoBuffer++;
    this.svc.dropSlot(slot, now);
  }

  /** A replica became ready: a pending cold start ends, and the buffer empties onto the replicas. */
  podReady(pod: Pod, now: number): void {
    this.episodes.podReady(pod, now);
    this.buffer?.release(now, (slot, t) => this.svc.route(slot, t));
  }

  /** At the end of observation: requests past their wait limit fail. */
  dropExpired(now: number): void {
    this.buffer?.dropExpired(now);
  }

  forEach(fn: (slot: number) => void): void {
    this.buffer?.forEach(fn);
  }

  /** The run's figures, with a zero episode still open counted up to `end`. */
  result(end: number): KedaServiceResult {
    return {
      ...this.episodes.result(end),
      ...heldRequests(this.buffer, this.refusedNoBuffer),
      floorReplicas: this.floorReplicas,
      pollsFailed: this.pollsFailed,
      pollsOnFallback: this.pollsOnFallback,
      fallback: this.fallbackSpans.map((f) => ({ ...f })),
    };
  }
}

/** A trigger's metric name: a prometheus trigger is named for the series it queries (the HPA metric of that type is the same trigger). */
function triggerName(t: EngineKedaTrigger): string {
  return t.type === 'prometheus' ? (t.metric ?? t.type) : t.type;
}
