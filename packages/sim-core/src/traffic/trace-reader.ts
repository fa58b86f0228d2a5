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
import { decodeUtf8, encodeUtf8 } from '../scenario/utf8.ts';
import { formatInteger } from '../scenario/describe-value.ts';
import { jsonDuplicateKey, mayRepeatKey } from '../scenario/json-duplicate-key.ts';

/** A pull-based source of a trace's bytes (or text): the next chunk, or null at the end. */
export interface TraceChunkReader {
  /**
   * The next chunk: bytes (UTF-8; a chunk may end mid-line or mid-character) or text; null at the end.
   * The reader keeps a chunk's bytes until the next call returns: give a new buffer each time.
   */
  read(): Uint8Array | string | null;
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

/**
 * Longest line of a trace, bytes (1 MiB): a row is tens of bytes. A file with no line break (a 60 MB run of digits)
 * was joined chunk by chunk and rescanned from its start at each one, 13 s and 300 MB before its one row was refused.
 */
export const MAX_TRACE_LINE_BYTES = 1 << 20;

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
  /**
   * The bytes not yet parsed are data[pos, data.length). Rows are parsed from bytes, never decoded into
   * strings (decoding and slicing cost more than the parse); only a header, a JSON line or an error's
   * excerpt is decoded.
   */
  private data: Uint8Array = new Uint8Array(0);
  private pos = 0;
  private done = false;
  /** The current line: data[ls, le), line end and CR excluded. */
  private ls = 0;
  private le = 0;
  /** Column index of t, input and output tokens (CSV formats), and the number of columns. */
  private ti = 0;
  private ii = 1;
  private oi = 2;
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
      if (!this.nextLine()) return false;
      if (this.blank()) continue;
      if (!this.headerSeen) {
        this.header(this.text(this.ls, this.le));
        continue;
      }
      if (this.format === 'jsonl') this.jsonRow(this.text(this.ls, this.le));
      else this.csvRow();
      if (this.t < this.prevT) this.fail(1, this.format === 'jsonl' ? 't' : COLUMNS[this.format][0], `a time not before the previous row's (${fmt(this.prevT)} s after the first row)`, `${fmt(this.t)} s`);
      this.prevT = this.t;
      this.rows++;
      return true;
    }
  }

  close(): void {
    this.reader.close?.();
  }

  /** Finds the next line in the buffer, pulling chunks as needed; false at the end. */
  private nextLine(): boolean {
    for (;;) {
      const data = this.data;
      // A plain loop, not indexOf: on a Node Buffer (the CLI's chunks) indexOf is a call into C++ per line.
      const len = data.length;
      let nl = this.pos;
      while (nl < len && data[nl] !== 10) nl++;
      if (nl < len || (this.done && this.pos < len)) {
        const end = nl;
        this.ls = this.pos;
        this.le = end > this.pos && data[end - 1] === 13 ? end - 1 : end;
        this.pos = end + 1;
        this.line++;
        return true;
      }
      if (this.done) {
        // A CSV trace starts with its header: an empty file ran as a trace of no requests.
        if (!this.headerSeen) {
          this.line = 1; // where the header belongs
          this.fail(1, 'header', `a header row with ${COLUMNS[this.format as Exclude<TraceFormat, 'jsonl'>].join(',')} (the ${this.format} format)`, 'an empty file');
        }
        // A trace of no rows is not traffic: a truncated export, a filter that kept nothing, the wrong file. It ran as
        // a design offered nothing, whose cost-only expectations passed; refused, as the empty file is.
        if (this.rows === 0) {
          this.line = this.format === 'jsonl' ? 1 : 2; // where the first row belongs
          this.fail(1, 'row', this.format === 'jsonl' ? 'at least one JSON line (a request): a trace of no requests offers nothing to judge' : 'at least one row after the header (a request): a trace of no requests offers nothing to judge', 'the end of the file');
        }
        return false;
      }
      if (len - this.pos > MAX_TRACE_LINE_BYTES) {
        this.line++;
        this.fail(1, 'row', `a line of at most ${formatInteger(MAX_TRACE_LINE_BYTES)} bytes (1 MiB; a trace row is tens of bytes)`, `more than ${formatInteger(MAX_TRACE_LINE_BYTES)} bytes without a line break`);
      }
      const chunk = this.reader.read();
      if (chunk === null) {
        this.done = true;
        continue;
      }
      const bytes = typeof chunk === 'string' ? encodeUtf8(chunk) : chunk;
      const rest = data.length - this.pos;
      if (rest <= 0) this.data = bytes;
      else {
        const joined = new Uint8Array(rest + bytes.length);
        joined.set(data.subarray(this.pos));
        joined.set(bytes, rest);
        this.data = joined;
      }
      this.pos = 0;
    }
  }

  private blank(): boolean {
    const d = this.data;
    for (let i = this.ls; i < this.le; i++) if (d[i] !== 32 && d[i] !== 9) return false;
    return true;
  }

  /** Bytes [s, e) as text; a line that is not UTF-8 is a located error. */
  private text(s: number, e: number): string {
    const r = decodeUtf8(this.data.subarray(s, e));
    if (!r.ok) this.fail(s - this.ls + r.offset + 1, 'row', 'UTF-8 text', r.reason === 'nul' ? 'a NUL byte' : 'bytes that are not UTF-8');
    return r.text;
  }

  private header(line: string): void {
    const want = COLUMNS[this.format as Exclude<TraceFormat, 'jsonl'>];
    const cols = line.split(',').map((c) => c.trim().replace(/^\uFEFF/, ''));
    const idx = want.map((w) => cols.indexOf(w));
    if (idx.some((i) => i < 0)) this.fail(1, 'header', `a header row with ${want.join(',')} (the ${this.format} format)`, JSON.stringify(truncate(line)));
    // Which of two `t` columns holds the times is a guess: the first was read and the second silently ignored.
    const twice = want.find((w) => cols.indexOf(w) !== cols.lastIndexOf(w));
    if (twice !== undefined) this.fail(1, 'header', `each of ${want.join(',')} once`, `"${twice}" twice in ${JSON.stringify(truncate(line))}`);
    this.ti = idx[0]!;
    this.ii = idx[1]!;
    this.oi = idx[2]!;
    this.ncols = cols.length;
    this.headerSeen = true;
  }

  /**
   * The common row shape (`t,in,out` in header order, plain digits) in one pass over its bytes, each byte
   * read once; false for anything else, which the general path then parses or reports.
   */
  private fastRow(): boolean {
    if (this.ti !== 0 || this.ii !== 1 || this.oi !== 2 || this.ncols !== 3) return false;
    const d = this.data;
    const le = this.le;
    let p = this.ls;
    if (this.format === 'azure-llm') {
      let comma = p;
      while (comma < le && d[comma] !== 44) comma++;
      if (comma >= le || !this.parseDateTime(p, comma)) return false;
      if (Number.isNaN(this.day0)) {
        this.day0 = this.dDay;
        this.sec0 = this.dSec;
      }
      this.t = (this.dDay - this.day0) * 86_400 + (this.dSec - this.sec0);
      p = comma + 1;
    } else {
      let n = 0;
      const first = p;
      for (; p < le; p++) {
        const c = d[p]! - 48;
        if (c < 0 || c > 9) break;
        n = n * 10 + c;
      }
      if (p === first) return false;
      if (d[p] === 46) {
        const dot = ++p;
        let f = 0;
        for (; p < le; p++) {
          const c = d[p]! - 48;
          if (c < 0 || c > 9) break;
          f = f * 10 + c;
        }
        if (p === dot || p - dot > 15) return false;
        n += f / POW10[p - dot]!;
      }
      // Digits past a double's range add up to Infinity: leave them to csvRow, which names them.
      if (d[p] !== 44 || !Number.isFinite(n)) return false;
      this.t = n;
      p++;
    }
    let a = 0;
    let q = p;
    for (; q < le; q++) {
      const c = d[q]! - 48;
      if (c < 0 || c > 9) break;
      a = a * 10 + c;
    }
    if (q === p || d[q] !== 44 || a > MAX_TRACE_TOKENS) return false;
    let b = 0;
    const r0 = ++q;
    for (; q < le; q++) {
      const c = d[q]! - 48;
      if (c < 0 || c > 9) break;
      b = b * 10 + c;
    }
    if (q !== le || q === r0 || b > MAX_TRACE_TOKENS) return false;
    this.inputTokens = a;
    this.outputTokens = b;
    return true;
  }

  /** One CSV row, parsed from its bytes in one pass: the three columns wanted, and a count of all. */
  private csvRow(): void {
    if (this.fastRow()) return;
    const d = this.data;
    const le = this.le;
    const names = COLUMNS[this.format as Exclude<TraceFormat, 'jsonl'>];
    const azure = this.format === 'azure-llm';
    let col = 0;
    let start = this.ls;
    for (let p = this.ls; p <= le; p++) {
      if (p < le && d[p] !== 44) continue;
      if (col === this.ti) {
        if (azure) this.t = this.dateTime(start, p, names[0]);
        else {
          const t = parseNumber(d, start, p);
          if (!(t >= 0 && Number.isFinite(t))) this.fail(start - this.ls + 1, names[0], 'seconds, a finite number ≥ 0', JSON.stringify(truncate(this.text(start, p))));
          this.t = t;
        }
      } else if (col === this.ii) this.inputTokens = this.tokens(start, p, names[1]);
      else if (col === this.oi) this.outputTokens = this.tokens(start, p, names[2]);
      col++;
      start = p + 1;
    }
    if (col !== this.ncols) this.fail(1, 'row', `${this.ncols} comma-separated fields (as in the header)`, `${col} in ${JSON.stringify(truncate(this.text(this.ls, le)))}`);
  }

  private tokens(s: number, e: number, field: string): number {
    const n = parseNumber(this.data, s, e);
    if (!(Number.isInteger(n) && n >= 0 && n <= MAX_TRACE_TOKENS)) this.fail(s - this.ls + 1, field, `a whole number of tokens from 0 to ${MAX_TRACE_TOKENS}`, JSON.stringify(this.text(s, e)));
    return n;
  }

  /** `YYYY-MM-DD[ T]hh:mm:ss[.fff…][Z|±hh:mm]` → seconds since the first row's timestamp. */
  private dateTime(s: number, e: number, field: string): number {
    const d = this.data;
    while (s < e && d[s] === 32) s++;
    while (e > s && d[e - 1] === 32) e--;
    if (!this.parseDateTime(s, e)) this.fail(s - this.ls + 1, field, 'a date-time like 2023-11-16 18:15:46.6805900', JSON.stringify(this.text(s, e)));
    if (Number.isNaN(this.day0)) {
      this.day0 = this.dDay;
      this.sec0 = this.dSec;
    }
    return (this.dDay - this.day0) * 86_400 + (this.dSec - this.sec0);
  }

  private parseDateTime(s: number, e: number): boolean {
    const l = this.data;
    if (e - s < 19) return false;
    const y = digits(l, s, 4);
    const mo = digits(l, s + 5, 2);
    const d = digits(l, s + 8, 2);
    const h = digits(l, s + 11, 2);
    const mi = digits(l, s + 14, 2);
    const se = digits(l, s + 17, 2);
    const sep = l[s + 10];
    if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 60) return false;
    if (l[s + 4] !== 45 || l[s + 7] !== 45 || (sep !== 32 && sep !== 84) || l[s + 13] !== 58 || l[s + 16] !== 58) return false;
    let p = s + 19;
    let frac = 0;
    if (p < e && l[p] === 46) {
      let scale = 0.1;
      p++;
      const first = p;
      while (p < e) {
        const c = l[p]! - 48;
        if (c < 0 || c > 9) break;
        frac += c * scale;
        scale /= 10;
        p++;
      }
      if (p === first) return false;
    }
    let offset = 0;
    if (p < e) {
      const c = l[p];
      if (c === 90 && p + 1 === e) offset = 0;
      else if ((c === 43 || c === 45) && e - p === 6 && l[p + 3] === 58) {
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
    // JSON.parse keeps the last of two equal keys: {"t":0,"t":5} ran at t = 5 without a word. Refused as import k8s refuses it.
    const dup = mayRepeatKey(line, o) ? jsonDuplicateKey(line) : null;
    if (dup !== null) this.fail(dup.offset + 1, dup.key, 'each key once in a JSON line (JSON.parse would keep the last silently)', `${JSON.stringify(dup.key)} again`);
    const r = o as Record<string, unknown>;
    const col = (key: string): number => {
      const at = line.indexOf(`"${key}"`);
      return at < 0 ? 1 : at + 1;
    };
    const num = (key: string, expected: string, ok: (n: number) => boolean): number => {
      const v = r[key];
      if (typeof v !== 'number' || !ok(v)) this.fail(col(key), key, expected, v === undefined ? 'nothing (missing)' : typeof v === 'number' ? writtenNumber(line, key, v) : JSON.stringify(v));
      return v as number;
    };
    this.t = num('t', 'seconds, a finite number ≥ 0', (n) => n >= 0 && Number.isFinite(n));
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


/**
 * A number as written in a JSON line: `1e400` parses to Infinity, which JSON.stringify names "null". Falls back
 * to the parsed value when the key is written with escapes (not found as written).
 */
function writtenNumber(line: string, key: string, v: number): string {
  const at = line.indexOf(`"${key}"`);
  const m = at < 0 ? null : /^\s*:\s*(-?[0-9][0-9.eE+-]*)/.exec(line.slice(at + key.length + 2));
  return m ? m[1]! : String(v);
}

/** A plain decimal number in bytes [s, e) (surrounding spaces allowed), or NaN. */
function parseNumber(l: Uint8Array, s: number, e: number): number {
  while (s < e && l[s] === 32) s++;
  while (e > s && l[e - 1] === 32) e--;
  if (s >= e) return NaN;
  // Fast path: unsigned decimal digits with an optional fraction (no exponent, no sign).
  let n = 0;
  let p = s;
  for (; p < e; p++) {
    const c = l[p]! - 48;
    if (c < 0 || c > 9) break;
    n = n * 10 + c;
  }
  if (p === e) return n;
  if (l[p] === 46 && p > s && e - p <= 16) {
    let f = 0;
    let q = p + 1;
    for (; q < e; q++) {
      const c = l[q]! - 48;
      if (c < 0 || c > 9) break;
      f = f * 10 + c;
    }
    if (q === e) return n + f / POW10[e - p - 1]!;
  }
  let text = '';
  for (let i = s; i < e; i++) text += String.fromCharCode(l[i]!);
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : NaN;
}

const POW10 = Float64Array.from({ length: 17 }, (_, i) => 10 ** i);

/** `n` decimal digits at l[s…], or -1. */
function digits(l: Uint8Array, s: number, n: number): number {
  let v = 0;
  for (let i = 0; i < n; i++) {
    const c = l[s + i]! - 48;
    if (!(c >= 0 && c <= 9)) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant, "chrono-compatible low-level date algorithms"). */
/** Days in month `m` (1-12) of year `y` (Gregorian): 2023-02-30 was read as 2 March, a silent two-day jump. */
function daysInMonth(y: number, m: number): number {
  if (m === 2) return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

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
