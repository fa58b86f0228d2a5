/**
 * The run result a view shows, and whether it still describes the design on the canvas: read from
 * the run store slice by slice, the result as a deferred (interruptible) update so a big result
 * never blocks input for long — except the page's first result, rendered at once: deferred, its render
 * was interrupted and restarted by every later snapshot and progress message, and the first chart waited
 * 0.3–0.9 s more on a busy machine (docs/performance.md). After an edit the previous result stays on
 * screen (marked stale) while the new one renders deferred. The canvas and the panel under it each call it for themselves.
 */
import { useDeferredValue } from 'react';
import { asObject, type PlainObject } from '../model/doc-path.ts';
import type { RunStore } from '../model/run-store.ts';
import { staleReason } from '../model/stale-reason.ts';
import type { DesignValidation } from '../model/validate-design.ts';
import { useRunState } from './useRunState.ts';

/** The shown run of `store` for the design `doc` with its `validation`. */
export function useShownRun(store: RunStore, validation: DesignValidation, doc: PlainObject) {
  const shownNow = useRunState(store, (s) => s.shown);
  const runStatus = useRunState(store, (s) => s.status);
  const deferred = useDeferredValue(shownNow);
  const shown = deferred ?? shownNow;
  const result = shown?.result ?? null;
  const designName = asObject(doc.metadata).name;
  // Judged on the result on screen (the deferred one): judging the store's newer result instead showed
  // the previous design's figures unmarked for a frame or two while the new ones rendered.
  const staleWhy = staleReason({
    shown,
    status: runStatus,
    designKey: validation.key,
    designName: typeof designName === 'string' ? designName : null,
    hasErrors: validation.errors.length > 0 && !validation.pending,
  });
  return {
    shown,
    result,
    /** Why the shown result no longer describes the design (null while it does). */
    staleWhy,
    /** Compare and practice grade a design: a snapshot of a run still going is not graded yet. */
    unfinished: result !== null && result.progress < 1,
    /** A snapshot of the run in progress is shown. */
    partial: shownNow !== null && shownNow.result.progress < 1 && runStatus === 'running',
    /** A result of another design says nothing about these nodes: no badges rather than wrong ones. */
    otherDesign: result !== null && typeof designName === 'string' && result.scenario.name !== designName,
  };
}
