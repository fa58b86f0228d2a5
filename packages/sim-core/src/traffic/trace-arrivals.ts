/**
 * Arrivals replayed from a trace: the same `next()` contract as ArrivalProcess (the next arrival time, or
 * Infinity), plus the row's token counts, which override the LLM service's inputTokens/outputTokens.
 * Rows are pulled one at a time from a TraceRows reader, so memory does not grow with the trace.
 */
import { MAX_TRACE_ROWS } from '../scenario/limits.ts';
import { type TraceFormat, type TraceOpener, TraceFormatError, TraceRows } from './trace-reader.ts';

/** A trace source as the engine runs it. */
export interface EngineTrace {
  /** The path as written in the scenario (the opener resolves it). */
  file: string;
  format: TraceFormat;
  /** Simulated seconds per trace second. */
  timeScale: number;
  /** Start again after the last row, one mean gap later. */
  loop: boolean;
}

export class TraceArrivals {
  /** Token counts of the arrival `next()` last returned. */
  inputTokens = 0;
  outputTokens = 0;
  private rows: TraceRows;
  /** Simulated time added to this pass's trace times (loop). */
  private offset = 0;
  private total = 0;

  constructor(
    private readonly trace: EngineTrace,
    private readonly open: TraceOpener,
  ) {
    this.rows = new TraceRows(open(trace.file), trace.format, trace.file);
  }

  /** The next arrival time (s), or Infinity when the trace has ended (and does not loop). */
  next(): number {
    const rows = this.rows;
    if (!rows.next()) {
      if (!this.trace.loop || rows.rows === 0) return this.end(rows);
      // One pass ends: the next starts one mean gap after its last row.
      const n = rows.rows;
      const span = rows.t;
      if (n < 2 || span <= 0) throw new TraceFormatError(this.trace.file, rows.line, 1, 'loop', 'a trace spanning some time to loop over (two rows at different times)', `${n} row(s) over ${span} s`);
      this.offset += (span + span / (n - 1)) * this.trace.timeScale;
      rows.close();
      this.rows = new TraceRows(this.open(this.trace.file), this.trace.format, this.trace.file);
      return this.next();
    }
    if (++this.total > MAX_TRACE_ROWS) throw new TraceFormatError(this.trace.file, rows.line, 1, 'rows', `at most ${MAX_TRACE_ROWS} rows replayed in one run (docs/limits.md)`, 'more');
    this.inputTokens = rows.inputTokens;
    this.outputTokens = rows.outputTokens;
    return this.offset + rows.t * this.trace.timeScale;
  }

  private end(rows: TraceRows): number {
    rows.close();
    return Infinity;
  }
}
