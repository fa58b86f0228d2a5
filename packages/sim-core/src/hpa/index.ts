export type { HpaBehaviorInput, HpaScalingPolicyInput, HpaScalingRulesInput } from './hpa-behavior-input.ts';
export {
  DEFAULT_CPU_INITIALIZATION_PERIOD_SECONDS,
  DEFAULT_DOWNSCALE_STABILIZATION_SECONDS,
  DEFAULT_HPA_CONFIGURABLE_TOLERANCE,
  DEFAULT_HPA_SYNC_PERIOD_SECONDS,
  DEFAULT_HPA_TOLERANCE,
  DEFAULT_INITIAL_READINESS_DELAY_SECONDS,
  resolveHpaConfig,
} from './hpa-config.ts';
export type { HpaBehavior, HpaControllerConfig, HpaScalingPolicy, HpaScalingRules, ResolvedHpaConfig } from './hpa-config.ts';
export { DEFAULT_SCALE_DOWN_RULES, DEFAULT_SCALE_UP_RULES, normalizeBehavior } from './normalize-behavior.ts';
export { DEFAULT_METRIC_WINDOW_SECONDS } from './hpa-pod-sample.ts';
export type { HpaMetricInput, HpaPodSample } from './hpa-pod-sample.ts';
export { HpaController } from './hpa-controller.ts';
export type { HpaDecision, HpaDecisionReason, HpaMetricReads } from './hpa-controller.ts';
export type { MetricProposal } from './replica-calculator.ts';
export { isWithinTolerance, tolerancesForHpa } from './tolerances.ts';
export type { Tolerances } from './tolerances.ts';
export {
  CPU_METRICS_PIPELINE,
  METRICS_SERVER_BINARY_RESOLUTION_SECONDS,
  MetricPipeline,
  PROMETHEUS_DEFAULT_SCRAPE_INTERVAL_SECONDS,
  PROMETHEUS_QPS_PIPELINE,
  QUEUE_GAUGE_PIPELINE,
} from './metric-pipeline.ts';
export type { MetricAggregation, MetricPipelineConfig } from './metric-pipeline.ts';
