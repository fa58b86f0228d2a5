/**
 * Instruction counts, the noise-free companion of `pnpm bench` on a shared machine: runs one short case
 * once, for `valgrind --tool=callgrind` to count (docs/performance.md has the command and the figures).
 *   valgrind --tool=callgrind --callgrind-out-file=/dev/null node --import tsx bench/instructions-case.ts mmc64
 */
import { runEngine } from '../src/engine/simulation.ts';
import { fleet } from '../src/test-support/builders.ts';
import { chainConfig } from './chain-config.ts';

const which = process.argv[2] ?? 'mmc64';
const seconds = Number(process.env.CASE_SECONDS ?? 600);
const config =
  which === 'chain4'
    ? chainConfig(4, seconds)
    : fleet({ qps: 0.8 * 64 * 20, replicas: 64, serviceTime: { kind: 'exponential', meanSeconds: 1 / 20 }, routing: 'shared-queue', durationSeconds: seconds });
let r = runEngine(config);
for (let i = 1; i < Number(process.env.REPS ?? 1); i++) r = runEngine(config);
console.log(JSON.stringify({ case: which, seconds, requests: r.requests.offered }));
