import { Rng } from '../random/rng.ts';
import { CompletionFifo } from './completion-fifo.ts';
import { ConnectionPools } from './connection-pools.ts';
import type { EngineCall, EngineConfig } from './engine-config.ts';
import type { EventHeap } from './event-heap.ts';
import { VisitFlag, type RequestStore } from './request-store.ts';
import type { RunStats } from './run-stats.ts';
import { ServiceStats, VisitOutcome } from './service-stats.ts';
import type { ServiceRuntime } from './service-runtime.ts';
import { TraceRecorder } from './tracing.ts';

/** Heap payloads at or above this are request-flow events (below: a per-request completion's slot). */
export const FLOW_BASE = 1 << 25;
const DELIVER = 1;
const RESPOND = 2;
const TIMER = 3;
/** Heap payloads at or above this are a closed-loop user's next request (payload − WAKE_BASE = traffic source). */
export const WAKE_BASE = FLOW_BASE * 4;
/** Stream of the per-visit call decisions (probabilities) and retry jitter. */
const FLOW_STREAM = 11;

/**
 * How a request moves through the service graph once a service has done its own work: the service's
 * call steps in order (each one call or a parallel group that joins when every branch has replied),
 * network time on each call and reply, caller timeouts, retries with back-off, async events, and the
 * end of the visit: a reply to the caller, or, at an entry point, the end of the end-to-end request.
 *
 * A failed call (dropped or timed out at the callee, or timed out at the caller) is retried while the
 * call has retries left, else it fails the caller's visit, and so on up to the entry point. A callee the
 * caller gave up on runs on as an orphan: its work still loads the callee (how retry storms build up).
 */
export class RequestFlow {
  private readonly calls: EngineCall[] = [];
  /** Per service: its steps as [first, end) ranges into `calls`. */
  private readonly stepStart: Int32Array[];
  private readonly stepEnd: Int32Array[];
  /** 1 where the step is a choice (one call picked by probability). */
  private readonly stepChoice: Uint8Array[] = [];
  /** Calls' services, for the per-service counts of retries and timeouts (by call id). */
  private readonly callerOf: number[] = [];
  private readonly rng: Rng;
  /** Callers' connection pools, for calls with `connections`. */
  private readonly pools = new ConnectionPools();
  readonly netSeconds: number;
  /** Network hops take a constant time, so they finish in the order they started: a FIFO, not the heap. */
  readonly net: CompletionFifo | null;
  readonly perService: ServiceStats[];
  readonly trace: TraceRecorder | null;
  private services: ServiceRuntime[] = [];
  /** Called when an end-to-end request ends (served or failed), before its slot is freed: closed-loop users return here. */
  onRootEnd: ((slot: number, now: number, served: boolean) => void) | null = null;
  /** True when some service has calls: otherwise every visit is a root and the per-service stats are the summary's. */
  readonly graph: boolean;
  /**
   * Per service, 1 when a call to it (or a reply to a visit of it) that takes no time may be handled at once,
   * inside the event that made it, instead of as an event of its own: no network time, and a service with
   * per-request service times. Batching and LLM pods are never entered mid-event: their executors may be
   * in the middle of an iteration when a reply or a call is made.
   */
  private readonly inline: Uint8Array;

  constructor(
    cfg: EngineConfig,
    private readonly store: RequestStore,
    private readonly heap: EventHeap,
    private readonly stats: RunStats,
  ) {
    this.rng = new Rng(cfg.seed, FLOW_STREAM);
    this.netSeconds = cfg.networkSeconds ?? 0;
    this.stepStart = [];
    this.stepEnd = [];
    cfg.services.forEach((s, si) => {
      const steps = s.calls ?? [];
      const a = new Int32Array(steps.length);
      const b = new Int32Array(steps.length);
      this.stepChoice.push(Uint8Array.from(steps, (step) => (step.choice ? 1 : 0)));
      steps.forEach((step, k) => {
        a[k] = this.calls.length;
        for (const c of step.calls) {
          this.calls.push(c);
          this.callerOf.push(si);
        }
        b[k] = this.calls.length;
      });
      this.stepStart.push(a);
      this.stepEnd.push(b);
    });
    this.graph = this.calls.length > 0 || cfg.services.length > 1 || cfg.traffic.length > 1;
    this.perService = cfg.services.map((_, i) => new ServiceStats(this.stepStart[i]!.length > 0, cfg.warmupSeconds));
    this.inline = Uint8Array.from(cfg.services, (s) => (this.netSeconds === 0 && !s.llm && !s.batching ? 1 : 0));
    // Even with no network time, hops go through the FIFO: a reply never re-enters an executor mid-step.
    this.net = this.calls.length > 0 ? new CompletionFifo((code, now) => this.netArrived(code, now)) : null;
    this.trace = this.calls.length > 0 ? new TraceRecorder(store, cfg.services.length) : null;
  }

