/**
 * The per-service part of a run report (text and Markdown): one row per service (visits, own and subtree
 * latency, utilization, replicas, cost share) and where the entry point's time goes on its critical path.
 * Shown when the design has more than one service; a one-service report is the summary alone.
 */
import type { RunResult } from '@design-sim/sim-core';
import { formatInt, formatMs, formatNum, formatPercent, formatUsd } from './numbers.ts';

export const SERVICE_HEAD = ['service', 'visits', 'failed', 'own p50', 'own p99', 'subtree p99', 'utilization', 'replicas (mean)', '$/h share'] as const;
export const SERVICE_RIGHT = [false, true, true, true, true, true, true, true, true];

/** Rows of the services table, or null when the design has one service. */
export function serviceRows(r: RunResult): string[][] | null {
  const services = r.services;
  if (services === null || Object.keys(services).length < 2) return null;
  return Object.entries(services).map(([name, s]) => [
    name,
    formatInt(s.requests.visits),
    `${formatInt(s.requests.failed)}${s.requests.retries > 0 ? ` (${formatInt(s.requests.retries)} retries)` : ''}${s.requests.unfinished > 0 ? ` · ${formatInt(s.requests.unfinished)} unfinished` : ''}`,
    formatMs(s.latencyMs.p50),
    formatMs(s.latencyMs.p99),
    formatMs(s.subtreeLatencyMs.p99),
    formatPercent(s.utilization, 1),
    formatNum(s.replicas.mean),
    formatUsd(s.cost.perHourUsd),
  ]);
}

/** "where the time goes" lines: mean ms per part on the critical path, summing to the traced mean. */
export function breakdownLines(r: RunResult): string[] | null {
  const b = r.breakdown;
  if (b === null || b.traces === 0) return null;
  const parts = [
    ...b.services.flatMap((s) => [`${s.name} ${formatMs(s.workMs)} work${s.queueMs >= 0.05 ? ` + ${formatMs(s.queueMs)} queue` : ''}`]),
    ...(b.networkMs > 0 ? [`network ${formatMs(b.networkMs)}`] : []),
    ...(b.retryMs >= 0.05 ? [`failed attempts and back-off ${formatMs(b.retryMs)}`] : []),
  ];
  return [
    `mean ${formatMs(b.totalMs)} end to end over ${formatInt(b.traces)} sampled requests = ${parts.join(' + ')}`,
    `critical path ${b.criticalPath.services.join(' → ')} (${formatPercent(b.criticalPath.share, 0)} of requests)`,
  ];
}
