import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectedRequests } from './limits.ts';
import { peakTrafficRate, trafficIntegral, trafficRateAt } from './traffic-rate.ts';
import { trafficProfileSchema, type TrafficProfile } from './traffic-schema.ts';

const profile = (p: unknown): TrafficProfile => trafficProfileSchema.parse(p);

describe('trafficRateAt', () => {
  it('steps are right-continuous', () => {
    const step = profile({ type: 'step', from: 100, to: 600, at: '5m' });
    expect(trafficRateAt(step, 299.999)).toBe(100);
    expect(trafficRateAt(step, 300)).toBe(600);
  });

  it('diurnal peaks at peakAt (time 0 = 00:00) and bottoms out half a period later', () => {
    const d = profile({ type: 'diurnal', min: 100, max: 1000, peakAt: '14:00' });
    expect(trafficRateAt(d, 14 * 3600)).toBeCloseTo(1000, 9);
    expect(trafficRateAt(d, 2 * 3600)).toBeCloseTo(100, 9);
    expect(trafficRateAt(d, 8 * 3600)).toBeCloseTo(550, 9);
  });

  it('spikes rise over rampUp, hold for duration, fall over rampDown', () => {
    const s = profile({ type: 'spike', base: 10, peak: 110, at: 100, duration: 50, rampUp: 10, rampDown: 20 });
    expect([99, 105, 110, 160, 170, 180, 181].map((t) => trafficRateAt(s, t))).toEqual([10, 60, 110, 110, 60, 10, 10]);
  });

  it('points are flat before the first and after the last point', () => {
    const p = profile({ type: 'points', points: [['10s', 5], { at: '20s', qps: 15 }] });
    expect([0, 10, 15, 20, 99].map((t) => trafficRateAt(p, t))).toEqual([5, 5, 10, 15, 15]);
  });
});

describe('expectedRequests (exact integral)', () => {
  it.each([
    ['constant 1000 qps for 2 h', { type: 'constant', qps: 1000 }, 7200, 7.2e6],
    ['step 100→600 at 5m over 30m', { type: 'step', from: 100, to: 600, at: 300 }, 1800, 100 * 300 + 600 * 1500],
    ['ramp 0→100 over the first 100 s of 200 s', { type: 'ramp', from: 0, to: 100, start: 0, end: 100 }, 200, 5000 + 10_000],
    ['spike with ramps', { type: 'spike', base: 10, peak: 110, at: 100, duration: 50, rampUp: 10, rampDown: 20 }, 1000, 10_000 + 500 + 5000 + 1000],
    ['diurnal 100..1000 over one full day', { type: 'diurnal', min: 100, max: 1000 }, 86_400, 550 * 86_400],
    ['points held after the last point', { type: 'points', points: [[0, 0], [10, 10]] }, 20, 50 + 100],
  ])('%s', (_name, p, duration, requests) => {
    expect(expectedRequests({ profile: profile(p) }, duration)).toBeCloseTo(requests, 6);
  });

  it('a window cut through a ramp integrates the trapezoid it contains', () => {
    const ramp = profile({ type: 'ramp', from: 0, to: 100, start: 0, end: 100 });
    expect(trafficIntegral(ramp, 25, 75)).toBeCloseTo(((25 + 75) / 2) * 50, 9);
  });

  const arbProfile: fc.Arbitrary<TrafficProfile> = fc.oneof(
    fc.record({ type: fc.constant('constant' as const), qps: fc.double({ min: 0, max: 1e4, noNaN: true }) }),
    fc.record({ type: fc.constant('step' as const), from: fc.integer({ min: 0, max: 1e4 }), to: fc.integer({ min: 0, max: 1e4 }), at: fc.integer({ min: 0, max: 5000 }) }),
    fc
      .record({ type: fc.constant('ramp' as const), from: fc.integer({ min: 0, max: 1e4 }), to: fc.integer({ min: 0, max: 1e4 }), start: fc.integer({ min: 0, max: 2000 }), len: fc.integer({ min: 1, max: 3000 }) })
      .map(({ len, ...r }) => ({ ...r, end: r.start + len })),
    fc.record({
      type: fc.constant('spike' as const),
      base: fc.integer({ min: 0, max: 1e3 }),
      peak: fc.integer({ min: 1e3, max: 1e4 }),
      at: fc.integer({ min: 0, max: 3000 }),
      duration: fc.integer({ min: 1, max: 1000 }),
      rampUp: fc.integer({ min: 0, max: 500 }),
      rampDown: fc.integer({ min: 0, max: 500 }),
    }),
    fc
      .record({ type: fc.constant('diurnal' as const), min: fc.integer({ min: 0, max: 1e3 }), span: fc.integer({ min: 0, max: 1e4 }), peakAt: fc.integer({ min: 0, max: 86_399 }), period: fc.integer({ min: 600, max: 86_400 }) })
      .map(({ span, ...d }) => ({ ...d, max: d.min + span })),
    fc
      .array(fc.tuple(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 1e4 })), { minLength: 1, maxLength: 8 })
      .map((pts) => ({ type: 'points' as const, points: [...pts].sort((a, b) => a[0] - b[0]).map(([at, qps]) => ({ at, qps })) })),
  );

  it('matches a fine midpoint-rule quadrature of trafficRateAt for every profile type', () => {
    fc.assert(
      fc.property(arbProfile, fc.integer({ min: 1, max: 6000 }), (p, duration) => {
        const n = 20_000;
        const h = duration / n;
        let sum = 0;
        for (let i = 0; i < n; i++) sum += trafficRateAt(p, (i + 0.5) * h) * h;
        const exact = expectedRequests({ profile: p }, duration);
        // Jumps cost the midpoint rule at most (jump × h) each; the profiles here have at most 8.
        expect(Math.abs(exact - sum)).toBeLessThanOrEqual(1e-6 * Math.abs(exact) + 8 * 1e4 * h + 1e-6);
      }),
      { numRuns: 150 },
    );
  });

  it('is additive over adjacent windows and never exceeds peak × duration', () => {
    fc.assert(
      fc.property(arbProfile, fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 3000 }), (p, a, b) => {
        const whole = trafficIntegral(p, 0, a + b);
        expect(trafficIntegral(p, 0, a) + trafficIntegral(p, a, a + b)).toBeCloseTo(whole, 5);
        expect(whole).toBeLessThanOrEqual(peakTrafficRate(p, a + b) * (a + b) * (1 + 1e-12) + 1e-9);
      }),
    );
  });
});
