/**
 * Token-level LLM serving on each pod: continuous batching in iterations (Orca, OSDI '22; vLLM).
 * Each iteration runs one decode token for every sequence past its prefill and, within the token
 * budget, prefill for newly admitted ones (whole prompts, or chunks with chunked prefill). New requests
 * join at iteration boundaries while the batch has room and their KV cache fits.
 *
 * KV memory is reserved at admission for the prompt plus all output tokens (the no-eviction policy of
 * TensorRT-LLM's guaranteed-completion scheduler), so nothing is ever preempted; with
 * `scheduler.kvAllocation: paged` it is vLLM's paged, grow-as-you-go allocation instead (engine/paged-kv.ts,
 * its rules and sources): a request is admitted when its first chunk's blocks fit, each step's blocks are
 * found before the step runs, preempting the newest sequences when they are not, and a preempted request
 * waits at the front of the pod's queue to be prefilled again over prompt + tokens so far, less the leading blocks
 * still cached with prefix caching (engine/free-block-queue.ts; templates and sessions keep their cached blocks there
 * too, instead of the reserve path's PrefixCache). A request larger than the whole cache is dropped. One heap
 * event per iteration per pod, never one per token.
 *
 * Disaggregated serving splits this over two services (`EngineLlm.role`): a prefill replica runs the
 * prompt, emits the first token and ends its visit, writing the request's token counts into the request
 * store so the call to the decode service carries them; a decode replica admits the request once its
 * KV cache has arrived (prompt tokens × KV bytes per token ÷ link rate after it reached the decode
 * service: the transfer overlaps waiting for a decode slot), reserves the KV of prompt + output, and
 * delivers the first token as it takes the sequence over, so TTFT includes the transfer.
 *
 * `EngineLlm.scheduler` (engine/llm-scheduler.ts, with the engines' sources) changes how iterations are formed:
 * with separate prefill an iteration is either a prefill batch or the decodes, never both; with N > 1 steps a
 * decode batch is a round of N iterations in one heap event, no admission within it, its tokens counted (and
 * its finished sequences completed) at its end.
 *
 * `EngineLlm.speculative` (llm/speculative.ts) makes each decode iteration a speculative step: the pass verifies
 * k + 1 tokens per decoding sequence plus the proposer's passes, and each sequence gains its own random number of
 * tokens, all reaching the client as one chunk at the step's end. The steps a sequence needs are drawn when it starts
 * decoding (llm/speculative-steps.ts), so it too waits in `ends` for its finishing step, not visited per step (below).
 */
import { Rng } from '../random/rng.ts';
import { iterationSeconds, type IterationWork, type LlmEfficiency } from '../llm/llm-perf.ts';
import { type EngineSpeculative, proposerEfficiency, proposerSeconds, verifyWork } from '../llm/speculative.ts';
import { SpeculativeSteps } from '../llm/speculative-steps.ts';
import { SpeculativeBatch } from './speculative-batch.ts';
import { decodeRoundSeconds, lookaheadSlots } from './llm-scheduler.ts';
import { ChunkGaps, PendingGaps } from './chunk-gaps.ts';
import { TokenSampler } from '../llm/token-sampler.ts';
import type { EngineLlm } from './engine-config.ts';
import { EventHeap } from './event-heap.ts';
import { type Pod, PodState } from './pod.ts';
import { type PodExecutor, podEventPayload } from './pod-executor.ts';
import type { RequestStore } from './request-store.ts';
import type { RunStats } from './run-stats.ts';
import type { ServiceRuntime } from './service-runtime.ts';
import { PrefixCache, type PrefixEntry, hitTokens } from './prefix-cache.ts';
import { PrefixStats } from './prefix-stats.ts';
import { PrefixWorkload, SESSION_KEY_BASE, templateKey } from './prefix-workload.ts';
import { CachedRun, type FreeBlockQueue } from './free-block-queue.ts';
import { LoraPod, LoraRequests } from './lora-adapters.ts';
import { KV_BLOCK_TOKENS, PagedPod, type PreemptedSequence, kvBlocks, pagedBlockCaching, pagedKv } from './paged-kv.ts';

/**
 * The running batch of one pod, as parallel arrays indexed by batch position.
 *
 * A decoding sequence advances by one token every iteration, so it is not visited per iteration: its
 * context is kept as `context[i] + it`, where `it` counts the iterations applied, and its slot waits in
 * `ends` keyed by the iteration it finishes in. An iteration then costs its prefilling sequences
 * (few, kept in `prefillPos`) and its finishing ones, not the batch. Prefilling sequences keep their
 * context and `decodeLeft` as plain counts. With speculative decoding a sequence advances by a random count a step
 * instead, so it is filed by the step its drawn step count ends in, and `spec` keeps the batch's growth (see there).
 */
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
  /** Decode iterations applied to this batch (a prefill-only batch applies none). */
  it = 0;
  /** Decode iterations the batch under way applies: 1, the scheduler's steps for a multi-step round, 0 for a prefill-only batch. */
  roundSteps = 1;
  /** Positions of the sequences still in prefill, ascending, and their count. */
  readonly prefillPos: Int32Array;
  prefilling = 0;
  /** Sum of the decoding sequences' context: what an iteration's decode half attends to. */
  decodeContext = 0;
  /** Decoding sequences (their slots) keyed by the iteration they finish in: a min-heap, no allocation per sequence. */
  readonly ends: EventHeap;
  /** Batch positions of the sequences that finish in the iteration being applied. */
  readonly done: Int32Array;
  /** Multi-step: tokens a finishing sequence computed past its last (its round went on without it), by position. */
  readonly over: Int32Array;
  /** The measured decoding sequences grouped by the time of their last streamed chunk (inter-token latency). */
  readonly gaps: ChunkGaps;
  kvReserved = 0;
  busy = false;
  /**
   * Speculative decoding (null without): a decoding sequence's steps are drawn when it starts and its end is filed in
   * `ends` by its finishing step, as without speculation; `context` is its exact start, `decodeLeft` its tokens to go
   * then, and the batch's growth in between is kept by `SpeculativeBatch` (engine/speculative-batch.ts).
   */
  spec: SpeculativeBatch | null = null;
  /**
   * Lengths drawn for the request at the head of the queue, kept until it is admitted; the slot's generation
   * too, since the head may leave by its queue timeout and its slot come back as another request's.
   */
  headSlot = -1;
  headGen = -1;
  headIn = 0;
  headOut = 0;
  /** Time of a pending wake-up for the head request's front-end overhead, or -1. */
  wakeAt = -1;
  /** Prefix caching only: the replica's cache, each sequence's cached prompt tokens and the entry it holds. */
  cache: PrefixCache | null = null;
  hit: Int32Array | null = null;
  pinned: (PrefixEntry | null)[] = [];
  /** Paged KV allocation only (engine/paged-kv.ts): blocks held, admission order, preempted requests; null when KV is reserved. */
  paged: PagedPod | null = null;
  /** Multi-LoRA serving only (engine/lora-adapters.ts): the batch's adapters, GPU slots and host cache; null without `lora`. */
  lora: LoraPod | null = null;

  constructor(capacity: number) {
    this.slot = new Int32Array(capacity);
    this.prefillLeft = new Int32Array(capacity);
    this.decodeLeft = new Int32Array(capacity);
    this.outTokens = new Int32Array(capacity);
    this.context = new Int32Array(capacity);
    this.reserved = new Int32Array(capacity);
    this.chunk = new Int32Array(capacity);
    this.firstToken = new Float64Array(capacity);
    this.prefillPos = new Int32Array(capacity);
    this.done = new Int32Array(capacity);
    this.over = new Int32Array(capacity);
    this.ends = new EventHeap(capacity + 1);
    this.gaps = new ChunkGaps(capacity);
  }

  /** The context (tokens in the KV cache) of the sequence at `i`; with speculative decoding, once it has finished. */
  contextOf(i: number): number {
    if (this.prefillLeft[i] !== 0) return this.context[i]!;
    return this.spec === null ? this.context[i]! + this.it : this.context[i]! + this.decodeLeft[i]!;
  }

  /** Speculative decoding: the decoding sequences' context sum before the next step (exact starts plus their growth so far). */
  specContext(): number {
    return this.decodeContext + this.spec!.growth(this.it);
  }

  /** A sequence joined the batch at the last position `i` (its fields written with plain counts). */
  joined(i: number, pos: Int32Array): void {
    pos[this.slot[i]!] = i;
    this.chunk[i] = 0;
    if (this.prefillLeft[i]! > 0) this.prefillPos[this.prefilling++] = i;
    else this.decodes(i, this.context[i]!, this.decodeLeft[i]!);
  }

  /** The sequence at `i` decodes from now on, with context `ctx` and `left` tokens to go (≤ 0: it finishes now, and is not listed). */
  decodes(i: number, ctx: number, left: number): void {
    const spec = this.spec;
    if (spec !== null) {
      this.speculates(spec, i, ctx, left);
      return;
    }
    this.context[i] = ctx - this.it;
    this.decodeContext += ctx;
    if (left > 0) this.ends.push(this.it + left, this.slot[i]!);
  }

  /** `decodes` with speculative decoding: the sequence's steps are drawn now and its end filed at the step it finishes in. */
  private speculates(spec: SpeculativeBatch, i: number, ctx: number, left: number): void {
    this.context[i] = ctx;
    this.decodeContext += ctx;
    if (left <= 0) {
      this.decodeLeft[i] = 0;
      spec.none(i, this.it);
      return;
    }
    this.decodeLeft[i] = left;
    this.ends.push(this.it + spec.start(i, this.it, left), this.slot[i]!);
  }

  /** The prefilling sequence at the last position moved to `i`: its place in `prefillPos` (the last entry) moves in order. */
  prefillMoved(i: number): void {
    const pos = this.prefillPos;
    let k = this.prefilling - 1;
    while (k > 0 && pos[k - 1]! > i) {
      pos[k] = pos[k - 1]!;
      k--;
    }
    pos[k] = i;
  }
}