  attach(services: ServiceRuntime[]): void {
    this.services = services;
  }

  /** True when the service has calls to make after its own work. */
  hasCalls(service: number): boolean {
    return this.stepStart[service]!.length > 0;
  }

  /** A new end-to-end request at an entry point. */
  arrive(slot: number, now: number): void {
    if (this.trace !== null) this.trace.maybeStart(slot, now);
    this.services[this.store.service[slot]!]!.arrive(slot, now);
  }

  // ---- a visit's own work is done ----

  /** The visit's own work has ended (its pod slot is freed, or held with VisitFlag.Held): run its calls. */
  workDone(slot: number, now: number): void {
    const store = this.store;
    const s = store.service[slot]!;
    if (this.stepStart[s]!.length === 0) {
      // Slots are not cleared when taken (the hot path writes only what it must): no calls, no waiting on them.
      store.callWait[slot] = 0;
      this.visitEnded(slot, now, VisitOutcome.Served);
      return;
    }
    // Called once per visit, when its own work ends: the call program starts here.
    store.pc[slot] = 0;
    store.callWait[slot] = 0;
    this.step(slot, now);
  }

  /** Runs the visit's call steps from `pc` until one waits on a reply, or the program ends. */
  private step(slot: number, now: number): void {
    const store = this.store;
    const s = store.service[slot]!;
    const starts = this.stepStart[s]!;
    const ends = this.stepEnd[s]!;
    const choices = this.stepChoice[s]!;
    let pc = store.pc[slot]!;
    while (pc < starts.length) {
      let launched = 0;
      // A choice draws once and makes the call whose cumulative probability covers the draw (or none).
      let pick = -1;
      if (choices[pc] === 1) {
        const u = this.rng.next();
        let cum = 0;
        for (let c = starts[pc]!; c < ends[pc]!; c++) {
          cum += this.calls[c]!.probability;
          if (u < cum) {
            pick = c;
            break;
          }
        }
        if (pick < 0) {
          pc++;
          continue;
        }
      }
      for (let c = pick >= 0 ? pick : starts[pc]!; c < (pick >= 0 ? pick + 1 : ends[pc]!); c++) {
        const call = this.calls[c]!;
        if (pick < 0 && call.probability < 1 && this.rng.next() >= call.probability) continue;
        if (call.async) {
          this.spawn(slot, c, now, 0, 0, true);
          continue;
        }
        launched++;
        this.spawn(slot, c, now, 0, 0, false);
      }
      pc++;
      if (launched > 0) {
        store.pc[slot] = pc;
        store.pending[slot] = launched;
        store.callWait[slot]! -= now;
        return;
      }
    }
    store.pc[slot] = pc;
    this.callsDone(slot, now);
  }

  /** Sends call `c` of visit `caller` (attempt `attempt`, 0 for the first), after `delay` of back-off. */
  private spawn(caller: number, c: number, now: number, delay: number, attempt: number, async: boolean): void {
    const store = this.store;
    const call = this.calls[c]!;
    const sendAt = now + delay;
    const child = store.allocVisit(store.arrival[caller]!, sendAt + this.netSeconds, call.to, async ? -1 : caller, async ? VisitFlag.Async : 0);
    store.call[child] = c;
    store.attempt[child] = attempt;
    if (store.tokens) {
      store.inTok[child] = store.inTok[caller]!;
      store.outTok[child] = store.outTok[caller]!;
    }
    store.deadline[child] = -1;
    // The pool is the calling pod's (the pod that did the caller's work).
    if (call.connections > 0) store.conn[child] = this.pools.poolOf(c, this.calls.length, store.pod[caller]!, call.connections);
    if (!async) {
      if (call.timeoutSeconds !== Infinity) {
        const at = sendAt + call.timeoutSeconds;
        store.deadline[child] = at;
        this.heap.push(at, FLOW_BASE * TIMER + child);
      }
      if (this.trace !== null && (store.flags[caller]! & VisitFlag.Traced) !== 0) this.trace.child(caller, child, sendAt);
    }
    if (delay > 0) this.heap.push(sendAt + this.netSeconds, FLOW_BASE * DELIVER + child);
    else if (this.inline[call.to] !== 1) this.net!.push(now + this.netSeconds, DELIVER * FLOW_BASE + child);
    // Sent now, with no network time: its caller is the visit running this step, alive by construction, so
    // only a connection pool stands between the call and its callee.
    else if (call.connections > 0) this.deliver(child, now);
    else this.services[call.to]!.arrive(child, now);
  }

