/** Shared test builders: small scenario documents and a real (short) run of one. */
import { createSimApi, type RunResult } from '@design-sim/sim-core';
import type { PlainObject } from '../model/doc-path.ts';
import { docToYaml } from '../model/scenario-yaml.ts';

/** A valid 10-minute design: constant traffic → one service → one pool, with two expectations and a claim. */
export function smallDoc(overrides: { qps?: number; replicas?: number; expect?: string[] } = {}): PlainObject {
  return {
    apiVersion: 'design-sim/v1',
    kind: 'Scenario',
    metadata: { name: 'small', title: 'Small test design' },
    spec: {
      duration: '10m',
      seed: 7,
      traffic: { profile: { type: 'constant', qps: overrides.qps ?? 50 } },
      services: [{ name: 'model', replicas: overrides.replicas ?? 6, latency: { distribution: 'constant', ms: 50 }, nodePool: 'gpu' }],
      nodePools: [{ name: 'gpu', instance: 'aws/us-east-1/g5.2xlarge', minNodes: 6, maxNodes: 10 }],
      expect: overrides.expect ?? ['latency.p99 < 100ms', 'cost.hourly < 1'],
      claims: { 'gpus.peak': 6 },
    },
  };
}

/** A design with a training job only. */
export function trainingDoc(): PlainObject {
  return {
    apiVersion: 'design-sim/v1',
    kind: 'Scenario',
    metadata: { name: 'train' },
    spec: { training: { parameters: '7B', tokens: '140B', gpu: 'h100-sxm-80gb', gpus: 64, pricePerGpuHour: 2, mfu: 0.4, budgetUsd: 1000 }, expect: ['training.days < 30'] },
  };
}

/** Runs a document through sim-core (as the worker and the CLI do); throws on invalid input. */
export function runDoc(doc: PlainObject): RunResult {
  const r = createSimApi().run(docToYaml(doc), 'test.yaml');
  if (!r.ok) throw new Error(`invalid test document: ${r.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  return r.result;
}

/**
 * A small token-level LLM design: Llama 3.1 8B on two single-A10G g5.2xlarge nodes at 2 req/s for 5 minutes,
 * with TTFT and TPOT expectations that hold and a $/1M-token bound that cannot (to see both colours).
 */
export function llmDoc(overrides: { outputTokens?: number; expect?: string[] } = {}): PlainObject {
  return {
    apiVersion: 'design-sim/v1',
    kind: 'Scenario',
    metadata: { name: 'small-llm', title: 'Small LLM design' },
    spec: {
      duration: '5m',
      seed: 3,
      traffic: { profile: { type: 'constant', qps: 2 } },
      services: [{ name: 'llm', replicas: 2, llm: { model: 'llama-3.1-8b', precision: 'bf16', inputTokens: 200, outputTokens: overrides.outputTokens ?? 100 }, nodePool: 'gpu' }],
      nodePools: [{ name: 'gpu', instance: 'aws/us-east-1/g5.2xlarge', minNodes: 2, maxNodes: 2 }],
      expect: overrides.expect ?? ['ttft.p99 < 1s', 'tpot.p50 < 100ms', 'cost.perMillionTokens < 0.001'],
    },
  };
}
