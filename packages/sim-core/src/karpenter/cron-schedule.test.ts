/**
 * robfig/cron v3.0.1 (ccba498c397bb90a9c84945bbb0f7af2d72b6309) `ParseStandard` and `SpecSchedule.Next`, as
 * kubernetes-sigs/karpenter@2266468104f36373ed002241afaee2d3bbc26078 `Budget.IsActive` calls them. Expected instants
 * are worked out from a calendar: 2024-01-01 is a Monday, 2024 is a leap year, the next Feb 29 is in 2028.
 */
import { describe, expect, it } from 'vitest';
import { nextActivation, parseCronSchedule, type CronSchedule } from './cron-schedule.ts';

const ms = (iso: string) => Date.parse(iso);
const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString().replace('.000Z', 'Z'));

function cron(spec: string): CronSchedule {
  const p = parseCronSchedule(spec);
  if (!p.ok) throw new Error(p.error);
  return p.schedule;
}
const next = (spec: string, from: string) => iso(nextActivation(cron(spec), ms(from)));
const error = (spec: string) => {
  const p = parseCronSchedule(spec);
  return p.ok ? null : p.error;
};

describe('SpecSchedule.Next', () => {
  it('fires strictly after the given time: the upcoming second is the earliest candidate', () => {
    expect(next('0 9 * * mon-fri', '2024-01-01T08:59:59Z')).toBe('2024-01-01T09:00:00Z');
    expect(next('0 9 * * mon-fri', '2024-01-01T09:00:00Z')).toBe('2024-01-02T09:00:00Z');
    // A fraction of a second before the hit still finds it (t + 1 s − its nanoseconds = 09:00:00).
    expect(next('0 9 * * mon-fri', '2024-01-01T08:59:59.500Z')).toBe('2024-01-01T09:00:00Z');
  });

  it('skips the weekend for mon-fri: Friday 09:00 → Monday 09:00', () => {
    expect(next('0 9 * * mon-fri', '2024-01-05T09:00:00Z')).toBe('2024-01-08T09:00:00Z');
    expect(next('0 9 * * 1-5', '2024-01-06T12:00:00Z')).toBe('2024-01-08T09:00:00Z');
  });

  it('both day fields restricted: a day matching EITHER fires (dayMatches OR)', () => {
    // "the 13th or a Friday": from Monday Jan 1 the first is Friday Jan 5, then Friday Jan 12, then Saturday Jan 13.
    expect(next('0 0 13 * fri', '2024-01-01T00:00:00Z')).toBe('2024-01-05T00:00:00Z');
    expect(next('0 0 13 * fri', '2024-01-12T00:00:00Z')).toBe('2024-01-13T00:00:00Z');
    // A star in either day field ANDs them: the 13th only, or Fridays only.
    expect(next('0 0 13 * *', '2024-01-01T00:00:00Z')).toBe('2024-01-13T00:00:00Z');
    expect(next('0 0 * * fri', '2024-01-06T00:00:00Z')).toBe('2024-01-12T00:00:00Z');
    // `*/1` keeps the star bit (the 13th only); `*/2` (Sun, Tue, Thu, Sat) drops it: Tuesday Jan 2 fires.
    expect(next('0 0 13 * */1', '2024-01-01T00:00:00Z')).toBe('2024-01-13T00:00:00Z');
    expect(next('0 0 13 * */2', '2024-01-01T00:00:00Z')).toBe('2024-01-02T00:00:00Z');
    // `?` is a star too.
    expect(next('0 0 13 * ?', '2024-01-01T00:00:00Z')).toBe('2024-01-13T00:00:00Z');
  });

  it('reads ranges, steps, lists and names (any case)', () => {
    // "5/20": 5-59/20 → minutes 5, 25, 45.
    expect(next('5/20 * * * *', '2024-01-01T10:06:00Z')).toBe('2024-01-01T10:25:00Z');
    expect(next('5/20 * * * *', '2024-01-01T10:45:00Z')).toBe('2024-01-01T11:05:00Z');
    // Hours 8 and 18-20 step 2 (18, 20); from 10:00 the next is 18:30.
    expect(next('30 8,18-20/2 * * *', '2024-01-01T10:00:00Z')).toBe('2024-01-01T18:30:00Z');
    expect(next('30 8,18-20/2 * * *', '2024-01-01T18:30:00Z')).toBe('2024-01-01T20:30:00Z');
    // March–May, Mondays: the first Monday of March 2024 is the 4th.
    expect(next('0 6 * MAR-may Mon', '2024-01-01T00:00:00Z')).toBe('2024-03-04T06:00:00Z');
  });

  it('wraps months and years, and finds Feb 29 four years on', () => {
    expect(next('0 0 1 jan *', '2024-06-01T00:00:00Z')).toBe('2025-01-01T00:00:00Z');
    expect(next('0 0 29 2 *', '2024-03-01T00:00:00Z')).toBe('2028-02-29T00:00:00Z');
    expect(next('0 0 31 * *', '2024-04-01T00:00:00Z')).toBe('2024-05-31T00:00:00Z');
  });

  it('returns none (Go zero time) for a schedule that never fires within five years', () => {
    expect(next('0 0 30 2 *', '2024-01-01T00:00:00Z')).toBeNull();
    expect(next('0 0 31 4,6,9,11 *', '2024-01-01T00:00:00Z')).toBeNull();
    // A field of only commas holds no value at all.
    expect(next(', * * * *', '2024-01-01T00:00:00Z')).toBeNull();
  });

  it('macros (parseDescriptor): @hourly, @daily/@midnight, @weekly (Sunday), @monthly, @yearly/@annually', () => {
    const from = '2024-01-01T10:00:00Z';
    expect(next('@hourly', from)).toBe('2024-01-01T11:00:00Z');
    expect(next('@daily', from)).toBe('2024-01-02T00:00:00Z');
    expect(next('@midnight', from)).toBe('2024-01-02T00:00:00Z');
    expect(next('@weekly', from)).toBe('2024-01-07T00:00:00Z');
    expect(next('@monthly', from)).toBe('2024-02-01T00:00:00Z');
    expect(next('@yearly', from)).toBe('2025-01-01T00:00:00Z');
    expect(next('@annually', from)).toBe('2025-01-01T00:00:00Z');
  });
});

