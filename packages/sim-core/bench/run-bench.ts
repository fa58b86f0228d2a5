/**
 * `pnpm bench`: runs each case in a fresh process (one core, warm-up then best of N) and prints
 * requests simulated per second and peak memory. Not a test: nothing here gates CI.
 */
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const cases = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['mmc64-rho0.8', 'chain4-mmc64-rho0.8', 'serving-autoscaling-24h', 'hpa-step', 'llm-1h-50rps-200x200'];
const rows: Record<string, unknown>[] = [];
const perSecond: Record<string, number> = {};
for (const c of cases) {
  const out = execFileSync(process.execPath, ['--import', 'tsx', `${here}bench-case.ts`, c], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const row = JSON.parse(out.trim().split('\n').pop()!) as { case: string; requests: number; bestSeconds: number; requestsPerSecond: number; peakRssMb: number };
  perSecond[row.case] = row.requestsPerSecond;
  rows.push({
    case: row.case,
    requests: row.requests.toLocaleString('en-US'),
    'wall s (best)': row.bestSeconds.toFixed(2),
    'requests/s': `${(row.requestsPerSecond / 1e6).toFixed(2)} M`,
    'peak RSS MB': row.peakRssMb.toFixed(0),
  });
}
console.table(rows);
console.log(`node ${process.version}, ${process.platform}/${process.arch}; one process per case, 1 warm-up + best of 3`);

/**
 * The reference the issue sets the speed targets against: the same M/M/64 case (and its 4-station chain)
 * as a tight C loop, bench/c-loop/mmc-chain.c, compiled with gcc -O2 when gcc is on the PATH.
 */
function cLoop(hops: number): number | null {
  const exe = join(tmpdir(), 'design-sim-mmc-chain');
  try {
    execFileSync('gcc', ['-O2', '-o', exe, `${here}c-loop/mmc-chain.c`, '-lm'], { stdio: 'ignore' });
    const runs = [0, 1, 2].map(() => JSON.parse(execFileSync(exe, [String(hops), String(4 * 3600)], { encoding: 'utf8' })) as { requestsPerSecond: number });
    return Math.max(...runs.map((r) => r.requestsPerSecond));
  } catch {
    return null;
  }
}
const against: [string, number][] = [
  ['mmc64-rho0.8', 1],
  ['chain4-mmc64-rho0.8', 4],
];
const single = against.some(([c]) => c in perSecond) ? cLoop(1) : null;
if (single === null) console.log('C loop reference: not run (no gcc, or no M/M/64 case selected)');
for (const [c, hops] of against) {
  if (single === null || !(c in perSecond)) continue;
  const own = hops === 1 ? single : cLoop(hops);
  const ours = perSecond[c]!;
  console.log(
    `${c}: ${(ours / 1e6).toFixed(2)} M requests/s = ${(ours / single).toFixed(2)}× the single-station C loop (${(single / 1e6).toFixed(2)} M/s)` +
      (hops > 1 && own !== null ? `, ${(ours / own).toFixed(2)}× the ${hops}-station C loop (${(own / 1e6).toFixed(2)} M/s)` : ''),
  );
}
