/**
 * What **New** starts from: a blank canvas or a small template whose defaults give a healthy design
 * (each one meets its own expectations on seeds 1–3, checked in templates.test.ts against sim-core
 * runs), so a new design begins green and every change is the user's.
 */
import type { PlainObject } from './doc-path.ts';
import { STARTER_DOC } from './load-design.ts';

/** One choice of the New dialog. */
export interface DesignTemplate {
  id: string;
  title: string;
  /** One line on what it is and why its numbers are healthy. */
  description: string;
  doc: PlainObject;
}

const doc = (name: string, title: string, spec: PlainObject): PlainObject => ({ apiVersion: 'design-sim/v1', kind: 'Scenario', metadata: { name, title }, spec });

/** The New dialog's choices, blank first. */
export const TEMPLATES: readonly DesignTemplate[] = [
  {
    id: 'blank',
    title: 'Blank canvas',
    description: 'Nothing but a 1-hour run: add a traffic source, a model service and a node pool from the palette.',
    doc: doc('my-design', 'A new design', { duration: '1h' }),
  },
  {
    id: 'fixed-fleet',
    title: 'One service, fixed fleet',
    description: '100 req/s of constant 50 ms work on 7 replicas (one per g5.2xlarge node): about 71% busy, p99 under 100 ms.',
    doc: STARTER_DOC,
  },
  {
    id: 'autoscaling',
    title: 'Autoscaling service',
    description: 'Traffic ramps 50 → 200 req/s; an HPA at 12 req/s per replica (4–20) and a cluster autoscaler (4–20 nodes) keep p99 under 200 ms.',
    doc: doc('autoscaling-service', 'An autoscaling service', {
      duration: '2h',
      traffic: { profile: { type: 'ramp', from: 50, to: 200, start: '30m', end: '1h30m' } },
      services: [
        {
          name: 'model',
          replicas: 4,
          latency: { distribution: 'constant', ms: 50 },
          nodePool: 'gpu',
          hpa: { minReplicas: 4, maxReplicas: 20, metrics: [{ type: 'qpsPerReplica', target: 12 }] },
        },
      ],
      nodePools: [{ name: 'gpu', instance: 'aws/us-east-1/g5.2xlarge', minNodes: 4, maxNodes: 20 }],
      expect: ['latency.p99 < 200ms', 'availability > 99.9%'],
    }),
  },
  {
    id: 'llm',
    title: 'LLM service (token-level)',
    description: 'Llama 3.1 8B in bf16 on two A10G nodes (g5.2xlarge) at 2 req/s, 512 tokens in, 256 out: TTFT p99 under 1 s, TPOT p50 under 100 ms.',
    doc: doc('llm-service', 'An LLM service', {
      duration: '30m',
      traffic: { profile: { type: 'constant', qps: 2 } },
      services: [{ name: 'llm', replicas: 2, llm: { model: 'llama-3.1-8b', precision: 'bf16', inputTokens: 512, outputTokens: 256 }, nodePool: 'gpu' }],
      nodePools: [{ name: 'gpu', instance: 'aws/us-east-1/g5.2xlarge', minNodes: 2, maxNodes: 2 }],
      expect: ['ttft.p99 < 1s', 'tpot.p50 < 100ms'],
    }),
  },
];