describe('ParseStandard errors (robfig/cron messages)', () => {
  it('refuses what the standard parser refuses', () => {
    expect(error('0 9 * * mon-fri extra')).toBe('expected exactly 5 fields, found 6: [0 9 * * mon-fri extra]');
    // Day-of-week is 0-6 here: 7 is not Sunday.
    expect(error('0 0 * * 7')).toBe('end of range (7) above maximum (6): 7');
    expect(error('0 0 0 * *')).toBe('beginning of range (0) below minimum (1): 0');
    expect(error('0 17-9 * * *')).toBe('beginning of range (17) beyond end of range (9): 17-9');
    expect(error('*/0 * * * *')).toBe('step of range should be a positive number: */0');
    expect(error('1-2-3 * * * *')).toBe('too many hyphens: 1-2-3');
    expect(error('0 0 * * monday')).toBe('failed to parse int from monday: strconv.Atoi: parsing "monday": invalid syntax');
    expect(error('@dailyish')).toBe('unrecognized descriptor: @dailyish');
    // A time zone of the user's own follows Karpenter's "TZ=UTC " and is read as a sixth field.
    expect(error('TZ=Europe/Paris 0 9 * * *')).toBe('expected exactly 5 fields, found 6: [TZ=Europe/Paris 0 9 * * *]');
  });

  it('takes what it takes: surrounding and repeated whitespace, a `+` sign, and `*-5` read as `*`', () => {
    expect(error('  0   9 * *\tmon  ')).toBeNull();
    expect(next('+30 9 * * *', '2024-01-01T00:00:00Z')).toBe('2024-01-01T09:30:00Z');
    expect(next('0 *-5 * * *', '2024-01-01T07:30:00Z')).toBe('2024-01-01T08:00:00Z');
  });
});
