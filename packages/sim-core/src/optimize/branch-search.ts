/**
 * The search inside one branch (the enumerated dimensions fixed). With an objective that grows with
 * capacity the answer lies on the feasibility boundary of the monotone dimensions, found without the
 * grid:
 * - one monotone dimension: the most-capacity design first (if it fails, no design in the branch can
 *   pass: the branch is pruned after one run), then bisection to the least feasible value;
 * - several: a staircase walk. The first dimension is walked up from the least value whose best case
 *   is feasible; for each, the rest are solved recursively, the last by bisection bounded by the
 *   previous step's answer (more of the first dimension never needs more of the last). Designs above
 *   the staircase are dominated (more capacity, so at least the cost) and never run.
 * With an objective that shrinks with capacity, only the most-capacity design can be best.
 */
import type { DesignProber } from './design-prober.ts';
import { branchAssignment, type SearchPlan } from './search-plan.ts';
import type { SearchSpace } from './search-space.ts';

interface Solved {
  /** Some design with this prefix is feasible. */
  feasible: boolean;
  /** The design with this prefix and every later monotone dimension at its least capacity is feasible. */
  allLeast: boolean;
  /** For the last dimension: the least feasible position. */
  last?: number;
}

/** Runs branch `b` of `plan`; the records stay in `prober`. */
export async function searchBranch(space: SearchSpace, plan: SearchPlan, b: number, prober: DesignProber): Promise<void> {
  const fixed = branchAssignment(space, plan, b);
  const k = plan.monotone.length;
  const sizes = plan.monotone.map((d) => space.dimensions[d]?.values.length ?? 1);
  // A design from monotone positions (0 = least capacity) and the branch's fixed values.
  const design = (positions: readonly number[]): number[] =>
    space.dimensions.map((_, d) => {
      const f = fixed.get(d);
      if (f !== undefined) return f;
      const j = plan.monotone.indexOf(d);
      return plan.orders[d]?.[positions[j] ?? 0] ?? 0;
    });
  const top = (prefix: readonly number[]) => [...prefix, ...sizes.slice(prefix.length).map((n) => n - 1)];
  const feasible = (positions: readonly number[]) => prober.feasible(design(positions));

  if (k === 0) {
    await prober.probe(design([]));
    return;
  }
  if (plan.trend === 'shrinks') {
    await prober.probe(design(top([])));
    return;
  }

  /** Least position p in (lo, hi] with ok(p), given ok(hi) (known or implied) and not ok(lo). */
  const bisect = async (ok: (p: number) => Promise<boolean>, lo: number, hi: number): Promise<number> => {
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (await ok(mid)) hi = mid;
      else lo = mid;
    }
    return hi;
  };

  const solve = async (prefix: number[], lastBound?: number): Promise<Solved> => {
    const j = prefix.length;
    const n = sizes[j] ?? 1;
    if (j === k - 1) {
      // lastBound: feasible by monotonicity (the previous step had less capacity at the same position).
      const hi = lastBound ?? n - 1;
      if (lastBound === undefined && !(await feasible([...prefix, hi]))) return { feasible: false, allLeast: false };
      const last = await bisect((p) => feasible([...prefix, p]), -1, hi);
      return { feasible: true, allLeast: last === 0, last };
    }
    if (!(await feasible(top([...prefix, n - 1])))) return { feasible: false, allLeast: false };
    const first = await bisect((v) => feasible(top([...prefix, v])), -1, n - 1);
    let bound: number | undefined;
    for (let v = first; v < n; v++) {
      const sub = await solve([...prefix, v], j === k - 2 ? bound : undefined);
      bound = sub.last;
      // Every later dimension at its least capacity already passes: more of this one is dominated.
      if (sub.allLeast) return { feasible: true, allLeast: v === 0 };
    }
    return { feasible: true, allLeast: false };
  };
  await solve([]);
}
