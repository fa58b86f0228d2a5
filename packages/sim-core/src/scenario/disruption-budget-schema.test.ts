// services[].disruptionBudget against policy/v1's validation (kubernetes/kubernetes
// pkg/apis/policy/validation/validation.go `ValidatePodDisruptionBudgetSpec`): one of the two fields, each a
// non-negative count or a percentage up to 100 %; every refusal located at its field.
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from './parse-scenario.ts';

const doc = (budget: string) => `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: x }
spec:
  duration: 1m
  traffic: { profile: { type: constant, qps: 1 } }
  services:
    - name: m
      latency: { distribution: constant, ms: 5 }
      disruptionBudget: ${budget}
`;

const issues = (budget: string): string[] => {
  const r = parseScenarioText(doc(budget), 'x.yaml');
  return r.ok ? [] : r.issues.map((i) => `${i.line}:${i.column} ${i.path}: ${i.message}`);
};

describe('services[].disruptionBudget', () => {
  it('keeps a count or a percentage as written', () => {
    for (const [budget, value] of [
      ['{ maxUnavailable: 1 }', { maxUnavailable: 1 }],
      ['{ maxUnavailable: "25%" }', { maxUnavailable: '25%' }],
      ['{ minAvailable: 0 }', { minAvailable: 0 }],
      ['{ minAvailable: "100%" }', { minAvailable: '100%' }],
    ] as const) {
      const r = parseScenarioText(doc(budget), 'x.yaml');
      expect(r.ok && r.scenario.spec.services[0]!.disruptionBudget, budget).toEqual(value);
    }
  });

  it('refuses both fields, neither, a negative or fractional count and a percentage over 100, at the field', () => {
    expect(issues('{ maxUnavailable: 1, minAvailable: 1 }')).toEqual(['10:60 spec.services[0].disruptionBudget.minAvailable: give maxUnavailable or minAvailable, not both (policy/v1 refuses a PodDisruptionBudget with both)']);
    expect(issues('{}')).toEqual(['10:25 spec.services[0].disruptionBudget: give maxUnavailable or minAvailable (a pod count like 1, or a percentage like "25%")']);
    expect(issues('{ minAvailable: -1 }')).toEqual(['10:41 spec.services[0].disruptionBudget.minAvailable: must be at least 0, got -1']);
    expect(issues('{ minAvailable: 2.5 }')).toEqual(['10:41 spec.services[0].disruptionBudget.minAvailable: expected a whole number or a string, got 2.5']);
    expect(issues('{ maxUnavailable: "150%" }')).toEqual(['10:43 spec.services[0].disruptionBudget.maxUnavailable: must be a pod count like 1 or a percentage from "0%" to "100%", got "150%"']);
  });
});
