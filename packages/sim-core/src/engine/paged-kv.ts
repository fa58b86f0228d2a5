/**
 * vLLM's paged, grow-as-you-go KV allocation with preemption by recomputation (`llm.scheduler.kvAllocation: paged`):
 * the per-pod bookkeeping the LLM executor keeps for it. The rules, read in vLLM's V1 scheduler
 * (vllm-project/vllm@00024d314514900f361ad072af6931e403b7f589 vllm/v1/core/sched/scheduler.py, `Scheduler.schedule`
 * and `_preempt_request`; vllm-project/vllm@003df2961dd8830c317a61f9745ccd557da9fa06 vllm/v1/core/kv_cache_manager.py,
 * `KVCacheManager.allocate_slots`), and where the executor applies them (engine/llm-executor.ts):
 * - KV is held in blocks of 16 tokens (`CacheConfig.block_size`, 16 on GPUs); a sequence holds ⌈tokens with a slot
 *   ÷ 16⌉ blocks, tokens with a slot being those computed plus those this step computes (`allocate_slots`:
 *   `num_tokens_need_slot = total_computed_tokens + num_new_tokens + num_lookahead_tokens`).
 * - Each step the running requests are scheduled first, oldest first; each asks `allocate_slots` for its step's
 *   tokens (a decode's one, a prompt chunk); when the free blocks do not suffice, the last running request (the newest,
 *   under the default FCFS policy: `self.running.pop()`) is preempted, until the request fits or is itself the one
 *   preempted. Since the victim is always the newest, the survivors are the oldest requests whose needs fit together.
 * - `_preempt_request` frees the victim's blocks, sets `num_computed_tokens = 0` and `prepend_request`s it to the
 *   waiting queue: it is admitted before any new request, and then prefilled again over `request.num_tokens` =
 *   prompt + the tokens generated so far (the waiting loop's `num_new_tokens = request.num_tokens −
 *   num_computed_tokens`), the last of which yields its next token. Tokens already streamed stay sent.
 * - The waiting queue is scheduled only in a step that preempted nothing (`if not preempted_reqs`), while the token
 *   budget lasts, in order: a request is admitted when `allocate_slots` finds blocks for its first chunk (the whole
 *   prompt without chunked prefill), else admission stops (FCFS, `break`). No watermark: the V1 scheduler builds its
 *   `KVCacheManager` without one (its `watermark` defaults to 0.0).
 * With separate prefill (`scheduler.prefill: separate`, and multi-step, which implies it) the order is vLLM 0.6's
 * (AmberLJC/vllm-0.6.1@5597260fbb275d3637500c18009c1dfaffcf9914 vllm/core/scheduler.py, a copy of the v0.6.1 release):
 * `_schedule_default` schedules prefills first and the running decodes only when it scheduled none; `_schedule_running`
 * preempts `running_queue.pop()` (the newest) while `_can_append_slots` fails (a decode's slots include the round's
 * `num_lookahead_slots`), and the preempted go back with `self.waiting.extendleft` (the front). Not ported from V0:
 * its block manager's 1% admission watermark.
 *
 * With automatic prefix caching (V1's default, `llm.prefixCaching`) freed blocks keep their content until an allocation
 * takes them, in one LRU free queue (engine/free-block-queue.ts, its rules and sources): a preempted request's full blocks
 * stay there, and when it is admitted again `KVCacheManager.get_computed_blocks` finds the leading run still cached
 * (never its last token), so its re-prefill computes only the rest; a prompt template's blocks are shared by the
 * sequences that find them (held once: vLLM's ref_cnt) and a session's conversation stays cached between its turns.
 */
import type { EngineLlm } from './engine-config.ts';
import { type CachedRun, FreeBlockQueue } from './free-block-queue.ts';

/** Tokens per KV block: vLLM's default `block_size` on GPUs. */
export const KV_BLOCK_TOKENS = 16;

/** Blocks that hold `tokens` KV slots. */
export function kvBlocks(tokens: number): number {
  return Math.ceil(tokens / KV_BLOCK_TOKENS);
}

/** Whether the service allocates KV as vLLM does (grow as it decodes, preempt the newest) rather than reserving prompt + output. */
export function pagedKv(cfg: Pick<EngineLlm, 'scheduler'>): boolean {
  return cfg.scheduler?.kvAllocation === 'paged';
}

/** Whether paged KV keeps freed full blocks cached for a preempted request's re-prefill (vLLM V1's automatic prefix caching). */
export function pagedBlockCaching(cfg: Pick<EngineLlm, 'scheduler'>): boolean {
  return cfg.scheduler?.kvAllocation === 'paged' && cfg.scheduler.blockCaching === true;
}

