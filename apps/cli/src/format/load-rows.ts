/**
 * How the load was generated, for the run reports (text and Markdown): an open-loop profile says nothing
 * new; a closed loop gets its users, think time and achieved throughput, and a table with one row per
 * user level (the concurrency sweep of vllm bench / genai-perf); a trace replay names its file.
 */
import { formatDuration, type RunResult, type Scenario } from '@design-sim/sim-core';
import { formatInt, formatMs, formatNum } from './numbers.ts';

/** One-line description of the load, or null for open-loop traffic. */
export function loadLine(r: RunResult, scenario: Scenario): string | null {
  const c = r.summary?.closedLoop ?? null;
  const parts: string[] = [];
  if (c !== null) {
    const users = c.users.min === c.users.max ? `${formatInt(c.users.max)} users` : `${formatInt(c.users.min)}–${formatInt(c.users.max)} users (mean ${formatNum(c.users.mean)})`;
    parts.push(`closed loop: ${users} at interval ends · think ${formatDuration(c.thinkSeconds)} · ${formatNum(c.throughputQps)} requests/s achieved after the warm-up`);
  }
  for (const t of scenario.spec.trafficSources) {
    if (t.trace === undefined) continue;
    parts.push(`trace replay: ${t.trace.file} (${t.trace.format}${t.trace.timeScale === 1 ? '' : `, time × ${formatNum(t.trace.timeScale)}`}${t.trace.loop ? ', looped' : ''}), token counts from the trace`);
  }
  return parts.length === 0 ? null : parts.join('; ');
}

/** Header of the level table; the token columns only with an llm service. */
export function levelHead(llm: boolean): string[] {
  return ['users', 'from–to', 'requests/s', 'failed/s', ...(llm ? ['output tok/s'] : []), 'latency p50', 'latency p99', ...(llm ? ['TTFT p50', 'TTFT p99', 'TPOT p50', 'TPOT p99'] : []), 'measured'];
}

/** Rows of the level table (null without a closed loop). Rates are per second of simulated time within the level. */
export function levelRows(r: RunResult): { llm: boolean; rows: string[][]; truncated: boolean } | null {
  const c = r.summary?.closedLoop ?? null;
  if (c === null) return null;
  const llm = c.levels.some((l) => l.ttftMs !== null);
  const rows = c.levels.map((l) => [
    formatInt(l.users),
    `${formatDuration(l.fromSeconds)}–${formatDuration(l.toSeconds)}`,
    formatNum(l.servedQps),
    formatNum(l.failedQps),
    ...(llm ? [formatNum(l.outputTokensPerSecond)] : []),
    formatMs(l.latencyMs.p50),
    formatMs(l.latencyMs.p99),
    ...(llm ? [formatMs(l.ttftMs?.p50), formatMs(l.ttftMs?.p99), formatMs(l.tpotMs?.p50), formatMs(l.tpotMs?.p99)] : []),
    formatInt(l.requests),
  ]);
  return { llm, rows, truncated: c.levelsTruncated };
}
