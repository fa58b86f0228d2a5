/**
 * `pnpm bench`: runs each case in a fresh process (one core, warm-up then best of N) and prints
 * requests simulated per second and peak memory. Not a test: nothing here gates CI.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const cases = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['mmc64-rho0.8', 'chain4-mmc64-rho0.8', 'serving-autoscaling-24h', 'hpa-step', 'llm-1h-50rps-200x200'];
const rows: Record<string, unknown>[] = [];
for (const c of cases) {
  const out = execFileSync(process.execPath, ['--import', 'tsx', `${here}bench-case.ts`, c], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const row = JSON.parse(out.trim().split('\n').pop()!) as { case: string; requests: number; bestSeconds: number; requestsPerSecond: number; peakRssMb: number };
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
