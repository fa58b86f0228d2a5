/** A disaggregated service from YAML: two pools, each with its own GPU, replicas and bill share; cost per million input and output tokens; located errors. */
import { describe, expect, it } from 'vitest';
import { createSimApi } from './sim-api.ts';

const yaml = (decode: string, extra = '') => `
apiVersion: design-sim/v1
kind: Scenario
metadata: { name: pd }
spec:
  duration: 20m
  warmup: 2m
  traffic: { profile: { type: constant, qps: 4 } }
  services:
    - name: chat
      nodePool: h100
      replicas: 1
      llm:
        model: qwen3-30b-a3b
        precision: fp8
        inputTokens: 2000
        outputTokens: 200
        disaggregated:
          decode: ${decode}
          kvTransfer: { link: ethernet, gbps: 10 }${extra}
  nodePools:
    - { name: h100, instance: aws/us-east-1/p5.48xlarge, minNodes: 1, maxNodes: 1 }
    - { name: l40s, instance: aws/us-east-1/g6e.xlarge, minNodes: 2, maxNodes: 2 }
`;
const api = createSimApi();

describe('disaggregated prefill/decode from YAML', () => {
  it('runs prefill on H100 and decode on L40S, and prices input and output tokens per pool', () => {
    const r = api.run(yaml('{ nodePool: l40s, replicas: 2 }'), 'pd.yaml');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const d = r.result.summary!.llm!.disaggregated;
    expect(d).toHaveLength(1);
    const x = d[0]!;
    expect([x.prefill.service, x.prefill.gpu, x.decode.service, x.decode.gpu]).toEqual(['chat', 'h100-sxm-80gb', 'chat-decode', 'l40s']);
    expect(x.decode.replicas.max).toBe(2);
    // Every request is served; prompt tokens are 2,000 each; decode generates 199 of the 200 output tokens.
    const served = r.result.summary!.requests.served;
    expect(served).toBeGreaterThan(4000);
    expect(x.prefill.tokens).toBe(2000 * served);
    expect(x.decode.tokens).toBe(199 * served);
    // The bill shares: one p5 node (8 H100s; this service takes 1 of the 8 GPUs requested on it, so the whole node), two g6e nodes.
    const hours = r.result.summary!.durationSeconds / 3600;
    expect(x.prefill.usdPerMillionTokens).toBeCloseTo((x.prefill.costPerHourUsd! * hours * 1e6) / x.prefill.tokens, 9);
    expect(x.decode.costPerHourUsd).toBeCloseTo(2 * 1.861, 6);
    // KV transfer: 2,000 tokens × 98,304 B (bf16 KV) ÷ 1.25 GB/s = 157 ms.
    expect(x.kvTransfer.meanMs).toBeCloseTo((2000 * 98_304) / 1.25e9 * 1000, 3);
    expect(r.result.summary!.llm!.ttftMs.p50).toBeGreaterThan(x.kvTransfer.meanMs);
    expect(r.result.services!['chat-decode']).toBeDefined();
  });

  it('the decode pool has its own HPA: too few decode replicas for the load scale up, the prefill pool stays', () => {
    const text = yaml('{ nodePool: l40s, replicas: 1, hpa: { maxReplicas: 6, metrics: [ { type: concurrency, target: 16 } ] } }').replace('minNodes: 2, maxNodes: 2', 'minNodes: 1, maxNodes: 6');
    const r = api.run(text, 'pd.yaml');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const x = r.result.summary!.llm!.disaggregated[0]!;
    expect(x.decode.replicas.max).toBeGreaterThan(1);
    expect(x.prefill.replicas.max).toBe(1);
  });

  it('a decode pool that does not hold the model is a located error on its block', () => {
    const r = api.validate(yaml('{ nodePool: l40s, replicas: 2 }').replace('precision: fp8', 'precision: bf16'), 'pd.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const issue = r.issues.find((i) => i.path.includes('decode'))!;
    expect(issue.path).toBe('spec.services[0].llm.disaggregated.decode.gpusPerReplica');
    expect(issue.message).toMatch(/^decode pool: does not fit: 61\.1 GB of bf16 weights need more than the 42\.2 GB usable on 1 × l40s/);
  });

  it('NVLink between an H100 and an L40S is refused: the L40S has no NVLink', () => {
    const r = api.validate(yaml('{ nodePool: l40s }').replace('{ link: ethernet, gbps: 10 }', '{ link: nvlink }'), 'pd.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]!.path).toBe('spec.services[0].llm.disaggregated.kvTransfer.link');
    expect(r.issues[0]!.message).toContain('l40s has no NVLink switch fabric in the catalog');
  });

  it('an unknown decode pool is a located error with a suggestion', () => {
    const r = api.validate(yaml('{ nodePool: l40 }'), 'pd.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]!.path).toBe('spec.services[0].llm.disaggregated.decode.nodePool');
    expect(r.issues[0]!.message).toContain('no node pool named "l40"');
  });
});