/** A request preempted off a pod, waiting there to be prefilled again. */
export interface PreemptedSequence {
  slot: number;
  /** Its prompt's tokens. */
  prompt: number;
  /** Output tokens it has already streamed (its first included), which the re-prefill recomputes after the prompt. */
  sent: number;
  /** Its output length. */
  out: number;
  /** When its first token reached the client (s), or −1 if it was preempted before (its TTFT then includes the stall). */
  firstToken: number;
  /** When its last chunk reached the client (s), or −1: its next token's gap (ITL) counts from there. */
  lastChunk: number;
  /** Prefix caching: its full blocks still cached in the free queue (the re-prefill skips them), or null without. */
  run: CachedRun | null;
  /** Templates or sessions: the tokens its first admission found cached (the prefix-cache statistics count those). */
  firstHit: number;
}

/** One pod's paged state: each batch position's blocks, admission order, prompt and streaming times; the preempted requests. */
export class PagedPod {
  readonly blocks: Int32Array;
  /** When the sequence at a position was (re)admitted, as a count: the highest is the newest, the first preempted. */
  readonly order: Float64Array;
  readonly prompt: Int32Array;
  /** Output tokens streamed before its last preemption (0 for a sequence never preempted). */
  readonly sent: Int32Array;
  /** Time its current stretch of decoding began (its first token, or its re-prefill's), for its group of chunk gaps. */
  readonly since: Float64Array;
  /** A resumed sequence's last chunk before it was preempted (−1 otherwise): its re-prefill's token is one gap from it. */
  readonly lastChunk: Float64Array;
  /** Tokens a (re)admitted sequence found cached (a resumed request's own blocks; 0 without prefix caching): not prefilled. */
  readonly hit: Int32Array;
  /** Prefix caching (vLLM V1's default): the free blocks in eviction order, a preempted request's still findable; null without. */
  readonly queue: FreeBlockQueue | null;
  /**
   * Templates or sessions with prefix caching (null otherwise): each template's cached blocks (its run: in the free queue
   * when no running sequence uses it, else held once for all of them), each session's own blocks between turns, the
   * blocks of the templates in use, and per position the template blocks a sequence shares (its first `shared` blocks
   * are the template's, not its own) and the template run it uses.
   */
  readonly prefixes: { templates: Map<number, CachedRun>; sessions: Map<number, CachedRun>; pinned: number; shared: Int32Array; entry: (CachedRun | null)[] } | null;
  /** Preempted requests, the next to be admitted first (vLLM's `prepend_request`: ahead of every new request). */
  readonly waiting: PreemptedSequence[] = [];
  /** The time of the last iteration that streamed a chunk to every decoding sequence. */
  lastDelivery = -1;
  private admitted = 0;

  /** `capacity` batch positions; with `caching`, a free queue of `blocks` KV blocks, and with `prefixes` the templates' and sessions' runs (evictions counted in it). */
  constructor(capacity: number, blocks: number, caching: boolean, prefixes: { evictions: number } | null = null) {
    this.hit = new Int32Array(capacity);
    this.queue = caching ? new FreeBlockQueue(blocks, prefixes ?? undefined) : null;
    this.prefixes = caching && prefixes !== null ? { templates: new Map(), sessions: new Map(), pinned: 0, shared: new Int32Array(capacity), entry: new Array<CachedRun | null>(capacity).fill(null) } : null;
    this.blocks = new Int32Array(capacity);
    this.order = new Float64Array(capacity);
    this.prompt = new Int32Array(capacity);
    this.sent = new Int32Array(capacity);
    this.since = new Float64Array(capacity);
    this.lastChunk = new Float64Array(capacity);
  }

  /** A sequence was (re)admitted at position `i`: it is the newest running. */
  admit(i: number, blocks: number, prompt: number, sent: number, lastChunk: number, hit: number): void {
    this.blocks[i] = blocks;
    this.hit[i] = hit;
    this.order[i] = ++this.admitted;
    this.prompt[i] = prompt;
    this.sent[i] = sent;
    this.since[i] = -1;
    this.lastChunk[i] = lastChunk;
  }

  /** The position of the newest of the `n` running sequences: vLLM's victim (`self.running.pop()`). */
  newest(n: number): number {
    let best = 0;
    for (let i = 1; i < n; i++) if (this.order[i]! > this.order[best]!) best = i;
    return best;
  }

  /** The sequence at position `last` moved to `i`. */
  moved(i: number, last: number): void {
    this.blocks[i] = this.blocks[last]!;
    this.hit[i] = this.hit[last]!;
    const p = this.prefixes;
    if (p !== null) {
      p.shared[i] = p.shared[last]!;
      p.entry[i] = p.entry[last]!;
    }
    this.order[i] = this.order[last]!;
    this.prompt[i] = this.prompt[last]!;
    this.sent[i] = this.sent[last]!;
    this.since[i] = this.since[last]!;
    this.lastChunk[i] = this.lastChunk[last]!;
  }
}
