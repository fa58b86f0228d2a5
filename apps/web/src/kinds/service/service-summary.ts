/** The service node's line: replicas, its latency (or LLM model), and the range its autoscaler covers. */
import { asObject, isObject, type PlainObject } from '../../model/doc-path.ts';
import { s } from '../summary-text.ts';

function latencyText(l: PlainObject): string {
  switch (l.distribution) {
    case 'constant':
      return `${s(l.ms)} ms`;
    case 'exponential':
      return `exp ${s(l.meanMs)} ms`;
    case 'lognormal':
      return `${s(l.p50Ms)}/${s(l.p99Ms)} ms p50/p99`;
    case 'empirical':
      return 'empirical latency';
    default:
      return 'latency?';
  }
}

/** "LLM · llama-3.1-8b · bf16": the model (or "custom model" for a shape) and its weight precision. */
function llmText(l: PlainObject): string {
  const model = typeof l.model === 'string' ? l.model : 'custom model';
  return `LLM · ${model} · ${typeof l.precision === 'string' ? l.precision : 'bf16'}`;
}

/** "7 replicas · 50 ms · HPA 7–70". */
export function serviceSummary(f: PlainObject): { title: string; detail: string } {
  // KEDA owns 0 ↔ 1 and drives the HPA for 1 ↔ N: the node shows the whole range it scales over.
  const keda = isObject(f.keda) ? ` · KEDA ${s(f.keda.minReplicaCount ?? 0)}–${isObject(f.hpa) ? s(f.hpa.maxReplicas) : 1}` : '';
  const hpa = keda !== '' ? keda : isObject(f.hpa) ? ` · HPA ${s(f.hpa.minReplicas ?? 1)}–${s(f.hpa.maxReplicas)}` : '';
  const replicas = f.replicas ?? (isObject(f.hpa) ? f.hpa.minReplicas : undefined) ?? 1;
  const serving = isObject(f.llm) ? llmText(f.llm) : latencyText(asObject(f.latency));
  return { title: s(f.name), detail: `${s(replicas)} replica${replicas === 1 ? '' : 's'} · ${serving}${hpa}` };
}
