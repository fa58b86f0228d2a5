/**
 * How an LLM engine's scheduler forms iterations, beyond vLLM V1's default (one iteration at a time, prompt
 * chunks mixed with decodes), which is what the executor does when `EngineLlm.scheduler` is omitted.
 *
 * Multi-step scheduling (vLLM 0.6, `--num-scheduler-steps N`), read in vLLM v0.6.1's source (the 0.6.0 tag was
 * not reachable here: the vllm-project/vllm mirror is over the size limit; AmberLJC/vllm-0.6.1@c1b3222f77911969
 * eed9e7ce8b60883cce8a60ab is a verbatim "copy from vllm-0.6.1", the release after 0.6.0 six days later):
 * - `LLMEngine.step` calls `Scheduler.schedule()` only when `_has_remaining_steps` is false, i.e. once per round
 *   of `num_steps` iterations: a request that arrives mid-round waits for the round's end.
 * - `Scheduler._schedule_prefills` sets a prefill's `init_multi_step(num_scheduler_steps=
 *   _get_num_lookahead_slots(is_prefill=True) + 1)` = 1 step (lookahead is 0 for prefill), and
 *   `_append_slots` gives a decode `num_lookahead_slots + 1` steps, with `num_lookahead_slots =
 *   num_scheduler_steps − 1` (`EngineArgs.create_engine_config`); so a prefill batch is a round of one step,
 *   a decode batch a round of N.
 * - `_append_slots` calls `block_manager.append_slots(seq, num_lookahead_slots)`: each running sequence holds KV
 *   room for the N − 1 tokens ahead of the one it is computing.
 * - `LLMEngine.step` appends a round's outputs to the output queue (and so streams them) only when no steps
 *   remain: the client receives a round's N tokens together at its end. `MultiStepOutputProcessor.
 *   _process_seq_outputs` then truncates what a sequence produced past its `max_tokens` or EOS: a sequence that
 *   ends mid-round keeps its place (and its GPU work) until the round ends.
 * - `EngineArgs.create_engine_config` refuses chunked prefill with multi-step, so the scheduler is
 *   `_schedule_default`, whose prefills and decodes never share a batch (next point).
 *
 * Separate prefill:
 * - vLLM 0.6 without chunked prefill, `Scheduler._schedule_default`: "Don't schedule decodes if prefills are
 *   scheduled": when waiting prompts fit the token budget (`max_num_batched_tokens`, which running decodes do
 *   not consume there), the batch is those prefills alone; otherwise it is the decodes.
 * - SGLang 0.3.0 without `--enable-mixed-chunk`, `ModelTpServer.forward_step` (python/sglang/srt/managers/
 *   tp_worker.py; read from a copy in the code index whose repository it does not name; the sgl-project/sglang
 *   mirror is over the size limit): `get_new_prefill_batch()` first; if it returns a batch, `forward_prefill_batch`
 *   runs it alone and merges it into the running batch; else `forward_decode_batch` runs the decodes. Its loop of
 *   `num_continue_decode_steps` decodes breaks after each step when a streaming request has output, so with
 *   streaming clients new requests are considered every iteration: SGLang 0.3 is `steps: 1, prefill: separate`.
 */
import { iterationSeconds } from '../llm/llm-perf.ts';
import type { EngineLlm } from './engine-config.ts';

/** The scheduler of an llm service; omitted in `EngineLlm` = steps 1, prefill mixed with decodes. */
export interface LlmScheduler {
  /** Decode iterations per scheduling round (vLLM `num_scheduler_steps`); 1 = schedule every iteration. */
  steps: number;
  /** A prefill batch runs alone and the decodes wait for it (else prompt chunks share iterations with decodes). */
  separatePrefill: boolean;
  /**
   * How KV memory is held: `reserve` (omitted) reserves prompt + output at admission, never preempting (TensorRT-LLM's
   * GUARANTEED_NO_EVICT); `paged` grows a sequence a block at a time and preempts the newest when a step cannot get
   * one (vLLM V1; engine/paged-kv.ts).
   */
  kvAllocation?: 'reserve' | 'paged';
  /**
   * Paged only: automatic prefix caching (vLLM V1's default, `llm.prefixCaching`): a preempted request's full blocks stay
   * cached in the free queue until allocations evict them, and its re-prefill skips those still there (engine/free-block-queue.ts).
   * Omitted: off.
   */
  blockCaching?: boolean;
}

/** KV tokens a running sequence holds beyond its own (vLLM's `num_lookahead_slots` = steps − 1). */
export function lookaheadSlots(steps: number): number {
  return steps - 1;
}

/**
 * Seconds of a decode round of `steps` iterations over `decoding` sequences whose contexts sum to `context`
 * at its start: each iteration attends to (and reads) one more token per sequence than the one before.
 */
export function decodeRoundSeconds(steps: number, decoding: number, context: number, cfg: Pick<EngineLlm, 'model' | 'hardware' | 'efficiency'>): number {
  let seconds = 0;
  for (let k = 0; k < steps; k++) {
    const ctx = context + k * decoding;
    seconds += iterationSeconds({ tokens: decoding, attendedTokens: ctx, kvTokensRead: ctx }, cfg.model, cfg.hardware, cfg.efficiency);
  }
  return seconds;
}
