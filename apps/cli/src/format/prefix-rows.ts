/** The prefix-cache rows of a run (text and Markdown): hit rates, TTFT with and without a hit, compute saved, routing. */
import type { PrefixCacheSummary } from '@design-sim/sim-core';
import { formatInt, formatMs, formatNum, formatPercent } from './numbers.ts';

/** [label, text] pairs, in the order the reports print them. */
export function prefixCacheRows(p: PrefixCacheSummary): [string, string][] {
  const rows: [string, string][] = [
    [
      'Prefix cache',
      `${formatPercent(p.hitRate, 1)} of requests hit (${formatInt(p.requestsWithPrefix)} of ${formatInt(p.requests)} carry a shared prefix) · ${formatPercent(p.tokenHitRate, 1)} of prompt tokens from cache · ${formatInt(p.evictions)} evictions over the whole run`,
    ],
    [
      'TTFT cached',
      `p50 ${formatMs(p.ttftCachedMs.p50)} · p99 ${formatMs(p.ttftCachedMs.p99)} (${formatInt(p.ttftCachedMs.count)} requests) · uncached p50 ${formatMs(p.ttftUncachedMs.p50)} · p99 ${formatMs(p.ttftUncachedMs.p99)} (${formatInt(p.ttftUncachedMs.count)})`,
    ],
    ['Prefill saved', `${formatPercent(p.prefillComputeSaved, 1)} of prefill FLOPs · ${formatNum(p.gpuHoursSaved)} GPU-hours of prefill compute over the run`],
  ];
  if (p.routing !== null) {
    const n = p.routing.followed + p.routing.rebalanced;
    rows.push(['KV routing', `${formatInt(p.routing.followed)} requests sent to their prefix's replica · ${formatInt(p.routing.rebalanced)} sent to the least loaded one instead${n > 0 ? ` (${formatPercent(p.routing.rebalanced / n, 1)})` : ''}`]);
  }
  return rows;
}
