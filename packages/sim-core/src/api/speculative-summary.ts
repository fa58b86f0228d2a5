/** The `summary.llm.speculative` block: what speculative decoding yielded per step over the run. */
import type { EngineSpeculativeResult } from '../engine/engine-result.ts';
import type { ServingSummary } from './run-result.ts';

type SpeculativeSummary = NonNullable<NonNullable<ServingSummary['llm']>['speculative']>;

/**
 * Mean tokens per sequence-step and the draft acceptance rate from the run's counts; null without speculation.
 * Both are of the acceptance draws, as an engine's acceptance counters report them (a sequence's last step may
 * use fewer tokens than its draw: the output it had left).
 */
export function speculativeSummary(r: EngineSpeculativeResult | null): SpeculativeSummary | null {
  if (r === null) return null;
  const steps = r.sequenceSteps;
  return {
    sequenceSteps: steps,
    acceptedTokensPerStep: steps > 0 ? r.drawnTokens / steps : 0,
    draftAcceptanceRate: r.proposedTokens > 0 ? (r.drawnTokens - steps) / r.proposedTokens : 0,
  };
}
