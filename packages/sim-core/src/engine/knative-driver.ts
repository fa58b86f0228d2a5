import { KpaDecider, KPA_TICK_SECONDS } from '../knative/kpa-decider.ts';
import { KPA_SCRAPE_SECONDS, MetricWindows } from '../knative/metric-windows.ts';
import { PaReconciler } from '../knative/pa-reconciler.ts';
import { ActivatorBuffer } from './activator-buffer.ts';
import type { ControlQueue } from './control-queue.ts';
import type { EngineKnative } from './engine-config.ts';
import { type Pod, PodState } from './pod.ts';
import type { ServiceRuntime } from './service-runtime.ts';
import type { ZeroGate } from './zero-gate.ts';
import { heldRequests, type HeldRequests, ZeroEpisodes, type ZeroEpisodesResult } from './zero-episodes.ts';

/**
 * Samples per second of the requests in flight at the pods: the queue-proxy averages them exactly over its reporting
 * second, which would need a hook on every request; ten samples at the middle of each tenth of a second (offset so
 * they do not fall on the round times of evenly spaced arrivals and constant service times) estimate the average.
 */
const SAMPLES_PER_SECOND = 10;
const SAMPLE_OFFSET = 0.0037;

/** What the KPA did over a run (times in s, counts of requests). */
export interface KnativeServiceResult extends ZeroEpisodesResult, HeldRequests {
  /** `Scale` decisions that had data (every 2 s, and at once when the activator pokes it at zero). */
  decisions: number;
  /** Stretches in panic mode [from, to] (to = null: still at the end). */
  panics: { from: number; to: number | null }[];
}

/** The activator's stats for the revision (activator/handler/concurrency_reporter.go `revisionStats`), while it has any. */
interface ActivatorStat {
  /** Request-seconds held since the last report, and requests that came. */
  area: number;
  count: number;
  /** The first request, already reported at once (subtracted from the next report). */
  firstAdj: number;
}

/**
 * Connects one service to its Knative Pod Autoscaler: every 1 s the collector scrapes the ready pods (requests in
 * flight averaged over the second, or requests routed to them in the second, summed: the scraper's census) and the
 * activator reports what it holds; every 2 s the decider (`Scale`) runs, and when its answer changes the PodAutoscaler
 * reconcile sets spec.replicas (bounds, scale to zero). It is the service's gate at zero: a request with no ready
 * replica waits in the activator, whose first request pokes the decider at once (multiscaler.go `Poke`).
 */
export class KnativeDriver implements ZeroGate {
  /** Requests routed to a ready pod since the last scrape (the rps metric; ServiceRuntime counts them). */
  routed = 0;
  private readonly windows: MetricWindows;
  private decider: KpaDecider | null = null;
  private readonly pa: PaReconciler;
  /** The decider's status: desired scale (-1 before its first decision) and excess burst capacity. */
  private desiredScale = -1;
  private ebc: number;
  private readonly buffer: ActivatorBuffer;
  private stat: ActivatorStat | null = null;
  private heldNow = 0;
  private heldSince = 0;
  private sampleSum = 0;
  private samples = 0;
  private requeueAt = Infinity;
  private decisions = 0;
  private readonly panics: { from: number; to: number | null }[] = [];
  private readonly episodes: ZeroEpisodes;

  constructor(
    private readonly svc: ServiceRuntime,
    private readonly cfg: EngineKnative,
    private readonly control: ControlQueue,
    private readonly onScale: (svc: ServiceRuntime, from: number, to: number, now: number, reason: string) => void,
  ) {
    const d = cfg.decider;
    // The scraper has no target with target-burst-capacity -1: an empty window is then 0, not "no data".
    this.windows = new MetricWindows(d.stableWindowSeconds, cfg.panicWindowPercentage, d.targetBurstCapacity !== -1, cfg.aggregation === 'weighted-exponential');
    this.pa = new PaReconciler(cfg.pa, 0);
    // multiscaler.go createScaler: the EBC before any decision, from the initial scale.
    this.ebc = d.targetBurstCapacity === -1 || d.targetBurstCapacity === 0 ? d.targetBurstCapacity : cfg.pa.initialScale * d.totalValue - d.targetBurstCapacity;
    this.buffer = new ActivatorBuffer(
      cfg.buffer.capacity,
      cfg.buffer.timeoutSeconds,
      (at, fn) => control.schedule(at, fn),
      (slot, now) => {
        this.accrueHeld(now);
        this.heldNow--;
        svc.timeOutSlot(slot, now);
      },
    );
    this.episodes = new ZeroEpisodes(svc.specReplicas === 0);
  }

  /** At t = 0, with the initial pods placed: the decider (in panic over more than one ready pod), the loops, a first reconcile. */
  start(): void {
    this.decider = new KpaDecider(this.cfg.decider, this.svc.readyCount, 0);
    if (this.decider.panicking) this.panics.push({ from: 0, to: null });
    this.reconcile(0);
    let n = 0;
    const sample = (): void => {
      this.sample();
      n++;
      this.control.schedule((n + 0.5) / SAMPLES_PER_SECOND + SAMPLE_OFFSET, sample);
    };
    this.control.schedule(0.5 / SAMPLES_PER_SECOND + SAMPLE_OFFSET, sample);
    const scrape = (now: number): void => {
      this.scrape(now);
      this.control.schedule(now + KPA_SCRAPE_SECONDS, scrape);
    };
    this.control.schedule(KPA_SCRAPE_SECONDS, scrape);
    // At an instant with both, the tick runs first (it was queued first): it reads the buckets up to the previous
    // second, the last one not yet written (WindowAverage leaves such seconds out of the window). Upstream the two
    // tickers start in one reconcile, the decider's first (reconcileDecider before ReconcileMetric), so a decision
    // comes just before that second's scrape.
    const tick = (now: number): void => {
      this.tick(now);
      this.control.schedule(now + KPA_TICK_SECONDS, tick);
    };
    this.control.schedule(KPA_TICK_SECONDS, tick);
  }

