import { describe, expect, it } from 'vitest';
import type { EngineDisruptionBudget } from '../engine/engine-config.ts';
import { parseCronSchedule } from './cron-schedule.ts';
import { allowedByBudgets as allowedAt, disruptionsLeft as leftAt, isBudgetActive } from './disruption-budget.ts';

type Reasons = ('Empty' | 'Underutilized')[] | null;
const pct = (percent: number, reasons: Reasons = null): EngineDisruptionBudget => ({ percent, count: null, reasons, schedule: null });
const count = (n: number, reasons: Reasons = null): EngineDisruptionBudget => ({ percent: null, count: n, reasons, schedule: null });
/** A budget with `schedule` and `duration` (s); a schedule robfig/cron refuses compiles to cron: null. */
function scheduled(b: EngineDisruptionBudget, schedule: string, durationSeconds: number): EngineDisruptionBudget {
  const p = parseCronSchedule(schedule);
  return { ...b, schedule: { cron: p.ok ? p.schedule : null, durationSeconds } };
}
/** Unix seconds of an ISO instant. */
const at = (iso: string) => Date.parse(iso) / 1000;
const HOUR = 3600;
const MAX_INT32 = 2_147_483_647;

// Unscheduled budgets do not read the clock.
const NOON = at('2024-01-01T12:00:00Z');
const allowedByBudgets = (b: EngineDisruptionBudget[], n: number, r: 'Empty' | 'Underutilized') => allowedAt(b, n, r, NOON);
const disruptionsLeft = (b: EngineDisruptionBudget[], n: number, d: number, r: 'Empty' | 'Underutilized') => leftAt(b, n, d, r, NOON);

// kubernetes-sigs/karpenter pkg/apis/v1/nodepool.go Budget.GetAllowedDisruptions / GetAllowedDisruptionsByReason.
describe('disruption budgets (Budget.GetAllowedDisruptions)', () => {
  it('rounds a percentage up: 19 nodes at 20% allow ceil(3.8) = 4 (disruption docs example)', () => {
    expect(allowedByBudgets([pct(20)], 19, 'Empty')).toBe(4);
  });

  it('the default 10% lets 1 of 10 nodes go, and 1 of 5 (5% of 10 nodes rounds up to 1, not 0)', () => {
    expect(allowedByBudgets([pct(10)], 10, 'Underutilized')).toBe(1);
    expect(allowedByBudgets([pct(10)], 5, 'Underutilized')).toBe(1);
    expect(allowedByBudgets([pct(5)], 10, 'Underutilized')).toBe(1);
    expect(allowedByBudgets([pct(10)], 0, 'Empty')).toBe(0);
  });

  it('takes the most restrictive budget that applies to the reason; others are ignored', () => {
    const budgets = [pct(50), count(0, ['Underutilized']), count(3, ['Empty'])];
    expect(allowedByBudgets(budgets, 10, 'Underutilized')).toBe(0);
    expect(allowedByBudgets(budgets, 10, 'Empty')).toBe(3);
    expect(allowedByBudgets([count(2, ['Empty'])], 10, 'Underutilized')).toBe(2_147_483_647);
  });

  it('subtracts nodes already disrupting, never below zero (BuildDisruptionBudgetMapping)', () => {
    expect(disruptionsLeft([pct(20)], 19, 1, 'Empty')).toBe(3);
    expect(disruptionsLeft([pct(10)], 10, 3, 'Empty')).toBe(0);
  });
});

