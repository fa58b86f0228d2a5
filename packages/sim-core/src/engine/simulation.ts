/**
 * The discrete-event loop and the wiring of a run: traffic → services → pods → nodes, with the HPA,
 * the cluster autoscaler and spot interruptions acting on them over simulated time. It is the one file
 * allowed to be long (STYLE.md §9): the loop is the only place that sees every part at once.
 *
 * Four event sources are merged by time: the next arrival (one pending at a time), the heap of
 * per-request events (typed arrays, no allocation), the completion FIFOs (constant service times and
 * cache hits), and the control queue (closures, rare).
 */
import { type PrefixSource, prefixResult } from './prefix-stats.ts';
import { ClusterAutoscaler, DEFAULT_CLUSTER_AUTOSCALER } from '../cluster/cluster-autoscaler.ts';
import { NodeState, type NodeRuntime } from '../cluster/node-runtime.ts';
import { PodScheduler } from '../cluster/pod-scheduler.ts';
import { NodeFaults } from '../cluster/node-faults.ts';
import { type Evictable, type JobPod, JobQueue } from '../cluster/job-queue.ts';
import { isPreempting, NOT_NOMINATED, waitsForVictims } from '../cluster/nomination.ts';
import { pickOneNodeForPreemption, selectVictimsOnNode, type Victims } from '../cluster/preemption.ts';
import { TeamLedger } from '../cluster/team-ledger.ts';
import { PoolRuntime } from '../cluster/pool-runtime.ts';
import { DEFAULT_KARPENTER_SETTINGS, KarpenterController } from '../karpenter/karpenter-controller.ts';
import type { Offering } from '../karpenter/offerings.ts';
import { isStockedOut } from '../karpenter/offerings.ts';
import { poolActivity, PoolLaunches } from '../karpenter/pool-activity.ts';
import { recordPodEvent } from '../karpenter/pod-events.ts';
import { HpaController } from '../hpa/index.ts';
import { createTimeSeries, sliceTimeSeries, type TimeSeries } from '../metrics/timeseries.ts';
import { standardExponential } from '../random/exponential.ts';
import { Rng, RngStream } from '../random/rng.ts';
import { DurationSampler } from '../random/service-time.ts';
import { ArrivalMerge } from '../traffic/arrival-merge.ts';
import { NO_ARRIVALS, type ArrivalSource } from '../traffic/arrival-source.ts';
import { ArrivalProcess } from '../traffic/arrival-process.ts';
import type { CompletionFifo } from './completion-fifo.ts';
import { ControlQueue } from './control-queue.ts';
import type { EngineConfig } from './engine-config.ts';
import type { EnginePoolResult, EngineEvent, EngineResult, EngineServiceResult, EngineSpeculativeResult, RunOptions } from './engine-result.ts';
import { EventHeap } from './event-heap.ts';
import { HpaDriver, outageGate } from './hpa-driver.ts';
import { MetricsOutages } from './metrics-outage.ts';
import { KedaDriver } from './keda-driver.ts';
import { KnativeDriver } from './knative-driver.ts';
import { pagedKv } from './paged-kv.ts';
import { Pod, PodState } from './pod.ts';
import { CA_MAX_GRACEFUL_TERMINATION_SECONDS, DEFAULT_TERMINATION_GRACE_SECONDS, killDelaySeconds } from './termination-grace.ts';
import { isFullyBlocking } from '../cluster/pod-disruption-budget.ts';
import { formatInteger } from '../scenario/describe-value.ts';
import { podsToDelete } from './replica-set-deletion.ts';
import { RequestStore } from './request-store.ts';
import { RunStats } from './run-stats.ts';
import { MAX_IN_FLIGHT_REQUESTS } from './engine-limits.ts';
import { QUEUE_EXPIRY_BASE, ServiceRuntime } from './service-runtime.ts';
import { ServiceDisruptionBudgets } from './disruption-budgets.ts';
import { FLOW_BASE, RequestFlow, WAKE_BASE } from './request-flow.ts';
import { LatencyHistogram } from '../metrics/latency-histogram.ts';
import { ClosedLoop, userSchedule } from '../traffic/closed-loop.ts';
import { TraceArrivals } from '../traffic/trace-arrivals.ts';
import { type ClosedLoopResult, LoadLevel, MAX_LOAD_LEVELS } from './load-levels.ts';
import { VisitFlag } from './request-store.ts';
import { VisitOutcome } from './service-stats.ts';

const DEFAULT_MAX_EVENTS = 5000;

/**
 * A closed-loop user whose request failed waits at least this long (s) before the next one, think time 0
 * included: a refused request still costs the client a round trip, and a design that refuses every request
 * at once must not stall simulated time in a loop of instant retries.
 */
const FAILED_RETRY_SECONDS = 0.001;

export class Simulation {
  readonly heap = new EventHeap();
  readonly control = new ControlQueue();
  readonly store = new RequestStore();
  readonly stats: RunStats;
  readonly flow: RequestFlow;
  readonly services: ServiceRuntime[];
  readonly pools: PoolRuntime[];
  readonly podsByUid: Pod[] = [];
  private readonly ca: ClusterAutoscaler;
  /** Karpenter, when a pool is a Karpenter NodePool; null otherwise (nothing of it runs). */
  private readonly karpenter: KarpenterController | null;
  /** Nodes launched per pool by instance type and capacity, and CA scale-ups refused for capacity. */
  private readonly launches: PoolLaunches[];
  /** kube-scheduler: the unscheduled pods and where each binds. */
  private readonly scheduler: PodScheduler;
  private readonly provisioningFailures: Rng[];
  private readonly hpas: HpaDriver[] = [];
  /** Each service's KEDA ScaledObject, or null. */
  private readonly kedas: (KedaDriver | null)[];
  /** Each service's Knative Pod Autoscaler, or null. */
  private readonly knatives: (KnativeDriver | null)[];
  private readonly provisioning: DurationSampler[];
  private readonly spotRng: Rng;
  /** Hardware failures, spot waves and scheduled faults; null when the design has none (nothing runs for them). */
  private readonly faults: NodeFaults | null;
  /** Outages of the autoscalers' metrics (spec.faults kind metrics); null when the design has none. */
  private readonly metricsOutages: MetricsOutages | null;
  /** Each service's HPA driver, or null. */
  private readonly hpaOf: (HpaDriver | null)[];
  /** Per service: when each pod lost to a crash was lost, waiting for a replacement to become Ready. */
  private lostAt: number[][] = [];
  /** A shared cluster (teams, priority classes or jobs): quotas, priorities and preemption; null otherwise. */
  private readonly ledger: TeamLedger | null;
  private readonly jobs: JobQueue | null;
  /** Services whose Deployment could not create a pod because of its team's quota (retried when quota frees). */
  private readonly quotaBlocked = new Set<ServiceRuntime>();
  private scheduling = false;
  private quotaRetrying = false;
  /** Pods whose GPUs are charged to their team's quota (released when the pod is gone). */
  private readonly charged = new Set<Pod>();
  private scheduleAgain = false;
  private lostPodSeconds = 0;
  private podsLost = 0;
  private visitsFailedByFaults = 0;
  /** Per service: terminating pods killed at the end of their grace period, and the visits in flight on them then (failed). */
  private readonly graceKills: { pods: number; visits: number }[];
  private nodeUid = 0;
  private readonly events: EngineEvent[] = [];
  private eventsDropped = 0;
  private spotInterruptions = 0;
  private readonly series: TimeSeries;
  private intervalIndex = 0;
  private busyCarry = 0;
  private replicaSamples = { min: Infinity, max: 0, sum: 0, n: 0 };
  private nodeSamples = { min: Infinity, max: 0, sum: 0, n: 0 };
  /**
   * Busy and allocatable GPU-seconds of intervals ending after the warm-up: the run's GPU utilization is their ratio
   * (docs/json-output.md), not the mean of the intervals' ratios, which gave a quiet interval on 4 GPUs the weight of a
   * busy one on 40 (hpa-step: 72.4% against 67.1%).
   */
  private gpuBusySum = 0;
  private gpuAllocSum = 0;
  /**
   * Most GPUs in existence at an interval end after the warm-up: the pools' alive nodes (ready or provisioning, as the
   * node counts) and the replicas of services without a pool. It had been each pool's peak at any instant of the whole
   * run, summed: 80 GPUs at peak beside a node peak of 77 one-GPU nodes (spot-wave-drill, a peak in the warm-up).
   */
  private peakGpus = 0;
  /** Most requests in flight, and most waiting, at an interval end after the warm-up. */
  private backlogMax = 0;
  private waitingMax = 0;
  /** After the horizon: no arrivals, no events recorded, only the requests in flight followed to their end. */
  private draining = false;
  /** Arrivals dropped because MAX_IN_FLIGHT_REQUESTS were already in flight. */
  private inFlightLimitDrops = 0;

