import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HpaBehaviorInput, HpaScalingRulesInput } from './hpa-behavior-input.ts';
import { HpaController, type HpaDecision } from './hpa-controller.ts';
import type { HpaMetricInput, HpaPodSample } from './hpa-pod-sample.ts';
import { normalizeBehavior } from './normalize-behavior.ts';

const policy = fc.record({
  type: fc.constantFrom('Pods' as const, 'Percent' as const),
  value: fc.integer({ min: 1, max: 300 }),
  periodSeconds: fc.integer({ min: 1, max: 600 }),
});
const rules = (selectPolicy: fc.Arbitrary<'Max' | 'Min' | 'Disabled'>): fc.Arbitrary<HpaScalingRulesInput> =>
  fc.record(
    {
      stabilizationWindowSeconds: fc.integer({ min: 0, max: 600 }),
      selectPolicy,
      policies: fc.array(policy, { minLength: 1, maxLength: 3 }),
      tolerance: fc.double({ min: 0, max: 0.5, noNaN: true }),
    },
    { requiredKeys: [] },
  );
const anySelect = fc.constantFrom('Max' as const, 'Min' as const, 'Disabled' as const);
const behaviorInput: fc.Arbitrary<HpaBehaviorInput | undefined> = fc.option(
  fc.record({ scaleUp: rules(anySelect), scaleDown: rules(anySelect) }, { requiredKeys: [] }),
  { nil: undefined },
);

const pod: fc.Arbitrary<HpaPodSample> = fc.record({
  phase: fc.constantFrom('Pending' as const, 'Running' as const, 'Running' as const, 'Failed' as const),
  deleting: fc.constantFrom(false, false, false, true),
  ready: fc.boolean(),
  startTime: fc.integer({ min: -1000, max: 0 }),
  readyTransitionTime: fc.integer({ min: -1000, max: 0 }),
  value: fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: undefined }),
  requestMilli: fc.integer({ min: 100, max: 4000 }),
}).map((p) => {
  const { value, ...rest } = p;
  return value === undefined ? rest : { ...rest, value };
});
const pods = fc.array(pod, { maxLength: 12 });
const metric: fc.Arbitrary<HpaMetricInput> = fc.oneof(
  fc.record({ source: fc.constant('Pods' as const), targetAverageValue: fc.integer({ min: 1, max: 30 }), pods }),
  fc.record({ source: fc.constant('Resource' as const), resource: fc.constantFrom('cpu', 'memory'), targetAverageUtilization: fc.integer({ min: 10, max: 200 }), pods }),
  fc.record({ source: fc.constant('External' as const), targetAverageValue: fc.integer({ min: 1, max: 30 }), total: fc.double({ min: 0, max: 2000, noNaN: true }), statusReplicas: fc.integer({ min: 0, max: 50 }) }),
  fc.record({ source: fc.constant('External' as const), targetValue: fc.integer({ min: 1, max: 300 }), total: fc.double({ min: 0, max: 2000, noNaN: true }), listedPods: fc.integer({ min: 0, max: 50 }), readyPods: fc.integer({ min: 0, max: 50 }) }),
  fc.constant({ source: 'Error' as const }),
);
const steps = fc.array(fc.record({ dt: fc.integer({ min: 1, max: 120 }), metrics: fc.array(metric, { maxLength: 3 }) }), { minLength: 1, maxLength: 25 });
const bounds = fc.integer({ min: 0, max: 20 }).chain((min) => fc.record({ min: fc.constant(min), max: fc.integer({ min: Math.max(1, min), max: 60 }) }));

type Step = { dt: number; metrics: HpaMetricInput[] };
function drive(c: HpaController, initial: number, seq: Step[], onDecision: (spec: number, d: HpaDecision) => void): HpaDecision[] {
  let t = 0;
  let spec = initial;
  const out: HpaDecision[] = [];
  for (const s of seq) {
    t += s.dt;
    const d = c.reconcile(t, spec, s.metrics);
    onDecision(spec, d);
    out.push(d);
    spec = d.desiredReplicas;
  }
  return out;
}

describe('HpaController invariants (fast-check)', () => {
  it('after every reconcile desired is within [minReplicas, maxReplicas] unless ScalingDisabled', () => {
    fc.assert(
      fc.property(bounds, behaviorInput, fc.integer({ min: 0, max: 80 }), steps, ({ min, max }, b, initial, seq) => {
        const c = new HpaController({ minReplicas: min, maxReplicas: max, behavior: normalizeBehavior(b) });
        drive(c, initial, seq, (_spec, d) => {
          if (d.reason !== 'ScalingDisabled') {
            expect(d.desiredReplicas).toBeGreaterThanOrEqual(min);
            expect(d.desiredReplicas).toBeLessThanOrEqual(max);
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('with scaleUp.selectPolicy Disabled the count never rises, and with scaleDown Disabled never falls (inside bounds)', () => {
    const direction = fc.constantFrom('scaleUp' as const, 'scaleDown' as const);
    fc.assert(
      fc.property(bounds, direction, rules(anySelect), fc.integer({ min: 1, max: 60 }), steps, ({ min, max }, dir, other, initial, seq) => {
        const b: HpaBehaviorInput = dir === 'scaleUp' ? { scaleUp: { selectPolicy: 'Disabled' }, scaleDown: other } : { scaleDown: { selectPolicy: 'Disabled' }, scaleUp: other };
        const c = new HpaController({ minReplicas: min, maxReplicas: max, behavior: normalizeBehavior(b) });
        const start = Math.min(Math.max(initial, Math.max(min, 1)), max);
        drive(c, start, seq, (spec, d) => {
          if (dir === 'scaleUp') expect(d.desiredReplicas).toBeLessThanOrEqual(spec);
          else expect(d.desiredReplicas).toBeGreaterThanOrEqual(spec);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic: the same inputs give the same decisions, and restart() leaves no trace of the past', () => {
    fc.assert(
      fc.property(bounds, behaviorInput, fc.integer({ min: 0, max: 80 }), steps, steps, ({ min, max }, b, initial, past, seq) => {
        const make = () => new HpaController({ minReplicas: min, maxReplicas: max, behavior: normalizeBehavior(b) });
        const first = drive(make(), initial, seq, () => {});
        expect(drive(make(), initial, seq, () => {})).toEqual(first);
        // A controller with any history, restarted, behaves like a new one (its memory is all it keeps).
        const restarted = make();
        drive(restarted, initial, past, () => {});
        restarted.restart();
        expect(drive(restarted, initial, seq, () => {})).toEqual(first);
      }),
      { numRuns: 200 },
    );
  });
});
