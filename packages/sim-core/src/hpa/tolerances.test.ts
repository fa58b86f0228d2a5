import { describe, expect, it } from 'vitest';
import { normalizeBehavior } from './normalize-behavior.ts';
import { resolveHpaConfig } from './hpa-config.ts';
import { isWithinTolerance, tolerancesForHpa } from './tolerances.ts';

const defaults = { scaleDown: 0.1, scaleUp: 0.1 };

describe('isWithinTolerance (Tolerances.isWithin)', () => {
  it('is an inclusive band: 0.9 and 1.1 themselves do not scale (§0.2, TC3)', () => {
    expect(isWithinTolerance(defaults, 88 / 80)).toBe(true); // TC3: 88 % of an 80 % target is exactly 1.1
    expect(isWithinTolerance(defaults, 0.9)).toBe(true);
    expect(isWithinTolerance(defaults, 1.1 + 1e-12)).toBe(false);
    expect(isWithinTolerance(defaults, 0.9 - 1e-12)).toBe(false);
  });

  it('applies each direction its own tolerance', () => {
    const t = { scaleDown: 0.3, scaleUp: 0.05 };
    expect(isWithinTolerance(t, 1.0625)).toBe(false); // TC3: 85 % vs 80 % with scaleUp.tolerance 0.05
    expect(isWithinTolerance(t, 0.75)).toBe(true);
  });

  it('never treats NaN as within the band', () => {
    expect(isWithinTolerance(defaults, Number.NaN)).toBe(false);
  });
});

describe('tolerancesForHpa', () => {
  it('falls back per direction to the cluster flag', () => {
    const cfg = resolveHpaConfig({ minReplicas: 1, maxReplicas: 10, behavior: normalizeBehavior({ scaleUp: { tolerance: 0.05 } }), tolerance: 0.2, configurableTolerance: true });
    expect(tolerancesForHpa(cfg)).toEqual({ scaleUp: 0.05, scaleDown: 0.2 });
  });

  it('uses the flag for both directions on the legacy path and when the feature gate is off (the 1.34 default)', () => {
    const legacy = resolveHpaConfig({ minReplicas: 1, maxReplicas: 10, behavior: null });
    expect(tolerancesForHpa(legacy)).toEqual(defaults);
    const gated = resolveHpaConfig({
      minReplicas: 1,
      maxReplicas: 10,
      behavior: normalizeBehavior({ scaleUp: { tolerance: 0.05 } }),
      configurableTolerance: false,
    });
    expect(tolerancesForHpa(gated)).toEqual(defaults);
    const byDefault = resolveHpaConfig({ minReplicas: 1, maxReplicas: 10, behavior: normalizeBehavior({ scaleUp: { tolerance: 0.05 } }) });
    expect(tolerancesForHpa(byDefault)).toEqual(defaults);
  });
});