  constructor(private readonly cfg: EngineConfig) {
    this.stats = new RunStats(cfg.warmupSeconds);
    this.pools = cfg.pools.map((p, i) => new PoolRuntime(i, p));
    this.flow = new RequestFlow(cfg, this.store, this.heap, this.stats);
    this.services = cfg.services.map(
      (s, i) => new ServiceRuntime(i, s, this.heap, this.store, this.stats, this.podsByUid, cfg.seed, (pod, now) => this.finalizePod(pod, now), this.flow),
    );
    this.flow.attach(this.services);
    this.metricsOutages = (cfg.metricsOutages?.length ?? 0) > 0 ? new MetricsOutages(cfg.metricsOutages!, this.services.length) : null;
    this.hpaOf = this.services.map(() => null);
    this.kedas = this.services.map((svc) => {
      const k = svc.config.keda;
      if (!k) return null;
      // With minReplicaCount 1 the design would keep the HPA's floor (KEDA sets HPA minReplicas to max(minReplicaCount, 1)).
      const floor = Math.max(1, k.minReplicaCount, svc.config.hpa?.controller.minReplicas ?? 1);
      const driver = new KedaDriver(svc, k, this.control, floor, (s, from, to, now, reason) => {
        this.event({ t: now, kind: 'keda-scale', target: s.config.name, from, to, detail: reason });
        this.reconcileReplicas(s, now);
      }, svc.config.hpa?.metrics ?? [], this.outagesOf(svc.index));
      svc.attachKeda(driver, k.triggers.some((t) => t.type === 'requestRate'));
      return driver;
    });
    this.knatives = this.services.map((svc) => {
      const k = svc.config.knative;
      if (!k) return null;
      const driver = new KnativeDriver(svc, k, this.control, (s, from, to, now, reason) => {
        this.event({ t: now, kind: 'knative-scale', target: s.config.name, from, to, detail: reason });
        this.reconcileReplicas(s, now);
      });
      svc.attachKnative(driver, k.metric === 'rps');
      return driver;
    });
    this.provisioning = cfg.pools.map((p, i) => new DurationSampler(p.provisioning, new Rng(cfg.seed, RngStream.provisioning * 1000 + i)));
    this.provisioningFailures = cfg.pools.map((_, i) => new Rng(cfg.seed, RngStream.provisioningFailure * 1000 + i));
    this.spotRng = new Rng(cfg.seed, RngStream.spot);
    this.faults = NodeFaults.needed(this.pools, cfg.faults ?? [])
      ? new NodeFaults(this.pools, cfg.faults ?? [], cfg.seed, {
          crash: (pool, nodes, now) => this.crashNodes(pool, nodes, now),
          restore: (pool, node, now) => this.restoreNode(pool, node, now),
          spotNotice: (pool, node, now) => this.spotNotice(pool, node, now),
          schedule: (at, run) => this.control.schedule(at, run),
          event: (e) => this.event(e),
        })
      : null;
    this.lostAt = cfg.services.map(() => []);
    this.graceKills = cfg.services.map(() => ({ pods: 0, visits: 0 }));
    this.servingPreempted = cfg.services.map(() => 0);
    const shared = (cfg.teams?.length ?? 0) > 0 || (cfg.jobs?.length ?? 0) > 0 || cfg.services.some((s) => s.priority !== undefined);
    this.ledger = shared ? new TeamLedger(cfg.teams ?? []) : null;
    this.jobs =
      this.ledger !== null && (cfg.jobs?.length ?? 0) > 0
        ? new JobQueue(cfg.jobs!, this.pools, this.ledger, {
            schedule: (at, run) => this.control.schedule(at, run),
            servingOn: (node) => this.servingEvictables(node),
            evictServing: (pod, now) => this.evictServing(pod, now),
            disruptionsAllowed: this.disruptionsAllowed,
            priorityOf: this.priorityOfPod,
            capacityFreed: (now) => this.jobPodsLeft(now),
            unschedulable: (pods, now) => this.karpenter?.triggerJob(pods, now),
            event: (kind, target, detail, now) => this.event({ t: now, kind, target, detail }),
          }, cfg.waitForPodsReady ?? null, new Rng(cfg.seed, RngStream.kueueRequeue))
        : null;
    const gpusOf = (pod: Pod): number => this.cfg.services[pod.service]!.gpusPerReplica;
    const poolsOf = (pod: Pod): readonly number[] => this.cfg.services[pod.service]!.pools;
    // A Job's pending pods are unschedulable pods to both autoscalers, as any pod is upstream.
    const unschedulableJobPods = (): readonly JobPod[] => this.jobs?.unschedulablePods() ?? [];
    this.scheduler = new PodScheduler(this.pools, gpusOf, poolsOf);
    const budgets = (this.budgets = new ServiceDisruptionBudgets(this.services));
    this.ca = new ClusterAutoscaler(
      this.pools,
      this.scheduler.pending,
      cfg.clusterAutoscaler ?? DEFAULT_CLUSTER_AUTOSCALER,
      {
        requestNode: (pool, now) => this.requestNode(pool, now),
        // The cluster autoscaler's eviction caps the pod's grace at --max-graceful-termination-sec (termination-grace.ts).
        evictPod: (pod, now) => this.evictPod(pod, now, CA_MAX_GRACEFUL_TERMINATION_SECONDS),
        ...(budgets.any
          ? {
              evictionAllowed: (pod: Pod) => budgets.evictionAllowed(pod),
              disruptionsAllowed: () => new Map([...budgets.statuses()].map(([svc, st]) => [svc, st.disruptionsAllowed])),
              schedule: (at: number, run: (now: number) => void) => this.control.schedule(at, run),
              nodeUncordoned: (node: NodeRuntime, now: number) => {
                this.event({ t: now, kind: 'drain-failed', target: this.pools[node.pool]!.config.name, detail: `node ${node.uid}: an eviction refused by a PodDisruptionBudget for --max-pod-eviction-time (2m); the node stays` });
                this.schedulePending(now);
              },
            }
          : {}),
        ...(cfg.services.some((s) => s.safeToEvict != null) ? { safeToEvictOf: (pod: Pod) => cfg.services[pod.service]!.safeToEvict ?? null } : {}),
        evictJobPod: (pod, now) => this.jobs?.interrupt(pod, now),
        deleteNode: (pool, node, now) => this.deleteNode(pool, node, now),
        gpusOf,
        poolsOf,
        priorityOf: this.priorityOfPod,
        unschedulableJobPods,
        scaleUpTimedOut: (pool, now, until) => this.event({ t: now, kind: 'scale-up-timeout', target: pool.config.name, detail: `backed off until ${Math.round(until)} s` }),
        scaleUpFailed: (pool, now, until, nodes) => {
          this.launches[pool.index]!.failedLaunches++;
          this.event({ t: now, kind: 'insufficient-capacity', target: pool.config.name, detail: `${nodes} node${nodes === 1 ? '' : 's'} could not be created; backed off until ${Math.round(until)} s` });
        },
      },
      new Rng(cfg.seed, RngStream.expander),
    );
    this.launches = cfg.pools.map(() => new PoolLaunches());
    this.karpenter = cfg.pools.some((p) => p.karpenter)
      ? new KarpenterController(this.pools, this.scheduler.pending, cfg.karpenter ?? DEFAULT_KARPENTER_SETTINGS, {
          launch: (pool, offering, now) => this.requestNode(pool, now, offering),
          evictPod: (pod, now) => this.evictPod(pod, now),
          deletePod: (pod, grace, now) => this.forceDeletePod(pod, grace, now),
          terminationGraceOf: (pod) => this.cfg.services[pod.service]!.terminationGraceSeconds ?? DEFAULT_TERMINATION_GRACE_SECONDS,
          ...(budgets.any
            ? {
                evictionAllowed: (pod: Pod) => budgets.evictionAllowed(pod),
                disruptionsAllowed: (pod: Pod) => budgets.status(pod.service)?.disruptionsAllowed ?? null,
                fullyBlockingBudget: (pod: Pod) => {
                  const spec = cfg.services[pod.service]!.disruptionBudget;
                  return spec !== undefined && spec !== null && isFullyBlocking(spec);
                },
              }
            : {}),
          ...(cfg.services.some((s) => s.doNotDisrupt === true) ? { doNotDisrupt: (pod: Pod) => cfg.services[pod.service]!.doNotDisrupt === true } : {}),
          evictJobPod: (pod, now) => this.jobs?.interrupt(pod, now),
          deleteNode: (pool, node, now) => this.deleteNode(pool, node, now),
          gpusOf,
          poolsOf,
          unschedulableJobPods,
          jobPodUnschedulable: (pod) => this.jobs?.isUnschedulable(pod) ?? false,
          schedule: (t, fn) => this.control.schedule(t, fn),
          event: (t, kind, pool, detail) => this.event({ t, kind, target: pool.config.name, detail }),
        })
      : null;
    const intervals = Math.max(1, Math.ceil(cfg.durationSeconds / cfg.intervalSeconds - 1e-9));
    this.series = createTimeSeries(intervals);
    const f = (): Float64Array => new Float64Array(intervals);
    this.poolSeries = cfg.pools.map(() => ({ readyNodes: f(), provisioningNodes: f() }));
    const sources = cfg.traffic.length;
    this.sourceCounts = sources > 1 ? { interval: new Float64Array(sources), total: new Float64Array(sources), offeredQps: cfg.traffic.map(f) } : null;
    this.svc = cfg.services.map(() => ({
      series: { servedQps: f(), failedQps: f(), latencyP99Ms: f(), readyReplicas: f(), utilization: f(), slotsInUse: f(), waiting: f() },
      utilSum: 0,
      slotsInUseSum: 0,
      replicas: { min: Infinity, max: 0, sum: 0, n: 0 },
      unitSecondsByPool: cfg.pools.map(() => 0),
    }));
  }

  /** Per pool, at interval ends: its ready nodes (draining ones included, as in the fleet's series) and those provisioning. */
  private readonly poolSeries: EnginePoolResult['series'][];

  /**
   * Per traffic source when there are several (one source's arrivals are the fleet's): arrivals in the current
   * interval, over the run, and the offered rate per interval. Null with one source, so its arrivals pay nothing.
   */
  private readonly sourceCounts: { interval: Float64Array; total: Float64Array; offeredQps: Float64Array[] } | null;

  /** Per-service recording: interval series, utilization and replica samples, requested units by pool. */
  private readonly svc: { series: EngineServiceResult['series']; utilSum: number; slotsInUseSum: number; replicas: { min: number; max: number; sum: number; n: number }; unitSecondsByPool: number[] }[];

  // ---- the loop ----

  run(options: RunOptions = {}): EngineResult {
    this.begin(options);
    this.advanceTo(this.cfg.durationSeconds);
    return this.end();
  }

  /** The open run's options and arrival sources (set by `begin`). */
  private stepped: { options: RunOptions; arrivals: ArrivalSource[]; merge: ArrivalMerge | null } | null = null;
  /** The next arrival, drawn but not yet reached when `advanceTo` stopped before it (NaN: none drawn). */
  private pendingArrival = NaN;
  /** Simulated time `advanceTo` has reached (events at t = 0 are still to handle before the first step). */
  private reached = -Infinity;

  /**
   * A run in steps: `begin`, then `advanceTo` one time after another, then `end`. The events are the same and in
   * the same order as in one `run` (each step handles every event up to its time), so the result is identical;
   * between steps the caller may return to its event loop (a browser worker lets the page paint a first snapshot
   * on a free core).
   */
  begin(options: RunOptions = {}): void {
    this.bootstrap();
    // Each source draws from its own stream; the first keeps the single-source stream, so one-source runs are unchanged.
    const arrivals = this.cfg.traffic.map((t, i): ArrivalSource => {
      if (t.closed) return NO_ARRIVALS;
      if (t.trace) {
        if (!options.traces) throw new Error(`trace ${t.trace.file}: trace files are run from the CLI (no trace reader in this host)`);
        return new TraceArrivals(t.trace, options.traces, this.cfg.durationSeconds);
      }
      return new ArrivalProcess(t.profile, t.arrivals, new Rng(this.cfg.seed, i === 0 ? RngStream.arrivals : RngStream.arrivals * 1000 + i));
    });
    this.startClosedLoops();
    this.scheduleIntervals(options);
    if (this.cfg.warmupSeconds > 0) {
      this.control.schedule(this.cfg.warmupSeconds, () => {
        this.stats.markWarmup();
        for (const st of this.flow.perService) st.markWarmup();
      });
    }
    this.stepped = { options, arrivals, merge: arrivals.length > 1 ? new ArrivalMerge(arrivals) : null };
  }

