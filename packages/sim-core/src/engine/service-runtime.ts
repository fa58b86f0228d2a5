import { Rng } from '../random/rng.ts';
import { DurationSampler } from '../random/service-time.ts';
import type { EngineService } from './engine-config.ts';
import type { EventHeap } from './event-heap.ts';
import { Pod, PodState } from './pod.ts';
import type { RequestStore } from './request-store.ts';
import type { RunStats } from './run-stats.ts';
import { SlotQueue } from './slot-queue.ts';
import { BatchExecutor } from './batch-executor.ts';
import { LlmExecutor } from './llm-executor.ts';
import type { PodExecutor } from './pod-executor.ts';
import type { KedaDriver } from './keda-driver.ts';
import type { KnativeDriver } from './knative-driver.ts';
import type { ZeroGate } from './zero-gate.ts';
import { CompletionFifo } from './completion-fifo.ts';
import { FLOW_BASE, WAKE_BASE, type RequestFlow } from './request-flow.ts';
import { VisitFlag } from './request-store.ts';
import { VisitOutcome } from './service-stats.ts';
import type { PrefixWorkload } from './prefix-workload.ts';
import { PrefixRouter } from './prefix-router.ts';

/** Heap payloads at or above this are a queue's timeout timer (above every request-flow and wake-up payload). */
export const QUEUE_EXPIRY_BASE = WAKE_BASE + FLOW_BASE;

/**
 * One service at run time: its ready pods, the routing across them, and how a pod serves a request.
 * Per-request service times are the built-in executor (a completion event per request); dynamic
 * batching is a separate executor, and the token-level LLM model will be another, so nothing here
 * assumes "one number per request" beyond that default path.
 */
export class ServiceRuntime {
  readonly ready: Pod[] = [];
  /** Pods not yet gone (any state), oldest first. */
  readonly pods: Pod[] = [];
  /** spec.replicas of the Deployment: what the HPA sets. */
  specReplicas: number;
  private readonly sampler: DurationSampler;
  private readonly routeRng: Rng;
  /** Batching or token-level executor; null = the built-in per-request service time. */
  private readonly executor: PodExecutor | null;
  /** The token-level executor (null for other services). */
  readonly llm: LlmExecutor | null;
  /** prefix-aware routing's record of where prefixes went (null under other routings). */
  prefixRouter: PrefixRouter | null = null;
  private rr = 0;
  /** Least-outstanding: heads of the circular pod lists by load, and the lowest non-empty load. */
  private buckets: (Pod | null)[] = [];
  private minBucket = 0;
  private readonly shared: boolean;
  private readonly leastOutstandingRouting: boolean;
  /** Shared-queue: the balancer's FIFO. */
  readonly sharedQueue = new SlotQueue();
  /** Shared-queue: pods with a free slot (entries may be stale and are re-checked when popped). */
  private idle: Pod[] = [];
  /** Constant service time: completions in start order, without the heap (null otherwise). */
  private readonly fifo: CompletionFifo | null;
  private readonly constantSeconds: number;
  /** Cache hits in flight (constant cache latency: they finish in arrival order). */
  private readonly cacheFifo: CompletionFifo | null;
  private readonly cacheRng: Rng;
  /** Completion FIFOs the event loop reads directly (constant service time, cache hits). */
  readonly fifos: readonly CompletionFifo[];
  cacheHits = 0;
  /** A one-service design without calls: a finished visit is a served end-to-end request, nothing more. */
  private readonly direct: boolean;
  /** Thread per request: a visit's slot stays taken while it waits on its calls. */
  private readonly holdDuringCalls: boolean;
  /** Token bucket of an external dependency's rate limit (tokens, last refill time); null without one. */
  private readonly rateLimit: { perSecond: number; burst: number } | null;
  private tokens = 0;
  private refilledAt = 0;
  /** Visits refused by the rate limit. */
  rateLimited = 0;
  /** Work of pods gone since the last interval end not yet counted in utilization (their `workSeconds − workCounted`). */
  workCarry = 0;
  /** Held slot-seconds of pods gone since the last interval end not yet counted in slots in use. */
  heldCarry = 0;
  /** Ready-replica-seconds since the last interval end, up to `readySince` (the ready count's last change). */
  private readyArea = 0;
  private readySince = 0;
  /**
   * A KEDA ScaledObject's or Knative's gate: where a request goes when no replica is ready (the activator buffer, or
   * a refusal it counts); null without one, and then such a request is dropped as before.
   */
  private zero: ZeroGate | null = null;
  /** True with a finite `queue.timeout`: each queue of the service keeps a timer for its oldest request's deadline. */
  private readonly timedQueues: boolean;

