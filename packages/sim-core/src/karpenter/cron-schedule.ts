/**
 * The cron schedules of Karpenter's disruption budgets: a port of github.com/robfig/cron v3.0.1 (the version
 * kubernetes-sigs/karpenter@2266468104f36373ed002241afaee2d3bbc26078 pins in go.mod), commit
 * ccba498c397bb90a9c84945bbb0f7af2d72b6309:
 * - parser.go `ParseStandard`: five fields (minute hour day-of-month month day-of-week), each a comma list of `*`,
 *   `?`, `n`, `a-b`, with an optional `/step` (`n/step` means `n-max/step`); month names jan…dec and day names
 *   sun…sat, any case; day-of-week is 0…6 (7 is rejected, unlike Vixie cron); descriptors @yearly, @annually,
 *   @monthly, @weekly, @daily, @midnight, @hourly. `@every <duration>` is parsed there too, but the NodePool CRD's
 *   schedule pattern never lets a valid one through (scenario/budget-schedule-schema.ts), so it is refused here.
 * - spec.go `SpecSchedule.Next` and `dayMatches`: when day-of-month and day-of-week are both restricted (neither
 *   holds a star or `?`; a star with step 1 still counts, a star with a larger step does not) a day matching EITHER
 *   fires; otherwise both must match.
 *   `Next` returns the zero time when nothing fires within five years (e.g. "0 0 30 2 *"): null here.
 * Karpenter parses `"TZ=UTC " + schedule`, so every schedule is in UTC and the walk below uses UTC fields only
 * (no daylight-saving branch of `Next` is reachable).
 */

/** A parsed cron schedule: for each field, which values fire (index = value), as robfig/cron's bit sets. */
export interface CronSchedule {
  minute: readonly boolean[];
  hour: readonly boolean[];
  /** Days of the month, 1…31. */
  dom: readonly boolean[];
  /** Months, 1…12. */
  month: readonly boolean[];
  /** Days of the week, 0 = Sunday … 6. */
  dow: readonly boolean[];
  /** robfig/cron's `starBit` on the day fields: a `*` or `?` (step ≤ 1) was given, so `dayMatches` ANDs them. */
  domStar: boolean;
  dowStar: boolean;
}

/** A schedule, or robfig/cron's error message for the spec. */
export type CronParse = { ok: true; schedule: CronSchedule } | { ok: false; error: string };

interface Bounds {
  min: number;
  max: number;
  names?: Readonly<Record<string, number>>;
}

const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DOM: Bounds = { min: 1, max: 31 };
const MONTHS: Bounds = { min: 1, max: 12, names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 } };
const DOW: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };

// Go's unicode.IsSpace, which strings.Fields and strings.TrimSpace use (JS's \s differs: it has U+FEFF, not U+0085).
const GO_SPACE = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const GO_FIELDS = new RegExp(`[${GO_SPACE}]+`);
const GO_TRIM = new RegExp(`^[${GO_SPACE}]+|[${GO_SPACE}]+$`, 'g');

class CronError extends Error {}

/** strconv.Atoi then parser.go `mustParseInt`: optional sign, decimal digits, not negative. */
function mustParseInt(expr: string): number {
  if (!/^[+-]?[0-9]+$/.test(expr)) throw new CronError(`failed to parse int from ${expr}: strconv.Atoi: parsing "${expr}": invalid syntax`);
  const num = Number(expr);
  if (!Number.isSafeInteger(num)) throw new CronError(`failed to parse int from ${expr}: strconv.Atoi: parsing "${expr}": value out of range`);
  if (num < 0) throw new CronError(`negative number (${num}) not allowed: ${expr}`);
  return num;
}

function parseIntOrName(expr: string, names: Bounds['names']): number {
  const named = names?.[expr.toLowerCase()];
  return named ?? mustParseInt(expr);
}

/** parser.go `getRange`: one `*`, `n`, `a-b`, with an optional `/step`. */
function getRange(expr: string, r: Bounds, bits: boolean[]): boolean {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0]!.split('-');
  const singleDigit = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    // As upstream, a `*-5` is read as `*`: the high part is not looked at.
    start = r.min;
    end = r.max;
    star = true;
  } else {
    start = parseIntOrName(lowAndHigh[0]!, r.names);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1]!, r.names);
    else throw new CronError(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = mustParseInt(rangeAndStep[1]!);
    // "N/step" means "N-max/step".
    if (singleDigit) end = r.max;
    if (step > 1) star = false;
  } else if (rangeAndStep.length > 2) throw new CronError(`too many slashes: ${expr}`);
  if (start < r.min) throw new CronError(`beginning of range (${start}) below minimum (${r.min}): ${expr}`);
  if (end > r.max) throw new CronError(`end of range (${end}) above maximum (${r.max}): ${expr}`);
  if (start > end) throw new CronError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new CronError(`step of range should be a positive number: ${expr}`);
  for (let i = start; i <= end; i += step) bits[i] = true;
  return star;
}

/** parser.go `getField`: a comma list of ranges (empty items skipped, as strings.FieldsFunc does). */
function getField(field: string, r: Bounds): { bits: boolean[]; star: boolean } {
  const bits = new Array<boolean>(r.max + 1).fill(false);
  let star = false;
  for (const expr of field.split(',').filter((e) => e !== '')) star = getRange(expr, r, bits) || star;
  return { bits, star };
}