  /** Handles every event up to `seconds` (at most the horizon); returns the time reached. */
  advanceTo(seconds: number): number {
    const run = this.stepped;
    if (run === null) throw new Error('advanceTo before begin');
    const until = Math.min(seconds, this.cfg.durationSeconds);
    if (until > this.reached) this.reached = this.advance(until, run.arrivals, run.options, run.merge);
    return this.reached;
  }

  /** Closes the run at its horizon (advancing there first), drains it, and returns the result. */
  end(): EngineResult {
    const end = this.cfg.durationSeconds;
    const run = this.stepped;
    if (run === null) throw new Error('end before begin');
    this.advanceTo(end);
    const options = run.options;
    const horizon = this.closeHorizon(end);
    // The drain: no more arrivals; requests in flight get `drainSeconds` to finish (a load tester's graceful stop).
    this.draining = true;
    const stop = this.cfg.drainSeconds > 0 && this.store.inFlight > 0 ? this.advance(end + this.cfg.drainSeconds, null, options) : end;
    return this.finish(stop, horizon);
  }

  /**
   * Runs events up to `until`: arrivals (none while draining), request completions and control events.
   * Returns the time it stopped: `until`, or while draining the moment the last request finished.
   */
  private advance(until: number, arrivals: ArrivalSource[] | null, options: RunOptions, merged: ArrivalMerge | null = null): number {
    // `merged`: the run's merge of several sources (begin), null with one source or while draining.
    const heap = this.heap;
    const control = this.control;
    const store = this.store;
    const stats = this.stats;
    const flow = this.flow;
    const services = this.services;
    const single = services.length === 1 ? services[0]! : null;
    const sources = this.cfg.traffic;
    const maxInFlight = this.cfg.maxInFlightRequests ?? MAX_IN_FLIGHT_REQUESTS;
    const draining = arrivals === null;
    // One source and no tracing: arrivals go straight to their service (flow.arrive only adds the trace).
    const entry = sources.length === 1 && flow.trace === null ? services[sources[0]!.service]! : null;
    const entryIndex = sources[0]?.service ?? 0;
    // Closed loops need each request's source (its user returns when it ends); traces, its tokens.
    const tagged = store.tokens || this.closed.some((c) => c !== null);
    // Constant-service-time completions and network hops finish in start order: their FIFOs are a fourth
    // event source, read directly instead of through the heap.
    const fifos = services.flatMap((s) => s.fifos);
    if (flow.net !== null) fifos.push(flow.net);
    const fifo0 = fifos.length === 1 ? fifos[0]! : null;
    // One source is read directly; several go through a merge (kept out of this loop: see ArrivalMerge).
    const one = arrivals !== null && arrivals.length === 1 ? arrivals[0]! : null;
    const merge = arrivals === null ? null : merged;
    // An arrival drawn by the previous step and not reached then comes first (one drawn twice would skip one).
    let nextArrival = arrivals === null ? Infinity : !Number.isNaN(this.pendingArrival) ? this.pendingArrival : one !== null ? one.next() : merge !== null ? merge.next() : Infinity;
    this.pendingArrival = NaN;
    for (;;) {
      let tF = Infinity;
      let due: CompletionFifo | null = fifo0;
      if (fifo0 !== null) tF = fifo0.nextTime();
      else if (fifos.length > 1) {
        due = earliest(fifos);
        tF = due.nextTime();
      }
      const tC = heap.peekTime();
      const tK = control.peekTime();
      if (tF <= tC && tF <= nextArrival && tF <= tK) {
        if (tF > until) break;
        due!.completeHead(tF);
        if (draining && store.inFlight === 0) return tF;
      } else if (tC <= nextArrival && tC <= tK) {
        if (tC > until) break;
        const payload = heap.pop();
        if (payload >= 0 && payload < FLOW_BASE) (single ?? services[store.service[payload]!]!).complete(payload, tC);
        else this.otherEvent(payload, tC);
        if (draining && store.inFlight === 0) return tC;
      } else if (nextArrival <= tK) {
        if (nextArrival > until) break;
        const now = nextArrival;
        stats.offer();
        const src = merge === null ? 0 : merge.source;
        if (merge !== null) this.sourceCounts!.interval[src]!++;
        const service = merge === null ? entryIndex : sources[src]!.service;
        if (store.live < maxInFlight) {
          const slot = store.alloc(now, service);
          if (tagged) this.tagArrival(slot, src, arrivals![src]!);
          if (entry !== null) entry.arrive(slot, now);
          else flow.arrive(slot, now);
        } else this.overflow(now, service);
        nextArrival = one !== null ? one.next() : merge!.next();
      } else {
        if (tK > until) break;
        control.runNext();
        // A control event can end the last request too (the activator buffer's timeout firing).
        if (draining && store.inFlight === 0) return tK;
        if (options.shouldCancel?.()) throw new Error('cancelled');
      }
    }
    if (arrivals !== null) this.pendingArrival = nextArrival;
    return until;
  }

  /** Out of the loop: what a request must remember of its source (the source, for its closed loop; trace tokens). */
  private tagArrival(slot: number, src: number, a: ArrivalSource): void {
    const store = this.store;
    store.source[slot] = src;
    if (store.tokens) {
      store.inTok[slot] = a.inputTokens;
      store.outTok[slot] = a.outputTokens;
    }
  }

  // ---- closed loops ----

  /** Per traffic source: its closed loop, or null for an open loop or a trace. */
  private closed: (ClosedLoop | null)[] = [];
  private levels: LoadLevel[] = [];
  private levelsTruncated = false;
  private userSamples = { min: Infinity, max: 0, sum: 0, n: 0 };

  /**
   * t = 0: each closed loop's initial users send their first request, the target changes are scheduled,
   * and the end of every end-to-end request returns its user to the loop.
   */
  private startClosedLoops(): void {
    const cfg = this.cfg;
    // Token counts travel with a request when a trace sets them or a prefill service hands them to its decode service.
    this.store.tokens = cfg.traffic.some((t) => t.trace) || cfg.services.some((x) => x.llm?.role === 'prefill');
    this.closed = cfg.traffic.map((t, i) => (t.closed ? new ClosedLoop(userSchedule(t.closed.users, cfg.durationSeconds), t.closed.think, new Rng(cfg.seed, RngStream.think * 1000 + i)) : null));
    if (this.closed.every((c) => c === null)) return;
    const closed = this.closed;
    const store = this.store;
    const heap = this.heap;
    this.flow.onRootEnd = (slot, now, served) => {
      const src = store.source[slot]!;
      const loop = closed[src];
      if (loop === undefined || loop === null || this.draining) return;
      if (loop.stays()) heap.push(now + (served ? loop.thinkSeconds() : Math.max(FAILED_RETRY_SECONDS, loop.thinkSeconds())), WAKE_BASE + src);
    };
    closed.forEach((loop, src) => {
      if (loop === null) return;
      for (let n = loop.begin(); n > 0; n--) heap.push(0, WAKE_BASE + src);
      const change = (now: number): void => {
        for (let n = loop.applyChange(); n > 0; n--) heap.push(now, WAKE_BASE + src);
        this.newLevel(now);
        const next = loop.nextChangeTime();
        if (next !== Infinity) this.control.schedule(next, change);
      };
      const first = loop.nextChangeTime();
      if (first !== Infinity) this.control.schedule(first, change);
    });
    this.newLevel(0);
  }

  /** The user count changed (or the run starts): a new row of the sweep table, if the total changed. */
  private newLevel(now: number): void {
    let users = 0;
    for (const loop of this.closed) if (loop !== null) users += loop.target;
    const cur = this.stats.level;
    if (cur !== null && cur.users === users) return;
    if (cur !== null) cur.to = now;
    if (this.levels.length >= MAX_LOAD_LEVELS) {
      this.levelsTruncated = true;
      this.stats.level = null;
      return;
    }
    const level = new LoadLevel(users, now, this.cfg.services.some((x) => x.llm));
    this.levels.push(level);
    this.stats.level = level;
  }

  /** A closed-loop user's think time is over: it sends its next request (or retires if the users fell). */
  private wake(src: number, now: number): void {
    const loop = this.closed[src]!;
    if (this.draining || !loop.stays()) return;
    loop.countRequest(now, this.cfg.durationSeconds);
    const store = this.store;
    const service = this.cfg.traffic[src]!.service;
    this.stats.offer();
    if (this.sourceCounts !== null) this.sourceCounts.interval[src]!++;
    if (store.live >= (this.cfg.maxInFlightRequests ?? MAX_IN_FLIGHT_REQUESTS)) {
      this.overflow(now, service);
      // The user saw a failure: it thinks and tries again.
      this.heap.push(now + Math.max(FAILED_RETRY_SECONDS, loop.thinkSeconds()), WAKE_BASE + src);
      return;
    }
    const slot = store.alloc(now, service);
    this.tagArrival(slot, src, NO_ARRIVALS);
    this.flow.arrive(slot, now);
  }

  /** Users at this moment, over every closed loop. */
  private usersNow(): number {
    let users = 0;
    for (const loop of this.closed) if (loop !== null) users += loop.active;
    return users;
  }

  /** The closed loops' users and sweep table (a level still open ends at Infinity: readers cut it at the result's end). */
  private closedLoopResult(): ClosedLoopResult | null {
    const first = this.cfg.traffic.find((t) => t.closed)?.closed;
    if (!first) return null;
    const think = first.think.kind === 'constant' ? first.think.seconds : first.think.meanSeconds;
    return { users: summarize(this.userSamples), thinkSeconds: think, levels: [...this.levels], levelsTruncated: this.levelsTruncated };
  }

  /**
   * Heap events other than a per-request completion: network and timer events of the request flow, a
   * closed-loop user's wake-up, batching and LLM executors' events. Out of line: the event loop is kept
   * small enough for the JIT to inline its hot callees (heap, arrivals, completions).
   */
  private otherEvent(payload: number, now: number): void {
    if (payload >= QUEUE_EXPIRY_BASE) this.queueExpiry(payload - QUEUE_EXPIRY_BASE, now);
    else if (payload >= WAKE_BASE) this.wake(payload - WAKE_BASE, now);
    else if (payload >= FLOW_BASE) this.flow.onHeapEvent(payload, now);
    else this.executorEvent(payload, now);
  }

  /** The in-flight limit is reached (an overloaded design with unbounded queues): the arrival is dropped. */
  private overflow(now: number, service: number): void {
    this.stats.drop(now);
    // The entry service saw the request too: its visits are the requests offered to it, as the summary's are.
    if (this.flow.graph) this.flow.perService[service]!.visitFailed(VisitOutcome.Dropped, now >= this.stats.measureFrom);
    if (this.inFlightLimitDrops++ === 0) this.event({ t: now, kind: 'in-flight-limit', target: this.cfg.services[service]!.name, detail: `${formatInteger(this.cfg.maxInFlightRequests ?? MAX_IN_FLIGHT_REQUESTS)} visits (requests and their calls) were in flight` });
  }

