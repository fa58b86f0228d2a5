import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EvaluateDesign } from './design-prober.ts';
import { optimizeDesign } from './optimize.ts';
import { runSearch, searchPlanFor, shardIndices } from './run-search.ts';
import type { SearchDimension, SearchSpace } from './search-space.ts';
import type { SeedEvaluation } from './seed-evaluation.ts';
import { summarizeSearch } from './summarize-search.ts';

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
const dim = (label: string, values: unknown[], capacity: SearchDimension['capacity'] = 'up'): SearchDimension => ({ label, paths: [`spec.${label}`], values, capacity });

/** A synthetic world: p99 = 1000 / capacity (+ a per-seed offset), cost = price × capacity; target p99 < 100 ms. */
function world(capacity: (values: unknown[]) => number, price: (values: unknown[]) => number = capacity, seedNoise = (_s: number) => 0) {
  const calls: string[] = [];
  const evaluate =
    (space: SearchSpace): EvaluateDesign =>
    async (design, seed) => {
      calls.push(`${design.join(',')}@${seed}`);
      const values = design.map((v, i) => space.dimensions[i]!.values[v]);
      const c = capacity(values);
      const p99 = c > 0 ? 1000 / c + seedNoise(seed) : 1e9;
      const pass = p99 < 100;
      const ev: SeedEvaluation = {
        seed,
        pass,
        expectations: [{ text: 'latency.p99 < 100ms', metric: 'latency.p99', op: '<', expected: 100, actual: p99, pass }],
        errors: [],
        unserved: null,
        metrics: { 'latency.p99': p99, 'cost.hourly': price(values) },
      };
      return ev;
    };
  return { calls, evaluate };
}

const options = { seeds: [1, 2, 3], minimize: 'cost.hourly' };

describe('optimizeDesign, one monotone dimension', () => {
  it('bisects replicas=1..200 to the least feasible value in a few runs', async () => {
    const space = { dimensions: [dim('replicas', range(1, 200))] };
    const w = world((v) => v[0] as number);
    const r = await optimizeDesign(space, options, w.evaluate(space));
    expect(r.best?.labels).toEqual({ replicas: 11 }); // 1000/11 = 90.9 < 100; 1000/10 = 100 is not < 100
    expect(r.best?.values).toEqual({ 'spec.replicas': 11 });
    expect(r.grid).toEqual({ designs: 200, runs: 600 });
    // The top (3 seeds), then about log2(200) probes: 1 run when a probe fails, 3 when it passes.
    expect(r.evaluated.runs).toBeLessThanOrEqual(30);
    expect(r.evaluated.runs).toBe(w.calls.length);
    expect(r.best?.binding).toMatchObject({ text: 'latency.p99 < 100ms', worst: 1000 / 11 });
    expect(r.best?.binding?.margin).toBeCloseTo((100 - 1000 / 11) / 100, 12);
    expect(r.best?.neighbours).toEqual([
      expect.objectContaining({ dimension: 'replicas', value: 10, evaluated: true, feasible: false, bindingWorst: 100, failed: { text: 'latency.p99 < 100ms', metric: 'latency.p99', worst: 100, seed: 1 } }),
    ]);
  });

  it('walks on the first seed and confirms only the answer on the others', async () => {
    const space = { dimensions: [dim('replicas', range(1, 64))] };
    const w = world((v) => v[0] as number);
    const r = await optimizeDesign(space, options, w.evaluate(space));
    for (const d of r.designs) expect(d.seeds).toEqual(d.feasible ? [1, 2, 3] : [1]);
    // Only the answer needed confirming on seeds 2 and 3: the walk itself ran on seed 1.
    expect(r.designs.filter((d) => d.seeds.length === 3).map((d) => d.labels.replicas)).toEqual([11]);
  });

  it('walks again on every seed when a later seed needs more capacity than the first', async () => {
    const space = { dimensions: [dim('replicas', range(1, 100))] };
    // Seed 2 adds 10 ms: seed 1 alone would stop at 11 replicas (90.9 ms); on seed 2 that is 100.9 ms, and 12 give 93.3 ms.
    const r = await optimizeDesign(space, options, world((v) => v[0] as number, undefined, (s) => (s === 2 ? 10 : 0)).evaluate(space));
    expect(r.best?.labels).toEqual({ replicas: 12 });
    expect(r.best?.neighbours[0]).toMatchObject({ value: 11, feasible: false, failed: { seed: 2 } });
    expect(r.best?.binding).toMatchObject({ worstSeed: 2 });
  });

  it('prunes a branch whose most-capacity design fails, after one run', async () => {
    const space = { dimensions: [dim('replicas', range(1, 9))] };
    const w = world((v) => v[0] as number);
    const r = await optimizeDesign(space, options, w.evaluate(space));
    expect(r.feasible).toBe(false);
    expect(r.evaluated).toEqual({ designs: 1, runs: 1 });
    expect(r.closest?.labels).toEqual({ replicas: 9 });
    expect(r.closest?.expectations[0]).toMatchObject({ pass: false, worst: 1000 / 9 });
  });

  it("counts a run's own error (overloaded) as a failure even when every expectation holds", async () => {
    const space = { dimensions: [dim('replicas', range(1, 40))] };
    const base = world((v) => v[0] as number).evaluate(space);
    // Below 15 replicas the run reports itself overloaded, though p99 < 100 ms holds from 11.
    const evaluate: EvaluateDesign = async (design, seed) => {
      const e = await base(design, seed);
      const broken = (space.dimensions[0]!.values[design[0]!] as number) < 15;
      return broken ? { ...e, pass: false, errors: ['overloaded from 0:05'] } : e;
    };
    const r = await optimizeDesign(space, options, evaluate);
    expect(r.best?.labels).toEqual({ replicas: 15 });
    expect(r.best?.neighbours[0]).toMatchObject({ value: 14, feasible: false, failed: null, errors: [{ seed: 1, message: 'overloaded from 0:05' }] });
  });

  it('reads a dimension that adds capacity downward (an HPA target) and values listed out of order', async () => {
    const space = { dimensions: [dim('target', [40, 10, 30, 20, 50, 5], 'down')] };
    // capacity = 400 / target: target 40 → 10 (p99 100, fails), 30 → 13.3 (75 ms): the largest passing target is best.
    const w = world((v) => 400 / (v[0] as number));
    const r = await optimizeDesign(space, options, w.evaluate(space));
    expect(r.best?.labels).toEqual({ target: 30 });
    expect(r.best?.neighbours.map((n) => n.value)).toEqual([40]);
  });

  it('says when the least value already passes (no neighbour below)', async () => {
    const space = { dimensions: [dim('replicas', range(20, 30))] };
    const r = await optimizeDesign(space, options, world((v) => v[0] as number).evaluate(space));
    expect(r.best?.labels).toEqual({ replicas: 20 });
    expect(r.best?.neighbours).toEqual([]);
  });
});

