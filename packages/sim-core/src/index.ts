// The public list of @design-sim/sim-core. Everything else is internal.
export { createSimApi, type RunRequestOptions, type RunResponse, type SimApi, type ValidateResponse } from './api/sim-api.ts';
export { runScenario, type RunScenarioOptions } from './api/run-scenario.ts';
export { compileScenario } from './api/compile-scenario.ts';
export { lookupMetric, metricFormula } from './api/metric-lookup.ts';
export { RUN_RESULT_FORMAT_VERSION, type RunResult, type ServingSummary, type TrainingSummary } from './api/run-result.ts';
export { runEngine, Simulation } from './engine/simulation.ts';
export type { EngineConfig, EnginePool, EngineService, Routing } from './engine/engine-config.ts';
export type { EngineEvent, EngineResult, RunOptions } from './engine/engine-result.ts';
export { LatencyHistogram } from './metrics/latency-histogram.ts';
export { TIME_SERIES_FIELDS, type TimeSeries } from './metrics/timeseries.ts';
export { Rng } from './random/rng.ts';
export { meanSeconds, type DurationDistribution } from './random/service-time.ts';
export * from './theory/index.ts';
export * from './scenario/index.ts';
export * from './hpa/index.ts';
