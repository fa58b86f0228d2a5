/**
 * Token-level LLM serving on each pod: continuous batching in iterations (Orca, OSDI '22; vLLM).
 * Each iteration runs one decode token for every sequence past its prefill and, within the token
 * budget, prefill for newly admitted ones (whole prompts, or chunks with chunked prefill). New requests
 * join at iteration boundaries while the batch has room and their KV cache fits.
 *
 * KV memory is reserved at admission for the prompt plus all output tokens (the no-eviction policy of
 * TensorRT-LLM's guaranteed-completion scheduler), so nothing is ever preempted; vLLM's paged,
 * grow-as-you-go allocation with recompute-on-preemption packs slightly more sequences. A request
 * larger than the whole cache is dropped. One heap event per iteration per pod, never one per token.
 */
import { Rng } from '../random/rng.ts';
import { iterationSeconds } from '../llm/llm-perf.ts';
import { TokenSampler } from '../llm/token-sampler.ts';
import type { EngineLlm } from './engine-config.ts';
import type { EventHeap } from './event-heap.ts';
import { type Pod, PodState } from './pod.ts';
import { type PodExecutor, podEventPayload } from './pod-executor.ts';
import type { RequestStore } from './request-store.ts';
import type { RunStats } from './run-stats.ts';
import type { ServiceRuntime } from './service-runtime.ts';

/** The running batch of one pod, as parallel arrays indexed by batch position. */
class LlmPodState {
  readonly slot: Int32Array;
  readonly prefillLeft: Int32Array;
  readonly decodeLeft: Int32Array;
  readonly outTokens: Int32Array;
  readonly context: Int32Array;
  readonly reserved: Int32Array;
  readonly chunk: Int32Array;
  readonly firstToken: Float64Array;
  n = 0;
  kvReserved = 0;
  busy = false;
  /** Lengths drawn for the request at the head of the queue, kept until it is admitted. */
  headSlot = -1;
  headIn = 0;
  headOut = 0;
  /** Time of a pending wake-up for the head request's front-end overhead, or -1. */
  wakeAt = -1;

  constructor(capacity: number) {
    this.slot = new Int32Array(capacity);
    this.prefillLeft = new Int32Array(capacity);
    this.decodeLeft = new Int32Array(capacity);
    this.outTokens = new Int32Array(capacity);
    this.context = new Int32Array(capacity);
    this.reserved = new Int32Array(capacity);
    this.chunk = new Int32Array(capacity);
    this.firstToken = new Float64Array(capacity);
  }
}

export class LlmExecutor implements PodExecutor {
  private readonly states = new Map<number, LlmPodState>();
  private readonly inputSampler: TokenSampler;
  private readonly outputSampler: TokenSampler;
  /** Requests dropped because they need more KV cache than a replica has. */
  rejectedTooLong = 0;

  constructor(
    private readonly cfg: EngineLlm,
    private readonly heap: EventHeap,
    private readonly store: RequestStore,
    private readonly stats: RunStats,
    private readonly service: ServiceRuntime,
    seed: number,
  ) {
    this.inputSampler = new TokenSampler(cfg.inputTokens, new Rng(seed, 7000 + service.index * 4));
    this.outputSampler = new TokenSampler(cfg.outputTokens, new Rng(seed, 7001 + service.index * 4));
  }

  kick(pod: Pod, now: number): void {
    const st = this.stateOf(pod);
    if (!st.busy) this.startIteration(pod, st, now);
  }

  onEvent(payload: number, now: number): void {
    const code = -1 - payload;
    const uid = code >> 1;
    const pod = this.service.podByUid(uid);
    const st = this.states.get(uid);
    if (!pod || pod.killed || !st) return;
    if (code & 1) {
      // The head request's front-end overhead is over: it may now be admitted.
      st.wakeAt = -1;
      if (!st.busy) this.startIteration(pod, st, now);
      return;
    }
    if (st.busy) this.finishIteration(pod, st, now);
  }

  idle(pod: Pod): boolean {
    const st = this.states.get(pod.uid);
    return !st || st.n === 0;
  }

  abandon(pod: Pod): number[] {
    const st = this.states.get(pod.uid);
    this.states.delete(pod.uid);
    return st ? Array.from(st.slot.subarray(0, st.n)) : [];
  }

  forEachWithoutFirstToken(pod: Pod, fn: (slot: number) => void): void {
    const st = this.states.get(pod.uid);
    if (st) for (let i = 0; i < st.n; i++) if (st.firstToken[i]! < 0) fn(st.slot[i]!);
  }

  memoryUtilization(pod: Pod): number {
    const st = this.states.get(pod.uid);
    return st ? st.kvReserved / this.cfg.kvCapacityTokens : 0;
  }

  private stateOf(pod: Pod): LlmPodState {
    let st = this.states.get(pod.uid);
    if (!st) {
      st = new LlmPodState(this.cfg.maxBatchSize);
      this.states.set(pod.uid, st);
    }
    return st;
  }

