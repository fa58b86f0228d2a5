import { describe, expect, it } from 'vitest';
import { planSearch, searchSteps, staircaseTooLong } from './search-plan.ts';
import type { SearchDimension, SearchSpace } from './search-space.ts';

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const monotone = (label: string, n: number): SearchDimension => ({ label, paths: [label], values: range(n), capacity: 'up' });
const listed = (label: string, values: unknown[]): SearchDimension => ({ label, paths: [label], values, capacity: null });

describe('the staircase bound', () => {
  it('counts the steps of a staircase: every value of each monotone field but the last, in each branch', () => {
    // One monotone field is bisected: one step a branch.
    expect(planSearch({ dimensions: [monotone('replicas', 100_000)] }, 'grows', false).walkSteps).toBe(1);
    // Two: the first is walked value by value (branch-search.ts), the last bisected at each.
    const two: SearchSpace = { dimensions: [monotone('replicas', 100_000), monotone('maxNodes', 50)] };
    expect(planSearch(two, 'grows', false).walkSteps).toBe(100_000);
    // Three, with two branches of an enumerated field: 20 × 30 steps in each of 2 branches.
    const three: SearchSpace = { dimensions: [monotone('a', 20), listed('routing', ['random', 'round-robin']), monotone('b', 30), monotone('c', 1000)] };
    const plan = planSearch(three, 'grows', false);
    expect([plan.branchCount, plan.walkSteps, searchSteps(plan)]).toEqual([2, 600, 1200]);
    // An objective that shrinks with capacity runs only the most-capacity design.
    expect(planSearch(two, 'shrinks', false).walkSteps).toBe(1);
  });

  it('refuses a staircase past the limit, naming the fields walked and how to shorten it', () => {
    // Two monotone fields of 100,000 values: 100,000 steps, each at least one run (about 5 runs a step measured
    // with replicas and node counts: 1,041 runs for 200 values), hours under every other limit.
    const two: SearchSpace = { dimensions: [monotone('replicas', 100_000), monotone('minNodes,maxNodes', 100_000)] };
    expect(staircaseTooLong(two, planSearch(two, 'grows', false), 10_000)).toBe(
      'several fields that add capacity are searched as a staircase, every value of each but the last (minNodes,maxNodes) in turn: replicas (100,000 values) is up to 100,000 steps, each at least one run per seed, more than the 10,000 it may take; use a coarser step (a..b:step), link fields that move together with commas (replicas,minNodes,maxNodes=…), or put the field with the most values last',
    );
    // At the limit it is allowed; with the long field last, too.
    const atLimit: SearchSpace = { dimensions: [monotone('replicas', 10_000), monotone('maxNodes', 100_000)] };
    expect(staircaseTooLong(atLimit, planSearch(atLimit, 'grows', false), 10_000)).toBeNull();
  });
});