const all = (r: Bounds): boolean[] => Array.from({ length: r.max + 1 }, (_, i) => i >= r.min);
const only = (r: Bounds, v: number): boolean[] => Array.from({ length: r.max + 1 }, (_, i) => i === v);

/** parser.go `parseDescriptor`, the named schedules (their `all(…)` fields carry the star bit). */
function parseDescriptor(descriptor: string): CronSchedule {
  const every = { minute: only(MINUTES, 0), hour: only(HOURS, 0), dom: all(DOM), month: all(MONTHS), dow: all(DOW), domStar: true, dowStar: true };
  switch (descriptor) {
    case '@yearly':
    case '@annually':
      return { ...every, dom: only(DOM, 1), month: only(MONTHS, 1), domStar: false };
    case '@monthly':
      return { ...every, dom: only(DOM, 1), domStar: false };
    case '@weekly':
      return { ...every, dow: only(DOW, 0), dowStar: false };
    case '@daily':
    case '@midnight':
      return every;
    case '@hourly':
      return { ...every, hour: all(HOURS) };
  }
  if (descriptor.startsWith('@every ')) throw new CronError(`@every is not a schedule a NodePool budget can hold: ${descriptor}`);
  throw new CronError(`unrecognized descriptor: ${descriptor}`);
}

/** `cron.ParseStandard("TZ=UTC " + spec)`, as `Budget.IsActive` calls it: a schedule, or robfig/cron's error. */
export function parseCronSchedule(spec: string): CronParse {
  try {
    const s = spec.replace(GO_TRIM, '');
    if (s.startsWith('@')) return { ok: true, schedule: parseDescriptor(s) };
    const fields = s === '' ? [] : s.split(GO_FIELDS);
    if (fields.length !== 5) throw new CronError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
    const [minute, hour, dom, month, dow] = [getField(fields[0]!, MINUTES), getField(fields[1]!, HOURS), getField(fields[2]!, DOM), getField(fields[3]!, MONTHS), getField(fields[4]!, DOW)];
    return { ok: true, schedule: { minute: minute.bits, hour: hour.bits, dom: dom.bits, month: month.bits, dow: dow.bits, domStar: dom.star, dowStar: dow.star } };
  } catch (e) {
    if (e instanceof CronError) return { ok: false, error: e.message };
    throw e;
  }
}

/** spec.go `dayMatches`: both day fields restricted → either matches; a `*` in one → both must. */
function dayMatches(s: CronSchedule, t: Date): boolean {
  const domMatch = s.dom[t.getUTCDate()] === true;
  const dowMatch = s.dow[t.getUTCDay()] === true;
  return s.domStar || s.dowStar ? domMatch && dowMatch : domMatch || dowMatch;
}

const at = (y: number, mo: number, d = 1, h = 0, mi = 0, sec = 0): Date => new Date(Date.UTC(y, mo, d, h, mi, sec));

/**
 * spec.go `SpecSchedule.Next`: the first time the schedule fires strictly after `fromMs` (Unix ms, whole seconds
 * after it), or null when none does within five years. The walk is upstream's, field by field, wrapping back to the
 * month when a field rolls over; the seconds field of a standard spec is always 0.
 */
export function nextActivation(s: CronSchedule, fromMs: number): number | null {
  // A field with no value at all (written ",") never fires: upstream walks five years to learn it; the answer is the same.
  if (![s.minute, s.hour, s.month].every((f) => f.includes(true))) return null;
  // "Start at the earliest possible time (the upcoming second)."
  let t = new Date(Math.floor(fromMs / 1000) * 1000 + 1000);
  let added = false;
  const yearLimit = t.getUTCFullYear() + 5;
  wrap: for (;;) {
    if (t.getUTCFullYear() > yearLimit) return null;
    while (s.month[t.getUTCMonth() + 1] !== true) {
      if (!added) {
        added = true;
        t = at(t.getUTCFullYear(), t.getUTCMonth());
      }
      t = at(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds());
      if (t.getUTCMonth() === 0) continue wrap;
    }
    while (!dayMatches(s, t)) {
      if (!added) {
        added = true;
        t = at(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate());
      }
      t = at(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() + 1, t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds());
      if (t.getUTCDate() === 1) continue wrap;
    }
    while (s.hour[t.getUTCHours()] !== true) {
      if (!added) {
        added = true;
        t = at(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate(), t.getUTCHours());
      }
      t = new Date(t.getTime() + 3_600_000);
      if (t.getUTCHours() === 0) continue wrap;
    }
    while (s.minute[t.getUTCMinutes()] !== true) {
      if (!added) {
        added = true;
        t = new Date(Math.floor(t.getTime() / 60_000) * 60_000);
      }
      t = new Date(t.getTime() + 60_000);
      if (t.getUTCMinutes() === 0) continue wrap;
    }
    // The seconds field of a standard spec is "0".
    while (t.getUTCSeconds() !== 0) {
      if (!added) added = true;
      t = new Date(t.getTime() + 1000);
      if (t.getUTCSeconds() === 0) continue wrap;
    }
    return t.getTime();
  }
}