  /** A call reaches its callee (after the network and any back-off). */
  private deliver(child: number, now: number): void {
    const store = this.store;
    const p = store.parent[child]!;
    if (p >= 0 && this.callerGone(p, child)) {
      // The caller failed while this call was on its way: it is never sent.
      store.release(child);
      return;
    }
    const c = store.call[child]!;
    if (this.calls[c]!.connections > 0 && (store.flags[child]! & VisitFlag.Connected) === 0) {
      if (!this.pools.tryAcquire(store.conn[child]!)) {
        // Every connection of the caller's pool is taken: the call waits for one (its timeout still runs).
        if (store.arrival[child]! >= this.stats.measureFrom) this.perService[this.callerOf[c]!]!.connectionWaits++;
        this.pools.wait(store.conn[child]!, child);
        return;
      }
      store.flags[child]! |= VisitFlag.Connected;
    }
    store.start[child] = now;
    this.services[store.service[child]!]!.arrive(child, now);
  }

  /**
   * The call's connection goes back to its pool (its reply came back, or its caller gave up); the oldest
   * call waiting for one takes it, unless its caller has since failed or given up on it.
   */
  private returnConnection(child: number, now: number): void {
    const store = this.store;
    store.flags[child]! &= ~VisitFlag.Connected;
    const pool = store.conn[child]!;
    this.pools.release(pool);
    for (let next = this.pools.nextWaiting(pool); next >= 0; next = this.pools.nextWaiting(pool)) {
      // A call whose caller gave up while it waited is never sent (deliver drops one whose caller failed).
      if ((store.flags[next]! & VisitFlag.Orphan) !== 0) store.release(next);
      else this.deliver(next, now);
    }
  }

  /** Every step has replied: release a held pod slot, and the visit is served. */
  private callsDone(slot: number, now: number): void {
    this.releaseIfHeld(slot, now);
    this.visitEnded(slot, now, VisitOutcome.Served);
  }

  /** A visit that held its replica's slot during its calls gives it back. */
  private releaseIfHeld(slot: number, now: number): void {
    const store = this.store;
    if ((store.flags[slot]! & VisitFlag.Held) === 0) return;
    store.flags[slot]! &= ~VisitFlag.Held;
    this.services[store.service[slot]!]!.releaseHeld(slot, now);
  }

  /** The visit was answered without its own work or calls (a cache hit). */
  answered(slot: number, now: number): void {
    this.store.callWait[slot] = 0;
    // The cache's latency is the visit's work (it never queued).
    this.store.workStart[slot] = this.store.start[slot]!;
    this.visitEnded(slot, now, VisitOutcome.Served);
  }

  // ---- failures ----

  /** The visit was refused (full queue, no replica, rate limit) or waited past its queue timeout. */
  fail(slot: number, now: number, timedOut: boolean): void {
    this.releaseIfHeld(slot, now);
    this.visitEnded(slot, now, timedOut ? VisitOutcome.TimedOut : VisitOutcome.Dropped);
  }

  // ---- end of a visit ----

  /**
   * A batch's own work is done and its calls are made once for the whole batch (`callsPerBatch`): the
   * first visit runs the call program, the others wait and end with it, with its outcome and call wait.
   */
  batchWorkDone(slots: readonly number[], now: number): void {
    const leader = slots[0]!;
    this.batchFollowers.set(leader, slots.slice(1));
    this.workDone(leader, now);
  }

  /** The visits of a batch that wait on its first visit's calls, by that visit's slot. */
  private readonly batchFollowers = new Map<number, number[]>();

  /**
   * Each visit in flight that is waiting on its calls, with how long it has waited on them so far (s, back-off
   * included): the part of an unfinished visit's age that is not its own. For the end of a run and snapshots,
   * O(visits in flight); a visit not in the map is queued or working (its whole age is its own).
   */
  callWaits(now: number): Map<number, number> {
    const store = this.store;
    const out = new Map<number, number>();
    store.forEachInFlight((slot) => {
      // A root's `parent` is never written; an async or orphaned visit has none; a stale one is a caller that failed.
      if ((store.flags[slot]! & VisitFlag.Root) !== 0) return;
      const p = store.parent[slot]!;
      if (p >= 0 && store.gen[p] === store.parentGen[slot]) out.set(p, now + store.callWait[p]!);
    });
    // The other visits of a batch wait on its first visit's calls.
    for (const [leader, followers] of this.batchFollowers) {
      const wait = out.get(leader);
      if (wait !== undefined) for (const f of followers) out.set(f, wait);
    }
    return out;
  }

