/**
 * `Scale` against the cases of knative/serving@98e5ef90 pkg/autoscaler/scaling/autoscaler_test.go (named per test),
 * with the expected counts and excess burst capacity worked from autoscaler.go by hand in the comments. The upstream
 * helper `newTestAutoscaler(target, tbc)` is `spec(target, tbc)`: total = target ÷ 0.75, panic threshold 2 (200%),
 * max scale up and down rates 10, stable window 60 s, reachable.
 */
import { describe, expect, it } from 'vitest';
import { KpaDecider, type KpaDeciderSpec } from './kpa-decider.ts';

function spec(target: number, tbc: number, over: Partial<KpaDeciderSpec> = {}): KpaDeciderSpec {
  return { targetValue: target, totalValue: target / 0.75, targetBurstCapacity: tbc, panicThreshold: 2, maxScaleUpRate: 10, maxScaleDownRate: 10, stableWindowSeconds: 60, scaleDownDelaySeconds: 0, activationScale: 0, reachable: true, ...over };
}

/** desired count and EBC of one decision. */
function at(d: KpaDecider, now: number, ready: number, stable: number, panic: number): [number, number] {
  const r = d.scale(now, ready, stable, panic);
  return [r.desiredPodCount, r.excessBurstCapacity];
}

describe('KpaDecider (autoscaler.go Scale)', () => {
  it('TestAutoscalerUnpanicAfterSlowIncrease: panic at 25/10 ≥ 2, no move of panicTime below the threshold, un-panic 62 s later', () => {
    const d = new KpaDecider(spec(1, 98), 1, 0);
    // ready 10: dspc 11, dppc 25, 25/10 = 2.5 ≥ 2 → panic, max(11, 25) = 25; EBC floor(10 × 1.333 − 98 − 25) = −110.
    expect(at(d, 1000, 10, 11, 25)).toEqual([25, -110]);
    // 30 s on, ready 40: dppc 41, 41/40 < 2 but 1000 + 60 is not before 1030: still panicking, max(30, 41) = 41 > 25.
    // EBC floor(40 × 1.333 − 98 − 41) = floor(−85.67) = −86.
    expect(at(d, 1030, 40, 30, 41)).toEqual([41, -86]);
    // 62 s after panic began (1000 + 60 < 1062): un-panic, the stable count 50; EBC floor(55 × 1.333 − 98 − 56) = −81.
    const r = d.scale(1062, 55, 50, 56);
    expect([r.desiredPodCount, r.excessBurstCapacity, r.panicking]).toEqual([50, -81, false]);
  });

  it('TestAutoscalerExtendPanicWindow: still over the threshold at 80/40: panic extended, 80 pods', () => {
    const d = new KpaDecider(spec(1, 98), 1, 0);
    expect(at(d, 1000, 10, 11, 25)[0]).toBe(25);
    expect(at(d, 1030, 40, 30, 80)[0]).toBe(80);
    // Extended at 1030: at 1062 (not over: 60/50 < 2) 1030 + 60 is not before 1062, still panicking at max 80.
    expect(at(d, 1062, 50, 50, 60)[0]).toBe(80);
    // 1091: 1030 + 60 < 1091: stable 50.
    expect(at(d, 1091, 50, 50, 60)[0]).toBe(50);
  });

  it('TestAutoscalerPanicThenUnPanicScaleDown: no scale-down in panic; 61 s after the last over-threshold decision, scale down', () => {
    const d = new KpaDecider(spec(10, 93), 1, 0);
    expect(at(d, 0, 1, 100, 100)[0]).toBe(10); // maxScaleUp ceil(10 × 1) = 10
    expect(at(d, 100, 10, 100, 1000)[0]).toBe(100); // dppc 100, 100/10 ≥ 2: panic (extended)
    expect(at(d, 130, 10, 1, 1)[0]).toBe(100); // traffic gone, still in panic: maxPanicPods
    expect(at(d, 161, 10, 1, 1)[0]).toBe(1); // 100 + 60 < 161: stable, maxScaleDown floor(10/10) = 1
  });

  it('TestAutoscalerRateLimitScaleUp and ScaleDown: at most ×10 and ÷10 per decision (rates 10)', () => {
    const up = new KpaDecider(spec(10, 61), 1, 0);
    expect(at(up, 0, 1, 1000, 1001)[0]).toBe(10);
    expect(at(up, 2, 10, 1000, 1001)[0]).toBe(100);
    const down = new KpaDecider(spec(10, 61), 1, 0);
    expect(at(down, 0, 100, 1, 1)[0]).toBe(10);
    expect(at(down, 2, 10, 1, 1)[0]).toBe(1);
  });

  it('TestAutoscalerScale cases: small scale-up rate still adds a pod, small scale-down rate, unreachable, unlimited and zero TBC', () => {
    // MaxScaleUpRate 1.1 over 2 pods: ceil(2.2) = 3 ≥ dspc 3. EBC floor(2 × 1.333 − 1982 − 3.1) = −1983.
    expect(at(new KpaDecider(spec(1, 1982, { maxScaleUpRate: 1.1 }), 1, 0), 0, 2, 3, 3.1)).toEqual([3, -1983]);
    // MaxScaleDownRate 1.1 over 100 pods: floor(100 / 1.1) = 90.
    expect(at(new KpaDecider(spec(10, 1982, { maxScaleDownRate: 1.1 }), 1, 0), 0, 100, 1, 1)[0]).toBe(90);
    // Unreachable: no scale-down limit, dspc 1.
    expect(at(new KpaDecider(spec(10, 1982, { maxScaleDownRate: 1.1, reachable: false }), 1, 0), 0, 100, 1, 1)[0]).toBe(1);
    expect(at(new KpaDecider(spec(181, -1), 1, 0), 0, 1, 21, 26)).toEqual([1, -1]);
    expect(at(new KpaDecider(spec(10, 0), 1, 0), 0, 1, 50, 49)).toEqual([5, 0]);
    // AutoscalerPanicModeDoublePodCount: dppc 10, 10/1 ≥ 2: panic wins over the stable 5.
    expect(at(new KpaDecider(spec(10, 84), 1, 0), 0, 1, 50, 100)[0]).toBe(10);
  });

  it('TestAutoscalerStableModeNoTrafficScaleToZero and TestAutoscalerActivationScale: 0 at no traffic, activation-scale once any pod is wanted', () => {
    const d = new KpaDecider(spec(10, 75), 1, 0);
    expect(at(d, 0, 1, 1, 0)[0]).toBe(1);
    expect(at(d, 2, 1, 0, 0)[0]).toBe(0);
    const a = new KpaDecider(spec(10, 75, { activationScale: 2 }), 1, 0);
    expect(at(a, 0, 1, 0, 0)[0]).toBe(0);
    expect(at(a, 2, 1, 1, 0)[0]).toBe(2); // dspc 1 > 0 and 2 > 1
  });

  it('TestAutoscalerScaleDownDelay: the largest count of the last 5 minutes (150 ticks of 2 s)', () => {
    const d = new KpaDecider(spec(10, 0, { panicThreshold: 100, scaleDownDelaySeconds: 300 }), 0, 0);
    expect(at(d, 2, 0, 40, 40)[0]).toBe(4); // index 1
    expect(at(d, 300, 0, 0, 0)[0]).toBe(4); // index 150: 150 − 1 < 150, the 4 is still in the window
    expect(at(d, 302, 0, 0, 0)[0]).toBe(0); // index 151: it scrolls out
    // "gradual": 4 at 9 min, 3 at 10 min, 0 at 11 min; the 4 scrolls out at 14 min, the 3 at 15 min.
    expect(at(d, 540, 0, 40, 40)[0]).toBe(4);
    expect(at(d, 600, 0, 30, 30)[0]).toBe(4);
    expect(at(d, 660, 0, 0, 0)[0]).toBe(4);
    expect(at(d, 840, 0, 0, 0)[0]).toBe(3);
    expect(at(d, 900, 0, 0, 0)[0]).toBe(0);
  });

  it('TestStartInPanicMode: created over 2 ready pods it panics at once and holds 2 until a stable window has passed', () => {
    const d = new KpaDecider(spec(10, 0), 2, 0);
    const r = d.scale(2, 2, 0, 0);
    expect([r.desiredPodCount, r.panicking]).toEqual([2, true]);
    expect(at(d, 61, 2, 0, 0)[0]).toBe(0); // 0 + 60 < 61: un-panic, maxScaleDown floor(2/10) = 0
    expect(new KpaDecider(spec(10, 0), 1, 0).scale(2, 1, 0, 0).panicking).toBe(false);
  });
});
