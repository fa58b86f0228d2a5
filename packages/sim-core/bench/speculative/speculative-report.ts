/**
 * Speculative decoding against published measurements (docs/fidelity.md "Speculative decoding"; README.md here
 * quotes every row and states the assumptions). Part 1 runs each scenario pair (without / with speculation) with the
 * built CLI (`design-sim run FILE --json`) and compares the speed-up of output tokens per second with the published
 * one. Part 2 sets the cost of one step (closed forms of llm-perf.ts and llm/speculative.ts) beside the step-time
 * model SpecDecode-Bench fitted to its vLLM v0.10.1 profiles of Llama-3.1-8B on an H100. Nothing is fitted here.
 * Build first (`npx -y pnpm@10 --filter @design-sim/cli build`); then, from `packages/sim-core`,
 * `npx tsx bench/speculative/speculative-report.ts`.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { iterationSeconds } from '../../src/llm/llm-perf.ts';
import { proposerEfficiency, proposerSeconds, verifyWork } from '../../src/llm/speculative.ts';
import { llmConfig } from '../../src/test-support/llm-builders.ts';

const CLI = resolve(import.meta.dirname, '../../../../apps/cli/dist/design-sim.mjs');
const PAGE = 'https://github.com/SpecDecode-Bench/specdecode-bench.github.io/blob/514270c6cda54955334792858498a0357bf41704/index.md';
const PREDICTOR = 'https://github.com/SpecDecode-Bench/simulator/blob/260263c3d3388e5841c560faa1a942fdc4926cff/predictor.py';

interface Json {
  summary: { llm: { outputTokensPerSecond: number; tpotMs: { mean: number }; itlMs: { mean: number }; speculative: { acceptedTokensPerStep: number } | null } };
}

function run(file: string): Json['summary']['llm'] {
  const out = execFileSync('node', [CLI, 'run', resolve(import.meta.dirname, file), '--json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return (JSON.parse(out) as Json).summary.llm;
}

const speedup = (name: string) => run(`${name}-eagle.yaml`).outputTokensPerSecond / run(`${name}.yaml`).outputTokensPerSecond;
const pct = (ours: number, published: number) => `${ours >= published ? '+' : '−'}${(Math.abs(ours / published - 1) * 100).toFixed(1)}%`;

console.log(`Source: ${PAGE}\n`);
console.log('| case | metric | published | design-sim | error |');
console.log('|---|---|---|---|---|');
const qwen = speedup('qwen3-8b-h100-gsm8k-bs1');
console.log(`| Qwen3-8B, 1×H100, GSM8K, batch 1, EAGLE chain k 3, accepted length 2.25 | speed-up of output tok/s | 1.65× | ${qwen.toFixed(2)}× | ${pct(qwen, 1.65)} |`);
for (const [name, label, published] of [
  ['llama3-8b-h100-sharegpt', 'Llama-3.1-8B, 1×H100', -0.043],
  ['llama3-70b-4xh100-sharegpt', 'Llama-3-70B, 4×H100 TP 4', -0.14],
] as const) {
  const one = speedup(`${name}-bs1`);
  const full = speedup(`${name}-bs32`);
  const change = full / one - 1;
  console.log(`| ${label}, ShareGPT, EAGLE k 3 (accepted length 2.0 assumed) | speed-up at batch 1 / batch 32 | — | ${one.toFixed(2)}× / ${full.toFixed(2)}× | — |`);
  console.log(`| ${label}, ShareGPT, EAGLE k 3 | change of the speed-up, batch 1 → 32 | ${(published * 100).toFixed(1)}% | ${(change * 100).toFixed(1)}% | ${((change - published) * 100).toFixed(1)} points |`);
}

// Part 2: one step of Llama-3.1-8B on an H100 at 1,000 tokens of context per sequence, k 3 (EAGLE).
// SpecDecode-Bench's Llama8BH100: forward = 3.92645679e-8 · KV tokens + 2.10103129e-5 · batched tokens + 5.88590713e-3 s,
// plus 1.20683946e-3 s overhead a step; EAGLE drafting = 2.37768493e-9 · KV tokens + 8.41429603e-7 · speculated tokens
// (a request's, as simulator.py passes them) + 2.13526175e-3 s.
console.log(`\nSource: ${PREDICTOR} (fitted by its authors to their vLLM v0.10.1 profiles)\n`);
console.log('| batch | plain step ms (theirs / ours) | verify k 3 ms (theirs / ours) | EAGLE drafting ms (theirs / ours) | step with speculation ÷ plain (theirs / ours) |');
console.log('|---|---|---|---|---|');
const l = llmConfig({ gpu: 'h100-sxm-80gb', input: { kind: 'fixed', tokens: 1 }, output: { kind: 'fixed', tokens: 1 }, speculative: { method: 'eagle', tokens: 3, acceptance: 0.5 } });
const passEff = proposerEfficiency(l.efficiency);
for (const b of [1, 8, 32, 128]) {
  const kv = b * 1000;
  const theirsPlain = 3.92645679e-8 * kv + 2.10103129e-5 * b + 5.88590713e-3 + 1.20683946e-3;
  const theirsVerify = 3.92645679e-8 * kv + 2.10103129e-5 * 4 * b + 5.88590713e-3 + 1.20683946e-3;
  const theirsDraft = 2.37768493e-9 * kv + 8.41429603e-7 * 4 + 2.13526175e-3;
  const oursPlain = iterationSeconds({ tokens: b, attendedTokens: kv, kvTokensRead: kv }, l.model, l.hardware, l.efficiency);
  const oursVerify = iterationSeconds(verifyWork(b, kv, 3), l.model, l.hardware, l.efficiency);
  const oursDraft = proposerSeconds(l.speculative!, b, kv, { tokens: 0, attendedTokens: 0, kvTokensRead: 0 }, l.hardware, passEff);
  const ms = (s: number) => (s * 1000).toFixed(2);
  console.log(`| ${b} | ${ms(theirsPlain)} / ${ms(oursPlain)} | ${ms(theirsVerify)} / ${ms(oursVerify)} | ${ms(theirsDraft)} / ${ms(oursDraft)} | ${((theirsVerify + theirsDraft) / theirsPlain).toFixed(3)} / ${((oursVerify + oursDraft) / oursPlain).toFixed(3)} |`);
}

// Part 3: a draft model's drafting time against the target's forward pass (source [B] "~37.5%" on 8B targets,
// "~12.5%" on Llama-3-70B; the draft, Llama 3.2 1B, and the reading "k = 3 passes ÷ one target pass" are assumptions).
console.log('\n| target | draft | target pass ms | 3 draft passes ms | ratio (published) |');
console.log('|---|---|---|---|---|');
for (const [model, tp, published] of [['llama-3.1-8b', 1, '~37.5%'], ['llama-3.1-70b', 4, '~12.5%']] as const) {
  const d = llmConfig({ gpu: 'h100-sxm-80gb', model, tp, input: { kind: 'fixed', tokens: 1 }, output: { kind: 'fixed', tokens: 1 }, speculative: { method: 'draft', tokens: 3, acceptance: 0.5, draftModel: 'llama-3.2-1b' } });
  const target = iterationSeconds({ tokens: 1, attendedTokens: 1000, kvTokensRead: 1000 }, d.model, d.hardware, d.efficiency);
  const draft = proposerSeconds(d.speculative!, 1, 1000, { tokens: 0, attendedTokens: 0, kvTokensRead: 0 }, d.hardware, proposerEfficiency(d.efficiency));
  console.log(`| ${model} TP ${tp} | llama-3.2-1b | ${(target * 1000).toFixed(2)} | ${(draft * 1000).toFixed(2)} | ${((draft / target) * 100).toFixed(1)}% (${published}) |`);
}
