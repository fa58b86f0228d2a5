/**
 * Pure parsers and formatters for the unit-bearing values of a scenario file.
 * Canonical units after parsing: durations in seconds, fractions in 0..1, percents in 0..100,
 * counts as plain numbers, clock times as seconds after 00:00. Every parser returns
 * `undefined` for text it does not understand (never throws), and every `suggest*` returns
 * the canonical spelling of a near miss such as `"5 minutes"` → `"5m"`.
 */

const SECONDS_PER: Readonly<Record<string, number>> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400 };

const NUMBER = String.raw`(?:\d+(?:\.\d+)?|\.\d+)`;
const DURATION_PART = new RegExp(String.raw`(${NUMBER})\s*(ms|s|m|h|d)`, 'y');
const PLAIN_NUMBER = new RegExp(String.raw`^${NUMBER}(?:[eE][+-]?\d+)?$`);

/** JSON-Schema pattern for a duration string (`50ms`, `90s`, `5m`, `1h30m`, `1d`, or bare seconds). */
export const DURATION_PATTERN = String.raw`^\s*(?:(?:\d+(?:\.\d+)?|\.\d+)\s*(?:ms|s|m|h|d)\s*)+$|^(?:\d+(?:\.\d+)?|\.\d+)$`;
/** JSON-Schema pattern for a percentage string such as `50%` or `99.9%`. */
export const PERCENT_PATTERN = String.raw`^\s*-?\d+(?:\.\d+)?\s*%\s*$`;
/** JSON-Schema pattern for a count string such as `7e9`, `7B`, `2T`, `1.5M`, `10K`. */
export const COUNT_PATTERN = String.raw`^\s*\d[\d_,]*(?:\.\d+)?(?:[eE][+-]?\d+)?\s*[kKMBT]?\s*$`;
/** JSON-Schema pattern for a clock time `HH:MM` or `HH:MM:SS`. */
export const CLOCK_PATTERN = String.raw`^(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?$`;

/** Rounds to 12 significant digits so decimal input stays decimal (1.1 s → 1100 ms, 99.9% → 0.999, not …0002). */
export function tidy(x: number): number {
  return Number.isFinite(x) && x !== 0 ? Number(x.toPrecision(12)) : x;
}

/** Parses `50ms`, `90s`, `5m`, `24h`, `1d`, `1h30m` or a bare number (seconds) into seconds; a leading `-` negates. */
export function parseDuration(text: string): number | undefined {
  let s = text.trim();
  let sign = 1;
  if (s.startsWith('-')) {
    sign = -1;
    s = s.slice(1).trim();
  }
  if (s === '') return undefined;
  if (PLAIN_NUMBER.test(s)) return sign * Number(s);
  let total = 0;
  let pos = 0;
  while (pos < s.length) {
    DURATION_PART.lastIndex = pos;
    const m = DURATION_PART.exec(s);
    if (!m) return undefined;
    total += Number(m[1]) * (SECONDS_PER[m[2] ?? ''] ?? NaN);
    pos = DURATION_PART.lastIndex;
    while (s[pos] === ' ') pos++;
  }
  return Number.isFinite(total) ? sign * tidy(total) : undefined;
}

const DURATION_WORDS: ReadonlyArray<readonly [RegExp, number]> = [
  [/^(ms|msecs?|millis|milliseconds?)$/, 0.001],
  [/^(s|secs?|seconds?)$/, 1],
  [/^(m|mins?|minutes?)$/, 60],
  [/^(h|hrs?|hours?)$/, 3600],
  [/^(d|days?)$/, 86_400],
  [/^(w|wks?|weeks?)$/, 7 * 86_400],
  [/^(y|yrs?|years?)$/, 365 * 86_400],
];

/** Canonical spelling for near-miss durations: `"5 minutes"` → `"5m"`, `"2 weeks"` → `"14d"`, `"5M"` → `"5m"`. */
export function suggestDuration(text: string): string | undefined {
  const tokens = [...text.toLowerCase().matchAll(/(\d+(?:\.\d+)?)\s*([a-z]+)/g)];
  const leftover = text.toLowerCase().replace(/(\d+(?:\.\d+)?)\s*([a-z]+)/g, '').replace(/\band\b|[\s,]/g, '');
  if (tokens.length === 0 || leftover !== '') return undefined;
  let total = 0;
  for (const t of tokens) {
    const factor = DURATION_WORDS.find(([re]) => re.test(t[2] ?? ''))?.[1];
    if (factor === undefined) return undefined;
    total += Number(t[1]) * factor;
  }
  return formatDuration(total);
}