  /** A queue's timeout timer (`service-runtime.ts` `armExpiry`): a pod's own queue (even codes, its uid) or a service's shared queue. */
  private queueExpiry(code: number, now: number): void {
    if ((code & 1) === 1) return this.services[code >> 1]!.expireQueue(null, now);
    const pod = this.podsByUid[code >> 1];
    // A pod gone since has no queue left (its requests were re-routed when it went).
    if (pod !== undefined) this.services[pod.service]!.expireQueue(pod, now);
  }

  private executorEvent(payload: number, now: number): void {
    // Pod uids are global; the pod says which service's executor owns the event.
    const uid = (-1 - payload) >> 1;
    const pod = this.podsByUid[uid];
    if (pod) this.services[pod.service]!.executorEvent(payload, now);
  }

  // ---- start state ----

  /** t = 0: the pools' initial nodes and the services' initial replicas, already warm and serving. */
  private bootstrap(): void {
    for (const pool of this.pools) {
      const k = pool.config.karpenter;
      for (let i = 0; i < pool.config.initialNodes; i++) {
        const node = pool.addNode(this.nodeUid++, 0, k ? { type: k.initialType, spot: k.initialSpot, zone: 0 } : undefined);
        this.markNodeReady(pool, node, 0);
      }
    }
    for (const svc of this.services) {
      for (let i = 0; i < svc.specReplicas; i++) {
        if (!this.reserveQuota(svc, 0)) break;
        const pod = this.newPod(svc, 0);
        if (svc.config.pools.length === 0) {
          svc.addReady(pod, 0);
          continue;
        }
        const node = this.scheduler.pickNode(pod);
        if (!node) {
          this.scheduler.enqueue(pod);
          this.karpenter?.trigger(pod, 0);
          continue;
        }
        this.bind(pod, node, 0);
        node.cachedImages.add(svc.index);
        svc.addReady(pod, 0);
      }
    }
    // One cluster-autoscaler loop for the whole cluster (RunOnce every --scan-interval).
    if (this.pools.some((p) => p.config.autoscaler.enabled)) {
      const every = (this.cfg.clusterAutoscaler ?? DEFAULT_CLUSTER_AUTOSCALER).scanIntervalSeconds;
      const scan = (now: number): void => {
        this.ca.scan(now);
        this.control.schedule(now + every, scan);
      };
      this.control.schedule(0, scan);
    }
    for (const svc of this.services) {
      if (!svc.config.hpa) continue;
      const phases = new Rng(this.cfg.seed, RngStream.hpaPhase * 1000 + svc.index);
      // Its metric reads pass through KEDA's metrics adapter on a KEDA service, or fail in a metrics outage.
      const outages = this.outagesOf(svc.index);
      const gate = outages === null ? null : (this.kedas[svc.index] ?? outageGate((now) => outages.down(svc.index, now)));
      const driver = new HpaDriver(
        svc,
        new HpaController(svc.config.hpa.controller),
        svc.config.hpa,
        this.control,
        phases,
        (s, from, to, now) => {
          this.event({ t: now, kind: 'hpa-scale', target: s.config.name, from, to });
          this.reconcileReplicas(s, now);
        },
        gate,
      );
      driver.start();
      this.hpas.push(driver);
      this.hpaOf[svc.index] = driver;
    }
    for (const k of this.kedas) k?.start();
    for (const k of this.knatives) k?.start();
    this.faults?.start();
    this.metricsOutages?.start((at, run) => this.control.schedule(at, run), (e) => this.event(e));
    this.jobs?.start();
    this.karpenter?.start();
    // A shared cluster's first scheduling pass: replicas that did not fit at t = 0 may preempt lower priorities.
    if (this.ledger !== null) this.control.schedule(0, (t) => this.schedulePending(t));
  }

  // ---- pods ----

  private newPod(svc: ServiceRuntime, now: number): Pod {
    const pod = new Pod(this.podsByUid.length, svc.index, now, svc.config.batching ? svc.config.concurrency : svc.config.concurrency);
    this.podsByUid.push(pod);
    svc.pods.push(pod);
    if (this.ledger !== null) this.charged.add(pod);
    return pod;
  }

  private bind(pod: Pod, node: NodeRuntime, now: number): void {
    pod.node = node;
    pod.nominated = NOT_NOMINATED;
    node.pods.add(pod);
    recordPodEvent(node, now);
    const s = this.cfg.services[pod.service]!;
    node.gpusUsed += s.gpusPerReplica;
    this.ledger?.bound(s.team ?? null, s.gpusPerReplica / this.pools[node.pool]!.unitsPerGpu, now);
  }

  /** ResourceQuota admission of one new replica: false (and the service is retried later) when its team's quota is full. */
  private reserveQuota(svc: ServiceRuntime, now: number): boolean {
    if (this.ledger === null) return true;
    // A Deployment already blocked is the ReplicaSet controller retrying: one refusal per blocked replica.
    if (this.ledger.tryReserve(svc.config.team ?? null, svc.config.gpusPerReplica, now, !this.quotaRetrying)) return true;
    this.quotaBlocked.add(svc);
    return false;
  }

  /** The Deployment controller: creates or deletes pods until the live count matches spec.replicas. */
  reconcileReplicas(svc: ServiceRuntime, now: number): void {
    const live = svc.pods.filter((p) => p.state !== PodState.Terminating && p.state !== PodState.Gone);
    for (let n = live.length; n < svc.specReplicas; n++) {
      if (!this.reserveQuota(svc, now)) break;
      this.createPod(svc, now);
    }
    if (live.length > svc.specReplicas) {
      for (const pod of podsToDelete(live, live.length - svc.specReplicas, now, this.cfg.seed)) this.deletePod(pod, now, false);
    }
  }

  private createPod(svc: ServiceRuntime, now: number): void {
    const pod = this.newPod(svc, now);
    if (svc.config.pools.length === 0) {
      this.startContainers(pod, null, now);
      return;
    }
    this.scheduler.enqueue(pod);
    this.schedulePending(now);
    if (this.karpenter !== null && pod.state === PodState.Pending) this.karpenter.trigger(pod, now);
  }

  /** kube-scheduler binds pending pods, oldest first (pod-scheduler.ts), and their containers start. */
  private schedulePending(now: number): void {
    if (this.ledger !== null) {
      this.scheduleShared(now);
      return;
    }
    this.scheduler.schedulePending((pod, node) => {
      this.bind(pod, node, now);
      this.startContainers(pod, node, now);
    });
  }

  /** A pod's priority (its service's PriorityClass value; 0 without one). */
  private priorityOf(pod: Pod): number {
    return this.cfg.services[pod.service]!.priority ?? 0;
  }

  /**
   * A shared cluster's scheduling pass: quota-blocked Deployments and jobs retried, then pending pods and
   * queued jobs by priority (kube-scheduler's PrioritySort: priority, then age), each bound where it fits
   * (LeastAllocated) or preempting lower priorities (preemption.ts). Re-entrant calls (an eviction that frees
   * a node at once) run another pass instead of nesting.
   */
  private scheduleShared(now: number): void {
    if (this.scheduling) {
      this.scheduleAgain = true;
      return;
    }
    this.scheduling = true;
    try {
      do {
        this.scheduleAgain = false;
        this.quotaRetrying = true;
        for (const svc of [...this.quotaBlocked]) {
          this.quotaBlocked.delete(svc);
          this.reconcileReplicas(svc, now);
        }
        this.quotaRetrying = false;
        this.jobs?.admit(now);
        const pending = this.scheduler.pending;
        pending.sort((a, b) => this.priorityOf(b) - this.priorityOf(a));
        const levels = [...new Set([...pending.map((p) => this.priorityOf(p)), ...(this.jobs?.levels() ?? [])])].sort((a, b) => b - a);
        for (const level of levels) {
          for (const pod of [...pending]) {
            if (pod.state !== PodState.Pending || this.priorityOf(pod) !== level) continue;
            let node = this.scheduler.pickNode(pod);
            if (node === null) node = this.preemptFor(pod, now);
            if (node === null) continue;
            this.scheduler.remove(pod);
            this.bind(pod, node, now);
            this.startContainers(pod, node, now);
          }
          this.jobs?.scheduleLevel(level, now);
        }
        for (let i = pending.length - 1; i >= 0; i--) if (pending[i]!.state !== PodState.Pending) pending.splice(i, 1);
      } while (this.scheduleAgain);
    } finally {
      this.scheduling = false;
    }
  }

  /**
   * PostFilter preemption for a pending serving pod (preemption.ts): the victims on the node upstream picks are
   * evicted and the pod is nominated there (cluster/nomination.ts); returns that node when the pod fits there now
   * (only job pods were evicted), else null. A nominated pod whose victims are still terminating waits and does not
   * preempt again; one that finds no candidate loses its nomination.
   */
  private preemptFor(pod: Pod, now: number): NodeRuntime | null {
    const s = this.cfg.services[pod.service]!;
    if (!(s.preempts ?? true)) return null; // preemptionPolicy Never: not eligible, and never nominated
    const priority = s.priority ?? 0;
    if (waitsForVictims(pod.nominated, priority, this.priorityOfPod)) return null;
    const cands: { node: NodeRuntime; victims: Victims<Evictable> }[] = [];
    // Without jobs and without a lower-priority service there is nothing to evict: no candidate.
    const anyLower = this.jobs !== null || this.cfg.services.some((x) => (x.priority ?? 0) < priority);
    for (const p of anyLower ? s.pools : []) {
      for (const node of this.pools[p]!.nodes) {
        if (node.state !== NodeState.Ready) continue;
        const pods: Evictable[] = [...this.servingEvictables(node), ...[...node.jobPods].map((j) => ({ priority: j.priority, units: j.units, startedAt: j.startedAt, serving: null, jobPod: j }))];
        const victims = selectVictimsOnNode(priority, s.gpusPerReplica, { free: node.freeGpus, pods }, this.disruptionsAllowed);
        if (victims !== null) cands.push({ node, victims });
      }
    }
    const i = pickOneNodeForPreemption(cands.map((c) => c.victims));
    if (i < 0) {
      this.clearNomination(pod, now);
      return null;
    }
    const node = cands[i]!.node;
    const victims = cands[i]!.victims.pods;
    pod.nominated = [node];
    if (this.jobs !== null) this.jobs.evict(victims, s.name, now);
    else for (const v of victims) this.evictServing(v.serving!, now);
    return node.freeGpus >= s.gpusPerReplica ? node : null;
  }

  /** A failed attempt found no candidate: the nomination is cleared, and that pod update makes it provisionable again. */
  private clearNomination(pod: Pod, now: number): void {
    if (!isPreempting(pod.nominated)) return;
    pod.nominated = NOT_NOMINATED;
    this.karpenter?.trigger(pod, now);
  }