export class LlmExecutor implements PodExecutor {
  /** By pod uid (small consecutive integers: an array, not a map, on the per-iteration path). */
  private readonly states: (LlmPodState | undefined)[] = [];
  private readonly inputSampler: TokenSampler;
  private readonly outputSampler: TokenSampler;
  /** Requests dropped because they need more KV cache than a replica has. */
  rejectedTooLong = 0;
  /** Multi-LoRA serving: each request's adapter and the delayed count (null without `lora`). */
  readonly lora: LoraRequests | null;

  /** Templates and sessions of the requests (null when the service has neither). */
  readonly workload: PrefixWorkload | null;
  /** Prefix-cache outcomes (null without templates or sessions). */
  readonly prefixStats: PrefixStats | null;
  /** Prompt tokens prefilled and output tokens generated here over the whole run (for the cost per token of a disaggregated pool). */
  promptTokens = 0;
  generatedTokens = 0;
  /** Sequences finished here (a prefill replica finishes one at its first token). */
  sequences = 0;
  private readonly role: 'both' | 'prefill' | 'decode';
  /** Decode role: seconds of KV transfer per prompt token. */
  private readonly transferPerToken: number;
  /** Decode iterations per scheduling round (vLLM's num_scheduler_steps; 1 by default). */
  private readonly steps: number;
  /** Prefill batches run alone, the decodes waiting (default: prompt chunks share iterations with decodes). */
  private readonly separatePrefill: boolean;
  /** KV tokens reserved per sequence beyond its prompt and output: vLLM's lookahead slots for multi-step. */
  private readonly lookahead: number;
  /** Chunk gaps on their way to the run's ITL histogram (`flushGaps` before it is read). */
  private readonly itl: PendingGaps;
  /** Speculative decoding (llm/speculative.ts), its draws of steps to finish and its proposer's efficiencies; null without. */
  private readonly spec: EngineSpeculative | null;
  private readonly specDraws: SpeculativeSteps | null;
  private readonly proposerEff: LlmEfficiency;
  /** A speculative step's verification and its prompt tokens for the proposer, rewritten each step (no allocation per step). */
  private readonly verifyPass: IterationWork = { tokens: 0, attendedTokens: 0, kvTokensRead: 0 };
  private readonly proposerPrefill: IterationWork = { tokens: 0, attendedTokens: 0, kvTokensRead: 0 };
  /**
   * Speculative decoding over the run: sequence-steps verified, and the tokens their draws yielded (before a sequence's
   * last step caps them), counted as each sequence finishes (a sequence still decoding at the run's end is not counted).
   */
  specSteps = 0;
  specDrawnTokens = 0;
  /** Paged KV allocation: sequences preempted over the run (a request preempted twice counts twice). */
  preemptions = 0;
  /** Paged KV allocation: the replica's KV cache in 16-token blocks (0 when KV is reserved). */
  private readonly blockCapacity: number;
  /** Paged KV allocation: the token budget the step leaves for admissions, and the tokens it already runs (written by `grow`). */
  private admitBudget = 0;
  private admitTokens = 0;
  /** Paged KV allocation: each position's blocks for the step being planned (no allocation per step). */
  private readonly need: Int32Array;

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
    this.workload = cfg.prefix ? new PrefixWorkload(cfg.prefix, new Rng(seed, 7002 + service.index * 4)) : null;
    this.prefixStats = cfg.prefix ? new PrefixStats() : null;
    this.role = cfg.role ?? 'both';
    this.transferPerToken = cfg.role === 'decode' ? cfg.model.kvBytesPerToken / cfg.kvTransferBytesPerSecond! : 0;
    this.steps = cfg.scheduler?.steps ?? 1;
    this.separatePrefill = cfg.scheduler?.separatePrefill ?? false;
    this.spec = cfg.speculative ?? null;
    this.specDraws = this.spec === null ? null : new SpeculativeSteps(this.spec.acceptance, this.spec.tokens, new Rng(seed, 7003 + service.index * 4));
    this.proposerEff = proposerEfficiency(cfg.efficiency);
    // vLLM holds KV room for the k draft tokens of each running sequence (its lookahead slots).
    this.lookahead = lookaheadSlots(this.steps) + (this.spec === null ? 0 : this.spec.tokens);
    this.itl = new PendingGaps(stats.itl);
    this.blockCapacity = pagedKv(cfg) ? Math.floor(cfg.kvCapacityTokens / KV_BLOCK_TOKENS) : 0;
    this.need = new Int32Array(pagedKv(cfg) ? cfg.maxBatchSize : 0);
    this.lora = cfg.lora ? new LoraRequests(cfg.lora, new Rng(seed, 7_000_000 + service.index)) : null;
  }

  /** Writes the pending chunk gaps into the run's ITL histogram: the run's results read it after this. */
  flushGaps(): void {
    this.itl.flush();
  }

  kick(pod: Pod, now: number): void {
    const st = this.stateOf(pod);
    if (!st.busy) this.startIteration(pod, st, now);
  }

  onEvent(payload: number, now: number): void {
    const code = -1 - payload;
    const uid = code >> 1;
    const pod = this.service.podByUid(uid);
    const st = this.states[uid];
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
    const st = this.states[pod.uid];
    return !st || (st.n === 0 && !preemptedWaiting(st));
  }

  abandon(pod: Pod): number[] {
    const st = this.states[pod.uid];
    this.states[pod.uid] = undefined;
    if (!st) return [];
    const slots = Array.from(st.slot.subarray(0, st.n));
    // Preempted requests wait on the pod, not in its queue: they go with it.
    if (st.paged !== null) for (const r of st.paged.waiting) slots.push(r.slot);
    return slots;
  }

  waitingOn(pod: Pod): number {
    const st = this.states[pod.uid];
    return st?.paged ? st.paged.waiting.length : 0;
  }

  forEachWithoutFirstToken(pod: Pod, fn: (slot: number) => void): void {
    const st = this.states[pod.uid];
    if (!st) return;
    for (let i = 0; i < st.n; i++) if (st.firstToken[i]! < 0) fn(st.slot[i]!);
    if (st.paged !== null) for (const r of st.paged.waiting) if (r.firstToken < 0) fn(r.slot);
  }

  memoryUtilization(pod: Pod): number {
    const st = this.states[pod.uid];
    return st ? st.kvReserved / this.cfg.kvCapacityTokens : 0;
  }

  private stateOf(pod: Pod): LlmPodState {
    let st = this.states[pod.uid];
    if (!st) {
      st = new LlmPodState(this.cfg.maxBatchSize);
      if (this.specDraws !== null) st.spec = new SpeculativeBatch(this.specDraws, this.cfg.maxBatchSize);
      if (this.blockCapacity > 0) st.paged = new PagedPod(this.cfg.maxBatchSize, this.blockCapacity, pagedBlockCaching(this.cfg), this.prefixStats);
      if (this.cfg.lora) st.lora = new LoraPod(this.cfg.lora, this.lora!);
      if (this.cfg.prefix !== null) {
        // Paged KV keeps its cached prefixes in its free queue (PagedPod.prefixes), in blocks.
        if (this.cfg.prefix.caching && st.paged === null) st.cache = new PrefixCache(this.prefixStats!);
        st.hit = new Int32Array(this.cfg.maxBatchSize);
        st.pinned = new Array<PrefixEntry | null>(this.cfg.maxBatchSize).fill(null);
      }
      this.states[pod.uid] = st;
    }
    return st;
  }

  /** Admits what fits from the pod's queue (FIFO, no overtaking), plans one iteration and schedules its end. */
  private startIteration(pod: Pod, st: LlmPodState, now: number): void {
    const admits = pod.state === PodState.Ready || pod.state === PodState.Terminating;
    // The paged path is a method of its own: the reserved path's planning stays as small as it was (V8 inlines by size).
    if (st.paged !== null) this.schedulePaged(pod, st, st.paged, admits, now);
    else if (admits) {
      if (st.lora === null) this.admit(pod, st, now);
      else this.admitLora(pod, st, st.lora, now);
    }
    const cfg = this.cfg;
    // Decodes first: one token each, always scheduled (vLLM's scheduler prioritises running decodes). Their
    // count and context are kept by the batch (an exact integer sum, whatever the order it was added in).
    // With separate prefill, prompts waiting to be prefilled make this a prefill batch alone, the whole token
    // budget theirs (vLLM 0.6 `_schedule_default`, SGLang 0.3 `forward_step`; engine/llm-scheduler.ts).
    const prefillOnly = this.separatePrefill && st.prefilling > 0;
    const decoding = prefillOnly ? 0 : st.n - st.prefilling;
    // Speculative decoding verifies k + 1 tokens per decoding sequence in the pass (and they take the token budget).
    const spec = this.spec;
    const decodeContext = prefillOnly ? 0 : spec === null ? st.decodeContext : st.specContext();
    const verify = spec === null ? null : verifyWork(decoding, decodeContext, spec.tokens, this.verifyPass);
    let budget = cfg.maxBatchedTokens - (verify === null ? decoding : verify.tokens);
    let tokens = verify === null ? decoding : verify.tokens;
    let attended = verify === null ? decodeContext : verify.attendedTokens;
    let kvRead = decodeContext;
    // Then prefill, in batch order, within the token budget: only the prefilling positions are visited.
    for (let k = 0; k < st.prefilling; k++) {
      const i = st.prefillPos[k]!;
      const left = st.prefillLeft[i]!;
      st.chunk[i] = 0;
      if (budget <= 0) continue;
      // Without chunked prefill a prompt runs whole, alone if it exceeds the budget.
      const chunk = prefillChunk(left, budget, tokens, cfg.chunkedPrefill);
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
    // A multi-step decode batch is a round of `steps` iterations with no scheduling in between: one event.
    const round = prefillOnly ? 0 : this.steps;
    st.roundSteps = round;
    let seconds = round > 1 ? decodeRoundSeconds(round, decoding, st.decodeContext, cfg) : iterationSeconds({ tokens, attendedTokens: attended, kvTokensRead: kvRead }, st.lora === null ? cfg.model : st.lora.model(), cfg.hardware, cfg.efficiency);
    // Multi-LoRA: adapters this step activated were loaded before its forward pass, which waited (engine/lora-adapters.ts).
    // Multi-LoRA: the adapter kernels' time beyond their FLOPs and bytes (llm/lora-cost.ts, LORA_KERNEL_OVERHEAD), over the
    // whole batch when it holds an adapter; a batch of base-model requests alone runs no LoRA kernel (engine/lora-adapters.ts).
    if (st.lora !== null) seconds = (st.lora.distinct > 0 ? seconds * cfg.lora!.kernelFactor : seconds) + st.lora.takeStall();
    if (verify !== null) {
      // The proposer drafts for the decoding sequences and takes in this iteration's prompt tokens (the part of the work beyond the verification).
      const prefill = this.proposerPrefill;
      prefill.tokens = tokens - verify.tokens;
      prefill.attendedTokens = attended - verify.attendedTokens;
      prefill.kvTokensRead = kvRead - verify.kvTokensRead;
      seconds += proposerSeconds(spec!, decoding, verify.kvTokensRead, prefill, cfg.hardware, this.proposerEff);
    }
    this.heap.push(now + seconds, podEventPayload(pod.uid, 0));
  }

  /** Paged KV: the step's blocks and admissions, in the order of the vLLM scheduler the service describes. */
  private schedulePaged(pod: Pod, st: LlmPodState, paged: PagedPod, admits: boolean, now: number): void {
    if (this.separatePrefill) {
      // vLLM 0.6 `_schedule_default`: prefills are scheduled first, and the decodes (their blocks, preempting the
      // newest) only in a step that scheduled none.
      if (admits) this.admitPaged(pod, st, paged, now, true);
      this.grow(st);
    } else if (!this.grow(st) && admits) {
      // vLLM V1 `schedule`: the running requests first, then admissions, only in a step that preempted none.
      this.admitPaged(pod, st, paged, now, false);
    }
  }

  private admit(pod: Pod, st: LlmPodState, now: number): void {
    const cfg = this.cfg;
    while (st.n < cfg.maxBatchSize) {
      this.service.dropExpired(pod.queue, now, pod);
      if (pod.queue.length === 0) return;
      const slot = pod.queue.peek();
      // Decode role: the KV cache is on its way from the prefill replica (no front end: that ran at prefill).
      const ready = this.store.start[slot]! + (this.role === 'decode' ? this.store.inTok[slot]! * this.transferPerToken : cfg.efficiency.requestOverheadSeconds);
      if (ready > now) {
        this.wakeWhenReady(pod, st, ready);
        return;
      }
      this.drawHead(st, slot);
      const need = st.headIn + st.headOut + this.lookahead;
      if (need > cfg.kvCapacityTokens) {
        this.rejectHead(pod, st, slot, now);
        continue;
      }
      if (st.hit !== null) {
        if (!this.admitPrefixed(pod, st, slot, need, now, 0)) return;
        continue;
      }
      if (st.kvReserved + need > cfg.kvCapacityTokens) return;
      pod.queue.shift();
      st.headSlot = -1;
      this.store.workStart[slot] = now;
      if (this.role === 'decode') {
        this.admitDecode(pod, st, slot, need, now);
        continue;
      }
      const i = st.n++;
      st.slot[i] = slot;
      st.prefillLeft[i] = st.headIn;
      st.decodeLeft[i] = st.headOut;
      st.outTokens[i] = st.headOut;
      st.context[i] = 0;
      st.reserved[i] = need;
      st.firstToken[i] = -1;
      st.kvReserved += need;
      st.joined(i, this.store.pos);
    }
  }

  /** The queue's first request is still in its front end (or its KV on the way) until `ready`: the pod wakes then, once. */
  private wakeWhenReady(pod: Pod, st: LlmPodState, ready: number): void {
    if (st.wakeAt >= 0) return;
    st.wakeAt = ready;
    this.heap.push(ready, podEventPayload(pod.uid, 1));
  }

  /**
   * `admit` with multi-LoRA serving: vLLM V1's waiting loop (engine/lora-adapters.ts has the source) scans the queue in
   * order, skipping a request whose adapter would make the batch hold more than maxLoras distinct adapters and going
   * on with the next; a skipped request keeps its place. A request that does not fit the KV cache stops the scan, as
   * at the head (vLLM: `allocate_slots` returned None, `break`). With templates or sessions the cached prefix it finds is
   * its adapter's (`admitPrefixed`, keyed by `templateKeyOf`).
   */
  private admitLora(pod: Pod, st: LlmPodState, lora: LoraPod, now: number): void {
    const cfg = this.cfg;
    const reqs = this.lora!;
    const store = this.store;
    this.service.dropExpired(pod.queue, now, pod);
    let k = 0;
    while (st.n < cfg.maxBatchSize && k < pod.queue.length) {
      const slot = pod.queue.at(k);
      // Requests reach the queue in order, so one not past its front end means none behind it is either.
      const ready = store.start[slot]! + cfg.efficiency.requestOverheadSeconds;
      if (ready > now) {
        this.wakeWhenReady(pod, st, ready);
        return;
      }
      const g = store.gen[slot]!;
      const adapter = this.adapterOf(slot);
      if (!lora.canJoin(adapter)) {
        reqs.skipped(slot, g);
        k++;
        continue;
      }
      this.lengthsOf(st, slot, g);
      const need = st.headIn + st.headOut + this.lookahead;
      if (need > cfg.kvCapacityTokens) {
        this.rejectHead(pod, st, slot, now, k);
        continue;
      }
      if (st.hit !== null) {
        if (!this.admitPrefixed(pod, st, slot, need, now, k)) return;
        lora.join(adapter);
        continue;
      }
      if (st.kvReserved + need > cfg.kvCapacityTokens) return;
      pod.queue.removeAt(k);
      st.headSlot = -1;
      store.workStart[slot] = now;
      lora.join(adapter);
      // The same seating as `admit`'s, written twice on purpose: a shared method cost the reserved path 5-8% on
      // llm-inference-10m-dau (measured 2026-12-05; V8 stopped inlining `admit`'s body), so keep the two in step.
      const i = st.n++;
      st.slot[i] = slot;
      st.prefillLeft[i] = st.headIn;
      st.decodeLeft[i] = st.headOut;
      st.outTokens[i] = st.headOut;
      st.context[i] = 0;
      st.reserved[i] = need;
      st.firstToken[i] = -1;
      st.kvReserved += need;
      st.joined(i, store.pos);
    }
  }

  /**
   * Multi-LoRA: the request's lengths into `st.headIn`/`headOut`, drawn once per request and kept by slot and generation
   * (a request passed over by max_loras may be reached again after others were drawn, so the head's one record is not enough).
   */
  private lengthsOf(st: LlmPodState, slot: number, g: number): void {
    const reqs = this.lora!;
    if (reqs.lengths(slot, g, st)) return;
    st.headSlot = -1;
    this.drawHead(st, slot);
    reqs.keepLengths(slot, g, st.headIn, st.headOut);
  }

  /** Multi-LoRA: the request's adapter (BASE_MODEL for the base model); a session's turns all take the one its first turn drew. */
  private adapterOf(slot: number): number {
    const reqs = this.lora!;
    const g = this.store.gen[slot]!;
    const s = this.workload === null ? null : this.workload.session[slot];
    if (!s) return reqs.adapterOf(slot, g);
    const a = reqs.adapterOf(slot, g, s.adapter);
    s.adapter = a;
    return a;
  }

  /**
   * The prefix-cache key of the request's template (−1 without one): the template's own, or with multi-LoRA its adapter's
   * copy of it, since vLLM hashes every block of a LoRA request with its adapter (engine/lora-adapters.ts, `_gen_lora_extra_hash_keys`).
   */
  private templateKeyOf(slot: number): number {
    const t = this.workload!.template[slot]!;
    if (this.lora === null || t < 0) return t;
    return templateKey(t, this.adapterOf(slot), this.cfg.prefix!.templates.length);
  }

  /** The head request's prompt and output lengths, drawn once per request (kept by slot and generation until it is admitted). */
  private drawHead(st: LlmPodState, slot: number): void {
    if (st.headSlot === slot && st.headGen === this.store.gen[slot]) return;
    st.headSlot = slot;
    const store = this.store;
    st.headGen = store.gen[slot]!;
    // A trace row's token counts override the service's distributions (at least one token each way).
    if (store.tokens && store.inTok[slot]! >= 0) {
      st.headIn = Math.max(1, store.inTok[slot]!);
      st.headOut = Math.max(1, store.outTok[slot]!);
    } else {
      st.headIn = this.inputSampler.sample();
      st.headOut = this.outputSampler.sample();
    }
    if (this.workload !== null) st.headIn += this.workload.prefixTokens[slot]!;
  }

  /** The head request (or with LoRA the `k`-th, those before it held by max_loras) needs more KV than the whole replica has: it is dropped. */
  private rejectHead(pod: Pod, st: LlmPodState, slot: number, now: number, k = 0): void {
    pod.queue.removeAt(k); // the head's shift when k = 0 (SlotQueue.removeAt moves only the k before it)
    st.headSlot = -1;
    this.rejectedTooLong++;
    this.service.bump(pod, -1);
    this.service.dropSlot(slot, now);
  }

  /**
   * Paged KV: finds the blocks each running sequence needs for the step about to be planned (a decode's context plus the
   * lookahead of a multi-step round; a prompt chunk's end, chunks given out as the plan below gives them), preempting the
   * newest sequence while they do not fit together (vLLM `Scheduler.schedule`'s running loop: since its victim is always
   * the newest, its survivors are the oldest that fit). Returns whether it preempted any. Visits the batch: a paged
   * step costs O(batch), where the reserved path visits only prefilling and finishing sequences.
   */
  private grow(st: LlmPodState): boolean {
    const cfg = this.cfg;
    const paged = st.paged!;
    const need = this.need;
    let preempted = false;
    for (;;) {
      const prefillOnly = this.separatePrefill && st.prefilling > 0;
      const decoding = prefillOnly ? 0 : st.n - st.prefilling;
      let budget = cfg.maxBatchedTokens - decoding;
      let tokens = decoding;
      let total = 0;
      for (let i = 0; i < st.n; i++) {
        // A sequence keeps what it holds; a decode that runs holds its context (the token it computes has a slot) and the round's lookahead.
        const held = paged.blocks[i]!;
        need[i] = st.prefillLeft[i] !== 0 || prefillOnly ? held : Math.max(held, kvBlocks(st.contextOf(i) + this.lookahead));
      }
      for (let k = 0; k < st.prefilling; k++) {
        const i = st.prefillPos[k]!;
        const left = st.prefillLeft[i]!;
        if (budget <= 0) continue;
        // The chunk the plan in startIteration will give it (the same rule, in the same order).
        const chunk = prefillChunk(left, budget, tokens, cfg.chunkedPrefill);
        if (chunk === 0) continue;
        budget -= chunk;
        tokens += chunk;
        need[i] = Math.max(paged.blocks[i]!, kvBlocks(st.context[i]! + chunk));
      }
      for (let i = 0; i < st.n; i++) total += need[i]!;
      // A template's blocks are held once, however many sequences share them.
      const pre = paged.prefixes;
      if (pre !== null) for (let i = 0; i < st.n; i++) total -= pre.shared[i]!;
      if (pre !== null) total += pre.pinned;
      if (total <= this.blockCapacity) {
        // The step's new blocks come off the free queue's head, evicting the cached blocks there (prefix caching).
        const grown = total - st.kvReserved / KV_BLOCK_TOKENS;
        if (paged.queue !== null && grown > 0) paged.queue.take(grown);
        for (let i = 0; i < st.n; i++) {
          paged.blocks[i] = need[i]!;
          st.reserved[i] = need[i]! * KV_BLOCK_TOKENS;
        }
        if (pre !== null) for (let i = 0; i < st.n; i++) st.reserved[i]! -= pre.shared[i]! * KV_BLOCK_TOKENS;
        st.kvReserved = total * KV_BLOCK_TOKENS;
        this.admitBudget = budget;
        this.admitTokens = tokens;
        return preempted;
      }
      this.preempt(st, paged.newest(st.n));
      preempted = true;
    }
  }

  /**
   * Paged KV: the sequence at `i` is preempted by recomputation (vLLM `_preempt_request`): its blocks are freed and it
   * waits at the front of the pod's queue, to be prefilled again over its prompt and the tokens it has streamed. With
   * prefix caching its full computed blocks stay cached in the free queue, after its partial ones (freed in reverse).
   */
  private preempt(st: LlmPodState, i: number): void {
    const paged = st.paged!;
    const slot = st.slot[i]!;
    let sent = paged.sent[i]!;
    let lastChunk = paged.lastChunk[i]!;
    // Tokens whose KV it has computed: a decode's context less the token sampled last (not yet in the KV), or what it prefilled.
    let computed = st.context[i]!;
    if (st.prefillLeft[i] === 0) {
      // Its context is its prompt and the tokens streamed so far (the last one sampled, not yet in the KV).
      const ctx = st.contextOf(i);
      computed = ctx - 1;
      sent = ctx - paged.prompt[i]!;
      st.decodeContext -= ctx;
      st.ends.remove(slot);
      lastChunk = Math.max(paged.since[i]!, paged.lastDelivery);
      if (this.store.arrival[slot]! >= this.stats.measureFrom) st.gaps.leave(lastChunk);
    } else {
      // Still (re)prefilling: what it prefilled is lost; a resumed one keeps what it had streamed before.
      let k = 0;
      while (st.prefillPos[k] !== i) k++;
      st.prefillPos.copyWithin(k, k + 1, st.prefilling);
      st.prefilling--;
    }
    let run = null;
    const queue = paged.queue;
    if (queue !== null) {
      // vLLM caches a block once full and computed (`cache_blocks` up to the computed tokens); the rest hold no hash. Its
      // template's blocks are not its own: they go back (last, being its first) only if no other sequence uses them.
      const pre = paged.prefixes;
      const shared = pre === null ? 0 : pre.shared[i]!;
      const full = Math.max(0, Math.floor(computed / KV_BLOCK_TOKENS) - shared);
      queue.release(paged.blocks[i]! - shared - full);
      run = queue.cache(full, shared, false);
      if (pre !== null) this.unshare(st, pre, queue, i);
    }
    const r: PreemptedSequence = { slot, prompt: paged.prompt[i]!, sent, out: st.outTokens[i]!, firstToken: st.firstToken[i]!, lastChunk, run, firstHit: st.hit === null ? 0 : st.hit[i]! };
    // Multi-LoRA: its adapter leaves the batch with it (vLLM counts only the scheduled requests' adapters against max_loras).
    if (st.lora !== null) st.lora.leave(this.adapterOf(slot));
    paged.waiting.unshift(r);
    st.kvReserved -= st.reserved[i]!;
    this.preemptions++;
    this.removeAt(st, i);
  }

  /**
   * Paged KV admission (vLLM `Scheduler.schedule`'s waiting loop; vLLM 0.6 `_schedule_prefills` with separate prefill,
   * before the decodes): preempted requests first, then the queue, in order,
   * while the batch has room and the step has token budget; a request joins when its first chunk's blocks are free
   * (the whole prompt, or prompt + streamed tokens for a resumed one, without chunked prefill), else admission stops.
   * With multi-LoRA a request (preempted or new) whose adapter would make the batch hold more than maxLoras is passed
   * over and keeps its place, the scan going on with the next (the max_loras test of both loops, checked before blocks
   * are sought, as V1 does; engine/lora-adapters.ts); `kw` and `kq` count those passed over, 0 without LoRA.
   */
  private admitPaged(pod: Pod, st: LlmPodState, paged: PagedPod, now: number, prefillsFirst: boolean): void {
    const cfg = this.cfg;
    let budget = this.admitBudget;
    let tokens = this.admitTokens;
    if (prefillsFirst) {
      // Separate prefill: the prompts run as a batch of their own, so the decodes take none of its budget; prompts
      // still prefilling take theirs first (the rule of the plan in startIteration).
      budget = cfg.maxBatchedTokens;
      tokens = 0;
      for (let k = 0; k < st.prefilling && budget > 0; k++) {
        const left = st.prefillLeft[st.prefillPos[k]!]!;
        const chunk = prefillChunk(left, budget, tokens, cfg.chunkedPrefill);
        budget -= chunk;
        tokens += chunk;
      }
    }
    const lora = st.lora;
    let kw = 0;
    let kq = 0;
    let adapter = 0;
    while (st.n < cfg.maxBatchSize && budget > 0) {
      const r = paged.waiting[kw];
      let slot: number;
      let prompt: number;
      let out: number;
      if (r !== undefined) {
        slot = r.slot;
        if (lora !== null) {
          adapter = this.adapterOf(slot);
          if (!lora.canJoin(adapter)) {
            this.lora!.skipped(slot, this.store.gen[slot]!);
            kw++;
            continue;
          }
        }
        prompt = r.prompt;
        out = r.out;
      } else {
        // The same head rule as `admit` (no decode role here: paged KV refuses disaggregation). Written twice on
        // purpose: one shared method made the reserved path 18% slower (llm-inference-10m-dau, best of 12 runs
        // alternated with c5e6ff5), V8 inlining less of the request path into the executor.
        this.service.dropExpired(pod.queue, now, pod);
        if (pod.queue.length <= kq) return;
        slot = pod.queue.at(kq);
        const ready = this.store.start[slot]! + cfg.efficiency.requestOverheadSeconds;
        if (ready > now) {
          this.wakeWhenReady(pod, st, ready);
          return;
        }
        if (lora === null) this.drawHead(st, slot);
        else {
          const g = this.store.gen[slot]!;
          adapter = this.adapterOf(slot);
          if (!lora.canJoin(adapter)) {
            this.lora!.skipped(slot, g);
            kq++;
            continue;
          }
          this.lengthsOf(st, slot, g);
        }
        prompt = st.headIn;
        out = st.headOut;
        if (kvBlocks(prompt + out + this.lookahead) > this.blockCapacity) {
          this.rejectHead(pod, st, slot, now, kq);
          continue;
        }
      }
      const sent = r === undefined ? 0 : r.sent;
      // With prefix caching a request finds the leading run of its full blocks still cached (`get_computed_blocks`): its
      // template's, then its session's conversation or, resumed, its own from before it was preempted (they chain on the
      // template's: found only if those are), never its last token (`max_cache_hit_length = request.num_tokens - 1`).
      const pre = paged.prefixes;
      let run = r === undefined ? null : r.run;
      let entry: CachedRun | null = null;
      let session = -1;
      if (pre !== null) {
        const w = this.workload!;
        // Its template's blocks as cached for its adapter (multi-LoRA: vLLM hashes the adapter into every block).
        const t = this.templateKeyOf(slot);
        if (t >= 0) entry = pre.templates.get(t) ?? null;
        const s = w.session[slot];
        if (r === undefined && s && s.done > 0) {
          session = s.id;
          run = pre.sessions.get(session) ?? null;
        }
      }
      let found = entry === null ? 0 : entry.blocks;
      if (run !== null && run.blocks > 0 && found >= run.start) found = Math.max(found, run.start + run.blocks);
      const hitBlocks = Math.min(found, Math.floor((prompt + sent - 1) / KV_BLOCK_TOKENS));
      const shared = entry === null ? 0 : Math.min(entry.blocks, hitBlocks);
      const hit = hitBlocks * KV_BLOCK_TOKENS;
      const left = prompt + sent - hit;
      const chunk = prefillChunk(left, budget, tokens, cfg.chunkedPrefill);
      if (chunk === 0) return;
      // The cached blocks it finds count against the free ones too (`get_num_blocks_to_allocate` counts a hit block with
      // ref_cnt 0): its own, and a template's no running sequence holds yet.
      const blocks = kvBlocks(hit + chunk);
      const lifted = shared > 0 && entry!.refs === 0 ? entry!.blocks : 0;
      if (st.kvReserved / KV_BLOCK_TOKENS + blocks - shared + lifted > this.blockCapacity) return;
      const queue = paged.queue;
      if (queue !== null) {
        // Its hit blocks leave the free queue first (`touch`), then its new ones come off the head.
        if (shared > 0 && entry!.refs++ === 0) {
          queue.lift(entry!);
          pre!.pinned += lifted;
          st.kvReserved += lifted * KV_BLOCK_TOKENS;
        }
        if (run !== null) queue.use(run, hitBlocks - shared);
        if (session >= 0) pre!.sessions.delete(session);
        queue.take(blocks - hitBlocks);
      }
      if (r !== undefined) {
        if (kw === 0) paged.waiting.shift();
        else paged.waiting.splice(kw, 1);
      } else {
        pod.queue.removeAt(kq);
        st.headSlot = -1;
        this.store.workStart[slot] = now;
      }
      if (lora !== null) lora.join(adapter);
      const i = st.n++;
      st.slot[i] = slot;
      st.prefillLeft[i] = left;
      st.decodeLeft[i] = out - sent;
      st.outTokens[i] = out;
      st.context[i] = hit;
      st.reserved[i] = (blocks - shared) * KV_BLOCK_TOKENS;
      st.firstToken[i] = r === undefined ? -1 : r.firstToken;
      st.kvReserved += (blocks - shared) * KV_BLOCK_TOKENS;
      paged.admit(i, blocks, prompt, sent, r === undefined ? -1 : r.lastChunk, hit);
      if (st.hit !== null) {
        st.hit[i] = r === undefined ? hit : r.firstHit;
        st.pinned[i] = null;
      }
      if (pre !== null) {
        pre.shared[i] = shared;
        pre.entry[i] = shared > 0 ? entry : null;
      }
      st.joined(i, this.store.pos);
      budget -= chunk;
      tokens += chunk;
    }
  }

  /**
   * A decode replica takes over a prefilled sequence: its prompt's KV is here, the first token (computed by
   * the prefill replica) reaches the client now, and the rest are decoded; a one-token reply is done at once.
   */
  private admitDecode(pod: Pod, st: LlmPodState, slot: number, need: number, now: number): void {
    const out = st.headOut;
    if (out <= 1) {
      const arrival = this.store.arrival[slot]!;
      this.sequences++;
      this.stats.serveTokens(arrival, (now - arrival) * 1000, 0, out);
      pod.completions++;
      this.service.bump(pod, -1);
      this.service.workDone(slot, now);
      return;
    }
    const i = st.n++;
    st.slot[i] = slot;
    st.prefillLeft[i] = 0;
    st.decodeLeft[i] = out - 1;
    st.outTokens[i] = out;
    st.context[i] = st.headIn + 1;
    st.reserved[i] = need;
    st.firstToken[i] = now;
    st.kvReserved += need;
    st.joined(i, this.store.pos);
    // The client's first chunk is now (the KV transfer is in TTFT); the first decode chunk's gap counts from here.
    if (this.store.arrival[slot]! >= this.stats.measureFrom) st.gaps.join(now, 1);
  }

  /**
   * Admits the head request of a service with templates or sessions: the longest cached prefix (the
   * session's conversation, else its template) is pinned and skips prefill, its context still attended
   * to (the iteration model reads it as KV); room comes from free KV memory, then from evicting
   * unpinned cached prefixes, least recently used first. False when the request must wait. `k`: its place in the queue
   * (0, the head, but with LoRA, where requests held by max_loras are passed over).
   */
  private admitPrefixed(pod: Pod, st: LlmPodState, slot: number, need: number, now: number, k: number): boolean {
    const cap = this.cfg.kvCapacityTokens;
    const cache = st.cache;
    let entry: PrefixEntry | null = null;
    let hit = 0;
    if (cache !== null) {
      const w = this.workload!;
      const s = w.session[slot];
      let e = s && s.done > 0 ? cache.get(SESSION_KEY_BASE + s.id) : undefined;
      const t = this.templateKeyOf(slot);
      if (e === undefined && t >= 0) e = cache.get(t);
      if (e !== undefined) {
        hit = hitTokens(e.tokens, st.headIn);
        if (hit > 0) {
          entry = e;
          cache.pin(e);
        }
      }
      if (!cache.makeRoom(need - hit, () => cap - st.kvReserved - cache.tokens)) {
        if (entry !== null) cache.release(entry);
        return false;
      }
    } else if (st.kvReserved + need > cap) return false;
    pod.queue.removeAt(k); // the head's shift when k = 0 (SlotQueue.removeAt moves only the k before it)
    st.headSlot = -1;
    const i = st.n++;
    st.slot[i] = slot;
    st.prefillLeft[i] = st.headIn - hit;
    st.decodeLeft[i] = st.headOut;
    st.outTokens[i] = st.headOut;
    st.context[i] = hit;
    st.reserved[i] = need - hit;
    st.firstToken[i] = -1;
    st.hit![i] = hit;
    st.pinned[i] = entry;
    st.kvReserved += need - hit;
    st.joined(i, this.store.pos);
    this.store.workStart[slot] = now;
    return true;
  }

  /**
   * A prompt's prefill is done: its template's blocks become a cached prefix (vLLM caches a block once it is
   * full and computed), shared by this sequence and later ones; a copy already cached is used instead.
   */
  private cacheTemplate(st: LlmPodState, i: number): void {
    if (st.paged !== null) {
      if (st.paged.prefixes !== null) this.shareTemplate(st, st.paged.prefixes, i);
      return;
    }
    const cache = st.cache;
    const slot = st.slot[i]!;
    const t = this.workload!.template[slot]!;
    if (cache === null || t < 0 || st.pinned[i] !== null) return;
    const tokens = this.cfg.prefix!.templates[t]!.tokens;
    const key = this.templateKeyOf(slot);
    let e = cache.get(key);
    if (e === undefined) e = cache.put(key, tokens, true);
    else cache.pin(e);
    st.pinned[i] = e;
    st.reserved[i]! -= tokens;
    st.kvReserved -= tokens;
  }

  /**
   * Paged KV: a prompt's prefill is done: its template's full blocks (vLLM caches full blocks only) become the template's
   * cached run, shared by later sequences, unless another sequence's copy is cached already (vLLM keeps such duplicates
   * apart, so they stay this sequence's own).
   */
  private shareTemplate(st: LlmPodState, pre: NonNullable<PagedPod['prefixes']>, i: number): void {
    const slot = st.slot[i]!;
    const t = this.workload!.template[slot]!;
    if (t < 0) return;
    const tb = Math.floor(this.cfg.prefix!.templates[t]!.tokens / KV_BLOCK_TOKENS);
    const has = pre.shared[i]!;
    if (has >= tb) return;
    const key = this.templateKeyOf(slot);
    let e = pre.templates.get(key);
    if (e === undefined) {
      e = new CachedRun(true, true);
      pre.templates.set(key, e);
    }
    if (has > 0 ? e.blocks !== has : e.refs > 0 || e.queued) return;
    const d = tb - has;
    e.blocks = tb;
    e.prefix = true;
    if (has === 0) {
      e.refs = 1;
      pre.entry[i] = e;
    }
    pre.pinned += d;
    pre.shared[i] = tb;
    st.reserved[i]! -= d * KV_BLOCK_TOKENS;
  }

  /** Paged KV: the sequence at `i` lets go of its template's blocks; the last user's going puts them in the free queue. */
  private unshare(st: LlmPodState, pre: NonNullable<PagedPod['prefixes']>, queue: FreeBlockQueue, i: number): void {
    const e = pre.entry[i];
    pre.entry[i] = null;
    pre.shared[i] = 0;
    if (!e || --e.refs > 0) return;
    pre.pinned -= e.blocks;
    st.kvReserved -= e.blocks * KV_BLOCK_TOKENS;
    queue.park(e);
  }

  /** A sequence of a prefixed service finished: its outcome is counted, its prefix released, a session's conversation cached for its next turn. */
  private finishPrefixed(st: LlmPodState, i: number, context: number, arrival: number, ttftMs: number): void {
    const w = this.workload!;
    const slot = st.slot[i]!;
    const hit = st.hit![i]!;
    const prompt = context - st.outTokens[i]!;
    this.prefixStats!.finished(hit, prompt);
    if (arrival >= this.stats.measureFrom) this.prefixStats!.served(hit, prompt, w.prefixTokens[slot]! > 0, ttftMs, this.cfg.model);
    const cache = st.cache;
    const e = st.pinned[i];
    if (cache !== null && e) cache.release(e);
    st.pinned[i] = null;
    const s = w.session[slot];
    if (st.paged !== null) {
      if (s) w.turnDone(slot, context);
      const pre = st.paged.prefixes;
      if (pre === null) return;
      // Freed in reverse: its own last blocks, its conversation's full blocks (the session's run, if it goes on: its KV
      // is computed up to the token before its last), then its template's if no one else uses them.
      const queue = st.paged.queue!;
      const shared = pre.shared[i]!;
      const own = st.paged.blocks[i]! - shared;
      if (s && s.done < this.cfg.prefix!.sessionTurns) {
        const full = Math.max(0, Math.floor((context - 1) / KV_BLOCK_TOKENS) - shared);
        queue.release(own - full);
        pre.sessions.set(s.id, queue.cache(full, shared, true));
      } else queue.release(own);
      this.unshare(st, pre, queue, i);
      return;
    }
    if (!s) return;
    w.turnDone(slot, context);
    if (cache === null || s.done >= this.cfg.prefix!.sessionTurns) {
      if (cache !== null) {
        const old = cache.get(SESSION_KEY_BASE + s.id);
        if (old !== undefined && old.refs === 0) cache.remove(old);
      }
      return;
    }
    cache.put(SESSION_KEY_BASE + s.id, context, false);
    const cap = this.cfg.kvCapacityTokens;
    cache.makeRoom(0, () => cap - st.kvReserved - cache.tokens);
  }

  /** Applies an iteration's progress: first tokens, decoded tokens, finished requests. */
  private finishIteration(pod: Pod, st: LlmPodState, now: number): void {
    // Every decoding sequence emits a token per decode iteration of the batch (its context and tokens left
    // follow `it`): one, a multi-step round's `steps` (all reaching the client now, at its end), or none.
    const steps = st.roundSteps;
    const it = (st.it += steps);
    const decoding = st.n - st.prefilling;
    // With speculative decoding a step's tokens are the sequences' interpolated gains (SpeculativeBatch `tokens`), the context growth implicit in `it`.
    let generated: number;
    if (st.spec === null) {
      generated = decoding * steps;
      st.decodeContext += generated;
    } else generated = steps > 0 ? st.spec.tokens(it) : 0;
    let finished = 0;
    const prefillRole = this.role === 'prefill';
    const done = st.done;
    // Inter-token latency: measured sequences that start decoding now, and that end now (chunk-gaps.ts).
    const arrival = this.store.arrival;
    const from = this.stats.measureFrom;
    let joined = 0;
    let left = 0;
    // Prefilling sequences, in batch order: those whose prompt is done emit their first token.
    let kept = 0;
    for (let k = 0; k < st.prefilling; k++) {
      const i = st.prefillPos[k]!;
      const chunk = st.chunk[i]!;
      if (chunk > 0) {
        st.prefillLeft[i]! -= chunk;
        st.context[i]! += chunk;
      }
      if (st.prefillLeft[i] !== 0) {
        st.prefillPos[kept++] = i;
        continue;
      }
      st.chunk[i] = 0;
      // The prefill pass emits the first output token; a resumed sequence's re-prefill emits its next one (paged KV).
      if (st.firstToken[i]! < 0) st.firstToken[i] = now;
      if (st.paged !== null) this.decodesFrom(st, st.paged, i, now);
      this.promptTokens += st.context[i]! - (st.paged !== null ? st.paged.hit[i]! : st.hit === null ? 0 : st.hit[i]!);
      if (st.hit !== null) this.cacheTemplate(st, i);
      generated++;
      // A prefill replica is done with a sequence at its first token; otherwise at its last.
      const left = prefillRole ? 0 : st.decodeLeft[i]! - 1;
      st.decodes(i, st.context[i]! + 1, left);
      if (left <= 0) done[finished++] = i;
      else if (arrival[st.slot[i]!]! >= from) joined++;
    }
    st.prefilling = kept;
    const ends = st.ends;
    while (ends.peekTime() <= it) {
      // A multi-step round runs on past a sequence's last token: those tokens are computed and dropped
      // (vLLM's MultiStepOutputProcessor truncates them); with one step per iteration `over` is 0.
      const over = it - ends.peekTime();
      const slot = ends.pop();
      const i = this.store.pos[slot]!;
      if (arrival[slot]! >= from) left++;
      st.over[i] = over;
      generated -= over;
      done[finished++] = i;
    }
    // The decoding sequences' chunk (a decode iteration's token, a round's tokens) reaches their clients now.
    st.gaps.iteration(now, steps > 0, joined, left, this.itl);
    if (st.paged !== null && steps > 0) st.paged.lastDelivery = now;
    this.stats.tokens(generated);
    this.generatedTokens += generated;
    // Highest position first (a finished sequence's place is taken by the batch's last, which is not finishing).
    for (let k = 1; k < finished; k++) {
      const x = done[k]!;
      let j = k;
      while (j > 0 && done[j - 1]! < x) {
        done[j] = done[j - 1]!;
        j--;
      }
      done[j] = x;
    }
    for (let k = 0; k < finished; k++) this.complete(pod, st, done[k]!, now);
    st.busy = false;
    pod.inService = st.n;
    if (st.n === 0 && pod.busySince >= 0) {
      pod.busySeconds += now - pod.busySince;
      pod.busySince = -1;
    }
    this.startIteration(pod, st, now);
    if (!st.busy && pod.state === PodState.Terminating && st.n === 0 && pod.queue.length === 0 && !preemptedWaiting(st)) this.service.drained(pod, now);
  }

  /**
   * Paged KV: the sequence at `i` starts a stretch of decoding at `now` (its first token, or a resumed sequence's
   * re-prefill); a resumed one's token ends the gap (ITL) since its last chunk before it was preempted.
   */
  private decodesFrom(st: LlmPodState, paged: PagedPod, i: number, now: number): void {
    paged.since[i] = now;
    const last = paged.lastChunk[i]!;
    if (last >= 0 && this.store.arrival[st.slot[i]!]! >= this.stats.measureFrom) this.itl.add((now - last) * 1000, 1);
  }

  private complete(pod: Pod, st: LlmPodState, i: number, now: number): void {
    const slot = st.slot[i]!;
    const arrival = this.store.arrival[slot]!;
    const out = st.outTokens[i]!;
    const first = st.firstToken[i]!;
    // The batch's context sum holds the tokens a multi-step round computed past the sequence's end; its own does not.
    const computed = st.contextOf(i);
    const context = computed - st.over[i]!;
    st.over[i] = 0;
    this.sequences++;
    if (this.role === 'prefill') {
      // Handed on to the decode service: the call carries the prompt (with its first token) and the output length.
      this.store.inTok[slot] = context - 1;
      this.store.outTok[slot] = out;
    } else this.stats.serveTokens(arrival, (first - arrival) * 1000, out > 1 ? ((now - first) * 1000) / (out - 1) : 0, out);
    pod.completions++;
    st.kvReserved -= st.reserved[i]!;
    // Paged with prefix caching: its blocks go back to the free queue (tokens no later prompt repeats: findable by none).
    if (st.paged !== null && st.paged.queue !== null && st.paged.prefixes === null) st.paged.queue.release(st.paged.blocks[i]!);
    if (st.spec === null) st.decodeContext -= computed;
    else {
      this.specSteps += st.spec.stepsOf(i, st.it);
      this.specDrawnTokens += st.spec.drawnOf(i);
      st.decodeContext -= st.context[i]!;
      st.spec.finished(i, st.decodeLeft[i]!);
    }
    if (st.hit !== null) this.finishPrefixed(st, i, context, arrival, (first - arrival) * 1000);
    if (st.lora !== null) st.lora.leave(this.adapterOf(slot));
    this.service.bump(pod, -1);
    this.service.workDone(slot, now);
    this.removeAt(st, i);
  }

  /** The sequence at `i` leaves the batch (finished or preempted): the last one takes its place. */
  private removeAt(st: LlmPodState, i: number): void {
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
      st.over[i] = st.over[last]!;
      if (st.hit !== null) {
        st.hit[i] = st.hit[last]!;
        st.pinned[i] = st.pinned[last]!;
      }
      if (st.spec !== null) st.spec.moved(i, last);
      if (st.paged !== null) st.paged.moved(i, last);
      this.store.pos[st.slot[i]!] = i;
      if (st.prefillLeft[i] !== 0) st.prefillMoved(i);
    }
  }
}

/**
 * The prompt tokens a prefilling sequence with `left` to go runs in an iteration that has `budget` tokens left and
 * `tokens` planned: with chunked prefill as many as the budget allows; without, the whole prompt, and alone if it is
 * over the budget (an iteration with nothing else planned). The one rule of the plan, of the paged blocks it needs and
 * of paged admission.
 */
function prefillChunk(left: number, budget: number, tokens: number, chunked: boolean): number {
  return chunked ? Math.min(left, budget) : left <= budget || tokens === 0 ? left : 0;
}

/** Whether the pod holds preempted requests waiting to be prefilled again (paged KV). */
function preemptedWaiting(st: LlmPodState): boolean {
  return st.paged !== null && st.paged.waiting.length > 0;
}
