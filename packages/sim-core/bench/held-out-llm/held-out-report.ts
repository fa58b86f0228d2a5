/**
 * The held-out checks of the token-level LLM model: published serving runs that the model was NOT calibrated on
 * (docs/fidelity.md "Held-out check: vLLM and SGLang published runs" and "Held-out check 2 (2026-12-05)": TensorRT-LLM's
 * PyTorch backend, NVIDIA NIM, vLLM's CI on Mixtral), each reproduced by a scenario
 * YAML in this folder, run by the built CLI (`design-sim run FILE --json`) as a user would, and read from its
 * --json. Prints one markdown row per published figure and the mean |error| per group. Nothing here is fitted:
 * the model runs with its calibrated defaults. Build first (`npx -y pnpm@10 --filter @design-sim/cli build`);
 * then, from the repository root, `npx tsx packages/sim-core/bench/held-out-llm/held-out-report.ts [filter]`.
 * With `--paged`, the figures of vLLM and SGLang (the engines that allocate KV as they decode) are also run with
 * `llm.scheduler.kvAllocation: paged` (engine/paged-kv.ts), and each row shows the error both ways and the preemptions
 * (docs/fidelity.md "Paged KV allocation"). Nothing is refitted either way.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const CLI = resolve(import.meta.dirname, '../../../../apps/cli/dist/design-sim.mjs');

interface Json {
  summary: {
    latencyMs: { p50: number };
    requests: { served: number };
    llm: {
      ttftMs: { p50: number; mean: number };
      tpotMs: { p50: number };
      itlMs: { p50: number; mean: number };
      outputTokens: number;
      outputTokensPerSecond: number;
      preemptions: Record<string, number> | null;
    };
  };
  timeseries: { t: number[]; servedQps: number[] };
}

/** Where each figure was published (README.md in this folder quotes the rows). */
const SOURCES = {
  sglang: 'https://github.com/sgl-project/sglang/blob/120affb9613cc3f5bcd055ec09c7621d3ced0ebc/benchmark/benchmark_vllm_060/README.md',
  ciH100: 'https://buildkite.com/vllm/performance-benchmark/builds/9555',
  ciA100: 'https://buildkite.com/vllm/performance-benchmark/builds/9523',
  ciH200: 'https://buildkite.com/vllm/performance-benchmark/builds/9513',
  // Held-out check 2 (2026-12-05).
  trtllm: 'https://github.com/NVIDIA/TensorRT-LLM/blob/00f37686aa854010d68bcbd0f4ab000221541ca6/docs/source/performance/perf-overview.md',
  nim: 'https://docs.nvidia.com/nim/benchmarking/llm/1.0.0/performance.md',
  ciH200b: 'https://buildkite.com/vllm/performance-benchmark/builds/9515',
} as const;

type Read = (j: Json) => number;

/** The end of the last interval in which a request finished, s: the benchmark's duration when all were sent at once. */
function lastCompletion(j: Json): number {
  let last = 0;
  for (let i = 0; i < j.timeseries.t.length; i++) if (j.timeseries.servedQps[i]! > 0) last = j.timeseries.t[i]!;
  return last;
}

const medianTtft: Read = (j) => j.summary.llm.ttftMs.p50;
const medianTpot: Read = (j) => j.summary.llm.tpotMs.p50;
/** bench_serving's median ITL: the gaps between successive streamed chunks, pooled over requests (the first chunk's is TTFT). */
const medianItl: Read = (j) => j.summary.llm.itlMs.p50;
const medianLatency: Read = (j) => j.summary.latencyMs.p50;
/** bench_serving's "Output token throughput": output tokens ÷ the benchmark's duration (all requests sent at once). */
const offlineTokens: Read = (j) => j.summary.llm.outputTokens / lastCompletion(j);
/** AIPerf's TTFT and ITL (NIM's tables): means over the measured requests. */
const meanTtft: Read = (j) => j.summary.llm.ttftMs.mean;
const meanItl: Read = (j) => j.summary.llm.itlMs.mean;
/** AIPerf's output token throughput under a steady closed loop: tokens generated up to the horizon ÷ the run's time. */
const tokenRate: Read = (j) => j.summary.llm.outputTokensPerSecond;
/** benchmark_throughput's requests/s: requests ÷ the time until the last finished. */
const offlineRequests: Read = (j) => j.summary.requests.served / lastCompletion(j);

