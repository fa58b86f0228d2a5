/**
 * Streaming reader of request traces: one row at a time from text pulled in chunks, so a 10-million-line
 * trace costs a chunk of memory, never an object per row. sim-core stays pure: it never opens a file; the
 * host hands it a `TraceChunkReader` (the CLI reads the file with fs in 1 MiB chunks; a browser worker
 * could use FileReaderSync on a picked file). Pulling is synchronous, so the event loop stays a plain loop.
 *
 * Formats (docs/scenario-format.md "Trace replay"):
 * - `azure-llm`: the Azure LLM inference trace CSV as published (github.com/Azure/AzurePublicDataset):
 *   header `TIMESTAMP,ContextTokens,GeneratedTokens` (any order, extra columns ignored), TIMESTAMP a
 *   date-time like `2023-11-16 18:15:46.6805900` (optional `T`, fraction and `Z`/`±HH:MM` zone).
 * - `csv`: header `t,inputTokens,outputTokens`, t in seconds.
 * - `jsonl`: one object per line, `{"t": s, "inputTokens": n, "outputTokens": n, "session"?: string|number}`.
 * Times are relative to the first row (which is time 0) and must not decrease.
 */

/** A pull-based source of a trace's text: the next chunk, or null at the end. */
export interface TraceChunkReader {
  read(): string | null;
  close?(): void;
  /** How errors name the file (e.g. the resolved path); default: the path as written in the scenario. */
  readonly name?: string;
}

/** Opens a trace by the path written in the scenario (the host resolves it against the scenario's folder). */
export type TraceOpener = (file: string) => TraceChunkReader;

/** Trace formats. */
export type TraceFormat = 'azure-llm' | 'csv' | 'jsonl';

/** A bad row (or header) of a trace, located. */
export class TraceFormatError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly field: string,
    readonly expected: string,
    readonly got: string,
  ) {
    super(`${file}:${line}:${column} ${field}: expected ${expected}, got ${got}`);
    this.name = 'TraceFormatError';
  }
}

const COLUMNS: Record<Exclude<TraceFormat, 'jsonl'>, readonly [string, string, string]> = {
  'azure-llm': ['TIMESTAMP', 'ContextTokens', 'GeneratedTokens'],
  csv: ['t', 'inputTokens', 'outputTokens'],
};

/** Most tokens in one request of a trace (a larger count is a corrupt row, not a prompt). */
export const MAX_TRACE_TOKENS = 10_000_000;

/** Reads rows one by one; after `next()` returns true, `t`, `inputTokens` and `outputTokens` hold the row. */
export class TraceRows {
  /** Seconds since the first row. */
  t = 0;
  inputTokens = 0;
  outputTokens = 0;
  /** Rows read so far, and the 1-based line of the last one. */
  rows = 0;
  line = 0;
  private readonly file: string;
  private buf = '';
  private pos = 0;
  private done = false;
  /** Column index of t, input and output tokens (CSV formats), and the number of columns. */
  private idx: [number, number, number] = [0, 1, 2];
  private ncols = 3;
  private headerSeen: boolean;
  /** Origin of azure-llm timestamps: day number and seconds of day of the first row. */
  private day0 = NaN;
  private sec0 = 0;
  private prevT = 0;
  // Scratch for date-time parsing.
  private dDay = 0;
  private dSec = 0;

  constructor(
    private readonly reader: TraceChunkReader,
    private readonly format: TraceFormat,
    file: string,
  ) {
    this.headerSeen = format === 'jsonl';
    this.file = reader.name ?? file;
  }

  /** Reads the next row; false at the end of the trace. Throws TraceFormatError on a bad row. */
  next(): boolean {
    for (;;) {
      const line = this.nextLine();
      if (line === null) return false;
      if (isBlank(line)) continue;
      if (!this.headerSeen) {
        this.header(line);
        continue;
      }
      if (this.format === 'jsonl') this.jsonRow(line);
      else this.csvRow(line);
      if (this.t < this.prevT) this.fail(1, this.format === 'jsonl' ? 't' : COLUMNS[this.format][0], `a time not before the previous row's (${fmt(this.prevT)} s after the first row)`, `${fmt(this.t)} s`);
      this.prevT = this.t;
      this.rows++;
      return true;
    }
  }

  close(): void {
    this.reader.close?.();
  }

