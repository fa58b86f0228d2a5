import { describe, expect, it } from 'vitest';
import { kindModule } from './index.ts';
import type { ComponentKind } from './index.ts';
import type { PlainObject } from '../model/doc-path.ts';

const nodeSummary = (kind: ComponentKind, fragment: PlainObject) => kindModule(kind).summary(fragment);

describe('node summaries', () => {
  it('describe each component in one line', () => {
    expect(nodeSummary('service', { name: 'model', latency: { distribution: 'constant', ms: 50 }, hpa: { minReplicas: 7, maxReplicas: 70 } })).toEqual({ title: 'model', detail: '7 replicas · 50 ms · HPA 7–70' });
    expect(nodeSummary('nodePool', { name: 'gpu', instance: 'aws/us-east-1/g5.2xlarge', minNodes: 5, maxNodes: 70, spotShare: 0.5 }).detail).toBe('g5.2xlarge · 5–70 nodes · spot 0.5');
    expect(
      nodeSummary('nodePool', { name: 'gpu', provisioner: 'karpenter', karpenter: { instanceTypes: ['aws/us-east-1/g5.2xlarge', 'aws/us-east-1/g5.xlarge'], capacityTypes: ['spot', 'on-demand'] } }),
    ).toEqual({ title: 'gpu · Karpenter', detail: 'g5.2xlarge, g5.xlarge · spot + on-demand' });
    expect(nodeSummary('traffic', { profile: { type: 'points', points: [[0, 100], ['1h', 1000], { at: '2h', qps: 300 }] } }).detail).toBe('points 100–1000 req/s');
    expect(nodeSummary('job', { name: 'pretrain', team: 'nlp', pods: 4, gpusPerPod: 8, duration: '8h' })).toEqual({ title: 'pretrain', detail: '4 × 8 GPUs · 8h · gang · nlp' });
    expect(nodeSummary('job', { name: 'sweep', team: 'cv', pods: 24, gpusPerPod: 1, duration: '3h', gang: false, count: 4, every: '3h' }).detail).toBe('24 × 1 GPU · 3h · 4 × every 3h · cv');
    expect(nodeSummary('training', { parameters: 7e9, tokens: '2T', instance: 'aws/us-east-1/p4de.24xlarge', nodes: 4 }).detail).toBe('7B params · 2T tokens · 4 × p4de.24xlarge');
    expect(nodeSummary('service', { name: 'llm', llm: { model: 'llama-3.1-8b' } }).detail).toBe('1 replica · LLM · llama-3.1-8b · bf16');
    expect(nodeSummary('service', { name: 'nim', llm: { model: 'llama-3.1-8b' }, keda: { triggers: [{ type: 'requestRate' }] }, hpa: { minReplicas: 1, maxReplicas: 4 } }).detail).toBe(
      '1 replica · LLM · llama-3.1-8b · bf16 · KEDA 0–4',
    );
    expect(nodeSummary('service', { name: 'llm', replicas: 8, llm: { model: 'llama-3.1-70b', precision: 'fp8' } }).detail).toBe('8 replicas · LLM · llama-3.1-70b · fp8');
    expect(nodeSummary('service', { name: 'llm', llm: { model: { layers: 2, hiddenSize: 64, kvHeads: 1, headDim: 64 } } }).detail).toBe('1 replica · LLM · custom model · bf16');
  });

  it('never crashes on odd documents', () => {
    expect(nodeSummary('service', { name: { bad: 1 }, latency: 'x' })).toEqual({ title: '…', detail: '1 replica · latency?' });
    expect(nodeSummary('traffic', {}).detail).toBe('profile?');
  });
  it('describes closed loops and trace replays', () => {
    expect(nodeSummary('traffic', { arrivals: 'closed', users: 64 }).detail).toBe('closed loop · 64 users');
    expect(nodeSummary('traffic', { arrivals: 'closed', users: { type: 'step', from: 1, to: 8, at: '2m' } }).detail).toBe('closed loop · 1 → 8 users at 2m');
    expect(nodeSummary('traffic', { trace: { file: 'traces/a.csv', format: 'azure-llm' } }).detail).toBe('trace traces/a.csv (CLI only)');
    // Titled by its target when it names one: several sources are told apart at a glance.
    expect([nodeSummary('traffic', { target: 'api-dashboard' }).title, nodeSummary('traffic', {}).title]).toEqual(['Traffic → api-dashboard', 'Traffic']);
  });
});