  private visitEnded(slot: number, now: number, outcome: VisitOutcome): void {
    const store = this.store;
    // A served reply that takes no time ends its caller's visit too when that was the caller's last call:
    // the chain of callers is walked up here, in a loop, rather than by recursion through `respond`.
    for (;;) {
      if (this.batchFollowers.size > 0) this.endFollowers(slot, now, outcome);
      const flags = store.flags[slot]!;
      const s = store.service[slot]!;
      if (this.graph) this.record(slot, s, now, outcome);
      if ((flags & VisitFlag.Traced) !== 0) this.trace!.end(slot, now, outcome === VisitOutcome.Served);
      if ((flags & VisitFlag.Root) !== 0) {
        this.endRoot(slot, now, outcome);
        return;
      }
      const p = store.parent[slot]!;
      if (p < 0) {
        // An async event or an orphan: nobody waits for it (a root returned above: its parent is never read).
        store.release(slot);
        return;
      }
      if (outcome !== VisitOutcome.Served) {
        store.flags[slot]! |= outcome === VisitOutcome.TimedOut ? VisitFlag.Failed | VisitFlag.TimedOut : VisitFlag.Failed;
      } else if (this.inline[store.service[p]!] === 1) {
        // A served reply that takes no time goes straight to its caller. A failure always waits for its own
        // event: a call refused as it is sent fails inside its caller's step, which must finish first.
        const done = this.reply(slot, now);
        if (done < 0) return;
        // The caller's program has ended with this reply: its visit ends now, served (as `callsDone` does).
        this.releaseIfHeld(done, now);
        slot = done;
        continue;
      }
      store.flags[slot]! |= VisitFlag.Ended;
      this.net!.push(now + this.netSeconds, RESPOND * FLOW_BASE + slot);
      return;
    }
  }

  /** The visits of a batch waiting on its first visit's calls end with it. */
  private endFollowers(slot: number, now: number, outcome: VisitOutcome): void {
    const followers = this.batchFollowers.get(slot);
    if (followers === undefined) return;
    this.batchFollowers.delete(slot);
    for (const f of followers) {
      this.store.callWait[f] = this.store.callWait[slot]!;
      this.visitEnded(f, now, outcome);
    }
  }

  /** An end-to-end request ends: counted in the run's summary, its slot freed. */
  endRoot(slot: number, now: number, outcome: VisitOutcome): void {
    const store = this.store;
    const arrival = store.arrival[slot]!;
    if (outcome === VisitOutcome.Served) this.stats.serve(arrival, now);
    else if (outcome === VisitOutcome.Dropped) this.stats.drop(arrival);
    else this.stats.timeOut(arrival);
    store.roots--;
    if (this.onRootEnd !== null) this.onRootEnd(slot, now, outcome === VisitOutcome.Served);
    store.release(slot);
  }

  private record(slot: number, s: number, now: number, outcome: VisitOutcome): void {
    const store = this.store;
    const measured = store.arrival[slot]! >= this.stats.measureFrom;
    if (outcome === VisitOutcome.Served) this.perService[s]!.visitServed((now - store.start[slot]!) * 1000, store.callWait[slot]! * 1000, measured);
    else this.perService[s]!.visitFailed(outcome, measured);
  }

  /** A callee's reply (or failure) reaches its caller. */
  private respond(child: number, now: number): void {
    const p = this.reply(child, now);
    if (p >= 0) this.callsDone(p, now);
  }

