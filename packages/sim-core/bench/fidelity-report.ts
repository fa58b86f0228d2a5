/**
 * Prints the queueing-fidelity table of docs/fidelity.md: the simulator against Erlang C (M/M/c,
 * shared queue), Pollaczek–Khinchine (M/D/1) and M/M/1 (random routing), with the same run lengths as
 * src/engine/fidelity.test.ts. Run: npx tsx bench/fidelity-report.ts
 */
import { runEngine } from '../src/engine/simulation.ts';
import { fleet } from '../src/test-support/builders.ts';
import { md1MeanWait, meanSojourn, sojournQuantile } from '../src/theory/index.ts';

const MU = 20;
const pct = (a: number, b: number) => `${(((a - b) / b) * 100).toFixed(2)}%`;
const rows: Record<string, string | number>[] = [];
for (const c of [1, 2, 8, 32, 64]) {
  for (const rho of [0.5, 0.8, 0.95]) {
    const lambda = rho * c * MU;
    const n = { 0.5: 1e6, 0.8: 3e6, 0.95: 1e7 }[rho]! * (rho === 0.95 && c <= 2 ? 4 : 1);
    const d = n / lambda;
    const r = runEngine(fleet({ qps: lambda, replicas: c, serviceTime: { kind: 'exponential', meanSeconds: 1 / MU }, routing: 'shared-queue', durationSeconds: d, warmupSeconds: d * 0.02, intervalSeconds: d / 20, seed: 1000 + c }));
    const q = { lambda, mu: MU, servers: c };
    rows.push({
      case: `M/M/${c} ρ=${rho}`,
      requests: r.requests.offered,
      'mean ms (sim)': r.latency.mean().toFixed(2),
      'mean ms (Erlang C)': (meanSojourn(q) * 1000).toFixed(2),
      'mean error': pct(r.latency.mean(), meanSojourn(q) * 1000),
      'p99 ms (sim)': r.latency.quantile(0.99).toFixed(1),
      'p99 ms (theory)': (sojournQuantile(q, 0.99) * 1000).toFixed(1),
      'p99 error': pct(r.latency.quantile(0.99), sojournQuantile(q, 0.99) * 1000),
    });
  }
}
console.table(rows);
for (const rho of [0.5, 0.8, 0.9]) {
  const lambda = rho / 0.05;
  const d = 3e6 / lambda;
  const r = runEngine(fleet({ qps: lambda, replicas: 1, serviceTime: { kind: 'constant', seconds: 0.05 }, routing: 'shared-queue', durationSeconds: d, warmupSeconds: d * 0.02, seed: 7 }));
  const w = r.latency.mean() - 50;
  console.log(`M/D/1 ρ=${rho}: mean wait ${w.toFixed(2)} ms vs P-K ${(md1MeanWait(lambda, 0.05) * 1000).toFixed(2)} ms (${pct(w, md1MeanWait(lambda, 0.05) * 1000)})`);
}