  constructor(
    readonly index: number,
    readonly config: EngineService,
    private readonly heap: EventHeap,
    private readonly store: RequestStore,
    private readonly stats: RunStats,
    private readonly podsByUid: Pod[],
    seed: number,
    /** Called when a terminating pod has finished its last request. */
    private readonly onPodDrained: (pod: Pod, now: number) => void,
    private readonly flow: RequestFlow,
  ) {
    this.specReplicas = config.initialReplicas;
    this.shared = config.routing === 'shared-queue';
    this.leastOutstandingRouting = config.routing === 'least-outstanding' || config.routing === 'prefix-aware';
    this.sampler = new DurationSampler(config.serviceTime, new Rng(seed, 1000 + index * 16 + 2));
    this.routeRng = new Rng(seed, 1000 + index * 16 + 3);
    const llm = config.llm ? new LlmExecutor(config.llm, heap, store, stats, this, seed) : null;
    this.llm = llm;
    this.executor = llm
      ? llm
      : config.batching
        ? new BatchExecutor(config.batching, config.concurrency, heap, store, stats, this)
        : null;
    const constant = config.serviceTime.kind === 'constant' && !this.executor;
    this.fifo = constant ? new CompletionFifo((slot, now) => this.complete(slot, now)) : null;
    this.constantSeconds = config.serviceTime.kind === 'constant' ? config.serviceTime.seconds : 0;
    this.cacheFifo = config.cache && config.cache.hitRatio > 0 ? new CompletionFifo((slot, now) => this.completeCacheHit(slot, now)) : null;
    this.fifos = [this.fifo, this.cacheFifo].filter((f): f is CompletionFifo => f !== null);
    this.cacheRng = new Rng(seed, 1000 + index * 16 + 4);
    this.holdDuringCalls = (config.calls?.length ?? 0) > 0 && config.releaseDuringCalls !== true && this.executor === null;
    this.direct = !flow.graph;
    this.timedQueues = Number.isFinite(config.queueTimeoutSeconds);
    this.rateLimit = config.rateLimit ?? null;
    this.tokens = this.rateLimit?.burst ?? 0;
    if (llm?.workload) this.attachPrefixes(llm.workload);
  }

  /**
   * Templates and sessions: a new request is tagged with its prefix before it is routed, and under
   * prefix-aware routing it goes where that prefix was sent last. Both are wrapped on this instance only,
   * so services without them keep the plain methods (and their per-request path).
   */
  private attachPrefixes(w: PrefixWorkload): void {
    const plainArrive = ServiceRuntime.prototype.arrive;
    this.arrive = (slot: number, now: number): void => {
      w.tag(slot);
      plainArrive.call(this, slot, now);
    };
    if (this.config.routing !== 'prefix-aware') return;
    const router = new PrefixRouter(w, () => this.leastOutstanding());
    this.prefixRouter = router;
    const plainRoute = ServiceRuntime.prototype.route;
    this.route = (slot: number, now: number): void => {
      if (this.ready.length === 0) return plainRoute.call(this, slot, now);
      this.queueOn(router.pick(slot), slot, now);
    };
  }

  /**
   * Puts a KEDA ScaledObject in front of the service: `route` (and, with a requestRate trigger, whose interceptor
   * counts every new request, `arrive`) are wrapped on this instance only, so services without one keep the plain
   * methods and the per-request path of designs without KEDA is the one they had before.
   */
  attachKeda(driver: KedaDriver, countsArrivals: boolean): void {
    this.zero = driver;
    // With no ready replica a request (new, retried or released by a draining pod) goes to KEDA's gate: the
    // activator buffer, or a refusal it counts. Wrapped here too, so `route` itself is unchanged.
    const route = ServiceRuntime.prototype.route;
    this.route = (slot: number, now: number): void => {
      if (this.ready.length === 0) driver.arrive(slot, now);
      else route.call(this, slot, now);
    };
    if (!countsArrivals) return;
    const plain = this.arrive; // the prototype's, or the prefix tagging wrapper
    this.arrive = (slot: number, now: number): void => {
      driver.count(now);
      plain.call(this, slot, now);
    };
  }

