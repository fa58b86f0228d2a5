import type { HpaBehaviorInput, HpaScalingRulesInput } from './hpa-behavior-input.ts';
import type { HpaBehavior, HpaScalingRules } from './hpa-config.ts';

/**
 * API defaults for `behavior.scaleUp` (pkg/apis/autoscaling/v2/defaults.go `defaultHPAScaleUpRules`, §1.9):
 * no stabilization, Max of +4 pods / +100 % per 15 s.
 */
export const DEFAULT_SCALE_UP_RULES: Readonly<HpaScalingRules> = Object.freeze<HpaScalingRules>({
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ],
  tolerance: null,
});

/**
 * API defaults for `behavior.scaleDown` (`defaultHPAScaleDownRules`, §1.9): window left nil so the controller flag
 * (300 s) applies, Max of −100 % per 15 s.
 */
export const DEFAULT_SCALE_DOWN_RULES: Readonly<HpaScalingRules> = Object.freeze<HpaScalingRules>({
  stabilizationWindowSeconds: null,
  selectPolicy: 'Max',
  policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
  tolerance: null,
});

/**
 * API defaulting of `spec.behavior` (`SetDefaults_HorizontalPodAutoscalerBehavior`): `undefined` stays `null`
 * (the legacy path, §1.10); `{}` or a partial block gets every unset field from the API defaults, and each field the
 * user set replaces the default whole (`copyHPAScalingRules`), so a user `policies` list is never merged.
 */
export function normalizeBehavior(input: HpaBehaviorInput | undefined): HpaBehavior | null {
  if (input === undefined) return null;
  return {
    scaleUp: copyHPAScalingRules(input.scaleUp, DEFAULT_SCALE_UP_RULES),
    scaleDown: copyHPAScalingRules(input.scaleDown, DEFAULT_SCALE_DOWN_RULES),
  };
}

// Port of copyHPAScalingRules: every non-nil field of `from` overrides the (deep-copied) default.
function copyHPAScalingRules(from: HpaScalingRulesInput | undefined, defaults: Readonly<HpaScalingRules>): HpaScalingRules {
  return {
    stabilizationWindowSeconds: from?.stabilizationWindowSeconds ?? defaults.stabilizationWindowSeconds,
    selectPolicy: from?.selectPolicy ?? defaults.selectPolicy,
    policies: (from?.policies ?? defaults.policies).map((p) => ({ ...p })),
    tolerance: from?.tolerance ?? defaults.tolerance,
  };
}
