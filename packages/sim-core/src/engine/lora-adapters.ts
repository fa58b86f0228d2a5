/**
 * Multi-LoRA serving, vLLM's rules (`--enable-lora`): which adapter each request is for, which adapters a replica's
 * batch holds, its GPU slots and its host-memory cache, and what loading an adapter costs the step.
 *
 * - Admission (vllm-project/vllm@00024d31 vllm/v1/core/sched/scheduler.py `Scheduler.schedule`): the adapters of
 *   the running requests scheduled this step are `scheduled_loras`; the waiting loop skips a request whose adapter
 *   is not among them when there are already `max_loras`, and goes on with the next one; skipped requests go back
 *   to the head of the waiting queue in their order (`skipped_waiting_requests` prepended one by one, then
 *   `prepend_requests`: FCFSRequestQueue.extendleft, vllm-project/vllm@0097c7ed vllm/v1/core/sched/request_queue.py).
 *   So a batch never holds more than maxLoras distinct adapters. `canJoin` is that test; the executor scans its queue.
 * - GPU slots and the CPU cache (vllm-project/vllm@bb1d76e5 vllm/lora/model_manager.py `LRUCacheLoRAModelManager`,
 *   vllm-project/vllm@0030b9ff vllm/lora/worker_manager.py `LRUCacheWorkerLoRAManager`): `_active_adapters` is an
 *   LRU of `max_loras` GPU slots and `_registered_adapters` an LRU of `max_cpu_loras` adapters in host memory; every
 *   step touches each adapter of the batch in both (`_apply_adapters` → `add_adapter` → `activate_adapter`). An
 *   adapter not registered is read from disk (`_load_adapter`, device "cpu"), evicting the oldest registered one,
 *   whose slot is freed too (`AdapterLRUCache._on_remove` → deactivate); it is then copied into a free GPU slot, or
 *   the least recently used one's (`activate_adapter`: `remove_oldest`, then `set_lora`).
 * - When: the model runner calls `set_active_loras` before the forward pass of the step that scheduled the request
 *   (vllm-project/vllm@8548e7c2 vllm/v1/worker/lora_model_runner_mixin.py), synchronously, so a load stalls that step.
 *
 * - Base-model requests (`baseShare`; vLLM: a request with no `lora_request`) never count against max_loras (the
 *   scheduler's `scheduled_loras` holds only `lora_int_id > 0`, and the max_loras test asks `request.lora_request` first),
 *   never load an adapter, and are `BASE_MODEL` here. The LoRA kernels (vllm-project/vllm@85caa35b
 *   vllm/lora/ops/triton_ops/lora_kernel_metadata.py `LoRAKernelMeta.prepare_tensors`) are skipped for a step whose
 *   tokens are all base (`no_lora_flag_cpu`: "LoRA kernels will not be run"); a step with any adapter launches them over
 *   the whole batch, base tokens included (vllm-project/vllm@00bd1493 vllm/lora/ops/triton_ops/lora_shrink_op.py
 *   `_lora_shrink`: the grid spans all M tokens, "wasteful thread block launch when only few of the input tokens require
 *   LoRA"), their blocks exiting early (`_lora_shrink_kernel`: `lora_id == -1`). So the kernels' overhead is the whole
 *   step's when it holds an adapter and none when it holds none (the executor); the adapter FLOPs are charged to every
 *   token of a step that holds an adapter, a simplification (base tokens compute none: at rank 16 on Llama 3.1 8B the
 *   adapter is 0.5% of a token's FLOPs, so at most that is overstated).
 * - Prefix caching: a LoRA request's blocks hash with its adapter (vllm-project/vllm@001cabc1
 *   vllm/v1/core/kv_cache_utils.py `_gen_lora_extra_hash_keys`, put first in every block's extra keys by
 *   `generate_block_hash_extra_keys`; base requests add none), so cached blocks are shared only by requests for the same
 *   adapter, or by base requests. The executor keys a template's cached prefix by (adapter, template); a session's turns
 *   are all for the adapter its first turn drew, so its own cached conversation needs no adapter in its key.
 *
 * Equivalences and simplifications: an adapter in the batch is never the LRU victim (vLLM touches it every step), so
 * here an adapter's recency is stamped when it leaves the batch and victims are chosen among those not in it; two
 * adapters leaving in the same step are ordered by when their requests finished (vLLM: by its set's iteration order).
 */
import type { Rng } from '../random/rng.ts';
import type { LlmCostModel } from '../llm/llm-perf.ts';

/** The adapter id of a request for the base model (no adapter). */
export const BASE_MODEL = -1;

