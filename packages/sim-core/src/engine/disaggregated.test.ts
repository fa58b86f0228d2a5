/**
 * Disaggregated prefill/decode in the engine: a prefill service hands each request (with its token counts)
 * to a decode service through a call; TTFT is front end + prefill + KV transfer (+ any wait for a decode slot),
 * checked against the iteration model's closed form at light load; tokens and requests are conserved.
 */
import { describe, expect, it } from 'vitest';
import { expectConserved } from '../test-support/conservation.ts';
import { service } from '../test-support/builders.ts';
import { llmConfig } from '../test-support/llm-builders.ts';
import { iterationSeconds } from '../llm/llm-perf.ts';
import { compileRateProfile } from '../traffic/rate-profile.ts';
import type { EngineConfig, EngineLlm } from './engine-config.ts';
import { runEngine } from './simulation.ts';

const IN = 1000;
const OUT = 50;
const tokens = { input: { kind: 'fixed', tokens: IN }, output: { kind: 'fixed', tokens: OUT } } as const;

function split(linkBytesPerSecond: number, qps: number, o: { decodeReplicas?: number; seconds?: number } = {}): { cfg: EngineConfig; prefill: EngineLlm; decode: EngineLlm } {
  const prefill: EngineLlm = { ...llmConfig({ gpu: 'h100', ...tokens }), role: 'prefill' };
  const decode: EngineLlm = { ...llmConfig({ gpu: 'l40s', ...tokens }), role: 'decode', kvTransferBytesPerSecond: linkBytesPerSecond };
  const duration = o.seconds ?? 600;
  const call = { to: 1, probability: 1, async: false, timeoutSeconds: Infinity, retries: 0, connections: 0, backoff: { baseSeconds: 0.1, maxSeconds: 1, jitter: false } };
  const cfg: EngineConfig = {
    seed: 3,
    durationSeconds: duration,
    warmupSeconds: 0,
    intervalSeconds: 60,
    drainSeconds: 600,
    traffic: [{ profile: compileRateProfile({ type: 'constant', qps }, duration), arrivals: 'poisson', service: 0 }],
    services: [
      service({ name: 'chat', serviceTime: { kind: 'constant', seconds: 0 }, llm: prefill, calls: [{ calls: [call] }], releaseDuringCalls: true }),
      service({ name: 'chat-decode', serviceTime: { kind: 'constant', seconds: 0 }, llm: decode, initialReplicas: o.decodeReplicas ?? 1 }),
    ],
    pools: [],
  };
  return { cfg, prefill, decode };
}

describe('disaggregated prefill/decode', () => {
  it('TTFT at light load = front end + prefill on the prefill GPU + KV transfer; ITL is the decode GPU’s', () => {
    const ib = 50e9; // InfiniBand NDR, 400 Gb/s
    const { cfg, prefill, decode } = split(ib, 0.02, { seconds: 3000 });
    const r = runEngine(cfg);
    const prefillS = iterationSeconds({ tokens: IN, attendedTokens: IN * (IN / 2), kvTokensRead: 0 }, prefill.model, prefill.hardware, prefill.efficiency);
    const transferS = (IN * decode.model.kvBytesPerToken) / ib;
    const expected = (prefill.efficiency.requestOverheadSeconds + prefillS + transferS) * 1000;
    expect(r.llm!.ttft.count).toBeGreaterThan(30);
    // At 0.02 req/s requests rarely overlap (a few wait for the decode replica's running iteration to end):
    // the median is the closed form within the histogram's resolution, the mean within 2%.
    expect(r.llm!.ttft.quantile(0.5) / expected).toBeCloseTo(1, 2);
    expect(Math.abs(r.llm!.ttft.mean() / expected - 1)).toBeLessThan(0.02);
    const decodeStep = iterationSeconds({ tokens: 1, attendedTokens: IN + OUT / 2, kvTokensRead: IN + OUT / 2 }, decode.model, decode.hardware, decode.efficiency) * 1000;
    expect(r.llm!.tpot.mean() / decodeStep).toBeCloseTo(1, 1);
    // ITL: OUT − 1 chunk gaps per request, all from the decode replica. The first counts from the first token's
    // delivery, when the decode replica took the sequence over (the KV transfer is in TTFT, not in a gap), so
    // every gap is one decode iteration, never a decode step plus the transfer.
    const itl = r.llm!.itl;
    expect(itl.count).toBe(r.requests.served * (OUT - 1));
    expect(itl.mean() / decodeStep).toBeCloseTo(1, 1);
    expect(itl.max).toBeLessThan(decodeStep + (transferS * 1000) / 2);
    // Every output token is generated once: the first on the prefill replica, the rest on the decode replica.
    expect(r.llm!.outputTokens).toBe(r.requests.served * OUT);
    expectConserved(r);
  });

  it('a slower link adds its transfer time to TTFT: Ethernet (12.5 GB/s) against NVLink (450 GB/s)', () => {
    const kv = llmConfig({ gpu: 'l40s', ...tokens }).model.kvBytesPerToken;
    const nv = runEngine(split(450e9, 0.02, { seconds: 3000 }).cfg).llm!.ttft.mean();
    const eth = runEngine(split(12.5e9, 0.02, { seconds: 3000 }).cfg).llm!.ttft.mean();
    expect(eth - nv).toBeCloseTo(IN * kv * (1 / 12.5e9 - 1 / 450e9) * 1000, 0);
  });

  it('each pool is loaded by its own phase: decode replicas are the bottleneck when too few', () => {
    const few = runEngine(split(50e9, 6, { decodeReplicas: 1, seconds: 300 }).cfg);
    const many = runEngine(split(50e9, 6, { decodeReplicas: 4, seconds: 300 }).cfg);
    expect(few.services[1]!.utilization).toBeGreaterThan(many.services[1]!.utilization);
    expect(few.llm!.ttft.quantile(0.99)).toBeGreaterThan(many.llm!.ttft.quantile(0.99));
    expectConserved(many);
  });
});
