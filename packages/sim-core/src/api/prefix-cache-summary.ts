/** The `summary.llm.prefixCache` block: what automatic prefix caching and prefix-aware routing did. */
import type { EnginePrefixResult } from '../engine/prefix-stats.ts';
import { type LatencySummaryMs, latencySummary } from './service-summary.ts';

/** Prefix caching over the measured requests (arrived after the warm-up and served). */
export interface PrefixCacheSummary {
  /** Served requests, and those whose prompt starts with a template or an earlier turn of their session. */
  requests: number;
  requestsWithPrefix: number;
  /** Fraction of served requests that found a cached prefix (at least one 16-token block). */
  hitRate: number;
  /** Prompt tokens served from the cache ÷ all prompt tokens. */
  tokenHitRate: number;
  promptTokens: number;
  cachedTokens: number;
  /** TTFT of requests with and without a cache hit, ms (NaN when there are none). */
  ttftCachedMs: LatencySummaryMs & { count: number };
  ttftUncachedMs: LatencySummaryMs & { count: number };
  /** Prefill FLOPs skipped ÷ prefill FLOPs of all prompts (the GPU compute caching saved on prefill). */
  prefillComputeSaved: number;
  /** GPU-hours of prefill compute skipped, at the achieved FLOP/s of the service's GPU. */
  gpuHoursSaved: number;
  /** Cached prefixes evicted to make room (whole run). */
  evictions: number;
  /** prefix-aware routing: requests sent to their prefix's replica, and sent to the least loaded one instead; null under other routings. */
  routing: { followed: number; rebalanced: number } | null;
}

export function prefixCacheSummary(p: EnginePrefixResult | null): PrefixCacheSummary | null {
  if (p === null) return null;
  const s = p.stats;
  return {
    requests: s.requests,
    requestsWithPrefix: s.withPrefix,
    hitRate: s.requests > 0 ? s.hits / s.requests : 0,
    tokenHitRate: s.promptTokens > 0 ? s.cachedTokens / s.promptTokens : 0,
    promptTokens: s.promptTokens,
    cachedTokens: s.cachedTokens,
    ttftCachedMs: { ...latencySummary(s.ttftCached), count: s.ttftCached.count },
    ttftUncachedMs: { ...latencySummary(s.ttftUncached), count: s.ttftUncached.count },
    prefillComputeSaved: s.promptFlops > 0 ? s.savedFlops / s.promptFlops : 0,
    gpuHoursSaved: p.gpuSecondsSaved / 3600,
    evictions: s.evictions,
    routing: p.routing,
  };
}
