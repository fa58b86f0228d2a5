/** The engine's compiled profiles agree with the scenario layer's reference definition of each shape. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileScenario } from '../api/compile-scenario.ts';
import { parseScenarioText } from '../scenario/parse-scenario.ts';
import { trafficIntegral, trafficRateAt } from '../scenario/traffic-rate.ts';
import { DIURNAL_STEP_SECONDS, integrateRate, rateAt } from './rate-profile.ts';

const HORIZON = 6 * 3600;
const profiles = [
  '{ type: constant, qps: 120 }',
  '{ type: step, from: 100, to: 600, at: 5m }',
  '{ type: ramp, from: 50, to: 900, start: 10m, end: 70m }',
  '{ type: spike, base: 100, peak: 1000, at: 1h, duration: 20m, rampUp: 30s, rampDown: 5m }',
  '{ type: diurnal, min: 100, max: 1000, peakAt: "02:30" }',
  '{ type: points, points: [[10m, 40], [1h, 400], [1h, 100], [3h, 700]] }',
];

function compiled(profile: string) {
  const text = `apiVersion: design-sim/v1\nkind: Scenario\nmetadata: { name: p }\nspec:\n  duration: 6h\n  traffic: { profile: ${profile} }\n  services: [{ name: s, latency: { distribution: constant, ms: 1 } }]\n`;
  const parsed = parseScenarioText(text, 'p.yaml');
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('; '));
  return { spec: parsed.scenario.spec.traffic!.profile!, engine: compileScenario(parsed.scenario).traffic[0]!.profile };
}

describe('compiled rate profiles match the reference shapes', () => {
  for (const p of profiles) {
    it(p, () => {
      const { spec, engine } = compiled(p);
      // The diurnal cosine is linearised every minute: error ≤ (h²/8)·max|λ''| = (60²/8)·450·(2π/86400)².
      const tol = spec.type === 'diurnal' ? (DIURNAL_STEP_SECONDS ** 2 / 8) * 450 * (2 * Math.PI / 86_400) ** 2 + 1e-9 : 1e-9;
      fc.assert(
        fc.property(fc.double({ min: 0, max: HORIZON, noNaN: true }), (t) => {
          expect(Math.abs(rateAt(engine, t) - trafficRateAt(spec, t))).toBeLessThanOrEqual(tol * Math.max(1, trafficRateAt(spec, t)));
        }),
        { numRuns: 300, seed: 7 },
      );
      expect(Math.abs(integrateRate(engine, HORIZON) / trafficIntegral(spec, 0, HORIZON) - 1)).toBeLessThan(1e-6);
    });
  }
});
