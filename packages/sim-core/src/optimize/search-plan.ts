/**
 * How a search space is cut up: dimensions without a known order are enumerated (each combination of
 * their values is one independent branch), monotone dimensions are searched inside every branch. A
 * branch depends on nothing outside itself, so branches can run in any order, on any machine (shards),
 * and still give the same records.
 */
import { formatInteger } from '../scenario/describe-value.ts';
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
  /**
   * Most steps of a branch's staircase walk (branch-search.ts): every value of each monotone dimension but the
   * last, so the product of their sizes (1 with fewer than two, or when only the most-capacity design is run);
   * each step costs at least one run per seed. Two monotone fields of 100,000 values each walked 100,000 steps,
   * hours of runs, under every other limit.
   */
  walkSteps: number;
  trend: ObjectiveTrend;
}

/** The most steps a search may take: its branches times the staircase steps in each. */
export function searchSteps(plan: Pick<SearchPlan, 'branchCount' | 'walkSteps'>): number {
  return plan.branchCount * plan.walkSteps;
}

/** Why a search's staircase is too long (its steps above `max`), naming the fields that make it, or null. */
export function staircaseTooLong(space: SearchSpace, plan: SearchPlan, max: number): string | null {
  const steps = searchSteps(plan);
  if (steps <= max) return null;
  const walked = plan.monotone.slice(0, -1).map((i) => `${space.dimensions[i]?.label ?? '?'} (${formatInteger(space.dimensions[i]?.values.length ?? 1)} values)`);
  const last = space.dimensions[plan.monotone.at(-1) ?? -1]?.label ?? '?';
  const branches = plan.branchCount > 1 ? ` in each of ${formatInteger(plan.branchCount)} combinations of the other fields` : '';
  return `several fields that add capacity are searched as a staircase, every value of each but the last (${last}) in turn: ${walked.join(' × ')} is up to ${formatInteger(steps)} steps${branches}, each at least one run per seed, more than the ${formatInteger(max)} it may take; use a coarser step (a..b:step), link fields that move together with commas (replicas,minNodes,maxNodes=…), or put the field with the most values last`;
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
  const walkSteps = trend === 'shrinks' ? 1 : monotone.slice(0, -1).reduce((n, i) => n * (space.dimensions[i]?.values.length ?? 1), 1);
  return { orders, enumerated, monotone, branchCount, walkSteps, trend };
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