  /** `priorityOf` as a value, for the nomination rule and the autoscalers. */
  private readonly priorityOfPod = (pod: Pod): number => this.priorityOf(pod);

  /** Serving pods on a node that preemption may evict (a terminating pod is already going). */
  /** The metrics outages when one touches the service (its autoscalers then read through a gate), else null. */
  private outagesOf(service: number): MetricsOutages | null {
    return this.metricsOutages !== null && this.metricsOutages.touches(service) ? this.metricsOutages : null;
  }

  /** A service's PodDisruptionBudget's `disruptionsAllowed` now (preemption's `budget` key is the service index). */
  private readonly disruptionsAllowed = (service: number): number => this.budgets.status(service)?.disruptionsAllowed ?? Infinity;

  private servingEvictables(node: NodeRuntime): Evictable[] {
    const out: Evictable[] = [];
    for (const p of node.pods) {
      if (p.state === PodState.Terminating || p.state === PodState.Gone) continue;
      const s = this.cfg.services[p.service]!;
      out.push({ priority: s.priority ?? 0, units: s.gpusPerReplica, startedAt: p.startedAt, budget: s.disruptionBudget != null ? p.service : null, serving: p, jobPod: null });
    }
    return out;
  }

  /**
   * A drain's eviction (the Eviction API accepted it): the pod is deleted gracefully and its Deployment replaces it.
   * One under a PodDisruptionBudget is an event, with what the budget allowed before it.
   */
  private evictPod(pod: Pod, now: number, graceCap = Infinity): void {
    const status = this.budgets.status(pod.service);
    if (status !== null) this.event({ t: now, kind: 'pod-evicted', target: this.cfg.services[pod.service]!.name, detail: `pod ${pod.uid} from node ${pod.node?.uid ?? '-'} (disruptions allowed ${status.disruptionsAllowed}, healthy ${status.currentHealthy}/${status.desiredHealthy})` });
    this.deletePod(pod, now, true, graceCap);
  }

  /**
   * A deletion with `DeleteOptions.GracePeriodSeconds` (Karpenter's `forceDelete` at a node's terminationGracePeriod):
   * no PodDisruptionBudget is read, the Deployment replaces the pod, and the kubelet kills it after that grace if it
   * still serves. A pod already terminating gets the shorter grace from now (the first kill scheduled wins).
   */
  private forceDeletePod(pod: Pod, graceSeconds: number, now: number): void {
    this.event({ t: now, kind: 'pod-deleted', target: this.cfg.services[pod.service]!.name, detail: `pod ${pod.uid} from node ${pod.node?.uid ?? '-'} at its node's terminationGracePeriod, grace ${graceSeconds} s` });
    if (pod.state === PodState.Terminating) this.scheduleGraceKill(pod, now, graceSeconds);
    else this.deletePod(pod, now, true, graceSeconds);
  }

  /** The services' PodDisruptionBudgets. */
  private readonly budgets: ServiceDisruptionBudgets;

  /** A serving pod preempted: deleted gracefully (its Deployment makes a new, pending one at its priority). */
  private evictServing(pod: Pod, now: number): void {
    const s = this.cfg.services[pod.service]!;
    if (s.team !== undefined && s.team !== null) this.ledger!.preempted[s.team]! += 1;
    this.servingPreempted[pod.service]! += 1;
    this.event({ t: now, kind: 'pod-preempted', target: s.name, detail: `pod ${pod.uid}` });
    pod.preempted = true;
    this.deletePod(pod, now, true);
  }

  /** Serving pods preempted, by service. */
  private readonly servingPreempted: number[];

  /** Image pull (skipped when the node has the image), model load, readiness: then the pod serves. */
  private startContainers(pod: Pod, node: NodeRuntime | null, now: number): void {
    const svc = this.services[pod.service]!;
    const { imagePullSeconds, modelLoadSeconds, readinessSeconds } = svc.config.startup;
    const pull = node && node.cachedImages.has(svc.index) ? 0 : imagePullSeconds;
    pod.state = PodState.Pulling;
    pod.startedAt = now;
    this.control.schedule(now + pull, (t) => {
      if (pod.state !== PodState.Pulling) return;
      node?.cachedImages.add(svc.index);
      pod.state = PodState.Loading;
      this.control.schedule(t + modelLoadSeconds + readinessSeconds, (t2) => {
        if (pod.state !== PodState.Loading) return;
        svc.addReady(pod, t2);
        // A replica lost to a crash is replaced: its lost time ends (the oldest loss first).
        const lost = this.lostAt[svc.index]!;
        if (lost.length > 0) this.lostPodSeconds += t2 - lost.shift()!;
      });
    });
  }

  /**
   * Deletes a pod: unscheduled or starting pods go at once; serving pods drain first, for at most their grace period
   * (`graceCap`: the evicting controller's cap on it, the cluster autoscaler's).
   */
  private deletePod(pod: Pod, now: number, replace: boolean, graceCap = Infinity): void {
    const svc = this.services[pod.service]!;
    if (pod.state === PodState.Gone || pod.state === PodState.Terminating) return;
    pod.deletedAt = now;
    // The pod goes terminating: a pod event on its node (Karpenter's podevents); its end is another one.
    if (pod.node !== null) recordPodEvent(pod.node, now);
    if (pod.state === PodState.Pending) {
      this.scheduler.remove(pod);
      this.finalizePod(pod, now);
    } else if (pod.state === PodState.Pulling || pod.state === PodState.Loading) {
      this.finalizePod(pod, now);
    } else if (svc.beginTermination(pod, now)) {
      this.finalizePod(pod, now);
    } else {
      this.scheduleGraceKill(pod, now, graceCap);
    }
    if (replace) this.reconcileReplicas(svc, now);
  }

  /**
   * The kubelet's SIGKILL at the end of a terminating pod's grace period (termination-grace.ts): one control event
   * a termination, nothing per request. If the pod has not drained by then, what it still serves (and visits holding
   * its slots while they wait on calls) fails as on a crash: the callers see a reset and may retry. A pod that drains
   * first, or whose node dies first (a spot notice shorter than the grace), is gone and the event does nothing.
   */
  private scheduleGraceKill(pod: Pod, now: number, graceCap: number): void {
    const svc = this.services[pod.service]!;
    const delay = killDelaySeconds(svc.config.terminationGraceSeconds ?? DEFAULT_TERMINATION_GRACE_SECONDS, graceCap);
    this.control.schedule(now + delay, (t) => {
      if (pod.state !== PodState.Terminating) return;
      const failed = svc.kill(pod, t, true);
      const kills = this.graceKills[svc.index]!;
      kills.pods++;
      kills.visits += failed;
      this.event({ t, kind: 'pod-killed', target: svc.config.name, detail: `pod ${pod.uid}: ${failed} ${failed === 1 ? 'request or call' : 'requests or calls'} still in flight at the end of its ${delay} s grace period, failed` });
      this.finalizePod(pod, t);
    });
  }

  /** The pod is gone: its GPUs are free, and a drained node may now be deleted. */
  private finalizePod(pod: Pod, now: number): void {
    const svc = this.services[pod.service]!;
    if (this.ledger !== null) {
      if (this.charged.delete(pod)) this.ledger.release(svc.config.team ?? null, svc.config.gpusPerReplica, now);
      if (pod.node !== null) this.ledger.unbound(svc.config.team ?? null, svc.config.gpusPerReplica / this.pools[pod.node.pool]!.unitsPerGpu, now);
    }
    const busy = pod.busyUntil(now) - pod.busyCounted;
    this.busyCarry += busy * (svc.config.unit === 'cpu' ? 0 : svc.config.gpusPerReplica);
    pod.state = PodState.Gone;
    svc.forget(pod, now);
    const node = pod.node;
    if (!node) return;
    node.pods.delete(pod);
    node.gpusUsed -= svc.config.gpusPerReplica;
    recordPodEvent(node, now);
    pod.node = null;
    const pool = this.pools[node.pool]!;
    if (this.drainDone(node)) this.deleteNode(pool, node, now);
    else this.schedulePending(now);
  }

  /**
   * A draining node whose drain is done (no pod left but those the drain leaves) and that no spot notice has doomed (its
   * instance goes at the deadline, with what is left): the autoscalers delete it now. Read when a serving pod is
   * finalized, when job pods leave, and when a failed node comes back.
   */
  private drainDone(node: NodeRuntime): boolean {
    return node.state === NodeState.Draining && node.drained && !this.spotDoomed.has(node);
  }

  /**
   * Job pods left their nodes (finished, evicted or preempted): a draining node they were the last pods of goes now, as
   * one whose last serving pod is finalized does (`finalizePod`). Only a do-not-disrupt job pod outlives its node's
   * drain start (Karpenter's eviction queue leaves it to finish); drains evict every other job pod at once. Then the
   * scheduler looks at the pending pods again.
   */
  private jobPodsLeft(now: number): void {
    for (const pool of this.pools) {
      // Picked first: deleting a node takes it out of `pool.nodes`.
      const drained = pool.nodes.filter((node) => this.drainDone(node));
      for (const node of drained) this.deleteNode(pool, node, now);
    }
    this.schedulePending(now);
  }

  // ---- nodes ----

  /**
   * A node launch: ready after a drawn provisioning delay, or, with the pool's failure probability, never (it
   * stays provisioning, and billed, until the cluster autoscaler gives up on it after max-node-provision-time).
   */
  private requestNode(pool: PoolRuntime, now: number, offering?: Offering): NodeRuntime {
    // After a reclaim wave spot capacity may be out: fall back to on-demand, or the spot request fails.
    const spotOut = this.faults !== null && this.faults.spotOut(pool.index, now);
    const node = pool.addNode(this.nodeUid++, now, offering, spotOut && pool.config.spot?.fallback === 'on-demand');
    const delay = this.provisioning[pool.index]!.sample();
    const p = pool.config.provisioningFailure;
    node.failed = p > 0 && this.provisioningFailures[pool.index]!.next() < p;
    const instanceId = offering ? pool.config.karpenter!.types[offering.type]!.instanceId : pool.config.instanceId;
    // A node group's launch into a stock-out: the cloud creates nothing and reports the error (cluster-autoscaler.ts).
    if (!offering && pool.config.stockouts !== undefined && isStockedOut(pool.config.stockouts, instanceId, node.spot, '', now)) {
      node.failed = true;
      pool.markUnbilled(node, now);
      this.launches[pool.index]!.insufficientCapacity++;
    } else this.launches[pool.index]!.add(instanceId, node.spot ? 'spot' : offering ? 'on-demand' : pool.config.regularCapacity);
    // A pool or zone that is down launches nothing (the autoscaler times the request out and backs off).
    if (this.faults !== null && ((spotOut && node.spot) || this.faults.poolDownUntil(pool.index, now) > now)) node.failed = true;
    this.event({ t: now, kind: 'node-requested', target: pool.config.name, to: pool.aliveCount, detail: offering ? `${instanceId} ${node.spot ? 'spot' : 'on-demand'}` : node.spot ? 'spot' : 'on-demand' });
    if (node.failed) return node;
    const ready = (t: number): void => {
      if (node.state !== NodeState.Provisioning) return;
      // A node launched before its pool went down comes up when the fault ends.
      const down = this.faults?.poolDownUntil(pool.index, t) ?? -Infinity;
      if (down > t) {
        this.control.schedule(down, ready);
        return;
      }
      this.markNodeReady(pool, node, t);
      this.event({ t, kind: 'node-ready', target: pool.config.name, to: pool.countIn(NodeState.Ready) });
      this.schedulePending(t);
    };
    this.control.schedule(now + delay, ready);
    return node;
  }

