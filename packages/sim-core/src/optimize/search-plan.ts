/**
 * How a search space is cut up: dimensions without a known order are enumerated (each combination of
 * their values is one independent branch), monotone dimensions are searched inside every branch. A
 * branch depends on nothing outside itself, so branches can run in any order, on any machine (shards),
 * and still give the same records.
 */
import type { ObjectiveTrend } from './objective.ts';
import { capacityOrder, type SearchSpace } from './search-space.ts';

/** How each dimension is searched. */
export interface SearchPlan {
  /** Per dimension: value indices from least to most capacity when it is searched by bisection, else undefined. */
  orders: (number[] | undefined)[];
  /** Dimensions enumerated value by value (one branch per combination). */
  enumerated: number[];
  /** Dimensions bisected inside each branch. */
  monotone: number[];
  /** Number of branches (the product of the enumerated dimensions' sizes). */
  branchCount: number;
  trend: ObjectiveTrend;
}

/**
 * The plan for `space`. With `exhaustive`, or when the objective's trend is unknown, every dimension is
 * enumerated: bisection only finds the feasibility boundary, which is the answer only when the objective
 * grows (or shrinks) with capacity.
 */
export function planSearch(space: SearchSpace, trend: ObjectiveTrend, exhaustive: boolean): SearchPlan {
  const bisect = !exhaustive && trend !== 'unknown';
  const orders = space.dimensions.map((d) => (bisect ? capacityOrder(d) : undefined));
  const enumerated = orders.flatMap((o, i) => (o === undefined ? [i] : []));
  const monotone = orders.flatMap((o, i) => (o === undefined ? [] : [i]));
  const branchCount = enumerated.reduce((n, i) => n * (space.dimensions[i]?.values.length ?? 1), 1);
  return { orders, enumerated, monotone, branchCount, trend };
}

/** The enumerated dimensions' value indices of branch `b` (first enumerated dimension slowest). */
export function branchAssignment(space: SearchSpace, plan: SearchPlan, b: number): Map<number, number> {
  const out = new Map<number, number>();
  let rest = b;
  for (let k = plan.enumerated.length - 1; k >= 0; k--) {
    const dim = plan.enumerated[k] ?? 0;
    const n = space.dimensions[dim]?.values.length ?? 1;
    out.set(dim, rest % n);
    rest = Math.floor(rest / n);
  }
  return out;
}
