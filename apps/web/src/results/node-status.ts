/**
 * The live state a canvas node shows after a run, each value labelled with its time base: at the
 * time cursor (or the run's last interval) — replicas ready/desired, nodes, utilization — or over
 * the whole run — p99, availability, average $/hour, peak GPUs — and the expectations that fail on
 * what the node stands for (a red mark). Series are fleet totals; with several services or pools
 * the node says so rather than pretending to know its own share.
 */
import type { ExpectationResult, RunResult } from '@design-sim/sim-core';
import type { ComponentKind } from '../model/design-graph.ts';
import { formatCount, formatMs, formatPercent, formatUsd } from './format.ts';

/** Which time a value describes: the interval at the time cursor (or the last one), or the whole run. */
export type TimeBase = 'cursor' | 'run';

/** One line of a node's live state. */
export interface StatusLine {
  label: string;
  value: string;
  base: TimeBase;
}

/** What a node shows after a run. */
export interface NodeStatus {
  lines: StatusLine[];
  /** Simulated time (s, an interval end) the `cursor` lines describe; null without a time series. */
  atSeconds: number | null;
  /** True when `atSeconds` is the last interval of the result (no cursor set, or the cursor at the end). */
  atEnd: boolean;
  /** Expectations on this component that fail (the node gets a red mark). */
  failing: string[];
}

/** Which expectation metrics belong to which component. */
const OWNED: Readonly<Record<ComponentKind, (metric: string) => boolean>> = {
  traffic: () => false,
  cache: () => false,
  loadBalancer: () => false,
  service: (m) =>
    m.startsWith('latency.') || m === 'availability' || m.startsWith('requests.') || m.startsWith('replicas.') || m.startsWith('ttft.') || m.startsWith('tpot.') || m.startsWith('tokens.'),
  nodePool: (m) => m.startsWith('cost.') || m.startsWith('nodes.') || m === 'gpus.peak' || m === 'spotInterruptions',
  training: (m) => m.startsWith('training.'),
};

function failing(expectations: readonly ExpectationResult[], kind: ComponentKind): string[] {
  return expectations.filter((e) => !e.pass && OWNED[kind](e.metric)).map((e) => e.text);
}

/** Context a node needs: how many services and pools share the fleet series, and this node's pool name. */
export interface StatusContext {
  services: number;
  pools: number;
  poolName?: string;
  /** The node's service name: in a design of several services its own figures (result.services) are shown. */
  serviceName?: string;
}

/** The status of a node of `kind` at series index `index` (null = the last interval). */
export function nodeStatus(kind: ComponentKind, result: RunResult, index: number | null, ctx: StatusContext): NodeStatus | null {
  const ts = result.timeseries;
  const s = result.summary;
  const i = ts === null ? 0 : Math.min(index ?? ts.t.length - 1, ts.t.length - 1);
  const at = (a: ArrayLike<number> | undefined) => (a === undefined || i < 0 ? null : (a[i] ?? null));
  const fleet = (n: number) => (n > 1 ? ' (fleet)' : '');
  const atSeconds = ts === null || i < 0 || ts.t.length === 0 ? null : ts.t[i]!;
  const atEnd = ts === null || i >= ts.t.length - 1;
  const cur = (label: string, value: string): StatusLine => ({ label, value, base: 'cursor' });
  const run = (label: string, value: string): StatusLine => ({ label, value, base: 'run' });
  switch (kind) {
    case 'traffic':
      return ts === null ? null : { lines: [cur('offered', `${formatCount(at(ts.offeredQps))} req/s`)], atSeconds, atEnd, failing: [] };
    case 'service': {
      if (ts === null || s === null) return null;
      // Several services: the service's own figures (visits at it, its latency alone and with its calls).
      const own = ctx.services > 1 && ctx.serviceName !== undefined ? result.services?.[ctx.serviceName] : undefined;
      if (own !== undefined) {
        const x = own.timeseries;
        const ended = own.requests.served + own.requests.failed;
        return {
          lines: [
            cur('replicas', `${formatCount(at(x.readyReplicas))} ready`),
            cur('p99 with calls', formatMs(at(x.latencyP99Ms))),
            cur('utilization', formatPercent(at(x.utilization))),
            run('p99 alone', formatMs(own.latencyMs.p99)),
            run('p99 with calls', formatMs(own.subtreeLatencyMs.p99)),
            run('served', formatPercent(ended === 0 ? null : own.requests.served / ended)),
          ],
          atSeconds,
          atEnd,
          // Its own `services.<name>.*` lines: an end-to-end failure is the design's, shown on the cards.
          failing: result.expectations.filter((e) => !e.pass && e.metric.startsWith(`services.${ctx.serviceName}.`)).map((e) => e.text),
        };
      }
      return {
        lines: [
          cur(`replicas${fleet(ctx.services)}`, `${formatCount(at(ts.readyReplicas))} / ${formatCount(at(ts.desiredReplicas))} ready`),
          // Token-level runs: TTFT p99 is a whole-run figure (the series have no TTFT); tokens/s is at the cursor.
          ...(s.llm === null
            ? [cur('p99', formatMs(at(ts.latencyP99Ms)))]
            : [cur(`tokens/s${fleet(ctx.services)}`, formatCount(at(ts.outputTokensPerSecond))), run(`TTFT p99${fleet(ctx.services)}`, formatMs(s.llm.ttftMs.p99))]),
          run('p99', formatMs(s.latencyMs.p99)),
          run('availability', formatPercent(s.availability)),
        ],
        atSeconds,
        atEnd,
        failing: failing(result.expectations, 'service'),
      };
    }
    case 'nodePool': {
      if (ts === null || s === null) return null;
      const poolUsd = s.cost.lines.filter((l) => l.pool === ctx.poolName).reduce((a, l) => a + (l.usd ?? 0), 0);
      const hours = s.durationSeconds / 3600;
      const provisioning = at(ts.provisioningNodes) ?? 0;
      return {
        lines: [
          cur(`nodes${fleet(ctx.pools)}`, `${formatCount(at(ts.readyNodes))}${provisioning > 0 ? ` +${formatCount(provisioning)} starting` : ''}`),
          cur('GPU util', formatPercent(at(ts.gpuUtilization))),
          run('$/hour (average)', formatUsd(hours > 0 ? poolUsd / hours : null)),
          run('peak GPUs', formatCount(s.peakGpus)),
        ],
        atSeconds,
        atEnd,
        failing: failing(result.expectations, 'nodePool'),
      };
    }
    case 'training': {
      const t = result.training;
      if (t === null) return null;
      return {
        lines: [
          run('days', String(Number(t.days.toPrecision(3)))),
          run('cost', formatUsd(t.costUsd)),
          ...(t.budget ? [run('budget', t.budget.fits ? 'fits' : `short ${formatUsd(t.budget.shortfallUsd)}`)] : []),
          run('memory', t.memoryFit.fits ? `${Number(t.memoryFit.statesGBPerGpu.toPrecision(3))} / ${t.memoryFit.gpuMemoryGB} GB per GPU` : 'does not fit'),
        ],
        atSeconds: null,
        atEnd: true,
        failing: [
          ...failing(result.expectations, 'training'),
          ...(t.budget && !t.budget.fits ? ['over budget'] : []),
          ...(t.memoryFit.fits ? [] : ['does not fit in GPU memory']),
        ],
      };
    }
    case 'loadBalancer':
    case 'cache':
      return null;
  }
}