  private markNodeReady(pool: PoolRuntime, node: NodeRuntime, now: number): void {
    node.state = NodeState.Ready;
    node.readyAt = now;
    const spot = pool.config.spot;
    if (node.spot && spot && spot.interruptionsPerNodeHour > 0) {
      const at = now + (standardExponential(this.spotRng) / spot.interruptionsPerNodeHour) * 3600;
      this.control.schedule(at, (t) => this.spotNotice(pool, node, t));
    }
    this.faults?.nodeReady(pool, node, now);
  }

  /**
   * A node fails (hardware failure or a scheduled fault): NotReady at once, no notice, no drain. Its pods are
   * gone with the requests on them (failed, counted), and the Deployments create replacements elsewhere.
   */
  private crashNodes(_pool: PoolRuntime, nodes: readonly NodeRuntime[], now: number): void {
    // All NotReady first: a replacement created while the others are still up must not land on one of them.
    const down = nodes.filter((n) => n.state !== NodeState.Gone && n.state !== NodeState.NotReady && n.state !== NodeState.Provisioning);
    for (const node of down) {
      node.stateBeforeFailure = node.state;
      node.state = NodeState.NotReady;
    }
    const hit = new Set<ServiceRuntime>();
    for (const node of down) this.losePods(node, now, hit);
    for (const svc of hit) this.reconcileReplicas(svc, now);
    if (hit.size === 0) this.schedulePending(now);
  }

  /** The pods of a failed node are gone with the requests on them; its jobs are interrupted. */
  private losePods(node: NodeRuntime, now: number, hit: Set<ServiceRuntime>): void {
    for (const jp of [...node.jobPods]) this.jobs?.interrupt(jp, now);
    for (const pod of [...node.pods]) {
      const svc = this.services[pod.service]!;
      const wasServing = pod.state !== PodState.Terminating;
      this.visitsFailedByFaults += svc.kill(pod, now, true);
      this.finalizePod(pod, now);
      if (wasServing) {
        this.podsLost++;
        this.lostAt[svc.index]!.push(now);
        hit.add(svc);
      }
    }
  }

  /** A failed node is back: Ready again (or Draining, deleted at once if it was being removed and is empty). */
  private restoreNode(pool: PoolRuntime, node: NodeRuntime, now: number): void {
    node.state = node.stateBeforeFailure;
    if (this.drainDone(node)) this.deleteNode(pool, node, now);
    else this.schedulePending(now);
  }

  private readonly spotDoomed = new Set<NodeRuntime>();
  /** Nodes `deleteNode` is removing now. */
  private readonly deleting = new Set<NodeRuntime>();

  /** A spot interruption notice: the node is cordoned and drained; it dies when the notice runs out. */
  private spotNotice(pool: PoolRuntime, node: NodeRuntime, now: number): void {
    if (node.state === NodeState.Gone) return;
    this.spotInterruptions++;
    this.spotDoomed.add(node);
    this.event({ t: now, kind: 'spot-notice', target: pool.config.name, detail: `node ${node.uid}` });
    node.state = NodeState.Draining;
    for (const pod of [...node.pods]) this.deletePod(pod, now, true);
    this.control.schedule(now + pool.config.spot!.noticeSeconds, (t) => {
      for (const pod of [...node.pods]) {
        this.services[pod.service]!.kill(pod, t);
        this.finalizePod(pod, t);
      }
      this.spotDoomed.delete(node);
      this.event({ t, kind: 'spot-lost', target: pool.config.name, detail: `node ${node.uid}` });
      this.deleteNode(pool, node, t);
    });
  }

  private deleteNode(pool: PoolRuntime, node: NodeRuntime, now: number): void {
    // A pod finalized below may find its node drained and ask again: one deletion.
    if (node.state === NodeState.Gone || this.deleting.has(node)) return;
    this.deleting.add(node);
    // Cordoned while its pods go, so that a scheduling pass they start binds nothing to it.
    if (node.state === NodeState.Ready) node.state = NodeState.Draining;
    for (const jp of [...node.jobPods]) this.jobs?.interrupt(jp, now);
    // Only empty or drained nodes are deleted by the autoscalers; a spot death kills what is left, already replaced
    // (its pods were deleted at the notice). The cluster autoscaler's "empty" and drained nodes may still run
    // expendable pods (cluster/expendable.ts): they are lost with the node and their Deployments replace them.
    const replace = new Set<ServiceRuntime>();
    for (const pod of [...node.pods]) {
      const svc = this.services[pod.service]!;
      if (pod.state !== PodState.Terminating) replace.add(svc);
      svc.kill(pod, now);
      this.finalizePod(pod, now);
    }
    const neverReady = node.state === NodeState.Provisioning;
    pool.removeNode(node, now);
    this.deleting.delete(node);
    this.event({ t: now, kind: 'node-removed', target: pool.config.name, to: pool.aliveCount, ...(neverReady ? { detail: 'never became ready' } : {}) });
    for (const svc of replace) this.reconcileReplicas(svc, now);
    this.schedulePending(now);
  }

  // ---- recording ----

  private event(e: EngineEvent): void {
    if (this.draining) return; // after the horizon only requests are followed
    if (this.events.length < (this.cfg.maxEvents ?? DEFAULT_MAX_EVENTS)) this.events.push(e);
    else this.eventsDropped++;
  }

  private scheduleIntervals(options: RunOptions): void {
    const step = this.cfg.intervalSeconds;
    const end = this.cfg.durationSeconds;
    const n = this.series.t.length;
    const tick = (now: number): void => {
      this.recordInterval(now);
      options.onProgress?.(now / end, () => this.snapshot(now));
      if (this.intervalIndex < n) this.control.schedule(Math.min(end, (this.intervalIndex + 1) * step), tick);
    };
    this.control.schedule(Math.min(end, step), tick);
  }

  private recordInterval(now: number): void {
    const i = this.intervalIndex++;
    const s = this.series;
    const stats = this.stats;
    const dt = now - (i === 0 ? 0 : s.t[i - 1]!);
    s.t[i] = now;
    s.offeredQps[i] = dt > 0 ? stats.iOffered / dt : 0;
    const sources = this.sourceCounts;
    if (sources !== null) {
      for (let k = 0; k < sources.interval.length; k++) {
        sources.offeredQps[k]![i] = dt > 0 ? sources.interval[k]! / dt : 0;
        sources.total[k]! += sources.interval[k]!;
        sources.interval[k] = 0;
      }
    }
    s.servedQps[i] = dt > 0 ? stats.iServed / dt : 0;
    s.droppedQps[i] = dt > 0 ? stats.iDropped / dt : 0;
    const hist = stats.closeInterval();
    s.latencyP50Ms[i] = hist.quantile(0.5);
    s.latencyP95Ms[i] = hist.quantile(0.95);
    s.latencyP99Ms[i] = hist.quantile(0.99);
    hist.reset();
    s.outputTokensPerSecond[i] = dt > 0 ? stats.iOutputTokens / dt : 0;
    this.recordServices(i, now, dt, stats.iServed, stats.iDropped, s.latencyP99Ms[i]!);
    stats.iOffered = 0;
    stats.iServed = 0;
    stats.iDropped = 0;
    stats.iOutputTokens = 0;
    let desired = 0;
    let ready = 0;
    // Job pods compute on their GPUs while they run: busy as a serving replica's working time is.
    let busyGpuSeconds = this.busyCarry + (this.jobs?.takeBusyGpuSeconds(now) ?? 0);
    this.busyCarry = 0;
    let podGpus = 0;
    let kvSum = 0;
    let kvPods = 0;
    for (const svc of this.services) {
      if (svc.config.llm) {
        for (const pod of svc.ready) kvSum += svc.memoryUtilization(pod);
        kvPods += svc.readyCount;
      }
      desired += svc.specReplicas;
      ready += svc.readyCount;
      const gpus = svc.config.unit === 'cpu' ? 0 : svc.config.gpusPerReplica;
      if (svc.config.pools.length === 0) podGpus += svc.readyCount * gpus;
      for (const pod of svc.pods) {
        const b = pod.busyUntil(now);
        busyGpuSeconds += (b - pod.busyCounted) * gpus;
        pod.busyCounted = b;
      }
    }
    let readyNodes = 0;
    let provisioningNodes = 0;
    let pending = 0;
    // GPUs of ready nodes; services without a pool bring their replicas' own GPUs.
    let readyGpus = podGpus;
    let aliveGpus = podGpus;
    let cost = 0;
    let spotCost = 0;
    for (const pool of this.pools) {
      pool.accrue(now);
      const r = pool.countIn(NodeState.Ready) + pool.countIn(NodeState.Draining);
      const starting = pool.countIn(NodeState.Provisioning);
      readyNodes += r;
      if (pool.config.unit !== 'cpu') {
        readyGpus += pool.config.karpenter ? pool.readyUnits() : r * pool.config.gpusPerNode;
        aliveGpus += pool.aliveGpuCount;
      }
      provisioningNodes += starting;
      const own = this.poolSeries[pool.index]!;
      own.readyNodes[i] = r;
      own.provisioningNodes[i] = starting;
      cost += pool.accruedUsd();
      spotCost += pool.accruedSpotUsd();
    }
    for (const svc of this.services) for (const pod of svc.pods) if (pod.state === PodState.Pending || pod.state === PodState.Pulling) pending++;
    s.desiredReplicas[i] = desired;
    s.readyReplicas[i] = ready;
    s.readyNodes[i] = readyNodes;
    s.provisioningNodes[i] = provisioningNodes;
    s.pendingPods[i] = pending;
    const util = readyGpus > 0 && dt > 0 ? Math.min(1, busyGpuSeconds / (readyGpus * dt)) : 0;
    s.gpuUtilization[i] = util;
    s.costUsd[i] = cost;
    s.spotCostUsd[i] = spotCost;
    s.kvCacheUtilization[i] = kvPods > 0 ? kvSum / kvPods : 0;
    let prompt = 0;
    let cached = 0;
    for (const p of this.prefixSources()) {
      prompt += p.stats.iPromptTokens;
      cached += p.stats.iCachedTokens;
      p.stats.iPromptTokens = 0;
      p.stats.iCachedTokens = 0;
    }
    s.prefixHitRate[i] = prompt > 0 ? cached / prompt : 0;
    let waiting = 0;
    for (const svc of this.services) waiting += svc.queuedTotal();
    // The series count visits (a request and each call it has out, async events too): the work in flight,
    // whose growth the overload check reads. The backlog's peak counts end-to-end requests, each once
    // (the same number without calls, where every visit is a request).
    const inFlight = this.store.inFlight;
    s.waiting[i] = waiting;
    s.inService[i] = inFlight - waiting;
    const users = this.usersNow();
    s.users[i] = users;
    if (now > this.cfg.warmupSeconds) {
      if (this.store.roots > this.backlogMax) this.backlogMax = this.store.roots;
      if (waiting > this.waitingMax) this.waitingMax = waiting;
      sample(this.replicaSamples, ready);
      sample(this.nodeSamples, readyNodes + provisioningNodes);
      sample(this.userSamples, users);
      this.gpuBusySum += util * readyGpus * dt;
      this.gpuAllocSum += readyGpus * dt;
      if (aliveGpus > this.peakGpus) this.peakGpus = aliveGpus;
    }
  }

