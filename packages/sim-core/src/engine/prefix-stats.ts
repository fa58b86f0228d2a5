/** What prefix caching did for one llm service: hits, cached tokens, TTFT of cached and uncached requests, compute saved. */
import type { LlmCostModel } from '../llm/llm-perf.ts';
import { LatencyHistogram } from '../metrics/latency-histogram.ts';

export class PrefixStats {
  /** Served requests (arrived after the warm-up). */
  requests = 0;
  /** Of those, requests whose prompt starts with a template or a session's conversation. */
  withPrefix = 0;
  /** Requests that found a cached prefix (at least one block). */
  hits = 0;
  promptTokens = 0;
  cachedTokens = 0;
  /** Prefill FLOPs of all prompts, and the part skipped thanks to cached prefixes. */
  promptFlops = 0;
  savedFlops = 0;
  /** Cached prefixes evicted to make room (whole run). */
  evictions = 0;
  readonly ttftCached = new LatencyHistogram();
  readonly ttftUncached = new LatencyHistogram();
  /** The current interval (every request, warm-up included, for the hit-rate series): prompt tokens and the cached part. */
  iPromptTokens = 0;
  iCachedTokens = 0;

  /** A request finished with `hit` of its `prompt` tokens from the cache (counted for the interval's series). */
  finished(hit: number, prompt: number): void {
    this.iPromptTokens += prompt;
    this.iCachedTokens += hit;
  }

  /** A request was served with `hit` of its `prompt` tokens from the cache. */
  served(hit: number, prompt: number, withPrefix: boolean, ttftMs: number, m: LlmCostModel): void {
    this.requests++;
    if (withPrefix) this.withPrefix++;
    this.promptTokens += prompt;
    this.promptFlops += prefillFlops(prompt, m);
    if (hit > 0) {
      this.hits++;
      this.cachedTokens += hit;
      this.savedFlops += prefillFlops(hit, m);
      this.ttftCached.record(ttftMs);
    } else this.ttftUncached.record(ttftMs);
  }
}

/**
 * FLOPs of a prefill of n tokens from an empty context, as the iteration model counts them
 * (`llm-perf.ts` iterationSeconds: 2·P per token plus 4·layers·hidden per attended token, n²/2 attended).
 * The first `hit` tokens of a prompt cost exactly prefillFlops(hit): skipping them saves that much.
 */
export function prefillFlops(n: number, m: LlmCostModel): number {
  return 2 * m.parameters * n + 4 * m.layers * (m.attentionWidth ?? m.hiddenSize) * ((n * n) / 2);
}

/** Prefix caching over the run, all llm services with templates or sessions together. */
export interface EnginePrefixResult {
  stats: PrefixStats;
  /** GPU-seconds of prefill compute the cached prefixes skipped (at each service's achieved FLOP/s). */
  gpuSecondsSaved: number;
  /** prefix-aware routing: requests sent to their prefix's replica, and those sent elsewhere (too loaded or gone); null under other routings. */
  routing: { followed: number; rebalanced: number } | null;
}

/** What the summary needs from one service. */
export interface PrefixSource {
  stats: PrefixStats;
  /** Achieved FLOP/s of one GPU (peak × compute efficiency). */
  achievedFlopsPerGpu: number;
  router: { followed: number; rebalanced: number } | null;
}

/** Merges the services' prefix-cache outcomes; null when no service has templates or sessions. */
export function prefixResult(sources: PrefixSource[]): EnginePrefixResult | null {
  if (sources.length === 0) return null;
  const all = sources.length === 1 ? sources[0]!.stats : new PrefixStats();
  let gpuSecondsSaved = 0;
  let routing: { followed: number; rebalanced: number } | null = null;
  for (const s of sources) {
    gpuSecondsSaved += s.stats.savedFlops / s.achievedFlopsPerGpu;
    if (s.router) {
      routing ??= { followed: 0, rebalanced: 0 };
      routing.followed += s.router.followed;
      routing.rebalanced += s.router.rebalanced;
    }
    if (all === s.stats) continue;
    all.requests += s.stats.requests;
    all.withPrefix += s.stats.withPrefix;
    all.hits += s.stats.hits;
    all.promptTokens += s.stats.promptTokens;
    all.cachedTokens += s.stats.cachedTokens;
    all.promptFlops += s.stats.promptFlops;
    all.savedFlops += s.stats.savedFlops;
    all.evictions += s.stats.evictions;
    all.ttftCached.merge(s.stats.ttftCached);
    all.ttftUncached.merge(s.stats.ttftUncached);
  }
  return { stats: all, gpuSecondsSaved, routing };
}
