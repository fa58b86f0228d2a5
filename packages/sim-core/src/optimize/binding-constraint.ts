/**
 * Why the best design is the best: the binding constraint (the expectation that stops a cheaper
 * design: the one the design with one step less capacity fails; when no such step failed, the one met
 * with the least room), at its worst seed, and what one step less capacity in each monotone dimension
 * gives ("latency.p99 97.8 ms against < 100 ms; one replica fewer gives 131 ms").
 */
import type { ComparisonOp } from '../scenario/expectations.ts';
import type { DesignSummary } from './design-summary.ts';
import type { SearchPlan } from './search-plan.ts';
import { designKey, valuesByPath, type SearchSpace } from './search-space.ts';

/** The expectation with the least room. */
export interface BindingConstraint {
  text: string;
  metric: string;
  op: ComparisonOp;
  expected: number;
  /** The worst seed's value. */
  worst: number;
  worstSeed: number;
  /** Room left, in the metric's unit (positive: met). */
  slack: number;
  /** slack ÷ |expected| (slack itself when expected is 0). */
  margin: number;
}

/** The design one step less capacity along one monotone dimension. */
export interface Neighbour {
  /** The dimension's label. */
  dimension: string;
  /** Its value there. */
  value: unknown;
  /** All of the neighbour's values, by path. */
  values: Record<string, unknown>;
  /** False when the search never ran it (it knew enough without). */
  evaluated: boolean;
  feasible: boolean | null;
  /** The binding metric at the neighbour's worst seed. */
  bindingWorst: number | null;
  /** The first expectation it failed, at its worst seed. */
  failed: { text: string; metric: string; worst: number | null; seed: number } | null;
  /** Its runs' own errors (overloaded, nothing served), with their seed. */
  errors: { seed: number; message: string }[];
}

function slackOf(op: ComparisonOp, expected: number, worst: number): number | undefined {
  if (op === '<' || op === '<=') return expected - worst;
  if (op === '>' || op === '>=') return worst - expected;
  return undefined; // == and != have no room to measure
}

/**
 * The expectation `design` meets with the least room (or the one whose text is `prefer`, when given
 * and measurable), or null when it has no inequality expectations.
 */
export function bindingConstraint(design: DesignSummary, prefer?: string): BindingConstraint | null {
  let best: BindingConstraint | null = null;
  for (const e of design.expectations) {
    if (prefer !== undefined && e.text !== prefer) continue;
    if (e.worst === null) continue;
    const slack = slackOf(e.op, e.expected, e.worst);
    if (slack === undefined) continue;
    const margin = e.expected === 0 ? slack : slack / Math.abs(e.expected);
    if (best === null || margin < best.margin) {
      best = { text: e.text, metric: e.metric, op: e.op, expected: e.expected, worst: e.worst, worstSeed: e.worstSeed, slack, margin };
    }
  }
  return best ?? (prefer === undefined ? null : bindingConstraint(design));
}

/** One step less capacity from `best` along each monotone dimension that has such a step. */
export function neighbours(space: SearchSpace, plan: SearchPlan, best: DesignSummary, byKey: ReadonlyMap<string, DesignSummary>, binding: BindingConstraint | null): Neighbour[] {
  const out: Neighbour[] = [];
  for (const d of plan.monotone) {
    const order = plan.orders[d] ?? [];
    const pos = order.indexOf(best.design[d] ?? -1);
    if (pos <= 0) continue;
    const design = best.design.map((v, i) => (i === d ? (order[pos - 1] ?? v) : v));
    const dim = space.dimensions[d];
    const found = byKey.get(designKey(design));
    const failedExpectation = found?.expectations.find((e) => !e.pass);
    out.push({
      dimension: dim?.label ?? '',
      value: dim?.values[design[d] ?? 0],
      values: valuesByPath(space, design),
      evaluated: found !== undefined,
      feasible: found?.feasible ?? null,
      bindingWorst: binding === null ? null : (found?.expectations.find((e) => e.text === binding.text)?.worst ?? null),
      failed: failedExpectation === undefined ? null : { text: failedExpectation.text, metric: failedExpectation.metric, worst: failedExpectation.worst, seed: failedExpectation.failedSeeds[0] ?? failedExpectation.worstSeed },
      errors: found?.errors ?? [],
    });
  }
  return out;
}