  /**
   * Puts Knative's activator in front of the service: with no ready replica a request waits in its buffer (the
   * KnativeDriver). With the rps metric each request routed to a replica is counted (the queue-proxies' request
   * count). Wrapped on this instance only, as `attachKeda`: other services keep the plain `route`.
   */
  attachKnative(driver: KnativeDriver, countsRouted: boolean): void {
    this.zero = driver;
    const route = this.route; // the prototype's, or the prefix router's wrapper
    this.route = countsRouted
      ? (slot: number, now: number): void => {
          if (this.ready.length === 0) return driver.arrive(slot, now);
          driver.routed++;
          route.call(this, slot, now);
        }
      : (slot: number, now: number): void => {
          if (this.ready.length === 0) driver.arrive(slot, now);
          else route.call(this, slot, now);
        };
  }

  /** A new request arrives at this service: the cache may answer it, else it is routed to a replica. */
  arrive(slot: number, now: number): void {
    // The rate limit is out of line: this method is inlined into the event loop, whose budget is small.
    if (this.rateLimit !== null && !this.takeToken(now)) {
      if (this.store.arrival[slot]! >= this.stats.measureFrom) this.rateLimited++; // visits after the warm-up, as the drop
      return this.dropSlot(slot, now);
    }
    const cacheFifo = this.cacheFifo;
    if (cacheFifo !== null && this.cacheRng.next() < this.config.cache!.hitRatio) {
      cacheFifo.push(now + this.config.cache!.latencySeconds, slot);
      return;
    }
    this.route(slot, now);
  }

  /** The token bucket of the rate limit: refills by the time passed, then takes a token if one is there. */
  private takeToken(now: number): boolean {
    const limit = this.rateLimit!;
    this.tokens = Math.min(limit.burst, this.tokens + (now - this.refilledAt) * limit.perSecond);
    this.refilledAt = now;
    // 1e-9 of a token absorbs float error in the time since the last refill: evenly spaced arrivals at twice the
    // rate must find a whole token at every other one (a real limiter counts integer nanoseconds).
    if (this.tokens < 1 - 1e-9) return false;
    this.tokens -= 1;
    return true;
  }

  /** A cache hit is answered at the cache: the replicas and the service's calls are skipped. */
  private completeCacheHit(slot: number, now: number): void {
    if (this.store.arrival[slot]! >= this.stats.measureFrom) this.cacheHits++; // visits after the warm-up, as `visits`
    this.flow.answered(slot, now);
  }

  // ---- request path (hot) ----

  /** Routes a request (new or retried) to a ready pod, or queues or drops it. */
  route(slot: number, now: number): void {
    if (this.shared) return this.routeShared(slot, now);
    const n = this.ready.length;
    if (n === 0) return this.dropSlot(slot, now);
    let pod: Pod;
    if (this.leastOutstandingRouting) pod = this.leastOutstanding();
    else if (this.config.routing === 'round-robin') pod = this.ready[this.rr++ % n]!;
    else pod = this.ready[this.routeRng.int(n)]!;
    if (this.executor) return this.queueOn(pod, slot, now);
    if (pod.inService < this.config.concurrency) {
      this.bump(pod, 1);
      this.start(pod, slot, now);
    } else if (pod.queue.length < this.config.queueMaxLength) {
      this.bump(pod, 1);
      pod.queue.push(slot);
      if (this.timedQueues) this.armExpiry(pod.queue, pod);
    } else {
      this.dropSlot(slot, now);
    }
  }

  /** Batching and LLM pods take requests from their own queue: queue there (or drop when full) and let the executor start them. */
  private queueOn(pod: Pod, slot: number, now: number): void {
    if (pod.queue.length >= this.config.queueMaxLength) return this.dropSlot(slot, now);
    // The pod that will serve the visit: its calls take connections from this pod's pools (request-flow.ts).
    this.store.pod[slot] = pod.uid;
    pod.queue.push(slot);
    this.bump(pod, 1);
    if (this.timedQueues) this.armExpiry(pod.queue, pod);
    this.executor!.kick(pod, now);
  }

