/**
 * Instruction counts, the noise-free companion of `pnpm bench` on a shared machine: runs one short case
 * once, for `valgrind --tool=callgrind` to count (docs/performance.md has the command and the figures).
 *   valgrind --tool=callgrind --callgrind-out-file=/dev/null node --import tsx bench/instructions-case.ts mmc64
 */
import { runEngine } from '../src/engine/simulation.ts';
import { fleet } from '../src/test-support/builders.ts';
import { chainConfig } from './chain-config.ts';
import { parseScenarioText, runScenario } from '../src/index.ts';
import { fileTraces, poissonTrace } from './trace-files.ts';

const which = process.argv[2] ?? 'mmc64';
const seconds = Number(process.env.CASE_SECONDS ?? 600);

/** The same M/M/64 at 1,024 req/s through runScenario, arrivals drawn (poisson) or read from a trace file (trace). */
function scenarioCase(trace: boolean): () => number {
  const qps = 0.8 * 64 * 20;
  const arrivals = trace ? `trace: { file: ${poissonTrace(qps, seconds, 1)}, format: csv }` : `profile: { type: constant, qps: ${qps} }`;
  const parsed = parseScenarioText(`apiVersion: design-sim/v1
kind: Scenario
metadata: { name: arrivals }
spec:
  duration: ${seconds}s
  drain: 0s
  traffic: { ${arrivals} }
  services:
    - { name: s, replicas: 64, routing: shared-queue, gpusPerReplica: 0, latency: { distribution: exponential, meanMs: 50 } }
`, 'case.yaml');
  if (!parsed.ok) throw new Error('cannot parse the case');
  return () => runScenario(parsed.scenario, { traces: fileTraces }).summary!.requests.offered;
}

if (which === 'scenario-poisson' || which === 'scenario-trace') {
  const run = scenarioCase(which === 'scenario-trace');
  let n = run();
  for (let i = 1; i < Number(process.env.REPS ?? 1); i++) n = run();
  console.log(JSON.stringify({ case: which, seconds, requests: n }));
  process.exit(0);
}
const config =
  which === 'chain4'
    ? chainConfig(4, seconds)
    : fleet({ qps: 0.8 * 64 * 20, replicas: 64, serviceTime: { kind: 'exponential', meanSeconds: 1 / 20 }, routing: 'shared-queue', durationSeconds: seconds });
let r = runEngine(config);
for (let i = 1; i < Number(process.env.REPS ?? 1); i++) r = runEngine(config);
console.log(JSON.stringify({ case: which, seconds, requests: r.requests.offered }));