  private recordServices(i: number, now: number, dt: number, served: number, failed: number, p99: number): void {
    const graph = this.flow.graph;
    const warm = now > this.cfg.warmupSeconds;
    for (const svc of this.services) {
      const rec = this.svc[svc.index]!;
      const x = rec.series;
      const st = this.flow.perService[svc.index]!;
      if (graph) {
        x.servedQps[i] = dt > 0 ? st.iServed / dt : 0;
        x.failedQps[i] = dt > 0 ? st.iFailed / dt : 0;
        x.latencyP99Ms[i] = st.interval.quantile(0.99);
        st.closeInterval();
        st.iServed = 0;
        st.iFailed = 0;
      } else {
        x.servedQps[i] = dt > 0 ? served / dt : 0;
        x.failedQps[i] = dt > 0 ? failed / dt : 0;
        x.latencyP99Ms[i] = p99;
      }
      const ready = svc.readyCount;
      x.readyReplicas[i] = ready;
      x.waiting[i] = svc.queuedTotal();
      let busy = 0;
      let work = svc.workCarry;
      svc.workCarry = 0;
      let held = svc.heldCarry;
      svc.heldCarry = 0;
      const c = svc.config;
      for (const pod of svc.pods) {
        busy += pod.busyUntil(now) - pod.busyCounted;
        work += pod.workSeconds - pod.workCounted;
        pod.workCounted = pod.workSeconds;
        const h = pod.heldSeconds + pod.held * now;
        held += h - pod.heldCounted;
        pod.heldCounted = h;
        if (pod.node !== null) rec.unitSecondsByPool[pod.node.pool]! += c.gpusPerReplica * dt;
      }
      // Per-request services: working slots ÷ slots (ρ of queueing theory); batching and llm: the busy fraction.
      const perRequest = c.batching === null && c.llm === null;
      const readySeconds = svc.takeReadySeconds(now);
      const capacity = readySeconds * c.concurrency;
      const util = readySeconds > 0 ? Math.min(1, perRequest ? work / capacity : busy / readySeconds) : 0;
      // Work is credited when it starts, so an interval can be credited more than its slots can do (visits
      // started near its end run on into the next ones): the excess carries over rather than being clamped
      // away, which read a short interval's utilization low (0.731 for ρ = 0.75 at 100 ms intervals).
      if (perRequest && readySeconds > 0 && work > capacity) svc.workCarry += work - capacity;
      x.utilization[i] = util;
      // Slots in use: working slots and slots held by visits waiting on their calls (thread per request), ÷ slots.
      // Held time is integrated exactly, so only the work's share is capped at the slots (its excess carried above).
      const inUse = perRequest && readySeconds > 0 ? Math.min(1, (Math.min(work, capacity) + held) / capacity) : util;
      x.slotsInUse[i] = inUse;
      if (warm) {
        rec.utilSum += util;
        rec.slotsInUseSum += inUse;
        sample(rec.replicas, ready);
      }
    }
  }

  /** The horizon: the last intervals are recorded and the bill closes (the drain after it is not billed or charted). */
  private closeHorizon(end: number): Billing {
    while (this.intervalIndex < this.series.t.length) this.recordInterval(end);
    // The sweep table ends at the horizon: the drain is not part of any level.
    if (this.stats.level !== null) this.stats.level.to = end;
    this.stats.level = null;
    this.stats.horizonOutputTokens = this.stats.outputTokens;
    return this.billing(end);
  }

  /** Node usage and cost up to `now`. */
  private billing(now: number): Billing {
    for (const pool of this.pools) pool.accrue(now);
    const nodeUsage = this.pools.flatMap((p): EngineResult['nodeUsage'] => {
      const k = p.config.karpenter;
      if (k && p.typeSeconds !== null) {
        return k.types.flatMap((t, i) => [
          { pool: p.config.name, instanceId: t.instanceId, capacity: 'on-demand' as const, nodeSeconds: p.typeSeconds![i * 2]! },
          { pool: p.config.name, instanceId: t.instanceId, capacity: 'spot' as const, nodeSeconds: p.typeSeconds![i * 2 + 1]! },
        ]);
      }
      return [
        { pool: p.config.name, instanceId: p.config.instanceId, capacity: 'spot' as const, nodeSeconds: p.spotNodeSeconds },
        { pool: p.config.name, instanceId: p.config.instanceId, capacity: p.config.regularCapacity, nodeSeconds: p.regularNodeSeconds },
      ];
    }).filter((u) => u.nodeSeconds > 0);
    const n = this.intervalIndex;
    return { nodeUsage, accruedCostUsd: n > 0 ? this.series.costUsd[n - 1]! : 0, endSeconds: now };
  }

  /** Requests still queued past their timeout when observation stops are timed out; then the result. */
  private finish(stop: number, horizon: Billing): EngineResult {
    for (const k of this.kedas) k?.dropExpired(stop);
    for (const k of this.knatives) k?.dropExpired(stop);
    for (const svc of this.services) {
      svc.dropExpired(svc.sharedQueue, stop, null);
      for (const pod of svc.pods) svc.dropExpired(pod.queue, stop, pod);
    }
    return this.collect(stop, this.series, horizon);
  }

  /** Each traffic source's arrivals over the run and its offered rate per interval (one source: the fleet's). */
  private sourceResults(offered: number, fleetOfferedQps: Float64Array, cut: (a: Float64Array) => Float64Array): EngineResult['sources'] {
    const c = this.sourceCounts;
    // A copy: the fleet series and this one are handed to the page as separate buffers.
    if (c === null) return this.cfg.traffic.map(() => ({ offered, series: { offeredQps: cut(fleetOfferedQps).slice() } }));
    // Arrivals of an interval not yet recorded (a run stopped between interval ends) count in the total.
    return this.cfg.traffic.map((_, k) => ({ offered: c.total[k]! + c.interval[k]!, series: { offeredQps: cut(c.offeredQps[k]!) } }));
  }

  /** The llm services with templates or sessions, for the prefix-cache summary. */
  /** Speculative decoding summed over the services that speculate; null when none does. */
  private speculativeResult(): EngineSpeculativeResult | null {
    let out: EngineSpeculativeResult | null = null;
    for (const svc of this.services) {
      const x = svc.llm;
      const k = svc.config.llm?.speculative?.tokens;
      if (x === null || k === undefined) continue;
      out ??= { sequenceSteps: 0, drawnTokens: 0, proposedTokens: 0 };
      out.sequenceSteps += x.specSteps;
      out.drawnTokens += x.specDrawnTokens;
      out.proposedTokens += x.specSteps * k;
    }
    return out;
  }

  /** Sequences preempted over the run, by service, for the services with paged KV allocation (engine/paged-kv.ts); null when none has it. */
  private preemptionsResult(): Record<string, number> | null {
    let out: Record<string, number> | null = null;
    for (const svc of this.services) {
      const x = svc.llm;
      if (x === null || svc.config.llm === null || !pagedKv(svc.config.llm)) continue;
      out ??= {};
      out[svc.config.name] = x.preemptions;
    }
    return out;
  }

  /** Requests dropped because they needed more KV than a whole replica holds, by service (only those that dropped any); null when none did. */
  private tooLongResult(): Record<string, { requests: number; kvTokens: number }> | null {
    let out: Record<string, { requests: number; kvTokens: number }> | null = null;
    for (const svc of this.services) {
      const x = svc.llm;
      if (x === null || svc.config.llm === null || x.rejectedTooLong === 0) continue;
      out ??= {};
      out[svc.config.name] = { requests: x.rejectedTooLong, kvTokens: svc.config.llm.kvCapacityTokens };
    }
    return out;
  }

  private prefixSources(): PrefixSource[] {
    const out: PrefixSource[] = [];
    for (const svc of this.services) {
      const x = svc.llm;
      if (x === null || x.prefixStats === null) continue;
      const cfg = svc.config.llm!;
      out.push({ stats: x.prefixStats, achievedFlopsPerGpu: cfg.hardware.flopsPerGpu * cfg.efficiency.compute, router: svc.prefixRouter });
    }
    return out;
  }