  /** Admits what fits from the pod's queue (FIFO, no overtaking), plans one iteration and schedules its end. */
  private startIteration(pod: Pod, st: LlmPodState, now: number): void {
    if (pod.state === PodState.Ready || pod.state === PodState.Terminating) this.admit(pod, st, now);
    const cfg = this.cfg;
    let budget = cfg.maxBatchedTokens;
    let tokens = 0;
    let attended = 0;
    let kvRead = 0;
    // Decodes first: one token each, always scheduled (vLLM's scheduler prioritises running decodes).
    for (let i = 0; i < st.n; i++) {
      st.chunk[i] = 0;
      if (st.prefillLeft[i] === 0) {
        tokens++;
        budget--;
        attended += st.context[i]!;
        kvRead += st.context[i]!;
      }
    }
    for (let i = 0; i < st.n; i++) {
      const left = st.prefillLeft[i]!;
      if (left === 0 || budget <= 0) continue;
      // Without chunked prefill a prompt runs whole, alone if it exceeds the budget.
      const chunk = cfg.chunkedPrefill ? Math.min(left, budget) : left <= budget || tokens === 0 ? left : 0;
      if (chunk === 0) continue;
      st.chunk[i] = chunk;
      budget -= chunk;
      tokens += chunk;
      const ctx = st.context[i]!;
      attended += chunk * (ctx + chunk / 2);
      kvRead += ctx;
    }
    if (tokens === 0) {
      st.busy = false;
      return;
    }
    st.busy = true;
    if (pod.inService === 0) pod.busySince = now;
    pod.inService = st.n;
    this.heap.push(now + iterationSeconds({ tokens, attendedTokens: attended, kvTokensRead: kvRead }, cfg.model, cfg.hardware, cfg.efficiency), podEventPayload(pod.uid, 0));
  }

  private admit(pod: Pod, st: LlmPodState, now: number): void {
    const cfg = this.cfg;
    while (st.n < cfg.maxBatchSize) {
      this.service.dropExpired(pod.queue, now, pod);
      if (pod.queue.length === 0) return;
      const slot = pod.queue.peek();
      const ready = this.store.start[slot]! + cfg.efficiency.requestOverheadSeconds;
      if (ready > now) {
        if (st.wakeAt < 0) {
          st.wakeAt = ready;
          this.heap.push(ready, podEventPayload(pod.uid, 1));
        }
        return;
      }
      if (st.headSlot !== slot) {
        st.headSlot = slot;
        const store = this.store;
        // A trace row's token counts override the service's distributions (at least one token each way).
        if (store.tokens && store.inTok[slot]! >= 0) {
          st.headIn = Math.max(1, store.inTok[slot]!);
          st.headOut = Math.max(1, store.outTok[slot]!);
        } else {
          st.headIn = this.inputSampler.sample();
          st.headOut = this.outputSampler.sample();
        }
      }
      const need = st.headIn + st.headOut;
      if (need > cfg.kvCapacityTokens) {
        pod.queue.shift();
        st.headSlot = -1;
        this.rejectedTooLong++;
        this.service.bump(pod, -1);
        this.service.dropSlot(slot, now);
        continue;
      }
      if (st.kvReserved + need > cfg.kvCapacityTokens) return;
      pod.queue.shift();
      st.headSlot = -1;
      const i = st.n++;
      st.slot[i] = slot;
      st.prefillLeft[i] = st.headIn;
      st.decodeLeft[i] = st.headOut;
      st.outTokens[i] = st.headOut;
      st.context[i] = 0;
      st.reserved[i] = need;
      st.firstToken[i] = -1;
      st.kvReserved += need;
      this.store.workStart[slot] = now;
    }
  }

  /** Applies an iteration's progress: first tokens, decoded tokens, finished requests. */
  private finishIteration(pod: Pod, st: LlmPodState, now: number): void {
    let generated = 0;
    for (let i = 0; i < st.n; i++) {
      const chunk = st.chunk[i]!;
      if (chunk > 0) {
        st.prefillLeft[i]! -= chunk;
        st.context[i]! += chunk;
        if (st.prefillLeft[i] !== 0) continue;
        st.firstToken[i] = now; // the prefill pass emits the first output token
      } else if (st.prefillLeft[i] !== 0) continue;
      st.decodeLeft[i]!--;
      st.context[i]!++;
      generated++;
    }
    this.stats.tokens(generated);
    for (let i = st.n - 1; i >= 0; i--) {
      if (st.prefillLeft[i] !== 0 || st.decodeLeft[i]! > 0) continue;
      this.complete(pod, st, i, now);
    }
    st.busy = false;
    pod.inService = st.n;
    if (st.n === 0 && pod.busySince >= 0) {
      pod.busySeconds += now - pod.busySince;
      pod.busySince = -1;
    }
    this.startIteration(pod, st, now);
    if (!st.busy && pod.state === PodState.Terminating && st.n === 0 && pod.queue.length === 0) this.service.drained(pod, now);
  }

  private complete(pod: Pod, st: LlmPodState, i: number, now: number): void {
    const slot = st.slot[i]!;
    const arrival = this.store.arrival[slot]!;
    const out = st.outTokens[i]!;
    const first = st.firstToken[i]!;
    this.stats.serveTokens(arrival, (first - arrival) * 1000, out > 1 ? ((now - first) * 1000) / (out - 1) : 0, out);
    pod.completions++;
    st.kvReserved -= st.reserved[i]!;
    this.service.bump(pod, -1);
    this.service.workDone(slot, now);
    const last = --st.n;
    if (i !== last) {
      st.slot[i] = st.slot[last]!;
      st.prefillLeft[i] = st.prefillLeft[last]!;
      st.decodeLeft[i] = st.decodeLeft[last]!;
      st.outTokens[i] = st.outTokens[last]!;
      st.context[i] = st.context[last]!;
      st.reserved[i] = st.reserved[last]!;
      st.chunk[i] = st.chunk[last]!;
      st.firstToken[i] = st.firstToken[last]!;
    }
  }
}
