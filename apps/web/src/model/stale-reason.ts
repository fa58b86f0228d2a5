/**
 * Whether the result on screen still describes the design, and if not why, in a few words: a
 * result is only trustworthy for the exact design it was computed from, run to the end.
 */
import type { RunStatus, ShownResult } from './run-state.ts';

/** What decides staleness: the shown result, the run status, and the design as it is now. */
export interface StaleInput {
  shown: ShownResult | null;
  status: RunStatus;
  /** The key of the design as it is now (validate-design.ts). */
  designKey: string;
  /** metadata.name of the design now. */
  designName: string | null;
  /** True when the design now has validation errors. */
  hasErrors: boolean;
}

/** Null when the shown result is the current design's (complete, or a snapshot of the run in progress); else why not. */
export function staleReason({ shown, status, designKey, designName, hasErrors }: StaleInput): string | null {
  if (shown === null) return null;
  if (designName !== null && shown.result.scenario.name !== designName) return `from another design (${shown.result.scenario.name})`;
  if (hasErrors) return 'the design has issues to fix; these results are from before them';
  if (shown.key !== designKey) return 'from before your last edit';
  if (shown.result.progress < 1 && status !== 'running') return `incomplete: the run stopped at ${Math.floor(shown.result.progress * 100)}%`;
  return null;
}
