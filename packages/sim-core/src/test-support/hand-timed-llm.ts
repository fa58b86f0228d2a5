/**
 * Token-level LLM runs small enough to time by hand (engine/llm-scheduler.test.ts, engine/speculative-decoding.test.ts):
 * one service with batches of 16, 100-token prompts, a fixed output length, and requests arriving uniformly at 40/s
 * from 12.5 ms, 25 ms apart, over a short span, so every request's timeline can be multiplied out in a comment.
 */
import type { EngineConfig, EngineLlm } from '../engine/engine-config.ts';
import { runEngine } from '../engine/simulation.ts';
import type { LlmCostModel, LlmEfficiency, LlmHardware } from '../llm/llm-perf.ts';
import { compileRateProfile } from '../traffic/rate-profile.ts';
import { service } from './builders.ts';

/** The service's LLM: the given model, GPU and efficiencies; `out` output tokens a request; `extra` (a scheduler, speculation) on top. */
export function handTimedLlm(o: { model: LlmCostModel; hardware: LlmHardware; efficiency: LlmEfficiency; out: number; kvCapacityTokens?: number }, extra: Partial<EngineLlm> = {}): EngineLlm {
  return {
    model: o.model,
    hardware: o.hardware,
    efficiency: o.efficiency,
    kvCapacityTokens: o.kvCapacityTokens ?? 1_000_000,
    maxBatchSize: 16,
    maxBatchedTokens: 8192,
    chunkedPrefill: true,
    inputTokens: { kind: 'fixed', tokens: 100 },
    outputTokens: { kind: 'fixed', tokens: o.out },
    prefix: null,
    ...extra,
  };
}

/**
 * A burst into one service with LLM `l`: requests at 4,000/s, uniformly, for `burstSeconds` (the first at 0.125 ms, then
 * every 0.25 ms: 0.001 s is four requests), over `horizon` s with intervals of `intervalSeconds`.
 */
export function burstConfig(l: EngineLlm, o: { seed: number; burstSeconds: number; horizon: number; intervalSeconds?: number }): EngineConfig {
  return {
    seed: o.seed,
    durationSeconds: o.horizon,
    warmupSeconds: 0,
    intervalSeconds: o.intervalSeconds ?? 1,
    drainSeconds: 0,
    traffic: [{ profile: compileRateProfile({ type: 'points', points: [[0, 4000], [o.burstSeconds, 4000], [o.burstSeconds, 0], [o.horizon, 0]] }, o.horizon), arrivals: 'uniform', service: 0 }],
    services: [service({ serviceTime: { kind: 'constant', seconds: 0 }, llm: l })],
    pools: [],
  };
}

/**
 * Requests at 40/s, uniformly, for `span` s (the first at 12.5 ms, then every 25 ms), into one service with LLM `l`, over a
 * 5 s horizon with 1 s intervals; the run's token figures in ms (TTFT and TPOT as [shortest, longest]).
 */
export function uniformLlmRun(l: EngineLlm, span: number, warmupSeconds = 0) {
  const horizon = 5;
  const cfg: EngineConfig = {
    seed: 1,
    durationSeconds: horizon,
    warmupSeconds,
    intervalSeconds: 1,
    drainSeconds: 0,
    traffic: [{ profile: compileRateProfile({ type: 'points', points: [[0, 40], [span, 40], [span, 0], [horizon, 0]] }, horizon), arrivals: 'uniform', service: 0 }],
    services: [service({ serviceTime: { kind: 'constant', seconds: 0 }, llm: l })],
    pools: [],
  };
  const r = runEngine(cfg).llm!;
  return {
    requests: r.ttft.count,
    ttft: [r.ttft.min, r.ttft.max],
    tpot: [r.tpot.min, r.tpot.max],
    tokens: r.outputTokens,
    itl: { count: r.itl.count, sum: r.itl.sum, min: r.itl.min, max: r.itl.max },
    speculative: r.speculative,
  };
}
