/**
 * A progress bar on stderr for long runs: shown only on a terminal and only once a run has taken more
 * than `delayMs` (1 s), so short runs and redirected output stay clean. Redrawn in place with \r.
 * Off a terminal (CI, a pipe) a run long enough to look hung gets one plain line every `lineMs` (30 s),
 * the first after 30 s: a minutes-long run within the limits says it is alive (docs/limits.md).
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
  /** Off a terminal: the wall time before the first plain progress line and between lines, ms. */
  lineMs?: number;
}

/** Off a terminal: a line every `lineMs` of wall time, nothing for a shorter run. */
function progressLines(sink: TextSink, label: string, now: () => number, lineMs: number): ProgressBar {
  const start = now();
  let next = start + lineMs;
  return {
    update(fraction) {
      const t = now();
      if (t < next) return;
      next = t + lineMs;
      const pct = Math.floor(Math.min(1, Math.max(0, fraction)) * 100);
      sink.write(`progress: ${label} ${pct}% of simulated time after ${Math.round((t - start) / 1000)} s\n`);
    },
    finish: () => undefined,
  };
}

/** A bar labelled `label` drawn on `sink`, or plain lines for a long run when the sink is not a terminal. */
export function createProgressBar(sink: TextSink, label: string, now: () => number, options: ProgressBarOptions = {}): ProgressBar {
  if (!sink.isTTY) return progressLines(sink, label, now, options.lineMs ?? 30_000);
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
