import { describe, expect, it } from 'vitest';
import { ActivatorBuffer } from './activator-buffer.ts';
import { SlidingCount } from './sliding-count.ts';

describe('SlidingCount (the HTTP add-on request rate: 1 s buckets over a window)', () => {
  it('counts the whole seconds (now − window, now]: 60 arrivals at 0.5, 1.5 … 59.5 s are 1/s at 59.9 s, and fall out one a second after', () => {
    const c = new SlidingCount(60);
    for (let i = 0; i < 60; i++) c.add(i + 0.5);
    expect(c.rate(59.9)).toBe(1);
    // At 60.2 s the second [0, 1) has left the window: 59 arrivals.
    expect(c.rate(60.2)).toBeCloseTo(59 / 60, 12);
    expect(c.rate(200)).toBe(0);
  });

  it('reuses a bucket for a later second (ring of `window` buckets)', () => {
    const c = new SlidingCount(10);
    c.add(3.2);
    c.add(13.7);
    expect(c.rate(13.9)).toBe(0.1);
  });
});

describe('ActivatorBuffer', () => {
  function harness(capacity: number, timeout: number) {
    const timers: { at: number; fn: (now: number) => void }[] = [];
    const expired: [number, number][] = [];
    const b = new ActivatorBuffer(capacity, timeout, (at, fn) => timers.push({ at, fn }), (slot, now) => expired.push([slot, now]));
    const fire = () => {
      timers.sort((x, y) => x.at - y.at);
      const t = timers.shift()!;
      t.fn(t.at);
    };
    return { b, timers, expired, fire };
  }

  it('holds in order, refuses beyond its capacity, releases oldest first with their waits', () => {
    const { b } = harness(2, Infinity);
    expect(b.hold(7, 10)).toBe(true);
    expect(b.hold(8, 12)).toBe(true);
    expect(b.hold(9, 13)).toBe(false);
    const routed: number[] = [];
    b.release(20, (slot) => routed.push(slot));
    expect(routed).toEqual([7, 8]);
    expect([b.held, b.refused, b.released, b.waitSum, b.waitMax, b.length]).toEqual([2, 1, 2, 18, 10, 0]);
  });

  it('times requests out at arrival + timeout, one timer at a time, re-armed for the next oldest', () => {
    const { b, timers, expired, fire } = harness(Infinity, 60);
    b.hold(1, 0);
    b.hold(2, 30);
    expect(timers.map((t) => t.at)).toEqual([60]);
    fire();
    expect(expired).toEqual([[1, 60]]);
    expect(timers.map((t) => t.at)).toEqual([90]);
    fire();
    expect(expired).toEqual([[1, 60], [2, 90]]);
    expect(b.timedOut).toBe(2);
    expect(b.length).toBe(0);
  });

  it("a request's own timer expires it even when since + timeout − since rounds below the timeout", () => {
    // 124.10000000000001 + 900 − 124.10000000000001 = 899.9999999999999: the timer fired at its deadline, dropped
    // nothing (it compared now − since with the timeout) and re-armed at the same instant, for ever (a hung run).
    const { b, timers, expired, fire } = harness(Infinity, 900);
    const since = 124.10000000000001;
    expect(since + 900 - since).toBeLessThan(900);
    b.hold(1, since);
    fire();
    expect(expired).toEqual([[1, since + 900]]);
    expect(timers).toEqual([]);
  });
});
