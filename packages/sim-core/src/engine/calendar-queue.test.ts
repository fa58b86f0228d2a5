import { describe, expect, it } from 'vitest';
import { CalendarQueue } from './calendar-queue.ts';

/** A deterministic generator for the workloads (mulberry32), so failures reproduce. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The reference: a list of (time, insertion number) popped by a linear scan for the smallest time, the
 * earliest inserted among equals, which is the order the queue promises (time, then FIFO).
 */
class Reference {
  private items: { time: number; seq: number; payload: number }[] = [];
  private seq = 0;
  push(time: number, payload: number): void {
    this.items.push({ time, seq: this.seq++, payload });
  }
  pop(): number {
    let b = 0;
    for (let i = 1; i < this.items.length; i++) {
      const x = this.items[i]!;
      const y = this.items[b]!;
      if (x.time < y.time || (x.time === y.time && x.seq < y.seq)) b = i;
    }
    return this.items.splice(b, 1)[0]!.payload;
  }
  peekTime(): number {
    return this.items.reduce((m, x) => Math.min(m, x.time), Infinity);
  }
  get size(): number {
    return this.items.length;
  }
}

/** Drives both with the same operations: `next(now)` gives the time of a push made at `now`; pops with probability pPop. */
function compare(ops: number, pPop: number, next: (now: number, r: () => number) => number, seed: number, initial: number[] = []): number {
  const r = rng(seed);
  const q = new CalendarQueue(4);
  const ref = new Reference();
  let payload = 0;
  let now = 0;
  for (const t of initial) {
    q.push(t, payload);
    ref.push(t, payload++);
  }
  let popped = 0;
  for (let i = 0; i < ops; i++) {
    if (ref.size > 0 && r() < pPop) {
      expect(q.peekTime()).toBe(ref.peekTime());
      now = ref.peekTime();
      expect(q.pop()).toBe(ref.pop());
      popped++;
    } else {
      const t = next(now, r);
      q.push(t, payload);
      ref.push(t, payload++);
    }
    expect(q.size).toBe(ref.size);
  }
  while (ref.size > 0) {
    expect(q.peekTime()).toBe(ref.peekTime());
    expect(q.pop()).toBe(ref.pop());
    popped++;
  }
  expect(q.size).toBe(0);
  expect(q.peekTime()).toBe(Infinity);
  return popped;
}

const exp = (r: () => number, mean: number): number => -mean * Math.log(1 - r());

describe('CalendarQueue pops in time order, ties in insertion order', () => {
  it('random exponential holds (the completion queue of an M/M/c station)', () => {
    compare(20_000, 0.5, (now, r) => now + exp(r, 0.05), 1);
  });

  it('times from microseconds to days, pushed at or after the last pop', () => {
    compare(20_000, 0.5, (now, r) => now + 10 ** (-6 + 11 * r()), 2);
  });

  it('far-future timers mixed with near completions', () => {
    compare(20_000, 0.5, (now, r) => now + (r() < 0.1 ? 3600 + 86_400 * r() : exp(r, 0.001)), 3);
  });

  it('bursts at one instant (closed-loop users at t = 0), then think times', () => {
    const burst = Array.from({ length: 5000 }, () => 0);
    compare(20_000, 0.6, (now, r) => (r() < 0.3 ? now : now + exp(r, 2)), 4, burst);
  });

  it('coarse times with many ties (integer iterations)', () => {
    compare(20_000, 0.5, (now, r) => now + Math.floor(r() * 5), 5);
  });

  it('times earlier than the last pop (not monotone)', () => {
    compare(20_000, 0.5, (now, r) => now + (r() - 0.3) * 10, 6);
  });

  it('a change of time scale (seconds, then microseconds)', () => {
    let k = 0;
    compare(20_000, 0.5, (now, r) => now + (k++ < 10_000 ? exp(r, 1) : exp(r, 1e-6)), 7);
  });

  it('grows to 200,000 and shrinks to empty, in sorted order', () => {
    const r = rng(8);
    const q = new CalendarQueue(2);
    const times = Array.from({ length: 200_000 }, () => r() * 1e4);
    times.forEach((t, i) => q.push(t, i));
    expect(q.size).toBe(200_000);
    const order = times.map((t, i) => ({ t, i })).sort((a, b) => a.t - b.t || a.i - b.i);
    const got: number[] = [];
    const peeks: number[] = [];
    while (q.size > 0) {
      peeks.push(q.peekTime());
      got.push(q.pop());
    }
    expect(got).toEqual(order.map((x) => x.i));
    expect(peeks).toEqual(order.map((x) => x.t));
    // And again after the shrink: the lists halved on the way down still serve a second fill.
    compare(5_000, 0.5, (now, rr) => now + exp(rr, 0.05), 10);
  });

  it('a change of time scale at 100,000 events stays linear (the width is re-estimated)', () => {
    const r = rng(11);
    const q = new CalendarQueue();
    let now = 0;
    // Days apart first, then a steady state of microsecond gaps: a width kept from the first phase would
    // put every event in one list and make each push walk it.
    for (let i = 0; i < 100_000; i++) q.push(86_400 * r() * 1000, i);
    while (q.size > 1000) q.pop();
    now = q.peekTime();
    while (q.size > 0) q.pop();
    const pushed: { t: number; i: number }[] = [];
    for (let i = 0; i < 100_000; i++) {
      const t = now + exp(r, 1e-6);
      q.push(t, i);
      pushed.push({ t, i });
    }
    const got: number[] = [];
    while (q.size > 0) got.push(q.pop());
    expect(got).toEqual(pushed.sort((a, b) => a.t - b.t || a.i - b.i).map((x) => x.i));
  });

  it('100,000 events at one instant pop in insertion order, in linear time', () => {
    const q = new CalendarQueue();
    for (let i = 0; i < 100_000; i++) q.push(5, i);
    q.push(1, -1);
    q.push(Infinity, -2);
    expect(q.pop()).toBe(-1);
    for (let i = 0; i < 100_000; i++) expect(q.pop()).toBe(i);
    expect(q.peekTime()).toBe(Infinity);
    expect(q.pop()).toBe(-2);
    expect(q.size).toBe(0);
  });

  it('is deterministic: the same operations give the same pops', () => {
    const run = (): number[] => {
      const r = rng(9);
      const q = new CalendarQueue();
      const out: number[] = [];
      let now = 0;
      for (let i = 0; i < 50_000; i++) {
        if (q.size > 0 && r() < 0.5) {
          now = q.peekTime();
          out.push(q.pop());
        } else q.push(now + Math.round(r() * 100) / 1000, i);
      }
      return out;
    };
    expect(run()).toEqual(run());
  });
});
