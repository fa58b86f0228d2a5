/**
 * CPU time of the M/M/64 case (HOPS=1) or its 4-station chain (HOPS=4), best of 6 runs of 30 simulated
 * minutes in one process, for a checkout DIR (compare two commits on a loaded machine by alternating them):
 *   HOPS=4 node --import tsx bench/cpu-time-chain.ts /path/to/checkout
 * SHAPE splits a chained request's cost (docs/performance.md, "fourth pass"):
 *   SHAPE=graph-one   the M/M/64 station in graph mode (a second service nobody calls): per-visit graph bookkeeping
 *   SHAPE=stations    HOPS independent M/M/64 stations, each with its own Poisson source (HOPS× the visits, no calls)
 */
const dir = process.argv[2]!;
const { runEngine } = await import(`${dir}/packages/sim-core/src/engine/simulation.ts`);
const { chainConfig } = await import(`${dir}/packages/sim-core/bench/chain-config.ts`);
const { fleet } = await import(`${dir}/packages/sim-core/src/test-support/builders.ts`);
const hops = Number(process.env.HOPS ?? 4);
const shape = process.env.SHAPE ?? 'chain';
const single = fleet({ qps: 0.8 * 64 * 20, replicas: 64, serviceTime: { kind: 'exponential', meanSeconds: 1 / 20 }, routing: 'shared-queue', durationSeconds: 1800 });
const chain = chainConfig(hops, 1800);
const cfg =
  shape === 'graph-one'
    ? { ...single, services: [single.services[0]!, { ...single.services[0]!, name: 'idle', initialReplicas: 1 }] }
    : shape === 'stations'
      ? { ...chain, services: chain.services.map((s: object) => ({ ...s, calls: [] })), traffic: chain.services.map((_: unknown, i: number) => ({ ...chain.traffic[0]!, service: i })) }
      : hops === 1
        ? single
        : chain;
let best = 1e9;
let visits = 0;
for (let i = 0; i < 6; i++) {
  const t = process.cpuUsage();
  const r = runEngine(cfg);
  const u = process.cpuUsage(t);
  // End-to-end requests offered; for SHAPE=stations each is one visit of one station.
  visits = r.requests.offered;
  best = Math.min(best, (u.user + u.system) / 1e6);
}
console.log(JSON.stringify({ dir, shape: shape === 'chain' && hops === 1 ? 'single' : shape, hops, visits, bestCpu: best }));
export {};
