/**
 * The search inside one branch (the enumerated dimensions fixed). With an objective that grows with
 * capacity the answer lies on the feasibility boundary of the monotone dimensions, found without the
 * grid:
 * - one monotone dimension: the most-capacity design first (if it fails, no design in the branch can
 *   pass: the branch is pruned after one run), then a search for the least feasible value that probes
 *   two points per round (a third of the interval each), so two workers stay busy;
 * - several: a staircase walk. The first dimension is walked up from the least value whose best case
 *   is feasible; for each, the rest are solved recursively, the last bounded by the previous step's
 *   answer (more of the first dimension never needs more of the last). Designs above the staircase
 *   are dominated (more capacity, so at least the cost) and never run.
 * Seeds: the walk first runs on the first seed alone, then the least designs it found (the minimal
 * ones) run on the other seeds. If they all pass, they are exactly the minimal designs feasible on
 * every seed (each seed's feasible set is an upper set, and so is their intersection); if one fails,
 * the walk is repeated on every seed, reusing every run already made.
 * With an objective that shrinks with capacity, only the most-capacity design can be best.
 */
import type { DesignProber } from './design-prober.ts';
import { branchAssignment, type SearchPlan } from './search-plan.ts';
import type { SearchSpace } from './search-space.ts';

interface Solved {
  /** The design with this prefix and every later monotone dimension at its least capacity is feasible. */
  allLeast: boolean;
  /** For the last dimension: the least feasible position. */
  last?: number;
}

type Feasible = (positions: readonly number[]) => Promise<boolean>;

/** Least position p in (lo, hi] with ok(p), given ok(hi) (known or implied) and not ok(lo); two probes a round. */
async function lowestFeasible(ok: (p: number) => Promise<boolean>, lo: number, hi: number): Promise<number> {
  while (hi - lo > 1) {
    if (hi - lo === 2) {
      if (await ok(lo + 1)) hi = lo + 1;
      else lo = lo + 1;
      continue;
    }
    const a = lo + Math.max(1, Math.floor((hi - lo) / 3));
    const b = Math.max(a + 1, lo + Math.floor((2 * (hi - lo)) / 3));
    const [okA, okB] = await Promise.all([ok(a), ok(b)]);
    if (okA) hi = a;
    else if (okB) [lo, hi] = [a, b];
    else lo = b;
  }
  return hi;
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

  if (k === 0 || plan.trend === 'shrinks') {
    await prober.passesAll(design(top([])));
    return;
  }

  const walk = async (feasible: Feasible): Promise<number[][]> => {
    const passed: number[][] = [];
    const test: Feasible = async (p) => {
      const ok = await feasible(p);
      if (ok) passed.push([...p]);
      return ok;
    };
    const solve = async (prefix: number[], lastBound?: number): Promise<Solved> => {
      const j = prefix.length;
      const n = sizes[j] ?? 1;
      if (j === k - 1) {
        // lastBound: feasible by monotonicity (the previous step had less capacity at the same position).
        const hi = lastBound ?? n - 1;
        if (lastBound === undefined && !(await test([...prefix, hi]))) return { allLeast: false };
        const last = await lowestFeasible((p) => test([...prefix, p]), -1, hi);
        return { allLeast: last === 0, last };
      }
      if (!(await test(top([...prefix, n - 1])))) return { allLeast: false };
      const first = await lowestFeasible((v) => test(top([...prefix, v])), -1, n - 1);
      let bound: number | undefined;
      for (let v = first; v < n; v++) {
        const sub = await solve([...prefix, v], j === k - 2 ? bound : undefined);
        bound = sub.last;
        // Every later dimension at its least capacity already passes: more of this one is dominated.
        if (sub.allLeast) return { allLeast: v === 0 };
      }
      return { allLeast: false };
    };
    await solve([]);
    return passed;
  };

  const candidates = minimal(await walk((p) => prober.passesFirst(design(p))));
  const verified = await Promise.all(candidates.map((p) => prober.passesAll(design(p))));
  if (verified.every(Boolean)) return;
  await walk((p) => prober.passesAll(design(p)));
}

/** The positions no other position is at most in every coordinate (the minimal designs). */
function minimal(points: readonly number[][]): number[][] {
  const leq = (a: readonly number[], b: readonly number[]) => a.every((x, i) => x <= (b[i] ?? 0));
  const unique = [...new Map(points.map((p) => [p.join(','), p])).values()];
  return unique.filter((p) => !unique.some((q) => q !== p && leq(q, p)));
}