  private nextLine(): string | null {
    for (;;) {
      const nl = this.buf.indexOf('\n', this.pos);
      if (nl >= 0) {
        const end = nl > this.pos && this.buf.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        const line = this.buf.slice(this.pos, end);
        this.pos = nl + 1;
        this.line++;
        return line;
      }
      if (this.done) {
        if (this.pos >= this.buf.length) return null;
        let line = this.buf.slice(this.pos);
        if (line.endsWith('\r')) line = line.slice(0, -1);
        this.pos = this.buf.length;
        this.line++;
        return line;
      }
      const chunk = this.reader.read();
      if (chunk === null) this.done = true;
      else this.buf = this.pos < this.buf.length ? this.buf.slice(this.pos) + chunk : chunk;
      if (chunk !== null) this.pos = 0;
    }
  }

  private header(line: string): void {
    const fmtName = this.format as Exclude<TraceFormat, 'jsonl'>;
    const want = COLUMNS[fmtName];
    const cols = line.split(',').map((c) => c.trim().replace(/^\uFEFF/, ''));
    const idx = want.map((w) => cols.indexOf(w));
    const missing = idx.findIndex((i) => i < 0);
    if (missing >= 0) this.fail(1, 'header', `a header row with ${want.join(',')} (the ${this.format} format)`, JSON.stringify(truncate(line)));
    this.idx = idx as [number, number, number];
    this.ncols = cols.length;
    this.headerSeen = true;
  }

  private csvRow(line: string): void {
    const names = COLUMNS[this.format as Exclude<TraceFormat, 'jsonl'>];
    // Field boundaries without allocating an array of strings.
    let col = 0;
    let start = 0;
    let tS = -1;
    let tE = -1;
    let iS = -1;
    let iE = -1;
    let oS = -1;
    let oE = -1;
    const [ti, ii, oi] = this.idx;
    for (let p = 0; p <= line.length; p++) {
      if (p < line.length && line.charCodeAt(p) !== 44) continue;
      if (col === ti) {
        tS = start;
        tE = p;
      } else if (col === ii) {
        iS = start;
        iE = p;
      } else if (col === oi) {
        oS = start;
        oE = p;
      }
      col++;
      start = p + 1;
    }
    if (col !== this.ncols) this.fail(1, 'row', `${this.ncols} comma-separated fields (as in the header)`, `${col} in ${JSON.stringify(truncate(line))}`);
    if (this.format === 'azure-llm') this.t = this.dateTime(line, tS, tE, names[0]);
    else {
      const t = parseNumber(line, tS, tE);
      if (!(t >= 0)) this.fail(tS + 1, names[0], 'seconds, a number ≥ 0', JSON.stringify(line.slice(tS, tE)));
      this.t = t;
    }
    this.inputTokens = this.tokens(line, iS, iE, names[1]);
    this.outputTokens = this.tokens(line, oS, oE, names[2]);
  }

  private tokens(line: string, s: number, e: number, field: string): number {
    const n = parseNumber(line, s, e);
    if (!(Number.isInteger(n) && n >= 0 && n <= MAX_TRACE_TOKENS)) this.fail(s + 1, field, `a whole number of tokens from 0 to ${MAX_TRACE_TOKENS}`, JSON.stringify(line.slice(s, e)));
    return n;
  }

  /** `YYYY-MM-DD[ T]hh:mm:ss[.fff…][Z|±hh:mm]` → seconds since the first row's timestamp. */
  private dateTime(line: string, s: number, e: number, field: string): number {
    while (s < e && line.charCodeAt(s) === 32) s++;
    while (e > s && line.charCodeAt(e - 1) === 32) e--;
    if (!this.parseDateTime(line, s, e)) this.fail(s + 1, field, 'a date-time like 2023-11-16 18:15:46.6805900', JSON.stringify(line.slice(s, e)));
    if (Number.isNaN(this.day0)) {
      this.day0 = this.dDay;
      this.sec0 = this.dSec;
    }
    return (this.dDay - this.day0) * 86_400 + (this.dSec - this.sec0);
  }