  /**
   * Hands a callee's reply (or failure) to its caller and runs the caller's next steps. Returns the caller
   * when this reply ended its call program (its visit is to end, served: the caller's business), else -1.
   */
  private reply(child: number, now: number): number {
    const store = this.store;
    const p = store.parent[child]!;
    const c = store.call[child]!;
    const flags = store.flags[child]!;
    const attempt = store.attempt[child]!;
    if ((flags & VisitFlag.Connected) !== 0) this.returnConnection(child, now);
    if (p < 0 || this.callerGone(p, child)) {
      store.release(child);
      return -1;
    }
    store.deadline[child] = -1;
    if ((flags & VisitFlag.Failed) !== 0) {
      if (this.trace !== null && (flags & VisitFlag.Traced) !== 0) this.trace.forget(child);
      store.release(child);
      this.callFailed(p, c, attempt, now, (flags & VisitFlag.TimedOut) !== 0);
      return -1;
    }
    if ((flags & VisitFlag.Traced) !== 0) this.trace!.replied(child, now);
    store.release(child);
    if (--store.pending[p]! > 0) return -1;
    if (this.trace !== null && (flags & VisitFlag.Traced) !== 0) this.trace.critical();
    store.callWait[p]! += now;
    if (store.pc[p]! >= this.stepStart[store.service[p]!]!.length) return p;
    this.step(p, now);
    return -1;
  }

  /**
   * True when the caller of `child` no longer waits for it: its slot was freed (and maybe reused), or its visit
   * has already failed and its failure is on its way to its own caller. In the second case the slot is still
   * taken until that reply arrives, so the generation still matches: without the flag, a second call of a
   * parallel group failing (or timing out, or replying) in that window failed the caller twice, counting it
   * twice and sending two replies, the second to whatever visit had the slot by then.
   */
  private callerGone(p: number, child: number): boolean {
    const store = this.store;
    return store.gen[p] !== store.parentGen[child] || (store.flags[p]! & VisitFlag.Failed) !== 0;
  }

  /** Call `c` of visit `p` failed on attempt `attempt`: retry it after back-off, or fail `p`. */
  private callFailed(p: number, c: number, attempt: number, now: number, timedOut: boolean): void {
    const call = this.calls[c]!;
    if (attempt < call.retries) {
      if (this.store.arrival[p]! >= this.stats.measureFrom) this.perService[this.callerOf[c]!]!.retries++;
      const b = call.backoff;
      const bound = Math.min(b.maxSeconds, (2 ** (attempt + 1) - 1) * b.baseSeconds);
      const delay = b.jitter ? this.rng.next() * bound : bound;
      this.spawn(p, c, now, delay, attempt + 1, false);
      return;
    }
    // The step fails: the caller's visit fails with it (its other calls in flight are abandoned).
    this.store.callWait[p]! += now;
    this.fail(p, now, timedOut);
  }

  // ---- events ----

  /** A flow event from the heap (payload ≥ FLOW_BASE). */
  onHeapEvent(payload: number, now: number): void {
    const kind = (payload / FLOW_BASE) | 0;
    const slot = payload - kind * FLOW_BASE;
    if (kind === DELIVER) this.deliver(slot, now);
    else if (kind === TIMER) this.timer(slot, now);
  }

  private netArrived(code: number, now: number): void {
    const kind = (code / FLOW_BASE) | 0;
    const slot = code - kind * FLOW_BASE;
    if (kind === DELIVER) this.deliver(slot, now);
    else this.respond(slot, now);
  }

  /** A caller's timeout: if the call has not replied, the caller gives up on it (it runs on as an orphan). */
  private timer(child: number, now: number): void {
    const store = this.store;
    if (store.deadline[child] !== now || store.dead[child] === 1) return;
    store.deadline[child] = -1;
    const p = store.parent[child]!;
    if (p < 0 || this.callerGone(p, child)) return;
    const c = store.call[child]!;
    if (store.arrival[child]! >= this.stats.measureFrom) this.perService[this.callerOf[c]!]!.callTimeouts++;
    store.parent[child] = -1;
    store.flags[child]! |= VisitFlag.Orphan;
    // The client cancels: its connection goes back to the pool while the callee may still be working.
    if ((store.flags[child]! & VisitFlag.Connected) !== 0) this.returnConnection(child, now);
    if (this.trace !== null && (store.flags[child]! & VisitFlag.Traced) !== 0) {
      this.trace.forget(child);
      store.flags[child]! &= ~VisitFlag.Traced;
    }
    this.callFailed(p, c, store.attempt[child]!, now, true);
  }

  /** A visit moved to a fresh slot (its pod died and it is retried): re-arm its caller's timer there. */
  moved(slot: number): void {
    const at = this.store.deadline[slot]!;
    if ((this.store.flags[slot]! & VisitFlag.Root) === 0 && this.store.parent[slot]! >= 0 && at >= 0) this.heap.push(at, FLOW_BASE * TIMER + slot);
    if (this.trace !== null && (this.store.flags[slot]! & VisitFlag.Traced) !== 0) this.store.flags[slot]! &= ~VisitFlag.Traced;
  }
}