  /** Requests in flight at the ready pods now (queued at the queue-proxy or in the container). */
  private sample(): void {
    const shared = this.svc.config.routing === 'shared-queue';
    let n = 0;
    for (const p of this.svc.ready) n += shared ? p.inService : p.load;
    this.sampleSum += n;
    this.samples++;
  }

  /** The collector's scrape and the activator's report for the second ending at `now` (collection.record). */
  private scrape(now: number): void {
    const podValue = this.cfg.metric === 'rps' ? this.routed : this.samples > 0 ? this.sampleSum / this.samples : 0;
    this.sampleSum = 0;
    this.samples = 0;
    this.routed = 0;
    // No ready pod: the scraper returns an empty stat, and nothing is recorded.
    if (this.svc.readyCount > 0) this.windows.record(now, podValue);
    const s = this.stat;
    if (s === null) return;
    this.accrueHeld(now);
    // computeReport: the average over the period less the first request already reported, at least 0.
    const average = s.area / KPA_SCRAPE_SECONDS;
    const firstAdj = s.firstAdj;
    const value = this.cfg.metric === 'rps' ? s.count - firstAdj : Math.max(average - firstAdj, 0);
    s.firstAdj = 0;
    s.area = 0;
    s.count = 0;
    this.windows.record(now, value);
    if (average === 0) this.stat = null;
    // The stat server pokes the decider with every activator report that has concurrency while it wants 0.
    if (this.desiredScale === 0 && Math.max(average - firstAdj, 0) !== 0) this.tick(now);
  }

  /** The decider's tick (or a poke): `Scale`, and a reconcile when its status changed (`updateLatestScale` → Inform). */
  private tick(now: number): void {
    const m = this.windows.read(now);
    if (m === null) return;
    const r = this.decider!.scale(now, this.svc.readyCount, m.stable, m.panic);
    this.decisions++;
    const open = this.panics.at(-1);
    if (r.panicking && (open === undefined || open.to !== null)) this.panics.push({ from: now, to: null });
    else if (!r.panicking && open !== undefined && open.to === null) open.to = now;
    const changed = r.desiredPodCount !== this.desiredScale || r.excessBurstCapacity < 0 !== this.ebc < 0;
    this.desiredScale = r.desiredPodCount;
    this.ebc = r.excessBurstCapacity;
    if (changed) this.reconcile(now);
  }

  /** The PodAutoscaler reconcile: apply what it decides, and reconcile again when it asks (the workqueue keeps the earliest). */
  private reconcile(now: number): void {
    const r = this.pa.reconcile(now, this.desiredScale, this.ebc, this.svc.readyCount, this.svc.specReplicas);
    if (r.apply !== null) this.apply(now, r.apply, r.reason);
    if (r.requeueAfter !== null && now + r.requeueAfter < this.requeueAt) {
      const at = now + r.requeueAfter;
      this.requeueAt = at;
      this.control.schedule(at, (t) => {
        if (this.requeueAt !== at) return;
        this.requeueAt = Infinity;
        this.reconcile(t);
      });
    }
  }

  private apply(now: number, to: number, reason: string): void {
    const from = this.svc.specReplicas;
    this.svc.specReplicas = to;
    // A request the activator still holds when the revision goes back to zero is the next cold start's first.
    this.episodes.scaled(from, to, now);
    this.onScale(this.svc, from, to, now, reason);
  }

  // ---- the activator ----

  private accrueHeld(now: number): void {
    if (this.stat !== null) this.stat.area += this.heldNow * (now - this.heldSince);
    this.heldSince = now;
  }

  /** Requests waiting in the activator. */
  get length(): number {
    return this.buffer.length;
  }

  /**
   * A request found no ready replica: the activator holds it (or refuses it when full). The revision's first request
   * is reported at once as a concurrency of 1 and pokes the decider when it last wanted 0 (`getOrCreateStat`, `Poke`).
   */
  arrive(slot: number, now: number): void {
    this.episodes.requestAtZero(now);
    this.accrueHeld(now);
    let poke = false;
    if (this.stat === null) {
      this.stat = { area: 0, count: 0, firstAdj: 1 };
      this.windows.record(now, 1);
      poke = this.desiredScale === 0;
    }
    this.stat.count++;
    if (this.buffer.hold(slot, now)) this.heldNow++;
    else this.svc.dropSlot(slot, now);
    if (poke) this.tick(now);
  }

  /** A replica became ready: a pending cold start ends, the activator releases what it holds, and the PA reconciles. */
  podReady(pod: Pod, now: number): void {
    this.episodes.podReady(pod, now);
    this.accrueHeld(now);
    this.buffer.release(now, (slot, t) => this.svc.route(slot, t));
    this.heldNow = 0;
    // Initial pods are made ready before start(): the first reconcile sees them.
    if (this.decider !== null && pod.state === PodState.Ready) this.reconcile(now);
  }

  /** At the end of observation: requests past their wait limit fail. */
  dropExpired(now: number): void {
    this.buffer.dropExpired(now);
  }

  forEach(fn: (slot: number) => void): void {
    this.buffer.forEach(fn);
  }

  /** The run's figures, with a zero episode still open counted up to `end`. */
  result(end: number): KnativeServiceResult {
    return {
      decisions: this.decisions,
      panics: this.panics.map((p) => ({ ...p })),
      ...this.episodes.result(end),
      ...heldRequests(this.buffer),
    };
  }
}
