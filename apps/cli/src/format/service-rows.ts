/**
 * The per-service part of a run report (text and Markdown): one row per service (visits, drops, timeouts,
 * retries, queue, own and subtree latency, utilization, replicas, cost share) and where the entry point's
 * time goes on its critical path.
 * Shown when the design has more than one service; a one-service report is the summary alone.
 */
import type { RunResult } from '@design-sim/sim-core';
import { formatInt, formatMs, formatNum, formatPercent, formatUsd } from './numbers.ts';

export const SERVICE_HEAD = ['service', 'visits', 'dropped', 'timed out', 'retries', 'queue peak', 'own p50', 'own p99', 'subtree p50', 'subtree p99', 'utilization', 'replicas (mean)', '$/h share'] as const;
export const SERVICE_RIGHT = SERVICE_HEAD.map((_, i) => i > 0);
/** What the columns count and over which time, for the table's caption. */
export const SERVICE_CAPTION = 'visits after the warm-up; own = the service alone, subtree = with its calls; retries of its calls; queue peak = most visits waiting at an interval end after the warm-up; utilization = working slots ÷ slots of ready replicas, or "busy" = share of time a batching or llm replica runs at all, and "slots in use" where visits hold their slots while waiting on calls (releaseDuringCalls: false) = working and held slots ÷ slots; replicas = mean ready at interval ends after the warm-up; $/h share = its part of the node bill per hour';

/** Most visits waiting at the end of an interval that ends after the warm-up (the other columns' time base). */
function queuePeak(waiting: Float64Array, t: Float64Array | undefined, warmupSeconds: number): number {
  let max = 0;
  for (let i = 0; i < waiting.length; i++) {
    const w = waiting[i]!;
    if ((t === undefined || t[i]! > warmupSeconds) && Number.isFinite(w) && w > max) max = w;
  }
  return max;
}

/**
 * The rest of the bill under the services' shares, so the column adds up to it (sim-core's `summary.cost.unallocated`):
 * one row per part no service holds ("unallocated: pool gpu runs no service"), then the bill itself. None when the
 * shares hold the whole bill.
 */
function unallocatedRows(r: RunResult, width: number): string[][] {
  const c = r.summary?.cost;
  if (c === undefined || c.unallocated.length === 0) return [];
  const row = (name: string, usd: number | null) => [name, ...Array.from({ length: width - 2 }, () => ''), formatUsd(usd)];
  return [...c.unallocated.map((u) => row(`unallocated: ${u.label}${u.reason === 'runs no service' ? ' runs no service' : ' (no pool)'}`, u.perHourUsd)), row('= the bill', c.perHourUsd)];
}

/** Rows of the services table, or null when the design has one service. */
export function serviceRows(r: RunResult): string[][] | null {
  const services = r.services;
  if (services === null || Object.keys(services).length < 2) return null;
  const warmup = r.summary?.warmupSeconds ?? 0;
  const rows = Object.entries(services).map(([name, s]) => [
    name,
    `${formatInt(s.requests.visits)}${s.requests.unfinished > 0 ? ` (${formatInt(s.requests.unfinished)} unfinished)` : ''}`,
    formatInt(s.requests.dropped),
    formatInt(s.requests.timedOut),
    formatInt(s.requests.retries),
    formatInt(queuePeak(s.timeseries.waiting, r.timeseries?.t, warmup)),
    formatMs(s.latencyMs.p50),
    formatMs(s.latencyMs.p99),
    formatMs(s.subtreeLatencyMs.p50),
    formatMs(s.subtreeLatencyMs.p99),
    // A batching or llm service's figure is busy time, not slots used: said in the cell, not only in the docs. A
    // thread-per-request service whose slots wait on its calls says how many are taken: its CPU may idle while none is free.
    `${formatPercent(s.utilization, 1)}${s.utilizationBasis === 'busy' ? ' busy' : ''}${s.slotsInUse - s.utilization >= 0.0005 ? ` (slots in use ${formatPercent(s.slotsInUse, 1)})` : ''}`,
    formatNum(s.replicas.mean),
    formatUsd(s.cost.perHourUsd),
  ]);
  return [...rows, ...unallocatedRows(r, SERVICE_HEAD.length)];
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