  private routeShared(slot: number, now: number): void {
    const idle = this.idle;
    while (idle.length > 0) {
      const pod = idle[idle.length - 1]!;
      if (pod.state !== PodState.Ready || pod.inService >= this.config.concurrency) {
        pod.inIdleList = false;
        idle.pop();
        continue;
      }
      this.start(pod, slot, now);
      if (pod.inService >= this.config.concurrency) {
        pod.inIdleList = false;
        idle.pop();
      }
      return;
    }
    if (this.sharedQueue.length < this.config.queueMaxLength) {
      this.sharedQueue.push(slot);
      if (this.timedQueues) this.armExpiry(this.sharedQueue, null);
    } else this.dropSlot(slot, now);
  }

  /** Starts a request on a pod with a free slot: samples its service time and schedules completion. */
  private start(pod: Pod, slot: number, now: number): void {
    const store = this.store;
    const pos = pod.inService++;
    pod.active[pos] = slot;
    store.pod[slot] = pod.uid;
    store.pos[slot] = pos;
    // Queueing ends here: the graph's own-latency split and traces read it (a one-service run needs it not).
    if (!this.direct) store.workStart[slot] = now;
    // Busy means working: visits holding a slot while they wait on calls do not count.
    if (pos === pod.held) pod.busySince = now;
    // Work is credited when it starts (the service time is known then): utilization and the CPU metric.
    const fifo = this.fifo;
    if (fifo === null) {
      const work = this.sampler.sample();
      pod.workSeconds += work;
      this.heap.push(now + work, slot);
      return;
    }
    pod.workSeconds += this.constantSeconds;
    fifo.push(now + this.constantSeconds, slot);
  }


  /** A request's service time is over (a non-negative heap payload). */
  complete(slot: number, now: number): void {
    const store = this.store;
    if (store.dead[slot] === 1) {
      store.releaseDead(slot);
      return;
    }
    const pod = this.podsByUid[store.pod[slot]!]!;
    pod.completions++;
    if (pod.state === PodState.Terminating) this.stats.drained++;
    if (!this.direct) return this.visitWorkDone(pod, slot, now);
    // One service, no calls: every visit is a root that ends here (no per-service record, no calls to run).
    this.freeSlot(pod, slot, now);
    this.flow.endRoot(slot, now, VisitOutcome.Served);
    this.afterFree(pod, now);
  }

  /** In a graph, a visit's own work is over: its calls run next (the out-of-line part of `complete`). */
  private visitWorkDone(pod: Pod, slot: number, now: number): void {
    if (this.holdDuringCalls) {
      // Thread per request: the slot stays taken until the calls reply (releaseHeld).
      pod.heldSeconds -= now;
      if (pod.inService - ++pod.held === 0) {
        pod.busySeconds += now - pod.busySince;
        pod.busySince = -1;
      }
      this.store.flags[slot]! |= VisitFlag.Held;
      this.flow.workDone(slot, now);
      return;
    }
    // The pod takes its next request before the visit's calls or reply run (they may run at once, inside
    // this event, and route to this service again: it must see the pod's load as it now is).
    this.freeSlot(pod, slot, now);
    this.afterFree(pod, now);
    this.flow.workDone(slot, now);
  }

  /** Takes a finished visit off its pod's active list (and ends the busy spell when no work is left). */
  private freeSlot(pod: Pod, slot: number, now: number): void {
    const store = this.store;
    const last = --pod.inService;
    const pos = store.pos[slot]!;
    if (pos !== last) {
      const moved = pod.active[last]!;
      pod.active[pos] = moved;
      store.pos[moved] = pos;
    }
    if (last === pod.held && pod.busySince >= 0) {
      pod.busySeconds += now - pod.busySince;
      pod.busySince = -1;
    }
  }

  /** A visit that held its slot while waiting on calls is done with them (served or failed): the slot frees. */
  releaseHeld(slot: number, now: number): void {
    const pod = this.podsByUid[this.store.pod[slot]!]!;
    pod.held--;
    pod.heldSeconds += now;
    this.freeSlot(pod, slot, now);
    if (pod.state === PodState.Gone) return;
    this.afterFree(pod, now);
  }