interface Figure {
  group: string;
  file: string;
  label: string;
  source: keyof typeof SOURCES;
  metric: string;
  unit: string;
  read: Read;
  /**
   * Published value; `engine` names which server produced it when the source compares two, and `suffix` picks the
   * scenario that describes that engine's scheduler (`-vllm`: vLLM 0.6's multi-step; none: the file itself).
   */
  published: { value: number; engine: string; suffix: string }[];
}

/** SGLang's figure is compared with FILE.yaml (its scheduler: prefill apart), vLLM's with FILE-vllm.yaml (10 scheduler steps). */
const both = (sglang: number, vllm: number) => [
  { value: sglang, engine: 'SGLang 0.3.0', suffix: '' },
  { value: vllm, engine: 'vLLM 0.6.0', suffix: '-vllm' },
];
const vllmCi = (value: number) => [{ value, engine: 'vLLM (CI)', suffix: '' }];

/** A TensorRT-LLM perf-overview row (held-out check 2): output tokens/s of one offline run. */
function trtllm(file: string, label: string, value: number): Figure[] {
  const published = [{ value, engine: 'TensorRT-LLM (PyTorch)', suffix: '' }];
  return [{ group: 'offline FP8', file, label, source: 'trtllm', metric: 'output tok/s', unit: 'tok/s', read: offlineTokens, published }];
}

/** One concurrency of NIM's Llama 3.3 70B table (held-out check 2): its TTFT, ITL and throughput. */
function nim(users: number, ttft: number, itl: number, tokens: number): Figure[] {
  const file = `nim-70b-2xh100-fp8-5000-500-c${users}`;
  const label = `70B FP8, 2×H100 TP2, 5000/500, concurrency ${users}`;
  const published = (value: number) => [{ value, engine: 'NIM 1.8.0', suffix: '' }];
  const base = { file, label, source: 'nim' as const };
  return [
    { ...base, group: 'closed loop TTFT', metric: 'mean TTFT', unit: 'ms', read: meanTtft, published: published(ttft) },
    { ...base, group: 'closed loop ITL', metric: 'mean ITL', unit: 'ms', read: meanItl, published: published(itl) },
    { ...base, group: 'closed loop tok/s', metric: 'output tok/s', unit: 'tok/s', read: tokenRate, published: published(tokens) },
  ];
}

