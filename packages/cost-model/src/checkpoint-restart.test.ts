import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectedWallTime } from './checkpoint-restart.ts';
import { relErr } from './testing/builders.ts';

const H = 3600;

/** Deterministic PRNG (mulberry32) so the Monte Carlo check is reproducible. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Simulates one job: segments of τ+δ; an exponential interruption rolls the segment back and costs R. */
function simulate(work: number, rate: number, every: number, save: number, restart: number, rand: () => number): number {
  let t = 0;
  for (let done = 0; done < work - 1e-9; ) {
    const s = Math.min(every, work - done) + save;
    for (;;) {
      const x = -Math.log(1 - rand()) / rate;
      if (x >= s) break;
      t += x + restart;
    }
    t += s;
    done += Math.min(every, work - done);
  }
  return t;
}

describe('expectedWallTime', () => {
  it('without interruptions adds only the checkpoint saves', () => {
    const w = expectedWallTime(10 * H, 0, { everySeconds: H, saveSeconds: 180, restartSeconds: 600 });
    expect(w).toMatchObject({ expectedSeconds: 10 * H + 10 * 180, checkpointOverheadSeconds: 1800, lostWorkSeconds: 0, expectedInterruptions: 0, converges: true });
    expect(w.youngOptimalEverySeconds).toBeNull();
  });

  it('counts a final partial interval as one more save', () => {
    expect(expectedWallTime(2.5 * H, 0, { everySeconds: H, saveSeconds: 60, restartSeconds: 0 }).checkpointOverheadSeconds).toBe(180);
    expect(expectedWallTime(0, 1, { everySeconds: H, saveSeconds: 60, restartSeconds: 0 }).expectedSeconds).toBe(0);
  });

  it("matches Young's first-order formula when interruptions are rare (Λ(τ+δ) = 0.001)", () => {
    const [W, tau, delta, R] = [1000 * H, H, 180, 600];
    const rate = 0.001 / (tau + delta);
    const firstOrder = W * (1 + delta / tau) * (1 + rate * (R + (tau + delta) / 2));
    const w = expectedWallTime(W, rate, { everySeconds: tau, saveSeconds: delta, restartSeconds: R });
    expect(relErr(w.expectedSeconds, firstOrder)).toBeLessThan(1e-6);
    // Each interruption loses about half a segment of work.
    expect(w.lostWorkSeconds / w.expectedInterruptions).toBeCloseTo((tau + delta) / 2, -1);
    expect(w.youngOptimalEverySeconds).toBeCloseTo(Math.sqrt((2 * delta) / rate), 6);
  });

  it('matches a Monte Carlo simulation of the same process when interruptions are frequent (Λ(τ+δ) = 0.55)', () => {
    const [W, rate, tau, delta, R] = [20 * H, 0.5 / H, H, 0.1 * H, 0.2 * H];
    const rand = mulberry32(12345);
    const runs = 20_000;
    let sum = 0;
    for (let i = 0; i < runs; i++) sum += simulate(W, rate, tau, delta, R, rand);
    const exact = expectedWallTime(W, rate, { everySeconds: tau, saveSeconds: delta, restartSeconds: R }).expectedSeconds;
    // Standard error of the mean here is about 0.3%; 1.5% is five standard errors.
    expect(relErr(sum / runs, exact)).toBeLessThan(0.015);
  });

  it('without checkpoints restarts from scratch, and can fail to converge', () => {
    const oneShot = expectedWallTime(H, 1 / H, null);
    expect(oneShot.expectedSeconds).toBeCloseTo(H * Math.expm1(1), 6); // (e^{Λs} − 1)/Λ with R = 0
    // 195 days of work with 4 nodes at 0.01 interruptions per node-hour and no checkpoints: ~e^187 restarts.
    expect(expectedWallTime(195 * 24 * H, 0.04 / H, null).expectedSeconds).toBeGreaterThan(1e80);
    const hopeless = expectedWallTime(1000 * 24 * H, 0.04 / H, null);
    expect(hopeless.converges).toBe(false);
    expect(hopeless.expectedSeconds).toBe(Infinity);
  });

  it('rejects negative inputs and a zero checkpoint interval', () => {
    expect(() => expectedWallTime(-1, 0, null)).toThrow(RangeError);
    expect(() => expectedWallTime(1, Number.NaN, null)).toThrow(RangeError);
    expect(() => expectedWallTime(1, 0, { everySeconds: 0, saveSeconds: 0, restartSeconds: 0 })).toThrow(RangeError);
  });

  it('decomposes exactly into work + saves + lost work + restarts, and grows with the interruption rate', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e7, noNaN: true }),
        fc.double({ min: 0, max: 2 / H, noNaN: true }),
        fc.double({ min: 60, max: 4 * H, noNaN: true }),
        fc.double({ min: 0, max: 600, noNaN: true }),
        fc.double({ min: 0, max: 1800, noNaN: true }),
        (W, rate, every, save, restart) => {
          const p = { everySeconds: every, saveSeconds: save, restartSeconds: restart };
          const w = expectedWallTime(W, rate, p);
          if (!w.converges) return;
          const parts = w.workSeconds + w.checkpointOverheadSeconds + w.lostWorkSeconds + w.restartSeconds;
          expect(Math.abs(w.expectedSeconds - parts)).toBeLessThanOrEqual(1e-7 * Math.max(1, w.expectedSeconds));
          expect(expectedWallTime(W, rate * 1.5, p).expectedSeconds).toBeGreaterThanOrEqual(w.expectedSeconds * (1 - 1e-12));
        },
      ),
    );
  });
});