// kubernetes-sigs/karpenter@2266468104f36373ed002241afaee2d3bbc26078 pkg/apis/v1/nodepool.go Budget.IsActive:
// checkPoint = now − duration; active = !schedule.Next(checkPoint).After(now), with Next strictly after checkPoint.
describe('scheduled budgets (Budget.IsActive, GetAllowedDisruptions)', () => {
  // Business hours: nodes "0" from 09:00 for 8h on weekdays; 2024-01-01 is a Monday.
  const business = scheduled(count(0), '0 9 * * mon-fri', 8 * HOUR);

  it('blocks at 10:00: Next(02:00) = 09:00 is not after 10:00', () => {
    expect(allowedAt([business], 10, 'Empty', at('2024-01-01T10:00:00Z'))).toBe(0);
    expect(allowedAt([business], 10, 'Underutilized', at('2024-01-01T10:00:00Z'))).toBe(0);
  });

  it('is active from the hit itself (09:00: Next(01:00) = 09:00) until just before 17:00', () => {
    expect(isBudgetActive(business.schedule, at('2024-01-01T08:59:59Z'))).toBe(false);
    expect(isBudgetActive(business.schedule, at('2024-01-01T09:00:00Z'))).toBe(true);
    expect(isBudgetActive(business.schedule, at('2024-01-01T16:59:59Z'))).toBe(true);
  });

  it('allows again at 17:00 exactly (Next(09:00) is the next day 09:00, after 17:00) and after', () => {
    expect(allowedAt([business], 10, 'Empty', at('2024-01-01T17:00:00Z'))).toBe(MAX_INT32);
    expect(allowedAt([business, pct(10)], 10, 'Empty', at('2024-01-01T17:00:00Z'))).toBe(1);
    expect(allowedAt([business, pct(10)], 10, 'Empty', at('2024-01-01T23:00:00Z'))).toBe(1);
    // Saturday 10:00: Next(02:00 Saturday) is Monday 09:00.
    expect(allowedAt([business, pct(10)], 10, 'Empty', at('2024-01-06T10:00:00Z'))).toBe(1);
  });

  it('an inactive budget is left out of the minimum (MaxInt32), an active one takes part', () => {
    // At 20:00 the scheduled 0 is off: the 20 % of 19 nodes, ceil(3.8) = 4, is the minimum; at 10:00 the 0 is.
    expect(allowedAt([pct(20), business], 19, 'Underutilized', at('2024-01-02T20:00:00Z'))).toBe(4);
    expect(allowedAt([pct(20), business], 19, 'Underutilized', at('2024-01-02T10:00:00Z'))).toBe(0);
    expect(leftAt([pct(20), business], 19, 1, 'Empty', at('2024-01-02T20:00:00Z'))).toBe(3);
  });

  it('a window spans midnight: 22:00 for 4h is on at 01:00 the next day, off at 02:00', () => {
    const night = scheduled(count(1), '0 22 * * *', 4 * HOUR);
    expect(isBudgetActive(night.schedule, at('2024-01-02T01:00:00Z'))).toBe(true);
    expect(isBudgetActive(night.schedule, at('2024-01-02T02:00:00Z'))).toBe(false);
  });

  it('hits closer than the duration overlap into one window; a duration of 0 is never active', () => {
    const always = scheduled(count(0), '@hourly', 2 * HOUR);
    expect(isBudgetActive(always.schedule, at('2024-01-01T00:30:00Z'))).toBe(true);
    expect(isBudgetActive(scheduled(count(0), '@hourly', 0).schedule, at('2024-01-01T01:00:00Z'))).toBe(false);
  });

  it('a schedule that never fires gives Go zero time, which is not after now: always active', () => {
    expect(isBudgetActive(scheduled(count(0), '0 0 30 2 *', HOUR).schedule, at('2024-07-01T12:00:00Z'))).toBe(true);
  });

  it('a schedule robfig/cron refuses fails the whole pool closed, whatever reasons that budget lists (MustGetAllowedDisruptions)', () => {
    const bad = scheduled(count(5, ['Underutilized']), '0 9 * * mon-fri extra', HOUR);
    expect(isBudgetActive(bad.schedule, NOON)).toBeNull();
    expect(allowedAt([pct(100), bad], 10, 'Empty', NOON)).toBe(0);
  });
});