  /** A batch finished and makes its calls once (`callsPerBatch`): its first visit makes them, the others wait. */
  batchWorkDone(slots: readonly number[], now: number): void {
    this.flow.batchWorkDone(slots, now);
  }

  /** An executor (batching, LLM) finished a visit's own work; its slot is already free. */
  workDone(slot: number, now: number): void {
    this.flow.workDone(slot, now);
  }

  /** A slot on `pod` has freed up: feed it from the queue that applies. */
  private afterFree(pod: Pod, now: number): void {
    if (this.shared) {
      const next = this.nextUnexpired(this.sharedQueue, now);
      if (pod.state === PodState.Ready && next >= 0) this.start(pod, next, now);
      else if (pod.state === PodState.Ready) this.markIdle(pod);
      else if (pod.state === PodState.Terminating && pod.inService === 0) this.onPodDrained(pod, now);
      return;
    }
    this.bump(pod, -1);
    const next = this.nextUnexpired(pod.queue, now, pod);
    if (next >= 0) this.start(pod, next, now);
    else if (pod.state === PodState.Terminating && pod.inService === 0) this.onPodDrained(pod, now);
  }

  /** The oldest queued request that has not waited past the timeout (expired ones are counted), or -1. */
  nextUnexpired(queue: SlotQueue, now: number, owner: Pod | null = null): number {
    this.dropExpired(queue, now, owner);
    return queue.length > 0 ? queue.shift() : -1;
  }

  /**
   * Counts and removes queued requests at the head whose wait has reached the timeout (FIFO: the oldest are
   * first). The deadline is compared as `start + timeout`, the same expression `armExpiry` schedules, so the
   * timer always finds its request due.
   */
  dropExpired(queue: SlotQueue, now: number, owner: Pod | null): void {
    const timeout = this.config.queueTimeoutSeconds;
    while (queue.length > 0) {
      const slot = queue.peek();
      if (this.store.start[slot]! + timeout > now) return;
      queue.shift();
      if (owner) this.bump(owner, -1);
      this.flow.fail(slot, now, true);
    }
  }

  /**
   * The queue timeout, on time: a request leaves its queue (timed out) when its wait reaches the timeout, not
   * when a slot next frees. Checked lazily, an expired request kept its place until then: it filled
   * `queue.maxLength` (an M/M/1 with `maxLength: 1` and a 5 ms timeout at ρ = 1 refused 28% of arrivals
   * instead of 16.4%), counted in the queue length the HPA and least-outstanding routing read, and its caller
   * or closed-loop user learnt of the failure late. One timer per queue, for its oldest request's deadline;
   * when it fires it times out what is due and re-arms for the new oldest (at most one firing per queued
   * request). The batching and LLM executors' queues too: their own check when they take from it stays, and
   * the timer makes a request leave on time (the LLM executor keys its head's drawn lengths by slot and
   * generation, since the head may leave this way and its slot return as another request's).
   */
  private armExpiry(queue: SlotQueue, owner: Pod | null): void {
    if (queue.expiryAt !== Infinity || queue.length === 0) return;
    const at = this.store.start[queue.peek()]! + this.config.queueTimeoutSeconds;
    queue.expiryAt = at;
    // A heap event (typed arrays, nothing allocated): an overloaded queue fires about once per time-out.
    // Its payload names the queue: a pod's own by the pod's uid (even codes), a service's shared one by its index (odd).
    this.heap.push(at, QUEUE_EXPIRY_BASE + (owner !== null ? 2 * owner.uid : 2 * this.index + 1));
  }

  /** The timer of a queue of this service fired (`owner` null: the shared queue): time out what is due, re-arm. */
  expireQueue(owner: Pod | null, now: number): void {
    const queue = owner !== null ? owner.queue : this.sharedQueue;
    queue.expiryAt = Infinity;
    this.dropExpired(queue, now, owner);
    this.armExpiry(queue, owner);
  }

  /** A terminating pod has finished its last request. */
  drained(pod: Pod, now: number): void {
    this.onPodDrained(pod, now);
  }

  podByUid(uid: number): Pod | undefined {
    return this.podsByUid[uid];
  }