/** `llm.lora` compiled: the engine's plain numbers. */
export interface EngineLora {
  adapters: number;
  /** Zipf exponent of the adapters' popularity; 0 = uniform. */
  zipf: number;
  /** Fraction of requests for the base model, no adapter (0 … 1). */
  baseShare: number;
  maxLoras: number;
  maxCpuLoras: number;
  /** Host memory → GPU slot, s. */
  cpuLoadSeconds: number;
  /** Disk → host memory, s (a disk load also pays cpuLoadSeconds). */
  diskLoadSeconds: number;
  /** The iteration's cost model by the number of distinct adapters in the batch (0 … maxLoras; 0 is the base model's): llm/lora-cost.ts. */
  models: LlmCostModel[];
  /** Iteration time × this (≥ 1) while the batch runs adapters: the LoRA kernels' cost beyond their FLOPs and bytes (llm/lora-cost.ts). */
  kernelFactor: number;
}

/**
 * Draws each request's adapter (0-based; adapter 0 is the most popular under Zipf; BASE_MODEL for a base request) and
 * keeps it by slot and generation. One seeded stream, drawn when a request is first considered for admission: with a
 * base share, a uniform draw first says base or not (none is drawn at baseShare 0, so those runs draw as before).
 */
export class LoraRequests {
  /** Cumulative probabilities (Zipf), or null for uniform. */
  private readonly cdf: Float64Array | null;
  private adapter = new Int32Array(64);
  private gen = new Int32Array(64).fill(-1);
  /** Lengths drawn for a request that was considered but not admitted (kept so that a skip never redraws them). */
  private inTok = new Int32Array(64);
  private outTok = new Int32Array(64);
  private lenGen = new Int32Array(64).fill(-1);
  private delayedGen = new Int32Array(64).fill(-1);
  /** Requests skipped at least once because their adapter would exceed maxLoras (a request may be skipped on several replicas' queues only once each: it sits on one). */
  delayed = 0;
  /** Adapter loads over the run, every replica's (ended ones included): from disk (then into a slot), from host memory, and their time, s. */
  diskLoads = 0;
  cpuLoads = 0;
  loadSeconds = 0;

  constructor(
    readonly cfg: EngineLora,
    private readonly rng: Rng,
  ) {
    if (cfg.zipf === 0) this.cdf = null;
    else {
      const cdf = new Float64Array(cfg.adapters);
      let sum = 0;
      for (let k = 0; k < cfg.adapters; k++) cdf[k] = sum += Math.pow(k + 1, -cfg.zipf);
      for (let k = 0; k < cfg.adapters; k++) cdf[k]! /= sum;
      this.cdf = cdf;
    }
  }

  /** The adapter of the request in `slot` (generation `g`), drawn the first time it is asked (or `given`: a session's, drawn at its first turn). */
  adapterOf(slot: number, g: number, given?: number): number {
    this.fit(slot);
    if (this.gen[slot] === g) return this.adapter[slot]!;
    this.gen[slot] = g;
    const a = given ?? this.draw();
    this.adapter[slot] = a;
    return a;
  }

  /** Counts the request once as delayed by max_loras. */
  skipped(slot: number, g: number): void {
    if (this.delayedGen[slot] === g) return;
    this.delayedGen[slot] = g;
    this.delayed++;
  }

  /** Lengths kept for the request (true, written to `out`), or false when none were drawn yet. */
  lengths(slot: number, g: number, out: { headIn: number; headOut: number }): boolean {
    if (this.lenGen[slot] !== g) return false;
    out.headIn = this.inTok[slot]!;
    out.headOut = this.outTok[slot]!;
    return true;
  }

  keepLengths(slot: number, g: number, inTok: number, outTok: number): void {
    this.lenGen[slot] = g;
    this.inTok[slot] = inTok;
    this.outTok[slot] = outTok;
  }

  private draw(): number {
    if (this.cfg.baseShare > 0 && this.rng.next() < this.cfg.baseShare) return BASE_MODEL;
    const cdf = this.cdf;
    if (cdf === null) return this.rng.int(this.cfg.adapters);
    const u = this.rng.next();
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private fit(slot: number): void {
    if (slot < this.adapter.length) return;
    let n = this.adapter.length;
    while (n <= slot) n *= 2;
    const grow = (a: Int32Array, fill: number) => {
      const b = new Int32Array(n).fill(fill);
      b.set(a);
      return b;
    };
    this.adapter = grow(this.adapter, 0);
    this.gen = grow(this.gen, -1);
    this.inTok = grow(this.inTok, 0);
    this.outTok = grow(this.outTok, 0);
    this.lenGen = grow(this.lenGen, -1);
    this.delayedGen = grow(this.delayedGen, -1);
  }
}

/** A small LRU set of adapter ids (a GPU's slots or its host-memory cache): linear scans, sizes are maxLoras / maxCpuLoras. */
class AdapterLru {
  readonly ids: Int32Array;
  private readonly stamp: Float64Array;
  size = 0;

  constructor(capacity: number) {
    this.ids = new Int32Array(capacity);
    this.stamp = new Float64Array(capacity);
  }

  indexOf(id: number): number {
    for (let i = 0; i < this.size; i++) if (this.ids[i] === id) return i;
    return -1;
  }

