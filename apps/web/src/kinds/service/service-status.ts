/**
 * The service node's live lines. Series are fleet totals: with several services each node shows its
 * own figures (result.services), else the fleet's, saying so.
 */
import type { RunResult } from '@design-sim/sim-core';
import { formatCount, formatMs, formatPercent } from '../../results/format.ts';
import type { NodeStatus, StatusContext } from '../../results/node-status.ts';
import { cur, failingOn, fleet, headline, ownName, run, seriesPoint } from '../status-lines.ts';

/** Metric families a service's own serving answers for: its latencies, requests, replicas, tokens, and what its scale-to-zero, KV cache, prefix cache and LoRA adapters did. */
const SERVICE_FAMILIES = ['latency.', 'requests.', 'replicas.', 'ttft.', 'tpot.', 'itl.', 'tokens.', 'scaleToZero.', 'kvCache.', 'kvTransfer.', 'prefixCache.', 'lora.'];

/** The expectation metrics a service answers for. */
export const serviceOwns = (m: string): boolean => m === 'availability' || SERVICE_FAMILIES.some((f) => m.startsWith(f));

/** The run's own errors about serving (requests failed at zero replicas, overload, nothing served): a broken run fails at its one service. */
const servingErrors = (result: RunResult): string[] => result.diagnostics.filter((d) => d.severity === 'error' && d.code !== 'training-does-not-fit').map((d) => d.message);

/** What a service node shows after a run. */
export function serviceStatus(result: RunResult, index: number | null, ctx: StatusContext): NodeStatus | null {
  const { ts, at, atSeconds, atEnd } = seriesPoint(result, index);
  const s = result.summary;
  if (ts === null || s === null) return null;
  // Several services: the service's own figures (visits at it, its latency alone and with its calls).
  const name = ownName(ctx);
  const own = ctx.services > 1 && name !== undefined ? result.services?.[name] : undefined;
  if (own !== undefined) {
    const x = own.timeseries;
    return {
      lines: [
        cur('replicas', `${formatCount(at(x.readyReplicas))} ready`),
        headline(cur('p99 with calls', formatMs(at(x.latencyP99Ms)))),
        // Batching and llm replicas report busy time (near 100% at any load under continuous batching), not slots used.
        headline(cur(own.utilizationBasis === 'busy' ? 'busy' : 'utilization', formatPercent(at(x.utilization)))),
        // Thread per request: slots held while visits wait on calls, beside the working ones (exhausted threads on an idle CPU).
        ...(own.slotsInUse - own.utilization >= 0.0005 ? [headline(cur('slots in use', formatPercent(at(x.slotsInUse))))] : []),
        run('p99 alone', formatMs(own.latencyMs.p99)),
        run('p99 with calls', formatMs(own.subtreeLatencyMs.p99)),
        run('served', formatPercent(own.availability)),
      ],
      atSeconds,
      atEnd,
      // Its own `services.<name>.*` lines: an end-to-end failure is the design's, shown on the cards.
      failing: result.expectations.filter((e) => !e.pass && e.metric.startsWith(`services.${name}.`)).map((e) => e.text),
    };
  }
  return {
    lines: [
      headline(cur(`replicas${fleet(ctx.services)}`, `${formatCount(at(ts.readyReplicas))} / ${formatCount(at(ts.desiredReplicas))} ready`)),
      // Token-level runs: TTFT p99 is a whole-run figure (the series have no TTFT); tokens/s is at the cursor.
      ...(s.llm === null
        ? [headline(cur('p99', formatMs(at(ts.latencyP99Ms))))]
        : [headline(cur(`tokens/s${fleet(ctx.services)}`, formatCount(at(ts.outputTokensPerSecond)))), run(`TTFT p99${fleet(ctx.services)}`, formatMs(s.llm.ttftMs.p99))]),
      run('p99', formatMs(s.latencyMs.p99)),
      run('availability', formatPercent(s.availability)),
    ],
    atSeconds,
    atEnd,
    failing: [...servingErrors(result), ...failingOn(result.expectations, serviceOwns)],
  };
}
