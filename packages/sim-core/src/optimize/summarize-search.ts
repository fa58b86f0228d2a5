/**
 * The answer of a search, from its records: the best feasible design with its binding constraint and
 * neighbours, or the closest infeasible one; the cost–latency frontier; and how many runs it took
 * against the full grid. A pure function of the records, so shards merged in any order give the same
 * answer as one process.
 */
import { getMetric } from '../scenario/metrics.ts';
import { bindingConstraint, neighbours, type BindingConstraint, type Neighbour } from './binding-constraint.ts';
import type { DesignRecord } from './design-prober.ts';
import { summarizeDesign, type DesignSummary } from './design-summary.ts';
import { isLatencyMetric, type ObjectiveTrend } from './objective.ts';
import { paretoFrontier, type ParetoFrontier } from './pareto-frontier.ts';
import { searchPlanFor, type SearchOptions } from './run-search.ts';
import { compareDesigns, designKey, gridSize, type CapacityDirection, type SearchSpace } from './search-space.ts';

/** How one dimension was searched. */
export interface DimensionReport {
  label: string;
  paths: string[];
  values: unknown[];
  capacity: CapacityDirection | null;
  /** Why it is (or is not) monotone. */
  reason: string | null;
  /** `bisect`: by its capacity order inside each branch; `enumerate`: every value. */
  search: 'bisect' | 'enumerate';
}

/** The best design and why. */
export interface BestDesign extends DesignSummary {
  /** Mean over seeds of the minimized metric. */
  objective: number;
  binding: BindingConstraint | null;
  neighbours: Neighbour[];
}

/** The closest design when none is feasible: the fewest run errors, then the least shortfall. */
export interface ClosestDesign extends DesignSummary {
  /** Sum of the failed expectations' shortfalls relative to their thresholds, at the worst seed. */
  shortfall: number;
}

/** Everything an optimization reports (plain data; the CLI prints it, --json writes it). */
export interface OptimizeResult {
  minimize: string;
  trend: ObjectiveTrend;
  seeds: number[];
  dimensions: DimensionReport[];
  grid: { designs: number; runs: number };
  evaluated: { designs: number; runs: number };
  feasible: boolean;
  best: BestDesign | null;
  closest: ClosestDesign | null;
  frontier: ParetoFrontier | null;
  /** Every design run, in grid order. */
  designs: DesignSummary[];
}

function shortfall(d: DesignSummary): number {
  let sum = 0;
  for (const e of d.expectations) {
    if (e.pass) continue;
    if (e.worst === null) return Infinity;
    sum += Math.abs(e.worst - e.expected) / Math.max(Math.abs(e.expected), 1e-12);
  }
  return sum;
}

/** The frontier's cost axis: the minimized metric when it is a cost, else cost.hourly. */
function costAxis(minimize: string): string {
  return getMetric(minimize)?.kind === 'usd' ? minimize : 'cost.hourly';
}

/** Summarizes `records` (any order) of a search of `space` with `options`. */
export function summarizeSearch(space: SearchSpace, options: SearchOptions, records: readonly DesignRecord[]): OptimizeResult {
  const plan = searchPlanFor(space, options);
  const sorted = [...records].sort((a, b) => compareDesigns(a.design, b.design));
  const designs = sorted.map((r) => summarizeDesign(space, r));
  const byKey = new Map(designs.map((d) => [designKey(d.design), d]));
  let best: DesignSummary | undefined;
  let bestObjective = Infinity;
  for (const d of designs) {
    const v = d.metrics[options.minimize];
    if (!d.feasible || v === undefined) continue;
    if (best === undefined || v < bestObjective) {
      best = d;
      bestObjective = v;
    }
  }
  let closest: ClosestDesign | null = null;
  if (best === undefined) {
    // A run that broke (overloaded, nothing served) is further from feasible than any shortfall.
    for (const d of designs) {
      if (d.status !== 'infeasible') continue;
      const s = shortfall(d);
      const worse = closest !== null && (d.errors.length > closest.errors.length || (d.errors.length === closest.errors.length && s >= closest.shortfall));
      if (closest === null || !worse) closest = { ...d, shortfall: s };
    }
  }
  // The binding constraint is what the next step down fails; without such a step, the least room.
  let binding = best === undefined ? null : bindingConstraint(best);
  let steps = best === undefined ? [] : neighbours(space, plan, best, byKey, binding);
  const stopper = steps.find((n) => n.failed !== null)?.failed?.text;
  if (best !== undefined && stopper !== undefined && stopper !== binding?.text) {
    binding = bindingConstraint(best, stopper);
    steps = neighbours(space, plan, best, byKey, binding);
  }
  const firstLatency = designs[0]?.expectations.find((e) => isLatencyMetric(e.metric) && e.op !== '==' && e.op !== '!=');
  return {
    minimize: options.minimize,
    trend: plan.trend,
    seeds: [...options.seeds],
    dimensions: space.dimensions.map((d, i) => ({ label: d.label, paths: d.paths, values: d.values, capacity: d.capacity, reason: d.reason ?? null, search: plan.orders[i] === undefined ? 'enumerate' : 'bisect' })),
    grid: { designs: gridSize(space), runs: gridSize(space) * options.seeds.length },
    evaluated: { designs: records.length, runs: records.reduce((n, r) => n + r.evaluations.length, 0) },
    feasible: best !== undefined,
    best: best === undefined ? null : { ...best, objective: bestObjective, binding, neighbours: steps },
    closest,
    frontier: firstLatency === undefined ? null : paretoFrontier(designs, costAxis(options.minimize), firstLatency.text, firstLatency.metric),
    designs,
  };
}