describe('optimizeDesign, several dimensions', () => {
  it('enumerates a categorical dimension and bisects the monotone one in each branch', async () => {
    // Three instance types with different speed and price per replica.
    const speed: Record<string, number> = { small: 1, medium: 2.5, large: 4 };
    const price: Record<string, number> = { small: 1, medium: 2, large: 5 };
    const space = { dimensions: [dim('instance', ['small', 'medium', 'large'], null), dim('replicas', range(1, 100))] };
    const w = world(
      (v) => speed[v[0] as string]! * (v[1] as number),
      (v) => price[v[0] as string]! * (v[1] as number),
    );
    const r = await optimizeDesign(space, options, w.evaluate(space));
    // small: 11 replicas, $11; medium: capacity > 10 → 5 replicas, $10; large: 3 replicas, $15.
    expect(r.best?.labels).toEqual({ instance: 'medium', replicas: 5 });
    expect(r.best?.objective).toBe(10);
    expect(r.dimensions.map((d) => d.search)).toEqual(['enumerate', 'bisect']);
  });

  it('walks a staircase over two monotone dimensions, bisecting each step below the last', async () => {
    const space = { dimensions: [dim('replicas', range(1, 40)), dim('concurrency', range(1, 40))] };
    const w = world((v) => (v[0] as number) * (v[1] as number), (v) => 3 * (v[0] as number) + (v[1] as number));
    const r = await optimizeDesign(space, options, w.evaluate(space));
    // Feasible iff r·c ≥ 11; minimize 3r + c: r=1,c=11 → 14; r=2,c=6 → 12; r=3,c=4 → 13; r=4,c=3 → 15.
    expect(r.best?.labels).toEqual({ replicas: 2, concurrency: 6 });
    // The least feasible concurrency of every replica count up to 11 (where 1 suffices) was run and found.
    for (let reps = 1; reps <= 11; reps++) {
      const need = Math.ceil(11 / reps);
      const steps = r.designs.filter((d) => d.labels.replicas === reps);
      const least = Math.min(...steps.filter((d) => d.feasible).map((d) => d.labels.concurrency as number));
      // A step whose answer equals the previous step's is implied, not run (it is dominated).
      if (reps === 1 || Math.ceil(11 / (reps - 1)) !== need) expect(least).toBe(need);
    }
    expect(r.evaluated.designs).toBeLessThan(60); // of 1,600
  });

  it('finds the same best objective as the full grid (property, random monotone worlds)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 9 }),
        fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 3, maxLength: 3 }),
        async (n1, n2, w1, w2, noise) => {
          const space = { dimensions: [dim('a', range(1, n1)), dim('kind', ['x', 'y'], null), dim('b', range(1, n2))] };
          const cap = (v: unknown[]) => (v[0] as number) * (v[2] as number) * (v[1] === 'x' ? 1 : 1.5);
          const cost = (v: unknown[]) => w1 * (v[0] as number) + w2 * (v[2] as number) + (v[1] === 'x' ? 0 : 3);
          const seedNoise = (s: number) => noise[s - 1] ?? 0;
          const fast = await optimizeDesign(space, options, world(cap, cost, seedNoise).evaluate(space));
          const full = await optimizeDesign(space, { ...options, exhaustive: true }, world(cap, cost, seedNoise).evaluate(space));
          expect(full.evaluated.designs).toBe(n1 * n2 * 2);
          expect(fast.feasible).toBe(full.feasible);
          expect(fast.best?.objective).toBe(full.best?.objective);
          expect(fast.evaluated.runs).toBeLessThanOrEqual(full.evaluated.runs);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('objectives and results', () => {
  it('evaluates only the most-capacity design when the objective shrinks with capacity', async () => {
    const space = { dimensions: [dim('replicas', range(1, 50))] };
    const r = await optimizeDesign(space, { ...options, minimize: 'latency.p99' }, world((v) => v[0] as number).evaluate(space));
    expect(r.trend).toBe('shrinks');
    expect(r.best?.labels).toEqual({ replicas: 50 });
    expect(r.evaluated.designs).toBe(1);
  });

  it('enumerates every design when the objective has no known trend', async () => {
    const space = { dimensions: [dim('replicas', range(1, 20))] };
    const r = await optimizeDesign(space, { ...options, minimize: 'availability' }, world((v) => v[0] as number).evaluate(space));
    expect(r.trend).toBe('unknown');
    expect(r.dimensions[0]?.search).toBe('enumerate');
    expect(r.evaluated.designs).toBe(20);
  });

  it('keeps the cost–latency frontier of the designs it ran, cheapest first', async () => {
    const space = { dimensions: [dim('replicas', range(1, 30))] };
    const r = await optimizeDesign(space, { ...options, exhaustive: true }, world((v) => v[0] as number).evaluate(space));
    const pts = r.frontier?.points ?? [];
    expect(r.frontier).toMatchObject({ costMetric: 'cost.hourly', latencyMetric: 'latency.p99', expectation: 'latency.p99 < 100ms' });
    expect(pts).toHaveLength(30); // every replica count is cheaper and slower than the next
    for (let i = 1; i < pts.length; i++) {
      expect(pts[i]!.cost).toBeGreaterThan(pts[i - 1]!.cost);
      expect(pts[i]!.latency).toBeLessThan(pts[i - 1]!.latency);
    }
    expect(pts.filter((p) => p.status === 'feasible').map((p) => p.labels.replicas)).toEqual(range(11, 30));
  });

  it('gives the same records whatever order the runs finish in', async () => {
    const space = { dimensions: [dim('kind', ['x', 'y', 'z'], null), dim('replicas', range(1, 80))] };
    const plain = world((v) => (v[1] as number) * (v[0] === 'y' ? 2 : 1));
    const base = await runSearch(space, options, plain.evaluate(space));
    let tick = 7;
    const jittered: EvaluateDesign = async (design, seed) => {
      tick = (tick * 1103515245 + 12345) % 2147483648;
      for (let i = tick % 5; i > 0; i--) await Promise.resolve();
      return plain.evaluate(space)(design, seed);
    };
    const shuffled = await runSearch(space, options, jittered, { concurrency: 3 });
    expect(shuffled).toEqual(base);
  });

  it('splits branches into shards whose records together are the whole search', async () => {
    const space = { dimensions: [dim('kind', ['a', 'b', 'c', 'd', 'e'], null), dim('replicas', range(1, 40))] };
    const w = world((v) => (v[1] as number) * (1 + ['a', 'b', 'c', 'd', 'e'].indexOf(v[0] as string)));
    const whole = await runSearch(space, options, w.evaluate(space));
    const plan = searchPlanFor(space, options);
    const parts = await Promise.all([1, 2, 3].map((i) => runSearch(space, options, w.evaluate(space), { branches: shardIndices(plan.branchCount, i, 3) })));
    expect(parts.map((p) => p.length).reduce((a, b) => a + b)).toBe(whole.length);
    expect(summarizeSearch(space, options, parts.flat().reverse())).toEqual(summarizeSearch(space, options, whole));
  });
});
