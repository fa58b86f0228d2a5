/**
 * A progress bar on stderr for long runs: shown only on a terminal and only once a run has taken more
 * than `delayMs` (1 s), so short runs and redirected output stay clean. Redrawn in place with \r.
 */
import type { TextSink } from '../context.ts';

/** Feeds the bar (runScenario's onProgress) and clears it at the end. */
export interface ProgressBar {
  update(fraction: number): void;
  finish(): void;
}

export interface ProgressBarOptions {
  delayMs?: number;
  /** Least time between redraws, ms. */
  redrawMs?: number;
  width?: number;
}

const NO_BAR: ProgressBar = { update: () => undefined, finish: () => undefined };

/** A bar labelled `label` drawn on `sink`, or a no-op when the sink is not a terminal. */
export function createProgressBar(sink: TextSink, label: string, now: () => number, options: ProgressBarOptions = {}): ProgressBar {
  if (!sink.isTTY) return NO_BAR;
  const { delayMs = 1000, redrawMs = 100, width = 30 } = options;
  const start = now();
  let lastDraw = -Infinity;
  let drawn = false;
  return {
    update(fraction) {
      const t = now();
      if (t - start < delayMs || t - lastDraw < redrawMs) return;
      const f = Math.min(1, Math.max(0, fraction));
      const filled = Math.round(f * width);
      sink.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.floor(f * 100)}%\u001b[K`);
      lastDraw = t;
      drawn = true;
    },
    finish() {
      if (drawn) sink.write('\r\u001b[K');
      drawn = false;
    },
  };
}
