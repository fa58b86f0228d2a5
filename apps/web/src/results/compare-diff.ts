/**
 * Compare mode's table: the same metrics for two runs side by side, with B − A and the relative
 * change. Values are sim-core's metric lookups (the CLI's numbers).
 */
import { getMetric, lookupMetric, type RunResult } from '@design-sim/sim-core';
import { formatCount, formatMs, formatPercent, formatUsd } from './format.ts';

/** One metric of the comparison. */
export interface DiffRow {
  metric: string;
  label: string;
  unit: string;
  a: number | null;
  b: number | null;
  delta: number | null;
  /** (b − a) / |a| × 100, null when undefined. */
  deltaPct: number | null;
  /** True when lower is better (latency, cost), for colouring the change. */
  lowerIsBetter: boolean;
}

const ROWS: readonly { metric: string; label: string; lowerIsBetter: boolean }[] = [
  { metric: 'latency.p99', label: 'p99 latency', lowerIsBetter: true },
  { metric: 'availability', label: 'availability', lowerIsBetter: false },
  { metric: 'gpus.peak', label: 'peak GPUs', lowerIsBetter: true },
  { metric: 'nodes.mean', label: 'mean nodes', lowerIsBetter: true },
  { metric: 'cost.hourly', label: '$ / hour', lowerIsBetter: true },
  { metric: 'cost.monthly', label: '$ / month', lowerIsBetter: true },
  { metric: 'cost.per1k', label: '$ / 1k requests', lowerIsBetter: true },
  // Token-level LLM runs only (null otherwise, so the rows drop out for other designs).
  { metric: 'ttft.p99', label: 'TTFT p99', lowerIsBetter: true },
  { metric: 'tpot.p50', label: 'TPOT p50', lowerIsBetter: true },
  { metric: 'itl.p50', label: 'ITL p50', lowerIsBetter: true },
  { metric: 'tokens.outputPerSecond', label: 'output tokens/s', lowerIsBetter: false },
  { metric: 'cost.perMillionTokens', label: '$ / 1M output tokens', lowerIsBetter: true },
  { metric: 'spotInterruptions', label: 'spot interruptions', lowerIsBetter: true },
  { metric: 'training.days', label: 'training days', lowerIsBetter: true },
  { metric: 'training.costUsd', label: 'training cost', lowerIsBetter: true },
];

/** The rows both or either run has a value for. */
export function compareRows(a: RunResult, b: RunResult): DiffRow[] {
  return ROWS.map((r) => {
    const va = lookupMetric(a, r.metric);
    const vb = lookupMetric(b, r.metric);
    const delta = va !== null && vb !== null ? vb - va : null;
    const deltaPct = delta !== null && va !== null && va !== 0 ? (delta / Math.abs(va)) * 100 : null;
    return { ...r, unit: getMetric(r.metric)?.unit ?? '', a: va, b: vb, delta, deltaPct };
  }).filter((r) => r.a !== null || r.b !== null);
}

/** What follows a dollar amount for a money unit: `USD/h` → "/h", `USD per 1k requests` → " per 1k requests". */
function usdSuffix(unit: string): string {
  const rest = unit.slice(3);
  return rest.startsWith('/') ? rest : rest === '' ? '' : ` ${rest.trim()}`;
}

/**
 * A value of `unit` as read in the table: "$55.15/h", "2.05 s", "99.95%", "70 GPUs". A difference
 * (`delta`) carries its sign, and a difference of fractions is in percentage points ("−0.3 pp").
 */
export function formatInUnit(unit: string, v: number | null, delta = false): string {
  if (v === null || !Number.isFinite(v)) return '—';
  const sign = delta ? (v > 0 ? '+' : v < 0 ? '−' : '±') : v < 0 ? '−' : '';
  const a = Math.abs(v);
  if (unit.startsWith('USD')) return `${sign}${formatUsd(a)}${usdSuffix(unit)}`;
  if (unit === 'ms') return `${sign}${formatMs(a)}`;
  if (unit === 'fraction') return delta ? `${sign}${Number((a * 100).toPrecision(3))} pp` : `${sign}${formatPercent(a)}`;
  return `${sign}${formatCount(a)} ${unit}`;
}
