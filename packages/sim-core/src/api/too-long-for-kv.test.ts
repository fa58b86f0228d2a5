/**
 * A request longer (prompt + output) than one replica's KV cache is dropped at admission (engine/llm-executor.ts
 * `rejectHead`). The run counted it only as "dropped"; the diagnostic names the service, the count and the cache.
 */
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../scenario/parse-scenario.ts';
import { runScenario } from './run-scenario.ts';

function run(maxInput: number) {
  const yaml = `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: too-long }
spec:
  duration: 20m
  seed: 1
  traffic: { arrivals: poisson, profile: { type: constant, qps: 0.05 } }
  services:
    - name: llm
      replicas: 1
      gpusPerReplica: 1
      nodePool: l4
      llm:
        model: llama-3.1-8b
        precision: bf16
        inputTokens: { distribution: uniform, min: 100, max: ${maxInput} }
        outputTokens: 100
  nodePools:
    - { name: l4, instance: gcp/us-central1/g2-standard-8, minNodes: 1, maxNodes: 1 }
  expect:
    - availability >= 10%
`;
  const parsed = parseScenarioText(yaml, 'too-long.yaml');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return runScenario(parsed.scenario);
}

describe('requests longer than the KV cache', () => {
  it('are named in a warning with their count and the cache size, and each is one of the dropped', () => {
    // One L4 keeps 34,637 KV tokens of Llama 3.1 8B (content/llama3-8b-l4-long-replies-paged-kv.yaml's arithmetic): a
    // prompt drawn uniform in 100..60,000 with 100 output tokens is too long when above 34,537, about 42% of them.
    const r = run(60_000);
    const d = r.diagnostics.find((x) => x.code === 'too-long-for-kv')!;
    expect(d.severity).toBe('warning');
    const n = Number(/(\d[\d,]*) requests were dropped/.exec(d.message)![1]!.replace(/,/g, ''));
    expect(d.message).toContain('llm: ');
    expect(d.message).toContain('(34,637 tokens)');
    // The whole run's count (warm-up included; there is none here) against the drops: all of them are this.
    expect(n).toBe(r.summary!.requests.dropped);
    const offered = r.summary!.requests.offered;
    expect(n / offered).toBeGreaterThan(0.3);
    expect(n / offered).toBeLessThan(0.55);
  });

  it('say nothing when every request fits', () => {
    const r = run(20_000);
    expect(r.diagnostics.some((x) => x.code === 'too-long-for-kv')).toBe(false);
    expect(r.summary!.requests.dropped).toBe(0);
  });
});
