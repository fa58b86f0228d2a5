import { describe, expect, it } from 'vitest';
import type { HpaScalingRules } from './hpa-config.ts';
import { toMicros } from './hpa-time.ts';
import { normalizeBehavior } from './normalize-behavior.ts';
import {
  calculateScaleDownLimitWithBehaviors,
  calculateScaleUpLimitWithScalingRules,
  getReplicasChangePerPeriod,
  storeScaleEvent,
  type TimestampedScaleEvent,
} from './scaling-rules.ts';

const ev = (replicaChange: number, t: number): TimestampedScaleEvent => ({ replicaChange, timestamp: toMicros(t), outdated: false });
const rules = (selectPolicy: HpaScalingRules['selectPolicy'], policies: HpaScalingRules['policies']): HpaScalingRules => ({
  stabilizationWindowSeconds: 0,
  selectPolicy,
  policies,
  tolerance: null,
});

describe('getReplicasChangePerPeriod: exclusive period boundary (§0.2)', () => {
  it('does not count an event exactly one period old', () => {
    const events = [ev(4, 0), ev(2, 10)];
    expect(getReplicasChangePerPeriod(15, events, toMicros(15))).toBe(2);
    expect(getReplicasChangePerPeriod(15, events, toMicros(14.999999))).toBe(6);
  });
});

describe('scale-up limit', () => {
  const defaults = rules('Max', [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ]);

  it('Percent rounds up: +10 % of 5 allows 6', () => {
    expect(calculateScaleUpLimitWithScalingRules(5, [], [], rules('Max', [{ type: 'Percent', value: 10, periodSeconds: 60 }]), 0)).toBe(6);
  });

  it('Max and Min pick the largest and smallest proposal; Disabled returns current', () => {
    expect(calculateScaleUpLimitWithScalingRules(10, [], [], defaults, 0)).toBe(20);
    expect(calculateScaleUpLimitWithScalingRules(10, [], [], { ...defaults, selectPolicy: 'Min' }, 0)).toBe(14);
    expect(calculateScaleUpLimitWithScalingRules(10, [], [], { ...defaults, selectPolicy: 'Disabled' }, 0)).toBe(10);
  });

  it('rebuilds periodStartReplicas from both lists: added pods count against, removed pods are given back', () => {
    // current 12 after +4 at t = 0 and −2 at t = 5: start = 12 − 4 + 2 = 10 → max(14, 20) = 20
    expect(calculateScaleUpLimitWithScalingRules(12, [ev(4, 0)], [ev(2, 5)], defaults, toMicros(10))).toBe(20);
  });
});

describe('scale-down limit', () => {
  const tc6 = rules('Max', [
    { type: 'Pods', value: 4, periodSeconds: 60 },
    { type: 'Percent', value: 10, periodSeconds: 60 },
  ]);

  it('Percent truncates the remaining count: 10 % off 72 leaves trunc(64.8) = 64', () => {
    expect(calculateScaleDownLimitWithBehaviors(72, [], [], tc6, 0)).toBe(64);
  });

  it('Max (most change) takes the lowest count, Min the highest, Disabled returns current', () => {
    expect(calculateScaleDownLimitWithBehaviors(28, [], [], tc6, 0)).toBe(24);
    expect(calculateScaleDownLimitWithBehaviors(28, [], [], { ...tc6, selectPolicy: 'Min' }, 0)).toBe(25);
    expect(calculateScaleDownLimitWithBehaviors(28, [], [], { ...tc6, selectPolicy: 'Disabled' }, 0)).toBe(28);
  });
});

describe('storeScaleEvent (+ markScaleEventsOutdated)', () => {
  const behavior = normalizeBehavior({ scaleDown: { policies: [{ type: 'Pods', value: 1, periodSeconds: 600 }] } });

  it('is a no-op on the legacy path', () => {
    const up: TimestampedScaleEvent[] = [];
    storeScaleEvent(null, up, [], 1, 4, 0);
    expect(up).toEqual([]);
  });

  it('reuses a slot older than the direction’s longest policy period, else appends', () => {
    const up: TimestampedScaleEvent[] = [];
    storeScaleEvent(behavior, up, [], 10, 15, toMicros(0));
    storeScaleEvent(behavior, up, [], 15, 16, toMicros(15)); // 0 is not before 15 − 15 → append
    expect(up.map((e) => e.replicaChange)).toEqual([5, 1]);
    storeScaleEvent(behavior, up, [], 16, 18, toMicros(30)); // the t = 0 event is outdated → overwritten
    expect(up).toEqual([ev(2, 30), ev(1, 15)]); // the t = 15 event sits exactly on the cutoff: not outdated
  });

  it('an up-event overwritten after the 15 s up period no longer counts toward a 600 s scale-down period', () => {
    // Upstream behaviour, contrary to the reference's "no semantic effect" note on outdated events (§1.8).
    const up: TimestampedScaleEvent[] = [];
    storeScaleEvent(behavior, up, [], 15, 20, toMicros(0));
    storeScaleEvent(behavior, up, [], 20, 21, toMicros(30)); // overwrites the +5 of t = 0
    const scaleDown = behavior?.scaleDown;
    if (scaleDown === undefined) throw new Error('behavior expected');
    // current 21: start = 21 − 1 = 20 → Pods 1 → 19. Keeping the +5 would give start 15 → 14.
    expect(calculateScaleDownLimitWithBehaviors(21, up, [], scaleDown, toMicros(60))).toBe(19);
  });
});
