/**
 * Writes content/traces/azure-llm-conv-synthetic.csv: a SYNTHETIC trace in the published Azure LLM
 * inference trace format (github.com/Azure/AzurePublicDataset, AzureLLMInferenceTrace_conv.csv:
 * TIMESTAMP,ContextTokens,GeneratedTokens), for tests and the trace-replay example. It is not an
 * excerpt of the real trace: arrivals are Poisson at a rate that swings between 1.5 and 4.5 req/s over
 * 20 minutes with 10-second bursts, prompts lognormal (median 1,000, cap 8,000), outputs lognormal
 * (median 200, cap 1,500). Deterministic (seed 2023). Run: npx tsx scripts/synthesize-azure-trace.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Rng } from '../src/random/rng.ts';

const rng = new Rng(2023, 1);
const normal = (): number => {
  const u = rng.next();
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
};
const lognormal = (median: number, sigma: number, cap: number): number => Math.max(1, Math.min(cap, Math.round(median * Math.exp(sigma * normal()))));
const rate = (t: number): number => 3 + 1.5 * Math.sin((2 * Math.PI * t) / 1200) + (Math.floor(t / 10) % 17 === 3 ? 6 : 0);

// 2023-11-16 18:15:46.6805900, the form of the published file's first timestamps.
const origin = Date.UTC(2023, 10, 16, 18, 15, 46) / 1000 + 0.68059;
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
function stamp(seconds: number): string {
  const whole = Math.floor(seconds);
  const frac = Math.round((seconds - whole) * 1e7);
  const d = new Date(whole * 1000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(frac, 7)}`;
}

const lines = ['TIMESTAMP,ContextTokens,GeneratedTokens'];
const bound = 10.5;
for (let t = 0; ; ) {
  t += -Math.log(rng.next()) / bound;
  if (t >= 1200) break;
  if (rng.next() * bound > rate(t)) continue;
  lines.push(`${stamp(origin + t)},${lognormal(1000, 0.9, 8000)},${lognormal(200, 0.8, 1500)}`);
}
const out = fileURLToPath(new URL('../../../content/traces/azure-llm-conv-synthetic.csv', import.meta.url));
writeFileSync(out, `${lines.join('\n')}\n`);
process.stdout.write(`wrote ${out}: ${lines.length - 1} rows\n`);
