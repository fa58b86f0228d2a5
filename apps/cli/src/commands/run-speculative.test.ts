// Speculative decoding through `design-sim run`: the line under Tokens in text and Markdown, summary.llm.speculative in
// --json (null without speculation), ITL per step against TPOT per token, and a located error (exit 2).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../testing/test-context.ts';

const cwd = mkdtempSync(join(tmpdir(), 'design-sim-spec-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));
const scenario = (llmExtra: string) => `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: spec }
spec:
  duration: 2m
  warmup: 10s
  seed: 1
  traffic: { arrivals: closed, users: 4, thinkTime: 0s }
  services:
    - name: llm
      replicas: 1
      llm:
        model: llama-3.1-8b
        gpu: h100-sxm-80gb
        inputTokens: 200
        outputTokens: 200
${llmExtra}
`;
writeFileSync(join(cwd, 'eagle.yaml'), scenario('        speculative: { method: eagle, tokens: 3, acceptance: 0.6 }'));
writeFileSync(join(cwd, 'plain.yaml'), scenario(''));
writeFileSync(join(cwd, 'bad.yaml'), scenario('        speculative: { method: draft, tokens: 3, acceptance: 0.6 }'));
const run = (...args: string[]) => runInProcess(['run', ...args], { cwd });

interface Llm {
  tpotMs: { mean: number };
  itlMs: { mean: number };
  speculative: { sequenceSteps: number; acceptedTokensPerStep: number; draftAcceptanceRate: number } | null;
}

describe('run with speculative decoding', () => {
  it('text and markdown: tokens per sequence-step and the draft acceptance rate', async () => {
    const r = await run('eagle.yaml');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ {16}speculative decoding: 2\.\d+ tokens per sequence-step · draft acceptance \d\d\.\d% *$/m);
    const md = await run('eagle.yaml', '--format', 'markdown');
    expect(md.stdout).toMatch(/\| Speculative decoding: tokens per step \/ draft acceptance \| 2\.\d+ \/ \d\d\.\d% \|/);
  });

  it('--json: E[T] = (1 − 0.6⁴) ÷ 0.4 = 2.176 and (2.176 − 1) ÷ 3 = 39.2% of drafts accepted; a chunk per step, so ITL ≈ TPOT × E[T]', async () => {
    const llm = (JSON.parse((await run('eagle.yaml', '--json')).stdout) as { summary: { llm: Llm } }).summary.llm;
    const s = llm.speculative!;
    expect(s.sequenceSteps).toBeGreaterThan(5000);
    // sd of T is 1.172 (engine/speculative-decoding.test.ts): 4 SE over ≥ 5,000 steps is under 0.07.
    expect(Math.abs(s.acceptedTokensPerStep - 2.176)).toBeLessThan(0.07);
    expect(s.draftAcceptanceRate).toBeCloseTo((s.acceptedTokensPerStep - 1) / 3, 12);
    expect(llm.itlMs.mean / llm.tpotMs.mean).toBeGreaterThan(1.9);
    expect(llm.itlMs.mean / llm.tpotMs.mean).toBeLessThan(2.4);
    const plain = (JSON.parse((await run('plain.yaml', '--json')).stdout) as { summary: { llm: Llm } }).summary.llm;
    expect(plain.speculative).toBeNull();
  });

  it('method draft without draftModel is a located error (exit 2)', async () => {
    const r = await run('bad.yaml');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:\d+:\d+ spec\.services\[0\]\.llm\.speculative\.draftModel: method draft needs draftModel/);
  });
});
