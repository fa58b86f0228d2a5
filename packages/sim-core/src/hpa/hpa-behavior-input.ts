/**
 * The autoscaling/v2 `HorizontalPodAutoscalerBehavior` block exactly as a user writes it in a manifest.
 * Field presence matters: an omitted field takes the API default, a present one replaces it whole
 * (see docs/kubernetes-semantics.md §1.9), and an omitted `behavior` selects the legacy path (§1.10).
 */
export interface HpaScalingPolicyInput {
  type: 'Pods' | 'Percent';
  value: number;
  periodSeconds: number;
}

export interface HpaScalingRulesInput {
  stabilizationWindowSeconds?: number;
  selectPolicy?: 'Max' | 'Min' | 'Disabled';
  policies?: HpaScalingPolicyInput[];
  /** Per-direction tolerance (HPAConfigurableTolerance); unset falls back to the controller-wide 0.1. */
  tolerance?: number;
}

export interface HpaBehaviorInput {
  scaleUp?: HpaScalingRulesInput;
  scaleDown?: HpaScalingRulesInput;
}
