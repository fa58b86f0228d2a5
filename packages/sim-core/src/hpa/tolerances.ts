import type { ResolvedHpaConfig } from './hpa-config.ts';

/** Per-direction tolerances on the usage ratio (fractions), upstream `Tolerances{scaleDown, scaleUp}`. */
export interface Tolerances {
  scaleDown: number;
  scaleUp: number;
}

/**
 * Port of `Tolerances.isWithin` (replica_calculator.go): the INCLUSIVE band `1 − down ≤ ratio ≤ 1 + up`,
 * so a ratio of exactly 1.1 with the default 0.1 does not scale (§0.2, TC3). NaN is never within.
 */
export function isWithinTolerance(t: Tolerances, usageRatio: number): boolean {
  return 1.0 - t.scaleDown <= usageRatio && usageRatio <= 1.0 + t.scaleUp;
}

/**
 * The tolerances the controller uses for one HPA (`tolerancesForHpa`, v1.34+, inferred in §1.6): each direction's
 * `behavior.*.tolerance` when set and the HPAConfigurableTolerance gate is on, else the cluster-wide flag.
 */
export function tolerancesForHpa(config: ResolvedHpaConfig): Tolerances {
  const b = config.configurableTolerance ? config.behavior : null;
  return {
    scaleDown: b?.scaleDown.tolerance ?? config.tolerance,
    scaleUp: b?.scaleUp.tolerance ?? config.tolerance,
  };
}