const FIGURES: Figure[] = [
  // SGLang v0.3.0 vs vLLM v0.6.0, ShareGPT, Poisson arrivals (sglang.bench_serving), medians.
  { group: 'online', file: 'llama3-8b-a100-rps4', label: '8B, 1×A100, 4 req/s', source: 'sglang', metric: 'median TTFT', unit: 'ms', read: medianTtft, published: both(31.98, 100.48) },
  { group: 'online', file: 'llama3-8b-a100-rps4', label: '8B, 1×A100, 4 req/s', source: 'sglang', metric: 'median TPOT', unit: 'ms', read: medianTpot, published: both(13.17, 14.14) },
  { group: 'online ITL', file: 'llama3-8b-a100-rps4', label: '8B, 1×A100, 4 req/s', source: 'sglang', metric: 'median ITL', unit: 'ms', read: medianItl, published: both(11.93, 129.32) },
  { group: 'online', file: 'llama3-8b-a100-rps8', label: '8B, 1×A100, 8 req/s', source: 'sglang', metric: 'median TTFT', unit: 'ms', read: medianTtft, published: both(35.68, 120.39) },
  { group: 'online', file: 'llama3-8b-a100-rps8', label: '8B, 1×A100, 8 req/s', source: 'sglang', metric: 'median TPOT', unit: 'ms', read: medianTpot, published: both(17.85, 17.09) },
  { group: 'online ITL', file: 'llama3-8b-a100-rps8', label: '8B, 1×A100, 8 req/s', source: 'sglang', metric: 'median ITL', unit: 'ms', read: medianItl, published: both(14.41, 158.63) },
  { group: 'online', file: 'llama3-70b-4xh100-rps4', label: '70B, 4×H100 TP4, 4 req/s', source: 'sglang', metric: 'median TTFT', unit: 'ms', read: medianTtft, published: both(53.94, 179.15) },
  { group: 'online', file: 'llama3-70b-4xh100-rps4', label: '70B, 4×H100 TP4, 4 req/s', source: 'sglang', metric: 'median TPOT', unit: 'ms', read: medianTpot, published: both(25.03, 23.58) },
  { group: 'online ITL', file: 'llama3-70b-4xh100-rps4', label: '70B, 4×H100 TP4, 4 req/s', source: 'sglang', metric: 'median ITL', unit: 'ms', read: medianItl, published: both(21.67, 231.23) },
  { group: 'online', file: 'llama3-70b-4xh100-rps8', label: '70B, 4×H100 TP4, 8 req/s', source: 'sglang', metric: 'median TTFT', unit: 'ms', read: medianTtft, published: both(58.11, 207.12) },
  { group: 'online', file: 'llama3-70b-4xh100-rps8', label: '70B, 4×H100 TP4, 8 req/s', source: 'sglang', metric: 'median TPOT', unit: 'ms', read: medianTpot, published: both(33.07, 29.15) },
  { group: 'online ITL', file: 'llama3-70b-4xh100-rps8', label: '70B, 4×H100 TP4, 8 req/s', source: 'sglang', metric: 'median ITL', unit: 'ms', read: medianItl, published: both(24.45, 275.32) },
  { group: 'offline', file: 'llama3-8b-a100-offline', label: '8B, 1×A100, 5,000 prompts at once', source: 'sglang', metric: 'output tok/s', unit: 'tok/s', read: offlineTokens, published: both(4281.51, 4132.37) },
  { group: 'offline', file: 'llama3-70b-4xh100-offline', label: '70B, 4×H100 TP4, 5,000 prompts at once', source: 'sglang', metric: 'output tok/s', unit: 'tok/s', read: offlineTokens, published: both(3856.01, 3700.64) },
  // vLLM's CI "Latency tests": a fixed batch of 8, 32 prompt / 128 output tokens, end-to-end latency.
  { group: 'batch 8', file: 'vllm-ci-latency-8b-h100', label: '8B, 1×H100, batch 8, 32/128', source: 'ciH100', metric: 'median latency', unit: 'ms', read: medianLatency, published: vllmCi(997.365) },
  { group: 'batch 8', file: 'vllm-ci-latency-70b-4xh100', label: '70B, 4×H100 TP4, batch 8, 32/128', source: 'ciH100', metric: 'median latency', unit: 'ms', read: medianLatency, published: vllmCi(2444.3) },
  { group: 'batch 8', file: 'vllm-ci-latency-8b-a100', label: '8B, 1×A100, batch 8, 32/128', source: 'ciA100', metric: 'median latency', unit: 'ms', read: medianLatency, published: vllmCi(1579.34) },
  { group: 'batch 8', file: 'vllm-ci-latency-70b-4xa100', label: '70B, 4×A100 TP4, batch 8, 32/128', source: 'ciA100', metric: 'median latency', unit: 'ms', read: medianLatency, published: vllmCi(3990.39) },
  { group: 'batch 8', file: 'vllm-ci-latency-8b-h200', label: '8B, 1×H200, batch 8, 32/128', source: 'ciH200', metric: 'median latency', unit: 'ms', read: medianLatency, published: vllmCi(834.014) },
  { group: 'batch 8', file: 'vllm-ci-latency-70b-4xh200', label: '70B, 4×H200 TP4, batch 8, 32/128', source: 'ciH200', metric: 'median latency', unit: 'ms', read: medianLatency, published: vllmCi(2075.36) },
  // vLLM's CI "Throughput tests": 200 ShareGPT prompts at once to the offline engine, requests/s.
  { group: '200 prompts', file: 'vllm-ci-throughput-8b-h100', label: '8B, 1×H100, 200 ShareGPT prompts at once', source: 'ciH100', metric: 'req/s', unit: 'req/s', read: offlineRequests, published: vllmCi(19.5005) },
  { group: '200 prompts', file: 'vllm-ci-throughput-70b-4xh100', label: '70B, 4×H100 TP4, 200 ShareGPT prompts at once', source: 'ciH100', metric: 'req/s', unit: 'req/s', read: offlineRequests, published: vllmCi(8.86239) },
  { group: '200 prompts', file: 'vllm-ci-throughput-8b-a100', label: '8B, 1×A100, 200 ShareGPT prompts at once', source: 'ciA100', metric: 'req/s', unit: 'req/s', read: offlineRequests, published: vllmCi(11.0567) },
  { group: '200 prompts', file: 'vllm-ci-throughput-70b-4xa100', label: '70B, 4×A100 TP4, 200 ShareGPT prompts at once', source: 'ciA100', metric: 'req/s', unit: 'req/s', read: offlineRequests, published: vllmCi(4.78859) },
  { group: '200 prompts', file: 'vllm-ci-throughput-8b-h200', label: '8B, 1×H200, 200 ShareGPT prompts at once', source: 'ciH200', metric: 'req/s', unit: 'req/s', read: offlineRequests, published: vllmCi(21.8334) },
  { group: '200 prompts', file: 'vllm-ci-throughput-70b-4xh200', label: '70B, 4×H200 TP4, 200 ShareGPT prompts at once', source: 'ciH200', metric: 'req/s', unit: 'req/s', read: offlineRequests, published: vllmCi(9.74671) },
  // Held-out check 2 (2026-12-05). TensorRT-LLM's PyTorch backend (perf-overview at 00f3768), trtllm-bench
  // throughput, FP8 checkpoints, fixed ISL/OSL, all requests queued at once: total output tokens/s.
  ...trtllm('trtllm-v1-8b-h100-fp8-128-128', '8B FP8, 1×H100, 128/128, 30,000 requests', 28312),
  ...trtllm('trtllm-v1-8b-h100-fp8-1000-1000', '8B FP8, 1×H100, 1000/1000, 3,000 requests', 15220),
  ...trtllm('trtllm-v1-8b-h100-fp8-5000-500', '8B FP8, 1×H100, 5000/500, 1,500 requests', 3459),
  ...trtllm('trtllm-v1-8b-h200-fp8-128-128', '8B FP8, 1×H200, 128/128, 30,000 requests', 27911),
  ...trtllm('trtllm-v1-8b-h200-fp8-1000-1000', '8B FP8, 1×H200, 1000/1000, 3,000 requests', 17744),
  ...trtllm('trtllm-v1-8b-h200-fp8-5000-500', '8B FP8, 1×H200, 5000/500, 1,500 requests', 3902),
  ...trtllm('trtllm-v1-70b-h200-fp8-1000-1000', '70B FP8, 1×H200, 1000/1000, 3,000 requests', 2909),
  ...trtllm('trtllm-v1-70b-h200-fp8-5000-500', '70B FP8, 1×H200, 5000/500, 1,500 requests', 566),
  ...trtllm('trtllm-v1-70b-2xh100-fp8-2048-128', '70B FP8, 2×H100 TP2, 2048/128, 3,000 requests', 762),
  ...trtllm('trtllm-v1-70b-2xh100-fp8-5000-500', '70B FP8, 2×H100 TP2, 5000/500, 1,500 requests', 898),
  // vLLM's CI "Latency tests" rows of Mixtral 8x7B TP2 (the builds of the first check carry them; H200 from build 9515).
  { group: 'batch 8 Mixtral', file: 'vllm-ci-latency-mixtral-2xh100', label: 'Mixtral 8x7B, 2×H100 TP2, batch 8, 32/128', source: 'ciH100', metric: 'median latency', unit: 'ms', read: medianLatency, published: vllmCi(2330.57) },
  { group: 'batch 8 Mixtral', file: 'vllm-ci-latency-mixtral-2xh200', label: 'Mixtral 8x7B, 2×H200 TP2, batch 8, 32/128', source: 'ciH200b', metric: 'median latency', unit: 'ms', read: medianLatency, published: vllmCi(1916.58) },
  // NVIDIA NIM 1.8.0, Llama 3.3 70B Instruct, 2×H100 FP8 TP2, 5000 input / 500 output tokens, AIPerf at a concurrency.
  ...nim(1, 406.77, 18.58, 51.67),
  ...nim(5, 546.7, 21.83, 218.48),
  ...nim(25, 688.69, 38.75, 623.4),
  ...nim(50, 834.51, 59.73, 814.37),
  ...nim(100, 7996.25, 92.91, 917.26),
];

