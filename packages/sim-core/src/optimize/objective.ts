/**
 * The metric an optimization minimizes, and how it moves as capacity grows. The search uses the trend
 * to skip work: a cost that only grows with capacity is best at the least capacity that is feasible
 * (the feasibility boundary), a latency that only shrinks is best at the most capacity.
 */
import { getMetric, METRIC_NAMES, type MetricName } from '../scenario/metrics.ts';
import { suggestNearest } from '../scenario/suggest.ts';

/** `grows`: never falls as capacity is added; `shrinks`: never rises; `unknown`: every design is compared. */
export type ObjectiveTrend = 'grows' | 'shrinks' | 'unknown';

// Cost per request (per1k, perMillion, perMillionTokens) grows with capacity among feasible designs,
// where the same requests are served whatever the fleet; infeasible designs are never compared.
const GROWS: ReadonlySet<string> = new Set([
  'cost.total', 'cost.hourly', 'cost.monthly', 'cost.per1k', 'cost.perMillion', 'cost.perMillionTokens',
  'replicas.max', 'replicas.min', 'replicas.mean', 'nodes.max', 'nodes.min', 'nodes.mean', 'gpus.peak',
]);
const SHRINKS: ReadonlySet<string> = new Set([
  'latency.p50', 'latency.p90', 'latency.p95', 'latency.p99', 'latency.p999', 'latency.mean', 'latency.max',
  'ttft.p50', 'ttft.p90', 'ttft.p95', 'ttft.p99', 'ttft.mean', 'tpot.p50', 'tpot.p90', 'tpot.p99', 'tpot.mean',
  'itl.p50', 'itl.p90', 'itl.p99', 'itl.mean', 'requests.dropped', 'requests.timedOut', 'requests.unfinished', 'backlog.max', 'backlog.waitingMax',
]);

/** How `metric` moves as capacity is added. */
export function objectiveTrend(metric: string): ObjectiveTrend {
  if (GROWS.has(metric)) return 'grows';
  if (SHRINKS.has(metric)) return 'shrinks';
  return 'unknown';
}

/** The metric name, or an error message with the nearest known name. */
export function checkObjective(metric: string): { ok: true; metric: MetricName } | { ok: false; message: string } {
  if (getMetric(metric) !== undefined) return { ok: true, metric: metric as MetricName };
  const near = suggestNearest(metric, METRIC_NAMES);
  return { ok: false, message: `unknown metric to minimize "${metric}"${near === undefined ? '' : ` (did you mean "${near}"?)`}; metrics: ${METRIC_NAMES.join(', ')}` };
}

/** True for metrics measured in ms (latency, TTFT, TPOT, ITL): the latency axis of the cost frontier. */
export function isLatencyMetric(metric: string): boolean {
  return getMetric(metric)?.kind === 'ms';
}
