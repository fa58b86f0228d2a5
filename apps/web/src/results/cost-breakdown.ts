/**
 * The bill of a run, grouped for display: each node pool split by capacity type (on-demand,
 * spot, commitments), the control plane, other lines, and the training run. Per-hour figures
 * divide by the simulated duration.
 */
import { observedLabel, type CostLine } from '@design-sim/cost-model';
import type { RunResult } from '@design-sim/sim-core';

/** One row of the breakdown. */
export interface CostRow {
  group: string;
  label: string;
  detail: string;
  usd: number | null;
  usdPerHour: number | null;
  /** Share of the known total, 0..1. */
  share: number;
  /** "SOURCE, observed 2026-06-23" (every price with its date), or null for lines without a catalog price. */
  source: string | null;
  /** Why the price is stale (still billed), or null. */
  stale: string | null;
}

/** The breakdown of a run. */
export interface CostBreakdown {
  rows: CostRow[];
  totalUsd: number;
  complete: boolean;
  unknownPrices: string[];
  /** One line per stale price used. */
  stalePrices: string[];
}

function lineRow(line: CostLine, hours: number, total: number): CostRow {
  const group = line.pool !== undefined ? `pool ${line.pool}` : /control plane/.test(line.label) ? 'control plane' : 'other';
  const label = line.capacity ?? line.label;
  const rate = line.usdPerUnit === null ? 'price unknown' : `${Number(line.quantity.toPrecision(4))} ${line.unit} × $${line.usdPerUnit}`;
  return {
    group,
    label,
    detail: line.instanceId !== undefined ? `${line.instanceId} · ${rate}` : rate,
    usd: line.usd,
    usdPerHour: line.usd === null || hours <= 0 ? null : line.usd / hours,
    share: line.usd === null || total <= 0 ? 0 : line.usd / total,
    source: line.source === undefined ? null : `${line.source}, observed ${line.freshness ? observedLabel(line.freshness) : (line.sourceDate ?? 'undated')}`,
    stale: line.freshness?.status === 'stale' ? line.freshness.reasons.join('; ') : null,
  };
}

/** The breakdown of a run's serving bill and training cost. */
export function costBreakdown(result: RunResult): CostBreakdown {
  const serving = result.summary;
  const training = result.training;
  const hours = serving ? serving.durationSeconds / 3600 : 0;
  const trainingUsd = training?.costUsd ?? 0;
  const costs = result.costs;
  const total = (serving?.cost.totalUsd ?? 0) + trainingUsd + (costs?.totalUsd ?? 0);
  const rows = (serving?.cost.lines ?? []).map((l) => lineRow(l, hours, total));
  if (training) {
    rows.push({
      group: 'training',
      label: training.purchase,
      detail: `${training.gpuCount} × ${training.gpu} for ${Number(training.days.toPrecision(3))} days${training.usdPerGpuHour === null ? ' · price unknown' : ` at $${Number(training.usdPerGpuHour.toPrecision(4))}/GPU-h`}`,
      usd: training.costUsd,
      usdPerHour: null,
      share: training.costUsd === null || total <= 0 ? 0 : training.costUsd / total,
      source: training.priceSource === null ? null : `${training.priceSource}, observed ${training.priceObserved ?? 'undated'}`,
      stale: training.stalePrices.length > 0 ? training.stalePrices.join('; ') : null,
    });
  }
  for (const item of costs?.items ?? []) rows.push({ ...lineRow(item.line, costs!.periodSeconds / 3600, total), group: 'line items', label: item.name });
  const unknown = [...(serving?.cost.unknownPrices ?? []), ...(training?.unknownPrices ?? []), ...(costs?.unknownPrices ?? [])];
  const stale = [...(serving?.cost.stalePrices ?? []), ...(training?.stalePrices ?? []), ...(costs?.stalePrices ?? [])];
  return { rows, totalUsd: total, complete: unknown.length === 0, unknownPrices: unknown, stalePrices: stale };
}
