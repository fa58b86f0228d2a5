/**
 * Prefix caching against closed forms: the LRU cache itself, the block rule, the hit rate of a template
 * held in cache (= its share), and the TTFT drop of a cached prefix (= the prefill time of its tokens, from
 * the iteration model), plus sessions and prefix-aware routing against least-outstanding.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LLM_EFFICIENCY, iterationSeconds } from '../llm/llm-perf.ts';
import { fleet } from '../test-support/builders.ts';
import { llmConfig } from '../test-support/llm-builders.ts';
import type { EnginePrefix, Routing } from './engine-config.ts';
import { PrefixCache, hitTokens } from './prefix-cache.ts';
import { runEngine } from './simulation.ts';

describe('PrefixCache', () => {
  it('evicts unpinned entries least recently used first, never pinned ones', () => {
    const counter = { evictions: 0 };
    const c = new PrefixCache(counter);
    const a = c.put(1, 100, false);
    c.put(2, 200, false);
    const e3 = c.put(3, 300, true);
    c.pin(a);
    c.release(a); // a is now the most recently used
    expect(c.tokens).toBe(600);
    let free = 0;
    // 1,000-token memory, 600 cached: room for 700 needs 300 more freed: entry 2 (LRU) then entry 1.
    expect(c.makeRoom(700, () => 1000 - c.tokens - free)).toBe(true);
    expect(c.get(2)).toBeUndefined();
    expect(c.get(1)).toBeUndefined();
    expect(c.get(3)).toBe(e3);
    expect(counter.evictions).toBe(2);
    free = 0;
    expect(c.makeRoom(800, () => 1000 - c.tokens)).toBe(false); // only the pinned entry is left
    c.release(e3);
    expect(c.makeRoom(800, () => 1000 - c.tokens)).toBe(true);
    expect(c.size).toBe(0);
  });

  it('hits whole 16-token blocks and never the last prompt token', () => {
    expect(hitTokens(2000, 2100)).toBe(2000);
    expect(hitTokens(2000, 2000)).toBe(1984); // 1,999 usable → 124 blocks
    expect(hitTokens(1000, 2100)).toBe(992);
    expect(hitTokens(10, 2100)).toBe(0);
  });
});

const h100 = 'h100-sxm-80gb';
const K = 2000;
const IN = 100;

function run(prefix: EnginePrefix, o: { qps?: number; replicas?: number; routing?: Routing; seconds?: number; input?: number; output?: number; seed?: number } = {}) {
  const llm = llmConfig({ gpu: h100, input: { kind: 'fixed', tokens: o.input ?? IN }, output: { kind: 'fixed', tokens: o.output ?? 1 } });
  return runEngine(
    fleet({
      qps: o.qps ?? 1,
      replicas: o.replicas ?? 1,
      serviceTime: { kind: 'constant', seconds: 0 },
      durationSeconds: o.seconds ?? 2000,
      warmupSeconds: 20,
      seed: o.seed ?? 3,
      service: { llm: { ...llm, prefix }, ...(o.routing ? { routing: o.routing } : {}) },
    }),
  );
}

describe('prefix caching against closed forms', () => {
  it('a template held in cache is hit by exactly its share of requests', () => {
    const r = run({ templates: [{ tokens: K, share: 0.3 }], sessionTurns: 0, caching: true });
    const p = r.llm!.prefixCache!.stats;
    // Binomial share of ~2,000 requests: standard error 1%; every request with the template hits after the first.
    expect(p.hits).toBe(p.withPrefix);
    expect(p.hits / p.requests).toBeGreaterThan(0.27);
    expect(p.hits / p.requests).toBeLessThan(0.33);
    expect(p.cachedTokens).toBe(p.hits * K);
  });

  it('a cached prefix takes the prefill time of its tokens off TTFT (light load: one request per iteration)', () => {
    const tpl = { templates: [{ tokens: K, share: 1 }], sessionTurns: 0 };
    // 0.05 req/s: a request finds the replica busy with probability ~0.2%, so queueing adds < 0.1 ms to either mean.
    const light = { qps: 0.05, seconds: 40_000 };
    const on = run({ ...tpl, caching: true }, light).llm!;
    const off = run({ ...tpl, caching: false }, light).llm!;
    const cfg = llmConfig({ gpu: h100, input: { kind: 'fixed', tokens: IN }, output: { kind: 'fixed', tokens: 1 } });
    const n = K + IN;
    const whole = iterationSeconds({ tokens: n, attendedTokens: (n * n) / 2, kvTokensRead: 0 }, cfg.model, cfg.hardware, DEFAULT_LLM_EFFICIENCY);
    const rest = iterationSeconds({ tokens: IN, attendedTokens: IN * (K + IN / 2), kvTokensRead: K }, cfg.model, cfg.hardware, DEFAULT_LLM_EFFICIENCY);
    const drop = (off.ttft.mean() - on.ttft.mean()) / 1000;
    expect(off.prefixCache!.stats.hits).toBe(0);
    expect(on.prefixCache!.stats.hits).toBe(on.prefixCache!.stats.requests);
    expect(drop / (whole - rest)).toBeGreaterThan(0.99);
    expect(drop / (whole - rest)).toBeLessThan(1.01);
    // Compute saved: K of K + IN prompt tokens, in FLOPs of the iteration model.
    expect(on.prefixCache!.stats.savedFlops / on.prefixCache!.stats.promptFlops).toBeGreaterThan(0.9);
  });

  it('a session turn reuses the conversation so far: cached tokens = previous prompt + reply', () => {
    const r = run({ templates: [], sessionTurns: 4, caching: true }, { output: 50, qps: 0.5 });
    const p = r.llm!.prefixCache!.stats;
    // Turn k's prompt is (k − 1)(IN + 50) + IN; its cache holds (k − 1)(IN + 50) tokens, in whole blocks.
    // Over turns 1…4: hits on 3 of 4 turns, cached tokens 150 → 144, 300 → 288, 450 → 448 per session.
    expect(p.hits / p.requests).toBeGreaterThan(0.74);
    expect(p.hits / p.requests).toBeLessThan(0.76);
    expect(p.cachedTokens / p.hits).toBeGreaterThan((144 + 288 + 448) / 3 - 3);
    expect(p.cachedTokens / p.hits).toBeLessThan((144 + 288 + 448) / 3 + 3);
  });

  it('prefix-aware routing keeps sessions on their replica; least-outstanding scatters them', () => {
    const sessions = { templates: [{ tokens: K, share: 1 }], sessionTurns: 6, caching: true };
    const o = { qps: 8, replicas: 4, output: 100, seconds: 600 };
    const aware = run(sessions, { ...o, routing: 'prefix-aware' }).llm!.prefixCache!;
    const least = run(sessions, { ...o, routing: 'least-outstanding' }).llm!.prefixCache!;
    const tokenHit = (x: typeof aware) => x.stats.cachedTokens / x.stats.promptTokens;
    expect(aware.routing!.followed).toBeGreaterThan(0);
    expect(least.routing).toBeNull();
    expect(tokenHit(aware)).toBeGreaterThan(tokenHit(least) + 0.05);
    expect(aware.stats.ttftCached.mean()).toBeLessThan(least.stats.ttftCached.mean());
  });
});
