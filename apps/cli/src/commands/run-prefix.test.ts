// Prefix caching through `design-sim run`: the Prefix cache rows in text and Markdown, summary.llm.prefixCache in --json, expect: lines, and the located error for prefix-aware routing without prefixes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../testing/test-context.ts';

const cwd = mkdtempSync(join(tmpdir(), 'design-sim-prefix-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));
const scenario = (llmExtra: string, routing = 'prefix-aware') => `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: prefix }
spec:
  duration: 3m
  warmup: 30s
  seed: 1
  traffic: { arrivals: poisson, profile: { type: constant, qps: 5 } }
  services:
    - name: llm
      replicas: 2
      routing: ${routing}
      llm:
        model: llama-3.1-8b
        gpu: h100-sxm-80gb
        inputTokens: 100
        outputTokens: 20
${llmExtra}
  expect:
    - prefixCache.hitRate >= 0.9
    - ttft.cached.p50 < 30ms
`;
writeFileSync(join(cwd, 'chat.yaml'), scenario('        prefix: { tokens: 2000, share: 1 }'));
writeFileSync(join(cwd, 'none.yaml'), scenario(''));
const run = (...args: string[]) => runInProcess(['run', ...args], { cwd });

describe('run with prefix caching', () => {
  it('text and markdown: hit rate, TTFT split, compute saved, routing', async () => {
    const r = await run('chat.yaml');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ {2}Prefix cache {2}(9\d|100)(\.\d)?% of requests hit \([\d,]+ of [\d,]+ carry a shared prefix\) · [\d.]+% of prompt tokens from cache · 0 evictions over the whole run$/m);
    expect(r.stdout).toMatch(/^ {2}Prefill saved {1}9\d(\.\d)?% of prefill FLOPs · [\d.]+ GPU-hours of prefill compute over the run$/m);
    expect(r.stdout).toMatch(/^ {2}KV routing {4}[\d,]+ requests sent to their prefix's replica/m);
    const md = await run('chat.yaml', '--format', 'markdown');
    expect(md.stdout).toMatch(/\| Prefix cache \| (9\d|100)(\.\d)?% of requests hit/);
  });

  it('--json: summary.llm.prefixCache; the first request misses, every later one hits', async () => {
    const json = JSON.parse((await run('chat.yaml', '--json')).stdout) as { summary: { llm: { prefixCache: { requests: number; requestsWithPrefix: number; hitRate: number; cachedTokens: number; ttftCachedMs: { count: number; p50: number }; routing: { followed: number; rebalanced: number } } } } };
    const p = json.summary.llm.prefixCache;
    expect(p.requestsWithPrefix).toBe(p.requests);
    expect(p.ttftCachedMs.count).toBeGreaterThan(p.requests - 3); // at most one miss per replica, and only before the warm-up ends
    expect(p.cachedTokens).toBe(p.ttftCachedMs.count * 2000);
    expect(p.routing.rebalanced).toBe(0);
  });

  it('prefix-aware routing without prefix or sessions is a located error (exit 2)', async () => {
    const r = await run('none.yaml');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/none\.yaml:\d+:\d+ spec\.services\[0\]\.routing: prefix-aware routing follows shared prompt prefixes and sessions: give llm\.prefix or llm\.sessions/);
  });
});
