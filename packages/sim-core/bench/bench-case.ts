/**
 * One benchmark case in its own process, so that peak RSS (getrusage maxRSS) belongs to that case alone.
 * Prints one JSON line: requests simulated, best wall time over the timed repetitions, peak RSS.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runEngine } from '../src/engine/simulation.ts';
import { fleet } from '../src/test-support/builders.ts';
import { chainConfig } from './chain-config.ts';
import { runScenario, parseScenarioText } from '../src/index.ts';
import { fileTraces, poissonTrace } from './trace-files.ts';

const name = process.argv[2];
const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));

function caseMmc64(): () => number {
  const c = 64;
  const mu = 20;
  const config = fleet({ qps: 0.8 * c * mu, replicas: c, serviceTime: { kind: 'exponential', meanSeconds: 1 / mu }, routing: 'shared-queue', durationSeconds: 4 * 3600 });
  return () => runEngine(config).requests.offered;
}

function caseExample(file: string): () => number {
  const text = readFileSync(examples + file, 'utf8');
  const parsed = parseScenarioText(text, file);
  if (!parsed.ok) throw new Error(`cannot parse ${file}`);
  return () => runScenario(parsed.scenario).summary!.requests.offered;
}

/**
 * Issue 7's speed target: one hour at 50 requests/s, 200/200 tokens, on Llama 3.1 8B (two H100 replicas);
 * `llmExtra` adds fields to the llm block (the prefix-caching cases).
 */
function caseLlmHour(llmExtra = ''): () => number {
  return parsed(`apiVersion: design-sim/v1
kind: Scenario
metadata: { name: llm-hour }
spec:
  duration: 1h
  traffic: { profile: { type: constant, qps: 50 } }
  services:
    - name: llm
      replicas: 2
      llm: { model: llama-3.1-8b, gpu: h100-sxm-80gb, inputTokens: 200, outputTokens: 200${llmExtra} }
`);
}

function parsed(text: string): () => number {
  const p = parseScenarioText(text, 'bench.yaml');
  if (!p.ok) throw new Error(p.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  return () => runScenario(p.scenario, { traces: fileTraces }).summary!.requests.offered;
}

/** Issue 14's closed-loop target: one hour of 256 users (think time 0) on Llama 3.1 8B, one H100, 202/214 tokens. */
function caseLlmClosed(): () => number {
  return parsed(`apiVersion: design-sim/v1
kind: Scenario
metadata: { name: llm-closed }
spec:
  duration: 1h
  traffic: { arrivals: closed, users: 256, thinkTime: 0s }
  services:
    - name: llm
      replicas: 1
      llm: { model: llama-3.1-8b, gpu: h100-sxm-80gb, inputTokens: 202, outputTokens: 214 }
`);
}

/** M/M/64 at ρ = 0.8 for 1 h, arrivals from a trace file (trace) or drawn (poisson): the arrival path's cost. */
function caseMmcArrivals(trace: boolean): () => number {
  const qps = 0.8 * 64 * 20;
  const arrivals = trace ? `trace: { file: ${poissonTrace(qps, 3600, 1)}, format: csv }` : `profile: { type: constant, qps: ${qps} }`;
  return parsed(`apiVersion: design-sim/v1
kind: Scenario
metadata: { name: mmc-arrivals }
spec:
  duration: 1h
  drain: 0s
  traffic: { ${arrivals} }
  services:
    - { name: s, replicas: 64, routing: shared-queue, gpusPerReplica: 0, latency: { distribution: exponential, meanMs: 50 } }
`);
}

/** The LLM hour at 50 req/s, 200/200 tokens, from a trace file (trace) or drawn (poisson). */
function caseLlmArrivals(trace: boolean): () => number {
  const arrivals = trace ? `trace: { file: ${poissonTrace(50, 3600, 200)}, format: csv }` : 'profile: { type: constant, qps: 50 }';
  return parsed(`apiVersion: design-sim/v1
kind: Scenario
metadata: { name: llm-arrivals }
spec:
  duration: 1h
  traffic: { ${arrivals} }
  services:
    - name: llm
      replicas: 2
      llm: { model: llama-3.1-8b, gpu: h100-sxm-80gb, inputTokens: 200, outputTokens: 200 }
`);
}

/**
 * Issue 14's speed check for prefix caching: the LLM hour with every request carrying a 200-token template,
 * from 1 template (one cache entry per replica) or 1,000 (up to 1,000 entries): the same iterations and
 * nearly the same work (0.6% more cold misses), so any difference is what the cache's size costs.
 */
function caseLlmPrefix(templates: number): () => number {
  const list = Array.from({ length: templates }, () => `{ tokens: 200, share: ${1 / templates} }`).join(', ');
  return caseLlmHour(`, prefix: { templates: [ ${list} ] }`);
}

const cases: Record<string, () => () => number> = {
  'llm-1h-prefix-1-template': () => caseLlmPrefix(1),
  'llm-1h-prefix-1000-templates': () => caseLlmPrefix(1000),
  'llm-closed-1h-256users': caseLlmClosed,
  'mmc64-1h-poisson': () => caseMmcArrivals(false),
  'mmc64-1h-trace': () => caseMmcArrivals(true),
  'llm-1h-50rps-poisson': () => caseLlmArrivals(false),
  'llm-1h-50rps-trace': () => caseLlmArrivals(true),
  'mmc64-rho0.8': caseMmc64,
  'llm-1h-50rps-200x200': () => caseLlmHour(),
  'serving-autoscaling-24h': () => caseExample('serving-autoscaling.yaml'),
  'hpa-step': () => caseExample('hpa-step.yaml'),
  'chain4-mmc64-rho0.8': () => {
    const config = chainConfig(4, 4 * 3600);
    return () => runEngine(config).requests.offered;
  },
};

const make = cases[name ?? ''];
if (!make) throw new Error(`unknown case ${name}; known: ${Object.keys(cases).join(', ')}`);
const run = make();
const warmups = Number(process.env.BENCH_WARMUPS ?? 1);
const reps = Number(process.env.BENCH_REPS ?? 3);
for (let i = 0; i < warmups; i++) run();
let best = Infinity;
let requests = 0;
for (let i = 0; i < reps; i++) {
  const t0 = performance.now();
  requests = run();
  best = Math.min(best, performance.now() - t0);
}
const peakRssMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ case: name, requests, bestSeconds: best / 1000, requestsPerSecond: requests / (best / 1000), peakRssMb })}\n`);