  /**
   * The result as of `now` (the end of the drain, or the present moment for a snapshot of a run in
   * progress), billed as `bill` says. Nothing is mutated but node-second integrals.
   */
  private collect(now: number, series: TimeSeries, bill: Billing): EngineResult {
    const st = this.stats;
    // Per-service and per-pool series cut to the intervals recorded so far (a snapshot of a run in progress).
    const n = series.t.length;
    const cut = (a: Float64Array): Float64Array => (n === a.length ? a : a.slice(0, n));
    const measureFrom = st.measureFrom;
    const store = this.store;
    // Unfinished requests count at their age: censored latencies, so a backlog shows in the percentiles.
    const ages: number[] = [];
    // Visits still in flight per service (their request arrived after the warm-up): each service's visits
    // are served, dropped, timed out or unfinished, as the run's requests are.
    const unfinished = new Array<number>(this.services.length).fill(0);
    // With several services, each one's unfinished visits also count in its latency at their age (arrival at
    // the service to now), censored like the run's: a backlog shows in the service's percentiles.
    const censored: (LatencyHistogram | null)[] | null = this.flow.graph ? this.services.map(() => null) : null;
    // A caller's own latency counts them too, at their age less the time they have waited on calls so far.
    const censoredOwn: (LatencyHistogram | null)[] = this.services.map(() => null);
    const waits = censored !== null && this.services.some((x) => this.flow.hasCalls(x.index)) ? this.flow.callWaits(now) : null;
    store.forEachInFlight((slot) => {
      const arrival = store.arrival[slot]!;
      if (arrival < measureFrom) return;
      // Its outcome is already counted at its service; only its reply is still on the network.
      if ((store.flags[slot]! & VisitFlag.Ended) !== 0) return;
      const svc = store.service[slot]!;
      unfinished[svc]!++;
      if (censored !== null) {
        const age = Math.max(0, now - store.start[slot]!);
        (censored[svc] ??= new LatencyHistogram()).record(age * 1000);
        if (waits !== null && this.flow.hasCalls(svc)) (censoredOwn[svc] ??= new LatencyHistogram()).record(Math.max(0, age - (waits.get(slot) ?? 0)) * 1000);
      }
      if ((store.flags[slot]! & VisitFlag.Root) !== 0) ages.push((now - arrival) * 1000);
    });
    const hasLlm = this.cfg.services.some((x) => x.llm);
    const waitingForFirstToken: number[] = [];
    if (hasLlm) {
      for (const svc of this.services) {
        if (!svc.config.llm) continue;
        svc.llm?.flushGaps();
        svc.forEachWithoutFirstToken((slot) => {
          const arrival = store.arrival[slot]!;
          if (arrival >= measureFrom) waitingForFirstToken.push((now - arrival) * 1000);
        });
      }
    }
    return {
      durationSeconds: this.cfg.durationSeconds,
      endSeconds: bill.endSeconds,
      observedUntilSeconds: now,
      warmupSeconds: this.cfg.warmupSeconds,
      requests: { ...st.whole(), retried: st.retried, drained: st.drained },
      measured: st.measured(),
      latency: st.summaryLatency(ages),
      censored: ages.length,
      timeseries: series,
      replicas: summarize(this.replicaSamples),
      nodes: summarize(this.nodeSamples),
      peakGpus: this.peakGpus,
      gpuUtilizationMean: this.gpuAllocSum > 0 ? this.gpuBusySum / this.gpuAllocSum : 0,
      spotInterruptions: this.spotInterruptions,
      faults: this.faultsResult(bill.endSeconds),
      shared: this.sharedResult(bill.endSeconds),
      nodeUsage: bill.nodeUsage,
      sources: this.sourceResults(st.whole().offered, series.offeredQps, cut),
      pools: this.pools.map((p) => {
        const own = this.poolSeries[p.index]!;
        return { ...poolActivity(p, this.launches[p.index]!, this.karpenter?.stats.get(p.index) ?? null), series: { readyNodes: cut(own.readyNodes), provisioningNodes: cut(own.provisioningNodes) } };
      }),
      accruedCostUsd: bill.accruedCostUsd,
      llm: hasLlm ? { ttft: st.summaryTtft(waitingForFirstToken), tpot: st.tpot, itl: st.itl, outputTokens: st.outputTokens, horizonOutputTokens: st.horizonOutputTokens ?? st.outputTokens, prefixCache: prefixResult(this.prefixSources()), speculative: this.speculativeResult(), preemptions: this.preemptionsResult(), tooLongForKv: this.tooLongResult() } : null,
      backlog: { max: this.backlogMax, waitingMax: this.waitingMax },
      inFlightAtStop: store.roots,
      events: [...this.events],
      eventsDropped: this.eventsDropped,
      hpaDecisions: this.hpas.reduce((a, h) => a + h.syncs, 0),
      inFlightLimitDrops: this.inFlightLimitDrops,
      graceKills: this.graceKills.flatMap((k, service) => (k.pods > 0 ? [{ service, pods: k.pods, visits: k.visits }] : [])),
      services: this.services.map((svc) => {
        const rec = this.svc[svc.index]!;
        const x = rec.series;
        return {
          stats: this.flow.graph ? this.flow.perService[svc.index]! : null,
          unfinished: unfinished[svc.index]!,
          unfinishedLatency: censored?.[svc.index] ?? null,
          unfinishedOwnLatency: censoredOwn[svc.index] ?? null,
          cacheHits: svc.cacheHits,
          rateLimited: svc.rateLimited,
          utilization: rec.replicas.n > 0 ? rec.utilSum / rec.replicas.n : 0,
          slotsInUse: rec.replicas.n > 0 ? rec.slotsInUseSum / rec.replicas.n : 0,
          replicas: summarize(rec.replicas),
          unitSecondsByPool: [...rec.unitSecondsByPool],
          series: { servedQps: cut(x.servedQps), failedQps: cut(x.failedQps), latencyP99Ms: cut(x.latencyP99Ms), readyReplicas: cut(x.readyReplicas), utilization: cut(x.utilization), slotsInUse: cut(x.slotsInUse), waiting: cut(x.waiting) },
          keda: this.kedas[svc.index]?.result(bill.endSeconds) ?? null,
          ...(this.knatives[svc.index] ? { knative: this.knatives[svc.index]!.result(bill.endSeconds) } : {}),
          hpa: this.hpaOf[svc.index]?.counts() ?? null,
          llmTokens: svc.llm === null ? null : { prompt: svc.llm.promptTokens, generated: svc.llm.generatedTokens, sequences: svc.llm.sequences },
          ...(svc.llm?.lora ? { lora: { diskLoads: svc.llm.lora.diskLoads, cpuLoads: svc.llm.lora.cpuLoads, loadSeconds: svc.llm.lora.loadSeconds, delayedRequests: svc.llm.lora.delayed } } : {}),
          unscheduled: this.unscheduledOf(svc, bill.endSeconds),
        };
      }),
      breakdown: this.flow.trace?.breakdown(measureFrom) ?? null,
      closedLoop: this.closedLoopResult(),
    };
  }

  /** Teams, jobs and preemptions of a shared cluster; null otherwise. */
  private sharedResult(end: number): EngineResult['shared'] {
    const ledger = this.ledger;
    if (ledger === null) return null;
    ledger.accrueAll(end);
    // GPU capacity the teams share: GPUs of the pools (node-seconds, MIG slices counted as their GPUs).
    let capacityGpuSeconds = 0;
    for (const pool of this.pools) {
      pool.accrue(end);
      if (pool.config.unit !== 'cpu') capacityGpuSeconds += ((pool.spotNodeSeconds + pool.regularNodeSeconds) * pool.config.gpusPerNode) / pool.unitsPerGpu;
    }
    const q = this.jobs;
    return {
      capacityGpuSeconds,
      teams: ledger.teams.map((t, i) => ({
        name: t.name,
        gpuQuota: t.gpuQuota,
        gpuSeconds: ledger.gpuSeconds[i]!,
        peakGpus: ledger.peakGpus[i]!,
        quotaRefusals: ledger.refusals[i]!,
        podsPreempted: ledger.preempted[i]!,
        ...(t.kueue
          ? {
              kueue: {
                nominalQuota: t.kueue.nominalQuota,
                borrowedGpuSeconds: ledger.borrowedGpuSeconds[i]!,
                reclaims: ledger.reclaims[i]!,
                reclaimedFrom: ledger.reclaimed[i]!,
                ...(this.cfg.waitForPodsReady ? { podsReadyEvictions: ledger.podsReadyEvictions[i]!, deactivated: ledger.deactivated[i]! } : {}),
              },
            }
          : {}),
      })),
      jobs: (this.cfg.jobs ?? []).map((j, i) => {
        const st = q!.stats[i]!;
        return { name: j.name, team: j.team, submitted: st.submitted, completed: st.completed, waits: [...st.waits], interruptions: st.preemptions, lostGpuSeconds: st.lostUnitSeconds / this.pools[j.pool]!.unitsPerGpu };
      }),
      servingPreempted: [...this.servingPreempted],
      jobsWaitingAtEnd: q?.waitingAt(end) ?? { queued: 0, quotaBlocked: 0, oldestWaitSeconds: 0 },
    };
  }

  /** What faults did to the run; null when the design has no failures, waves or scheduled faults. */
  private faultsResult(end: number): EngineResult['faults'] {
    if (this.faults === null) return null;
    // Losses still waiting for a replacement count up to the horizon.
    let open = 0;
    for (const list of this.lostAt) for (const at of list) open += Math.max(0, end - at);
    return { ...this.faults.counts, podsLost: this.podsLost, lostPodSeconds: this.lostPodSeconds + open, visitsFailed: this.visitsFailedByFaults };
  }

  /** A service's replicas no node took (still pending at `now`), for the never-scheduled diagnostic. */
  private unscheduledOf(svc: ServiceRuntime, now: number): EngineServiceResult['unscheduled'] {
    let replicas = 0;
    let longest = 0;
    for (const pod of this.scheduler.pending) {
      if (pod.service !== svc.index || pod.state !== PodState.Pending || pod.node !== null) continue;
      replicas++;
      longest = Math.max(longest, now - pod.createdAt);
    }
    const pools = replicas === 0 ? [] : svc.config.pools.map((j) => ({ name: this.pools[j]!.config.name, nodes: this.pools[j]!.aliveCount, maxNodes: this.pools[j]!.config.maxNodes }));
    return { replicas, longestSeconds: longest, pools };
  }

  /** A copy of the result so far, for hosts that show a run as it advances. */
  snapshot(now: number): EngineResult {
    return this.collect(now, sliceTimeSeries(this.series, this.intervalIndex), this.billing(now));
  }
}

/** What the bill covers: node usage up to the horizon (or the present moment in a snapshot). */
interface Billing {
  nodeUsage: EngineResult['nodeUsage'];
  accruedCostUsd: number;
  endSeconds: number;
}

function sample(acc: { min: number; max: number; sum: number; n: number }, v: number): void {
  acc.min = Math.min(acc.min, v);
  acc.max = Math.max(acc.max, v);
  acc.sum += v;
  acc.n++;
}

function summarize(acc: { min: number; max: number; sum: number; n: number }): { min: number; max: number; mean: number } {
  return acc.n === 0 ? { min: 0, max: 0, mean: 0 } : { min: acc.min, max: acc.max, mean: acc.sum / acc.n };
}

/** Runs one engine configuration to the horizon. */
export function runEngine(config: EngineConfig, options: RunOptions = {}): EngineResult {
  return new Simulation(config).run(options);
}

/** An engine run in steps (`Simulation.begin`): `advanceTo` simulated times, then `end` for the result, identical to `runEngine`'s. */
export type EngineRun = Pick<Simulation, 'advanceTo' | 'end'>;

/** Starts a run of `config` to be advanced in steps. */
export function beginEngine(config: EngineConfig, options: RunOptions = {}): EngineRun {
  const sim = new Simulation(config);
  sim.begin(options);
  return sim;
}

/** The completion FIFO whose head finishes first (several: constant service times, cache hits, the network). */
function earliest(fifos: readonly CompletionFifo[]): CompletionFifo {
  let best = fifos[0]!;
  let tBest = best.nextTime();
  for (let i = 1; i < fifos.length; i++) {
    const t = fifos[i]!.nextTime();
    if (t < tBest) {
      tBest = t;
      best = fifos[i]!;
    }
  }
  return best;
}
