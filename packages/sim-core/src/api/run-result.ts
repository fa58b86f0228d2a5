import type { CostLine } from '@design-sim/cost-model';
import type { EngineEvent } from '../engine/engine-result.ts';
import type { TimeSeries } from '../metrics/timeseries.ts';
import type { ClaimGrade, ExpectationResult } from '../scenario/index.ts';

/** Version of the RunResult shape (the CLI's --json output); bump on any breaking change. */
export const RUN_RESULT_FORMAT_VERSION = 1;

/** Summary of a serving simulation. Latencies in ms, durations in s, money in USD. */
export interface ServingSummary {
  durationSeconds: number;
  warmupSeconds: number;
  /** All requests: retried = re-sent after their pod's node died; drained = finished on a pod that was shutting down. */
  requests: { offered: number; served: number; dropped: number; timedOut: number; retried: number; drained: number; inFlightAtEnd: number };
  /** Counts after the warm-up (the basis of availability). */
  measured: { offered: number; served: number; dropped: number; timedOut: number };
  latencyMs: { p50: number; p90: number; p95: number; p99: number; p999: number; mean: number; max: number };
  /** served ÷ (served + dropped + timed out), after the warm-up; 1 when nothing finished. */
  availability: number;
  replicas: { min: number; max: number; mean: number };
  nodes: { min: number; max: number; mean: number };
  peakGpus: number;
  gpuUtilization: number;
  spotInterruptions: number;
  /** Token-level (llm) services only. TTFT and TPOT in ms; tokens per second over the whole run. */
  llm: {
    ttftMs: { p50: number; p90: number; p95: number; p99: number; mean: number };
    tpotMs: { p50: number; p90: number; p99: number; mean: number };
    outputTokens: number;
    outputTokensPerSecond: number;
    costPerMillionOutputTokensUsd: number | null;
  } | null;
  cost: {
    totalUsd: number;
    perHourUsd: number;
    monthlyUsd: number;
    per1kRequestsUsd: number | null;
    perMillionRequestsUsd: number | null;
    lines: CostLine[];
    unknownPrices: string[];
    complete: boolean;
  };
}

/** A training estimate as the scenario asked for it. */
export interface TrainingSummary {
  flops: number;
  gpu: string;
  gpuCount: number;
  purchase: string;
  usdPerGpuHour: number | null;
  idealDays: number;
  days: number;
  hours: number;
  gpuHours: number;
  lostDays: number;
  interruptions: number;
  costUsd: number | null;
  budget: { budgetUsd: number; fits: boolean; tokensAffordable: number; daysAffordable: number; shortfallUsd: number } | null;
  formula: string;
  unknownPrices: string[];
}

/** Everything one scenario run produced: plain data, structured-clone friendly (series are typed arrays). */
export interface RunResult {
  formatVersion: typeof RUN_RESULT_FORMAT_VERSION;
  scenario: { name: string; title: string | null };
  seed: number;
  summary: ServingSummary | null;
  timeseries: TimeSeries | null;
  events: EngineEvent[];
  training: TrainingSummary | null;
  expectations: ExpectationResult[];
  claims: ClaimGrade[];
  /** True when every expectation holds (claims are graded, never failing the run). */
  pass: boolean;
}
