/**
 * Speculative decoding (Leviathan et al., "Fast Inference from Transformers via Speculative Decoding", ICML 2023,
 * arXiv:2211.17192; Chen et al., arXiv:2302.01318): a proposer drafts k tokens per decoding sequence, the target
 * model verifies the k drafts and computes its own next token in one forward pass, and the sequence keeps the
 * drafts up to the first rejected one plus the target's token.
 *
 * Acceptance: each draft token is accepted with probability α, independently, until the first rejection (the
 * paper's i.i.d. assumption, §3.1), so a step yields T ∈ {1, …, k+1} tokens with P(T ≥ j+1) = α^j (j ≤ k) and
 * E[T] = (1 − α^{k+1}) / (1 − α) (its equation 1). Engines report E[T] as the "mean acceptance length".
 *
 * Cost of one decode step, with `decoding` sequences whose contexts sum to C:
 * - target: one pass over (k+1) tokens per sequence: the weights read once, 2·params FLOPs per token, attention
 *   of position j (0 … k) over its context + j, the batch's KV read once (the k+1 queries of a sequence share it);
 * - proposer: k autoregressive passes at the same batch of a draft model (its own roofline: weights, KV, FLOPs),
 *   or of an EAGLE / MTP head, taken as one decoder layer of the target's shape plus an LM head of the target's
 *   vocabulary (EAGLE, arXiv:2401.15077, and EAGLE-3, arXiv:2503.01840: a single decoder layer over the target's
 *   features; DeepSeek-V3's MTP module, arXiv:2412.19437 §2.2: one transformer block sharing the output head);
 *   n-gram (prompt lookup) proposes on the CPU: 0. A proposer pass is charged its roofline without the step
 *   overhead, which the engine step (scheduling, sampling, output processing) pays once on the target's pass.
 */
import { iterationSeconds, type IterationWork, type LlmCostModel, type LlmEfficiency, type LlmHardware } from './llm-perf.ts';

/** How the drafts are proposed (vLLM's `speculative_config.method`, grouped by what they cost). */
export type SpeculativeMethod = 'eagle' | 'draft' | 'ngram' | 'mtp';

/** A service's speculative decoding, resolved for the engine. */
export interface EngineSpeculative {
  method: SpeculativeMethod;
  /** Draft tokens per step, k (vLLM `num_speculative_tokens`). */
  tokens: number;
  /** Probability α that a draft token is accepted, given the ones before it were; in [0, 1). */
  acceptance: number;
  /** The proposer's cost model (a draft model, or an EAGLE/MTP head); null for n-gram (no GPU work). */
  proposer: LlmCostModel | null;
}

/** E[T], the mean tokens a sequence gains per step: (1 − α^{k+1}) / (1 − α); k + 1 in the limit α → 1. */
export function expectedTokensPerStep(acceptance: number, k: number): number {
  if (acceptance >= 1) return k + 1;
  return (1 - Math.pow(acceptance, k + 1)) / (1 - acceptance);
}

/**
 * The acceptance rate α whose mean tokens per step is `length` (1 ≤ length < k + 1), by bisection: E[T] rises
 * strictly with α on [0, 1), so the root is unique; 60 halvings leave it within 1e-18.
 */
export function acceptanceForLength(length: number, k: number): number {
  let lo = 0;
  let hi = 1;
  for (let n = 0; n < 60; n++) {
    const mid = (lo + hi) / 2;
    if (expectedTokensPerStep(mid, k) < length) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * α^1 … α^k, the chances that a step yields more than 1 … k tokens (P(T ≥ j+1) = α^j), for `tokensOfDraw`: computed once
 * per service so that a draw costs a few comparisons, not a logarithm (llm/speculative-steps.ts draws single steps
 * with it, and builds its tables from it).
 */
export function acceptanceThresholds(acceptance: number, k: number): Float64Array {
  const out = new Float64Array(k);
  for (let j = 1; j <= k; j++) out[j - 1] = acceptance <= 0 ? 0 : acceptance >= 1 ? 1 : Math.pow(acceptance, j);
  return out;
}

/**
 * Tokens one step yields from one uniform draw u ∈ [0, 1): T = 1 + #{j ≤ k : u < α^j}, which is P(T ≥ j+1) = α^j
 * inverted (the same T as 1 + ⌊ln u / ln α⌋ capped at k + 1, but for draws on a threshold). `thresholds` is
 * `acceptanceThresholds(α, k)`: α = 0 always gives 1, α = 1 (which only tests build) always k + 1.
 */
export function tokensOfDraw(u: number, thresholds: Float64Array): number {
  let t = 1;
  while (t <= thresholds.length && u < thresholds[t - 1]!) t++;
  return t;
}

/**
 * The target's verification pass for `decoding` sequences with context sum `context`: (k+1) tokens each. Written into
 * `out` when given (the executor's per-step record: no allocation per step), else into a new record.
 */
export function verifyWork(decoding: number, context: number, k: number, out: IterationWork = { tokens: 0, attendedTokens: 0, kvTokensRead: 0 }): IterationWork {
  const q = k + 1;
  out.tokens = decoding * q;
  out.attendedTokens = q * context + (decoding * k * q) / 2;
  out.kvTokensRead = context;
  return out;
}

/**
 * Seconds of the proposer's k passes over `decoding` sequences with context sum `context` (the j-th pass attends
 * to one more token per sequence), plus, in its first pass, the prompt tokens prefilled this iteration
 * (`prefill`), whose KV the draft needs too. 0 without a proposer (n-gram) or without work. `passEff`: the
 * service's efficiencies with no step overhead (`proposerEfficiency`).
 */
export function proposerSeconds(s: EngineSpeculative, decoding: number, context: number, prefill: IterationWork, hw: LlmHardware, passEff: LlmEfficiency): number {
  const m = s.proposer;
  if (m === null) return 0;
  let seconds = 0;
  // One work record for the k passes (this runs every decode step: no allocation per pass).
  const work = PASS;
  for (let j = 0; j < s.tokens; j++) {
    const ctx = context + j * decoding;
    work.tokens = j === 0 ? decoding + prefill.tokens : decoding;
    work.attendedTokens = j === 0 ? ctx + prefill.attendedTokens : ctx;
    work.kvTokensRead = j === 0 ? ctx + prefill.kvTokensRead : ctx;
    if (work.tokens > 0) seconds += iterationSeconds(work, m, hw, passEff);
  }
  return seconds;
}

/** `proposerSeconds`'s scratch record, overwritten by each pass before it is read (nothing keeps it). */
const PASS: IterationWork = { tokens: 0, attendedTokens: 0, kvTokensRead: 0 };

/** The efficiencies a proposer pass runs at: the service's, without the per-step overhead (paid once per engine step). */
export function proposerEfficiency(eff: LlmEfficiency): LlmEfficiency {
  return { ...eff, stepOverheadSeconds: 0 };
}