  /** The visit is refused here (no replica, a full queue, the rate limit, a request too long for the KV cache). */
  dropSlot(slot: number, now: number): void {
    this.flow.fail(slot, now, false);
  }

  /** The visit waited past a limit outside the replicas' queues (the activator buffer's timeout): it times out. */
  timeOutSlot(slot: number, now: number): void {
    this.flow.fail(slot, now, true);
  }

  /** Payloads below zero belong to executors other than the per-request one. */
  executorEvent(payload: number, now: number): void {
    this.executor?.onEvent(payload, now);
  }

  // ---- least-outstanding ----

  /**
   * Join-the-shortest-queue in O(1): ready pods sit in circular lists by load (requests routed and not
   * finished), with a pointer to the lowest non-empty one. A pod moves to the tail of its new list when
   * its load changes, so ties rotate.
   */
  private leastOutstanding(): Pod {
    const buckets = this.buckets;
    let k = this.minBucket;
    while (buckets[k] == null) k++;
    this.minBucket = k;
    return buckets[k]!;
  }

  /** Adds to a pod's load (and moves it between load lists under least-outstanding routing). */
  bump(pod: Pod, delta: number): void {
    const load = (pod.load += delta);
    if (pod.bucket < 0) return;
    this.unlink(pod);
    this.link(pod, load < 0 ? 0 : load);
  }

  private link(pod: Pod, k: number): void {
    const buckets = this.buckets;
    while (buckets.length <= k) buckets.push(null);
    const head = buckets[k];
    pod.bucket = k;
    if (head == null) {
      buckets[k] = pod;
      pod.prev = pod;
      pod.next = pod;
    } else {
      const tail = head.prev!;
      tail.next = pod;
      pod.prev = tail;
      pod.next = head;
      head.prev = pod;
    }
    if (k < this.minBucket) this.minBucket = k;
  }

  private unlink(pod: Pod): void {
    const k = pod.bucket;
    if (pod.next === pod) this.buckets[k] = null;
    else {
      pod.prev!.next = pod.next;
      pod.next!.prev = pod.prev;
      if (this.buckets[k] === pod) this.buckets[k] = pod.next;
    }
    pod.prev = null;
    pod.next = null;
    pod.bucket = -1;
  }

  // ---- pod membership ----

  private markIdle(pod: Pod): void {
    if (!pod.inIdleList) {
      pod.inIdleList = true;
      this.idle.push(pod);
    }
  }

  /** The ready count is about to change at `now`: what it was until then counts in the interval's capacity. */
  private accrueReady(now: number): void {
    this.readyArea += this.ready.length * (now - this.readySince);
    this.readySince = now;
  }

  /**
   * Ready-replica-seconds since the previous call (an interval end), the capacity utilization divides by: the ready
   * count at the end times the interval read an interval in which replicas came or went wrong (a replica ready for
   * its last second counted as ready all along).
   */
  takeReadySeconds(now: number): number {
    this.accrueReady(now);
    const area = this.readyArea;
    this.readyArea = 0;
    return area;
  }

  /** A pod passed its readiness probe: it starts taking traffic. */
  addReady(pod: Pod, now: number): void {
    this.accrueReady(now);
    pod.state = PodState.Ready;
    pod.readyAt = now;
    pod.readyIdx = this.ready.length;
    this.ready.push(pod);
    if (this.leastOutstandingRouting) this.link(pod, pod.load);
    if (this.shared) {
      while (pod.inService < this.config.concurrency) {
        const next = this.nextUnexpired(this.sharedQueue, now);
        if (next < 0) break;
        this.start(pod, next, now);
      }
      if (pod.inService < this.config.concurrency) this.markIdle(pod);
    }
    if (this.zero !== null) this.zero.podReady(pod, now);
  }

  private removeReady(pod: Pod, now: number): void {
    if (pod.readyIdx < 0) return;
    this.accrueReady(now);
    const last = this.ready.pop()!;
    if (last !== pod) {
      this.ready[pod.readyIdx] = last;
      last.readyIdx = pod.readyIdx;
    }
    pod.readyIdx = -1;
    if (pod.bucket >= 0) this.unlink(pod);
  }

