/**
 * CPU time of the M/M/64 case (HOPS=1) or its 4-station chain (HOPS=4), best of 6 runs of 30 simulated
 * minutes in one process, for a checkout DIR (compare two commits on a loaded machine by alternating them):
 *   HOPS=4 node --import tsx bench/cpu-time-chain.ts /path/to/checkout
 */
const dir = process.argv[2]!;
const { runEngine } = await import(`${dir}/packages/sim-core/src/engine/simulation.ts`);
const { chainConfig } = await import(`${dir}/packages/sim-core/bench/chain-config.ts`);
const { fleet } = await import(`${dir}/packages/sim-core/src/test-support/builders.ts`);
const hops = Number(process.env.HOPS ?? 4);
const cfg = hops === 1 ? fleet({ qps: 0.8 * 64 * 20, replicas: 64, serviceTime: { kind: 'exponential', meanSeconds: 1 / 20 }, routing: 'shared-queue', durationSeconds: 1800 }) : chainConfig(hops, 1800);
let best = 1e9; let n = 0;
for (let i = 0; i < 6; i++) { const t = process.cpuUsage(); const r = runEngine(cfg); const u = process.cpuUsage(t); n = r.requests.offered; best = Math.min(best, (u.user + u.system) / 1e6); }
console.log(JSON.stringify({ dir, hops, requests: n, bestCpu: best }));
export {};
