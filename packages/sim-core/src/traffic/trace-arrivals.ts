/**
 * Arrivals replayed from a trace: the same `next()` contract as ArrivalProcess (the next arrival time, or
 * Infinity), plus the row's token counts, which override the LLM service's inputTokens/outputTokens.
 * Rows are pulled one at a time from a TraceRows reader, so memory does not grow with the trace.
 */
import { formatInteger } from '../scenario/describe-value.ts';
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

/**
 * Most rows of a looping trace kept in memory after its first pass (3 numbers each: 24 MB at most), so later
 * passes replay without reopening the file. Reopening per pass cost about 100 µs: a 2-row trace 0.1 ms long
 * looped over 2 minutes (1.2 M rows) ran past a minute; a longer pass reopens rarely enough not to matter.
 */
const MAX_KEPT_ROWS = 1 << 20;

export class TraceArrivals {
  /** Token counts of the arrival `next()` last returned. */
  inputTokens = 0;
  outputTokens = 0;
  private rows: TraceRows;
  /** Simulated time added to this pass's trace times (loop). */
  private offset = 0;
  private total = 0;
  /** The first pass's rows (loop, while within MAX_KEPT_ROWS): null when not kept. */
  private kept: { t: number[]; input: number[]; output: number[] } | null;
  /** After the first pass, the next kept row to replay; -1 while reading the file. */
  private index = -1;
  /** Simulated seconds from one pass's start to the next's (loop), known after the first pass. */
  private pass = 0;

  /** @param horizonSeconds the run's simulated length, to bound a looping trace's passes before replaying them. */
  constructor(
    private readonly trace: EngineTrace,
    private readonly open: TraceOpener,
    private readonly horizonSeconds: number,
  ) {
    this.rows = new TraceRows(open(trace.file), trace.format, trace.file);
    this.kept = trace.loop ? { t: [], input: [], output: [] } : null;
  }

  /** The next arrival time (s), or Infinity when the trace has ended (and does not loop). */
  next(): number {
    if (this.index >= 0) return this.nextKept();
    const rows = this.rows;
    if (!rows.next()) {
      if (!this.trace.loop || rows.rows === 0) return this.end(rows);
      if (this.pass === 0) this.firstPassEnded(rows);
      this.offset += this.pass;
      rows.close();
      if (this.kept !== null) {
        this.index = 0;
        return this.nextKept();
      }
      this.rows = new TraceRows(this.open(this.trace.file), this.trace.format, this.trace.file);
      return this.next();
    }
    this.count(rows.line);
    this.inputTokens = rows.inputTokens;
    this.outputTokens = rows.outputTokens;
    const kept = this.kept;
    if (kept !== null) {
      if (kept.t.length < MAX_KEPT_ROWS) {
        kept.t.push(rows.t);
        kept.input.push(rows.inputTokens);
        kept.output.push(rows.outputTokens);
      } else this.kept = null;
    }
    return this.offset + rows.t * this.trace.timeScale;
  }

  /** One pass ends: the next starts one mean gap after its last row. Checks the run's rows before replaying them. */
  private firstPassEnded(rows: TraceRows): void {
    const n = rows.rows;
    const span = rows.t;
    if (n < 2 || span <= 0) throw new TraceFormatError(this.trace.file, rows.line, 1, 'loop', 'a trace spanning some time to loop over (two rows at different times)', `${n} row(s) over ${span} s`);
    this.pass = (span + span / (n - 1)) * this.trace.timeScale;
    // A pass of 2 rows 1e-12 s apart (or a timeScale of 1e-300) looped for 10^14 passes and never reached
    // MAX_TRACE_ROWS in count(): the run's rows are known here, so an over-long loop stops before it starts.
    const projected = n * Math.ceil(this.horizonSeconds / this.pass);
    if (projected > MAX_TRACE_ROWS) {
      const about = Number.isFinite(projected) ? `about ${projected.toPrecision(2)}` : 'endlessly many';
      throw new TraceFormatError(this.trace.file, rows.line, 1, 'loop', `at most ${formatInteger(MAX_TRACE_ROWS)} rows replayed in one run (docs/limits.md)`, `${about}: a pass of ${n} rows lasts ${this.pass.toPrecision(3)} s (span × timeScale, plus one mean gap) and repeats to fill the ${this.horizonSeconds} s run; use a larger timeScale or turn loop off`);
    }
  }

  /** The next row of a pass replayed from memory. */
  private nextKept(): number {
    const kept = this.kept!;
    if (this.index === kept.t.length) {
      this.index = 0;
      this.offset += this.pass;
    }
    const i = this.index++;
    this.count(this.rows.line);
    this.inputTokens = kept.input[i]!;
    this.outputTokens = kept.output[i]!;
    return this.offset + kept.t[i]! * this.trace.timeScale;
  }

  private count(line: number): void {
    if (++this.total > MAX_TRACE_ROWS) throw new TraceFormatError(this.trace.file, line, 1, 'rows', `at most ${MAX_TRACE_ROWS} rows replayed in one run (docs/limits.md)`, 'more');
  }

  private end(rows: TraceRows): number {
    rows.close();
    return Infinity;
  }
}
