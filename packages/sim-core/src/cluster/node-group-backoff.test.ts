/**
 * Node-group backoff against kubernetes/autoscaler cluster-autoscaler-1.34.5
 * utils/backoff/exponential_backoff.go `exponentialBackoff.Backoff`, `BackoffStatus`, `RemoveStaleBackoffData`,
 * with the flag defaults 5m / 30m / 3h (config/flags/flags.go).
 */
import { describe, expect, it } from 'vitest';
import { NodeGroupBackoff } from './node-group-backoff.ts';

describe('exponentialBackoff', () => {
  it('5 min first, doubled by each failure after the previous backoff expired, capped at 30 min', () => {
    const b = new NodeGroupBackoff();
    expect(b.backoff(0, 0)).toBe(300);
    expect(b.backoff(0, 301)).toBe(301 + 600);
    expect(b.backoff(0, 1000)).toBe(1000 + 1200);
    expect(b.backoff(0, 2300)).toBe(2300 + 1800);
    expect(b.backoff(0, 4200)).toBe(4200 + 1800);
  });

  it('a failure during a backoff keeps the duration (concurrent failures do not escalate)', () => {
    const b = new NodeGroupBackoff();
    b.backoff(0, 0);
    expect(b.backoff(0, 100)).toBe(400);
    // backoffUntil.Before(now) is strict: a failure exactly at the end is still "during".
    expect(b.backoff(0, 400)).toBe(700);
  });

  it('is backed off until the end inclusive, per group', () => {
    const b = new NodeGroupBackoff();
    b.backoff(1, 10);
    expect(b.isBackedOff(1, 310)).toBe(true);
    expect(b.isBackedOff(1, 310.001)).toBe(false);
    expect(b.isBackedOff(0, 100)).toBe(false);
  });

  it('forgets a group 3 h after its last failure, so the next failure starts again at 5 min', () => {
    const b = new NodeGroupBackoff();
    b.backoff(0, 0);
    b.backoff(0, 400); // 10 min
    b.removeStale(400 + 3 * 3600); // lastFailedExecution + 3h is not strictly before now: kept
    expect(b.backoff(0, 400 + 3 * 3600 + 1)).toBe(400 + 3 * 3600 + 1 + 1200);
    const c = new NodeGroupBackoff();
    c.backoff(0, 0);
    c.removeStale(3 * 3600 + 1);
    expect(c.backoff(0, 3 * 3600 + 2)).toBe(3 * 3600 + 2 + 300);
  });
});