/** Rounds away float noise (0.1+0.2) so formatted values read as typed. */
function clean(n: number): string {
  return String(tidy(n));
}

/** Formats seconds in the scenario's own syntax: 0.25 → `250ms`, 5400 → `1h30m`, 604800 → `7d`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  if (seconds < 0) return `-${formatDuration(-seconds)}`;
  if (seconds === 0) return '0s';
  // Below 1e-305 s the milliseconds are subnormal and lose digits (1e-320 s × 1000 = 9.99989e-318): seconds as given.
  if (seconds < 1e-305) return `${seconds}s`;
  if (seconds < 1) return `${clean(seconds * 1000)}ms`;
  const parts: string[] = [];
  let rest = seconds;
  for (const [unit, size] of [['d', 86_400], ['h', 3600], ['m', 60]] as const) {
    if (rest >= size) {
      const n = Math.floor(rest / size + 1e-9);
      parts.push(`${n}${unit}`);
      rest -= n * size;
    }
  }
  if (rest > 1e-9) parts.push(`${clean(rest)}s`);
  return parts.join('');
}

/** Simulated time since the start as a clock, `h:mm` (with `:ss` when not on a whole minute): 300 → `0:05`, 5430 → `1:30:30`. */
export function formatClock(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const sec = whole % 60;
  const hm = `${h}:${String(m).padStart(2, '0')}`;
  return sec === 0 ? hm : `${hm}:${String(sec).padStart(2, '0')}`;
}

/** Parses `"50%"` → 50 (percent units); undefined for anything else. */
export function parsePercentString(text: string): number | undefined {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*%\s*$/.exec(text);
  return m ? Number(m[1]) : undefined;
}

const COUNT_SUFFIX: Readonly<Record<string, number>> = { k: 1e3, K: 1e3, M: 1e6, B: 1e9, T: 1e12 };
const COUNT_WORDS: Readonly<Record<string, string>> = {
  thousand: 'K', k: 'K', m: 'M', mil: 'M', million: 'M', millions: 'M', b: 'B', bn: 'B', billion: 'B', billions: 'B',
  g: 'B', t: 'T', trillion: 'T', trillions: 'T',
};

/** Parses `7e9`, `7B`, `2T`, `1.5M`, `10K`, `1,000` or `1_000` into a number. */
export function parseCount(text: string): number | undefined {
  const m = /^\s*(\d[\d_,]*(?:\.\d+)?(?:[eE][+-]?\d+)?)\s*([kKMBT])?\s*$/.exec(text);
  if (!m || m[1] === undefined) return undefined;
  const digits = m[1].replace(/[_,]/g, '');
  const value = Number(digits) * (m[2] ? (COUNT_SUFFIX[m[2]] ?? NaN) : 1);
  return Number.isFinite(value) ? value : undefined;
}

/** Canonical spelling for near-miss counts: `"7 billion"` → `"7B"`, `"2t"` → `"2T"`. */
export function suggestCount(text: string): string | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]+)\s*$/.exec(text);
  if (!m) return undefined;
  const suffix = COUNT_WORDS[(m[2] ?? '').toLowerCase()];
  return suffix ? `${m[1]}${suffix}` : undefined;
}

/** Parses a clock time `"14:00"` or `"14:00:30"` into seconds after midnight (0 ≤ t < 86400). */
export function parseClock(text: string): number | undefined {
  const m = /^\s*(\d{1,2}):([0-5]\d)(?::([0-5]\d))?\s*$/.exec(text);
  if (!m) return undefined;
  const h = Number(m[1]);
  if (h > 23) return undefined;
  return h * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0);
}

/** Parses a plain decimal string such as `"0.5"` (YAML users sometimes quote numbers). */
export function parsePlainNumber(text: string): number | undefined {
  const s = text.trim();
  return PLAIN_NUMBER.test(s) ? Number(s) : undefined;
}

/**
 * What a fraction field given `n` above 1 probably meant: within a thousandth of 1 (1.0000001, float noise or a
 * typo) it is 1 itself; up to 100 it is a percentage written without its sign (30 → "30%"); beyond, nothing.
 * 1.0000001 was offered as "1.0000001%", a hundredth of what was meant.
 */
export function suggestFraction(n: number): string | undefined {
  if (!(n > 1)) return undefined;
  if (n < 1.001) return '1';
  return n <= 100 ? `${String(Number(n.toPrecision(12)))}%` : undefined;
}
