/**
 * Disaggregated prefill/decode in a run's summary: each pool's GPU, replicas, utilization and queue, the
 * tokens it processed and what it cost per million of them (the prefill pool per input token, the decode
 * pool per output token), and the KV transfer. Money comes from the per-service bill shares (cost-model
 * prices the nodes; usdPerMillionTokens divides).
 */
import { getGpu, getInstance, usdPerMillionTokens } from '@design-sim/cost-model';
import type { EngineConfig } from '../engine/engine-config.ts';
import type { EngineResult } from '../engine/engine-result.ts';
import { decodeServiceName, runningServices } from '../scenario/disaggregation.ts';
import { poolNamesOf } from '../scenario/pool-names.ts';
import type { Scenario, ServiceSpec } from '../scenario/index.ts';
import type { ServiceSummary } from './service-summary.ts';

/** One pool of a disaggregated service. */
export interface DisaggregatedPoolSummary {
  /** The service it runs as (the service itself for prefill, `<name>-decode` for decode). */
  service: string;
  /** Catalog GPU id; null when neither llm.gpu nor a pool instance names one. */
  gpu: string | null;
  gpusPerReplica: number;
  replicas: { min: number; max: number; mean: number };
  /** Mean busy fraction of its ready replicas after the warm-up. */
  utilization: number;
  /** Requests waiting for its replicas: mean and peak of the per-interval samples. */
  queue: { mean: number; max: number };
  /** Prefill: prompt tokens prefilled; decode: output tokens generated (the first token is the prefill's); whole run. */
  tokens: number;
  /** Its share of the node bill, USD per hour (null when a price is unknown). */
  costPerHourUsd: number | null;
  /** Prefill: USD per million input tokens; decode: per million output tokens; null without tokens or a price. */
  usdPerMillionTokens: number | null;
}

export interface DisaggregatedSummary {
  service: string;
  prefill: DisaggregatedPoolSummary;
  decode: DisaggregatedPoolSummary;
  kvTransfer: {
    link: 'nvlink' | 'infiniband' | 'ethernet';
    /** Achieved rate, GB/s (bandwidth × efficiency, the slower end for NVLink). */
    gbPerSecond: number;
    /** KV bytes per token of the model and cache type. */
    bytesPerToken: number;
    /** Mean transfer time of a request's prompt, ms (mean prompt tokens × bytes per token ÷ rate). */
    meanMs: number;
  };
}

/** One entry per disaggregated service; empty when there is none. */
export function disaggregatedSummaries(scenario: Scenario, cfg: EngineConfig, r: EngineResult, services: Record<string, ServiceSummary>, hours: number): DisaggregatedSummary[] {
  const running = runningServices(scenario.spec.services);
  const index = new Map(running.map((s, i) => [s.name, i]));
  const out: DisaggregatedSummary[] = [];
  for (const s of scenario.spec.services) {
    const d = s.llm?.disaggregated;
    if (d === undefined) continue;
    const p = index.get(s.name)!;
    const q = index.get(decodeServiceName(s.name))!;
    const decodeLlm = cfg.services[q]!.llm!;
    const prefillTokens = r.services[p]!.llmTokens!;
    const rate = decodeLlm.kvTransferBytesPerSecond!;
    const meanPrompt = prefillTokens.sequences > 0 ? prefillTokens.prompt / prefillTokens.sequences : 0;
    out.push({
      service: s.name,
      prefill: pool(scenario, running[p]!, r, p, services, hours, prefillTokens.prompt),
      decode: pool(scenario, running[q]!, r, q, services, hours, r.services[q]!.llmTokens!.generated),
      kvTransfer: { link: d.kvTransfer.link, gbPerSecond: rate / 1e9, bytesPerToken: decodeLlm.model.kvBytesPerToken, meanMs: ((meanPrompt * decodeLlm.model.kvBytesPerToken) / rate) * 1000 },
    });
  }
  return out;
}

function pool(scenario: Scenario, s: ServiceSpec, r: EngineResult, i: number, services: Record<string, ServiceSummary>, hours: number, tokens: number): DisaggregatedPoolSummary {
  const summary = services[s.name]!;
  const waiting = summary.timeseries.waiting;
  let sum = 0;
  let max = 0;
  for (const w of waiting) {
    sum += w;
    if (w > max) max = w;
  }
  const perHour = summary.cost.perHourUsd;
  return {
    service: s.name,
    gpu: gpuOf(scenario, s),
    gpusPerReplica: s.gpusPerReplica,
    replicas: r.services[i]!.replicas,
    utilization: r.services[i]!.utilization,
    queue: { mean: waiting.length > 0 ? sum / waiting.length : 0, max },
    tokens,
    costPerHourUsd: perHour,
    usdPerMillionTokens: perHour === null ? null : usdPerMillionTokens(perHour * hours, tokens),
  };
}

function gpuOf(scenario: Scenario, s: ServiceSpec): string | null {
  if (s.llm?.gpu !== undefined) return getGpu(s.llm.gpu).id;
  const pool = scenario.spec.nodePools.find((p) => p.name === poolNamesOf(s)[0]);
  if (pool === undefined) return null;
  return getInstance(pool.instance, scenario.spec.catalogDate === undefined ? undefined : { asOf: scenario.spec.catalogDate }).gpu?.id ?? null;
}