  /**
   * Graceful termination (scale-down, eviction, spot notice): the pod leaves the endpoints at once; its
   * queued requests are retried on other pods, those in service finish. Returns true if already drained.
   */
  beginTermination(pod: Pod, now: number): boolean {
    const wasReady = pod.state === PodState.Ready;
    pod.state = PodState.Terminating;
    if (wasReady) this.removeReady(pod, now);
    while (pod.queue.length > 0) this.retry(pod.queue.shift(), now);
    return pod.inService === 0 && (this.executor?.idle(pod) ?? true);
  }

  /**
   * The pod's node is gone. A spot death (`lose` false): requests still on the pod are retried elsewhere (the
   * notice drained it; what is left is re-sent). A crash (`lose` true, a hardware failure or a fault): the
   * connections reset, so every request queued or in service there fails. Returns the visits failed.
   */
  kill(pod: Pod, now: number, lose = false): number {
    if (pod.state === PodState.Ready) this.removeReady(pod, now);
    pod.state = PodState.Gone;
    pod.killed = true;
    let failed = 0;
    const store = this.store;
    const drop = (slot: number): void => {
      failed++;
      this.flow.fail(slot, now, false);
    };
    while (pod.queue.length > 0) {
      const slot = pod.queue.shift();
      if (lose) drop(slot);
      else this.retry(slot, now);
    }
    if (pod.busySince >= 0) {
      pod.busySeconds += now - pod.busySince;
      pod.busySince = -1;
    }
    if (this.executor) {
      // Executor events are keyed by pod, not slot, so the slots can be reused for the retry at once.
      const abandoned = this.executor.abandon(pod);
      pod.inService = 0;
      for (const slot of abandoned) {
        if (lose) drop(slot);
        else this.retry(slot, now);
      }
      return failed;
    }
    // A completion event for each abandoned slot is still queued: mark it dead, retry under a new slot.
    // A visit holding its slot while waiting on calls has no event queued: it fails (the connection resets).
    const abandoned = Array.from(pod.active.subarray(0, pod.inService));
    pod.inService = 0;
    pod.heldSeconds += pod.held * now;
    pod.held = 0;
    for (const slot of abandoned) {
      if ((store.flags[slot]! & VisitFlag.Held) !== 0) {
        store.flags[slot]! &= ~VisitFlag.Held;
        if (lose) failed++;
        this.flow.fail(slot, now, false);
        continue;
      }
      const fresh = store.copyVisit(slot);
      store.markDead(slot);
      this.flow.moved(fresh);
      if (lose) drop(fresh);
      else this.retry(fresh, now);
    }
    return failed;
  }

  private retry(slot: number, now: number): void {
    this.stats.retried++;
    this.route(slot, now);
  }

  /** Forgets a pod that is gone. */
  forget(pod: Pod, now: number): void {
    this.workCarry += pod.workSeconds - pod.workCounted;
    this.heldCarry += pod.heldSeconds + pod.held * now - pod.heldCounted;
    const i = this.pods.indexOf(pod);
    if (i >= 0) this.pods.splice(i, 1);
  }

  /** Memory (KV cache) in use on a pod, 0..1, when the executor models it. */
  memoryUtilization(pod: Pod): number {
    return this.executor?.memoryUtilization?.(pod) ?? 0;
  }

  /** Ready-pod count. */
  get readyCount(): number {
    return this.ready.length;
  }

  /** Calls `fn` with each in-flight request that has no first token yet (queued, or in prefill on an LLM pod). */
  forEachWithoutFirstToken(fn: (slot: number) => void): void {
    this.zero?.forEach(fn);
    for (let i = 0; i < this.sharedQueue.length; i++) fn(this.sharedQueue.at(i));
    for (const pod of this.pods) {
      for (let i = 0; i < pod.queue.length; i++) fn(pod.queue.at(i));
      this.executor?.forEachWithoutFirstToken?.(pod, fn);
    }
  }

  /** Requests waiting in queues (per-pod and shared). */
  queuedTotal(): number {
    let q = this.sharedQueue.length + (this.zero?.length ?? 0);
    for (const p of this.pods) q += p.queue.length;
    // Preempted sequences waiting on their pod to be prefilled again (paged KV) wait as much as the queue does.
    if (this.executor?.waitingOn !== undefined) for (const p of this.pods) q += this.executor.waitingOn(p);
    return q;
  }
}
