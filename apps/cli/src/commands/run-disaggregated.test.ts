// Disaggregated prefill/decode through `design-sim run`: per-pool rows in text and Markdown, summary.llm.disaggregated in --json, the metrics, and a located error.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../testing/test-context.ts';

const cwd = mkdtempSync(join(tmpdir(), 'design-sim-pd-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));
const scenario = (link: string) => `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: pd }
spec:
  duration: 5m
  warmup: 1m
  seed: 1
  traffic: { arrivals: poisson, profile: { type: constant, qps: 5 } }
  services:
    - name: chat
      nodePool: h100
      llm:
        model: qwen3-30b-a3b
        precision: fp8
        inputTokens: 2000
        outputTokens: 100
        disaggregated:
          decode: { nodePool: l40s, replicas: 2 }
          kvTransfer: ${link}
  nodePools:
    - { name: h100, instance: aws/us-east-1/p5.48xlarge, minNodes: 1, maxNodes: 1 }
    - { name: l40s, instance: aws/us-east-1/g6e.xlarge, minNodes: 2, maxNodes: 2 }
  expect:
    - availability >= 99%
    - kvTransfer.meanMs < 200ms
    - cost.perMillionOutputTokens < 100
`;
writeFileSync(join(cwd, 'pd.yaml'), scenario('{ link: ethernet, gbps: 10 }'));
writeFileSync(join(cwd, 'nvlink.yaml'), scenario('{ link: nvlink }'));
const run = (...args: string[]) => runInProcess(['run', ...args], { cwd });

describe('run with disaggregated prefill/decode', () => {
  it('text and markdown: a row per pool with its GPU and cost per million tokens, and the KV transfer', async () => {
    const r = await run('pd.yaml');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ {2}Prefill pool {2}chat: 1 × h100-sxm-80gb per replica · replicas 1 mean \(1–1\) · [\d.]+% busy · .* per 1M input tokens \([\d,]+ prompt tokens\)$/m);
    // The queue's figures say their unit and when they were read (they were a bare "queue 0.167 mean, 2 max").
    expect(r.stdout).toMatch(/^ {2}Prefill pool {2}.* · queue [\d.]+ requests mean, \d+ max \(at interval ends\) · /m);
    expect(r.stdout).toMatch(/^ {2}Decode pool {3}chat-decode: 1 × l40s per replica · replicas 2 mean \(2–2\) · .* per 1M output tokens \([\d,]+ generated\)$/m);
    expect(r.stdout).toMatch(/^ {2}KV transfer {3}ethernet at 1\.25 GB\/s · 98,304 B per token · mean 157 ms per request \(in TTFT\)$/m);
    const md = await run('pd.yaml', '--format', 'markdown');
    expect(md.stdout).toMatch(/\| Decode pool \| chat-decode: 1 × l40s per replica/);
  });

  it('--json: summary.llm.disaggregated; prompt tokens = 2,000 per request', async () => {
    const json = JSON.parse((await run('pd.yaml', '--json')).stdout) as { summary: { requests: { served: number }; llm: { disaggregated: { prefill: { tokens: number; usdPerMillionTokens: number }; decode: { tokens: number }; kvTransfer: { meanMs: number } }[] } } };
    const d = json.summary.llm.disaggregated[0]!;
    expect(d.prefill.tokens).toBe(2000 * json.summary.requests.served);
    expect(d.decode.tokens).toBe(99 * json.summary.requests.served);
    expect(d.prefill.usdPerMillionTokens).toBeGreaterThan(0);
  });

  it('NVLink to an L40S is a located error (exit 2)', async () => {
    const r = await run('nvlink.yaml');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nvlink\.yaml:\d+:\d+ spec\.services\[0\]\.llm\.disaggregated\.kvTransfer\.link: l40s has no NVLink switch fabric in the catalog/);
  });
});