  touch(id: number, clock: number): void {
    const i = this.indexOf(id);
    if (i >= 0) this.stamp[i] = clock;
  }

  /** Adds `id` (not present), evicting the least recently used entry `evictable` allows when full; returns the evicted id or -1. */
  add(id: number, clock: number, evictable: (id: number) => boolean): number {
    let evicted = -1;
    let i = this.size;
    if (i === this.ids.length) {
      i = -1;
      for (let k = 0; k < this.size; k++) if (evictable(this.ids[k]!) && (i < 0 || this.stamp[k]! < this.stamp[i]!)) i = k;
      evicted = this.ids[i]!;
    } else this.size++;
    this.ids[i] = id;
    this.stamp[i] = clock;
    return evicted;
  }

  remove(id: number): void {
    const i = this.indexOf(id);
    if (i < 0) return;
    this.size--;
    this.ids[i] = this.ids[this.size]!;
    this.stamp[i] = this.stamp[this.size]!;
  }
}

/** One replica's adapters: those in its batch (with their requests), its GPU slots, its host-memory cache, the step's load time. */
export class LoraPod {
  /** Distinct adapters of the batch and how many of its requests use each. */
  private readonly batchIds: Int32Array;
  private readonly batchRefs: Int32Array;
  distinct = 0;
  private readonly gpu: AdapterLru;
  private readonly cpu: AdapterLru;
  private clock = 0;
  /** Load time accumulated by admissions since the last step was planned, s. */
  private stall = 0;
  /** An adapter outside the batch may be evicted (vLLM touches the batch's adapters every step, so they are never the oldest). */
  private readonly notInBatch = (id: number): boolean => this.refIndex(id) < 0;

  constructor(
    private readonly cfg: EngineLora,
    private readonly totals: LoraRequests,
  ) {
    this.batchIds = new Int32Array(cfg.maxLoras);
    this.batchRefs = new Int32Array(cfg.maxLoras);
    this.gpu = new AdapterLru(cfg.maxLoras);
    this.cpu = new AdapterLru(cfg.maxCpuLoras);
  }

  /** vLLM's max_loras test: a request for `adapter` may join the batch (a base request, its adapter is there, or there is room for one more). */
  canJoin(adapter: number): boolean {
    return adapter === BASE_MODEL || this.distinct < this.cfg.maxLoras || this.refIndex(adapter) >= 0;
  }

  /** A request for `adapter` joins the batch; a new adapter not in a GPU slot is loaded in this step (a base request: nothing). */
  join(adapter: number): void {
    if (adapter === BASE_MODEL) return;
    const r = this.refIndex(adapter);
    if (r >= 0) {
      this.batchRefs[r]!++;
      return;
    }
    const k = this.distinct++;
    this.batchIds[k] = adapter;
    this.batchRefs[k] = 1;
    if (this.gpu.indexOf(adapter) >= 0) return;
    let seconds = this.cfg.cpuLoadSeconds;
    if (this.cpu.indexOf(adapter) >= 0) this.totals.cpuLoads++;
    else {
      this.totals.diskLoads++;
      seconds += this.cfg.diskLoadSeconds;
      // Evicting an adapter from host memory frees its GPU slot too (AdapterLRUCache._on_remove → deactivate).
      const gone = this.cpu.add(adapter, this.clock, this.notInBatch);
      if (gone >= 0) this.gpu.remove(gone);
    }
    this.gpu.add(adapter, this.clock, this.notInBatch);
    this.stall += seconds;
    this.totals.loadSeconds += seconds;
  }

  /** A request for `adapter` left the batch; the adapter's recency is its last step in the batch. */
  leave(adapter: number): void {
    if (adapter === BASE_MODEL) return;
    const r = this.refIndex(adapter);
    if (--this.batchRefs[r]! > 0) return;
    const last = --this.distinct;
    this.batchIds[r] = this.batchIds[last]!;
    this.batchRefs[r] = this.batchRefs[last]!;
    const t = ++this.clock;
    this.gpu.touch(adapter, t);
    this.cpu.touch(adapter, t);
  }

  /** The load time this step pays (then cleared), s. */
  takeStall(): number {
    const s = this.stall;
    this.stall = 0;
    return s;
  }

  /** The iteration's cost model: the base model with the batch's distinct adapters (the base model alone with none). */
  model(): LlmCostModel {
    return this.cfg.models[this.distinct]!;
  }

  /** Whether `adapter` is in a GPU slot / in host memory (for tests and reports). */
  onGpu(adapter: number): boolean {
    return this.gpu.indexOf(adapter) >= 0;
  }
  inCpu(adapter: number): boolean {
    return this.cpu.indexOf(adapter) >= 0;
  }

  private refIndex(id: number): number {
    for (let i = 0; i < this.distinct; i++) if (this.batchIds[i] === id) return i;
    return -1;
  }
}
