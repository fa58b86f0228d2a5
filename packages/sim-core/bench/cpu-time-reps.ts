/**
 * CPU time of repeated warm runs of the 2 h M/M/64 case in one process, for comparing two checkouts on a
 * shared machine (CPU time moves less with other load than wall time):
 *   node --import tsx bench/cpu-time-reps.ts [CHECKOUT_DIR]
 * CHECKOUT_DIR is the root of a design-sim checkout (default: this one), e.g. a worktree of an older commit.
 * Prints each run's CPU seconds and the fastest of the runs after the first two (JIT warm-up).
 */
import { fileURLToPath } from 'node:url';

const dir = process.argv[2] ?? fileURLToPath(new URL('../../../', import.meta.url));
const { runEngine } = (await import(`${dir}/packages/sim-core/src/engine/simulation.ts`)) as typeof import('../src/engine/simulation.ts');
const { fleet } = (await import(`${dir}/packages/sim-core/src/test-support/builders.ts`)) as typeof import('../src/test-support/builders.ts');
const config = fleet({ qps: 0.8 * 64 * 20, replicas: 64, serviceTime: { kind: 'exponential', meanSeconds: 1 / 20 }, routing: 'shared-queue', durationSeconds: 2 * 3600 });
const runs: number[] = [];
for (let i = 0; i < 6; i++) {
  const before = process.cpuUsage();
  runEngine(config);
  const d = process.cpuUsage(before);
  runs.push((d.user + d.system) / 1e6);
}
const warm = runs.slice(2).sort((a, b) => a - b);
console.log(JSON.stringify({ dir, cpuSeconds: runs.map((x) => Number(x.toFixed(3))), bestWarm: Number(warm[0]!.toFixed(3)) }));