  private parseDateTime(l: string, s: number, e: number): boolean {
    if (e - s < 19) return false;
    const y = digits(l, s, 4);
    const mo = digits(l, s + 5, 2);
    const d = digits(l, s + 8, 2);
    const h = digits(l, s + 11, 2);
    const mi = digits(l, s + 14, 2);
    const se = digits(l, s + 17, 2);
    const sep = l.charCodeAt(s + 10);
    if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 60) return false;
    if (l.charCodeAt(s + 4) !== 45 || l.charCodeAt(s + 7) !== 45 || (sep !== 32 && sep !== 84) || l.charCodeAt(s + 13) !== 58 || l.charCodeAt(s + 16) !== 58) return false;
    let p = s + 19;
    let frac = 0;
    if (p < e && l.charCodeAt(p) === 46) {
      let scale = 0.1;
      p++;
      const first = p;
      while (p < e) {
        const c = l.charCodeAt(p) - 48;
        if (c < 0 || c > 9) break;
        frac += c * scale;
        scale /= 10;
        p++;
      }
      if (p === first) return false;
    }
    let offset = 0;
    if (p < e) {
      const c = l.charCodeAt(p);
      if (c === 90 && p + 1 === e) offset = 0;
      else if ((c === 43 || c === 45) && e - p === 6 && l.charCodeAt(p + 3) === 58) {
        const oh = digits(l, p + 1, 2);
        const om = digits(l, p + 4, 2);
        if (oh < 0 || om < 0) return false;
        offset = (c === 43 ? 1 : -1) * (oh * 3600 + om * 60);
      } else return false;
    }
    this.dDay = daysFromCivil(y, mo, d);
    this.dSec = h * 3600 + mi * 60 + se + frac - offset;
    return true;
  }

  private jsonRow(line: string): void {
    let o: unknown;
    try {
      o = JSON.parse(line);
    } catch {
      this.fail(1, 'row', 'one JSON object per line', JSON.stringify(truncate(line)));
    }
    if (typeof o !== 'object' || o === null || Array.isArray(o)) this.fail(1, 'row', 'a JSON object {"t", "inputTokens", "outputTokens"}', JSON.stringify(truncate(line)));
    const r = o as Record<string, unknown>;
    const col = (key: string): number => {
      const at = line.indexOf(`"${key}"`);
      return at < 0 ? 1 : at + 1;
    };
    const num = (key: string, expected: string, ok: (n: number) => boolean): number => {
      const v = r[key];
      if (typeof v !== 'number' || !ok(v)) this.fail(col(key), key, expected, v === undefined ? 'nothing (missing)' : JSON.stringify(v));
      return v as number;
    };
    this.t = num('t', 'seconds, a number ≥ 0', (n) => n >= 0);
    const tok = (n: number) => Number.isInteger(n) && n >= 0 && n <= MAX_TRACE_TOKENS;
    this.inputTokens = num('inputTokens', `a whole number of tokens from 0 to ${MAX_TRACE_TOKENS}`, tok);
    this.outputTokens = num('outputTokens', `a whole number of tokens from 0 to ${MAX_TRACE_TOKENS}`, tok);
    const session = r['session'];
    if (session !== undefined && typeof session !== 'string' && typeof session !== 'number') this.fail(col('session'), 'session', 'a string or a number', JSON.stringify(session));
    for (const key of Object.keys(r)) {
      if (key !== 't' && key !== 'inputTokens' && key !== 'outputTokens' && key !== 'session') this.fail(col(key), key, 'only t, inputTokens, outputTokens and session', `an unknown field "${key}"`);
    }
  }

  private fail(column: number, field: string, expected: string, got: string): never {
    throw new TraceFormatError(this.file, this.line, column, field, expected, got);
  }
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** A plain decimal number in line[s, e) (surrounding spaces allowed), or NaN. */
function parseNumber(l: string, s: number, e: number): number {
  while (s < e && l.charCodeAt(s) === 32) s++;
  while (e > s && l.charCodeAt(e - 1) === 32) e--;
  if (s >= e) return NaN;
  // Fast path: unsigned decimal digits with an optional fraction (no exponent, no sign).
  let n = 0;
  let p = s;
  for (; p < e; p++) {
    const c = l.charCodeAt(p) - 48;
    if (c < 0 || c > 9) break;
    n = n * 10 + c;
  }
  if (p === e) return n;
  if (l.charCodeAt(p) === 46 && p > s && e - p <= 16) {
    let f = 0;
    let q = p + 1;
    for (; q < e; q++) {
      const c = l.charCodeAt(q) - 48;
      if (c < 0 || c > 9) break;
      f = f * 10 + c;
    }
    if (q === e) return n + f / POW10[e - p - 1]!;
  }
  const text = l.slice(s, e);
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : NaN;
}

const POW10 = Float64Array.from({ length: 17 }, (_, i) => 10 ** i);

/** `n` decimal digits at l[s…], or -1. */
function digits(l: string, s: number, n: number): number {
  let v = 0;
  for (let i = 0; i < n; i++) {
    const c = l.charCodeAt(s + i) - 48;
    if (!(c >= 0 && c <= 9)) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant, "chrono-compatible low-level date algorithms"). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function truncate(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

function fmt(n: number): string {
  return String(Number(n.toPrecision(9)));
}