/** The engines that allocate KV block by block as sequences decode, and preempt (`--paged` runs their figures both ways). */
const PAGED_ENGINES = new Set(['SGLang 0.3.0', 'vLLM 0.6.0', 'vLLM (CI)']);

const cache = new Map<string, Json>();
function run(file: string, paged = false): Json {
  const key = `${file}${paged ? ' paged' : ''}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const path = resolve(import.meta.dirname, `${file}.yaml`);
  const cli = (set: string[]) => {
    try {
      return execFileSync('node', [CLI, 'run', path, '--json', ...set], { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      // A failed verdict exits non-zero but still prints the JSON; a refused --set prints none.
      return (e as { stdout: string }).stdout;
    }
  };
  // The scheduler field where the file has a scheduler block, else the whole block.
  let out = cli(paged ? ['--set', 'spec.services[0].llm.scheduler.kvAllocation=paged'] : []);
  if (paged && out.trim() === '') out = cli(['--set', 'spec.services[0].llm.scheduler={kvAllocation: paged}']);
  const j = JSON.parse(out) as Json;
  cache.set(key, j);
  return j;
}

const fmt = (x: number) => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(x >= 10 ? 1 : 2));
const pct = (e: number) => `${e >= 0 ? '+' : '−'}${Math.abs(e * 100).toFixed(1)}%`;

const PAGED = process.argv.includes('--paged');
const filter = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? '';
const errors = new Map<string, number[]>();
const pagedErrors = new Map<string, number[]>();
console.log(
  PAGED
    ? '| case | metric | engine | published | reserve | paged | error reserve | error paged | preemptions |\n|---|---|---|---|---|---|---|---|---|'
    : '| case | source | metric | engine | published | design-sim | error |\n|---|---|---|---|---|---|---|',
);
for (const f of FIGURES) {
  if (!f.file.includes(filter)) continue;
  for (const p of f.published) {
    const file = f.file + p.suffix;
    if (PAGED && !PAGED_ENGINES.has(p.engine)) continue;
    const sim = f.read(run(file));
    const err = sim / p.value - 1;
    const key = `${f.group}, ${p.engine}`;
    errors.set(key, [...(errors.get(key) ?? []), err]);
    if (!PAGED) {
      console.log(`| ${f.label} (\`${file}.yaml\`) | [${f.source}](${SOURCES[f.source]}) | ${f.metric} | ${p.engine} | ${fmt(p.value)} ${f.unit} | ${fmt(sim)} ${f.unit} | ${pct(err)} |`);
      continue;
    }
    const j = run(file, true);
    const paged = f.read(j);
    const pagedErr = paged / p.value - 1;
    pagedErrors.set(key, [...(pagedErrors.get(key) ?? []), pagedErr]);
    const preempted = j.summary.llm.preemptions === null ? 'not paged' : Object.values(j.summary.llm.preemptions).reduce((a, b) => a + b, 0);
    console.log(`| ${f.label} | ${f.metric} | ${p.engine} | ${fmt(p.value)} ${f.unit} | ${fmt(sim)} | ${fmt(paged)} | ${pct(err)} | ${pct(pagedErr)} | ${preempted} |`);
  }
}
if (PAGED) {
  console.log('\n| group | figures | mean \\|error\\| reserve | mean \\|error\\| paged |\n|---|---|---|---|');
  for (const [key, es] of errors) {
    const abs = (xs: number[]) => ((xs.reduce((a, b) => a + Math.abs(b), 0) / xs.length) * 100).toFixed(1);
    console.log(`| ${key} | ${es.length} | ${abs(es)}% | ${abs(pagedErrors.get(key)!)}% |`);
  }
  process.exit(0);
}
console.log('\n| group | figures | mean error | mean \\|error\\| |\n|---|---|---|---|');
for (const [key, es] of errors) {
  const mean = es.reduce((a, b) => a + b, 0) / es.length;
  const abs = es.reduce((a, b) => a + Math.abs(b), 0) / es.length;
  console.log(`| ${key} | ${es.length} | ${pct(mean)} | ${(abs * 100).toFixed(1)}% |`);
}
