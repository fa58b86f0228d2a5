/**
 * The service node's live lines. Series are fleet totals: with several services each node shows its
 * own figures (result.services), else the fleet's, saying so.
 */
import type { RunResult } from '@design-sim/sim-core';
import { formatCount, formatMs, formatPercent } from '../../results/format.ts';
import type { NodeStatus, StatusContext } from '../../results/node-status.ts';
import { cur, failingOn, fleet, headline, ownName, run, seriesPoint } from '../status-lines.ts';

/** The expectation metrics a service answers for. */
export const serviceOwns = (m: string): boolean =>
  m.startsWith('latency.') || m === 'availability' || m.startsWith('requests.') || m.startsWith('replicas.') || m.startsWith('ttft.') || m.startsWith('tpot.') || m.startsWith('itl.') || m.startsWith('tokens.');

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
    failing: failingOn(result.expectations, serviceOwns),
  };
}
