/**
 * A disaggregated llm service (`llm.disaggregated`) runs as two services in the engine and in every
 * per-service result: the service itself, whose replicas take the requests and prefill them, and its
 * decode pool, a service of its own named `<name>-decode` on its own GPUs, node pool, replicas and HPA.
 * This file is the one place that expands a scenario's services into what runs.
 */
import type { ServiceSpec } from './service-schema.ts';

/** The name the decode pool of service `name` runs under. */
export function decodeServiceName(name: string): string {
  return `${name}-decode`;
}

/** The decode pool of a disaggregated llm service as a service spec, or null for any other service. */
export function decodeServiceOf(s: ServiceSpec): ServiceSpec | null {
  const llm = s.llm;
  const d = llm?.disaggregated;
  if (llm === undefined || d === undefined) return null;
  // The decode replicas share the model, lengths and engine settings; they make no calls of their own,
  // sit behind no cache, rate limit or KEDA object, and take their GPU, pool, size and HPA from `decode`.
  const { calls: _calls, cache: _cache, rateLimit: _rateLimit, keda: _keda, hpa: _hpa, nodePool: _nodePool, ...rest } = s;
  const { gpu: _gpu, disaggregated: _d, ...model } = llm;
  const dec = d.decode;
  return {
    ...rest,
    name: decodeServiceName(s.name),
    replicas: dec.replicas ?? dec.hpa?.minReplicas ?? 1,
    gpusPerReplica: dec.gpusPerReplica,
    routing: 'least-outstanding',
    ...(dec.nodePool === undefined ? {} : { nodePool: dec.nodePool }),
    ...(dec.hpa === undefined ? {} : { hpa: dec.hpa }),
    llm: { ...model, ...(dec.gpu === undefined ? {} : { gpu: dec.gpu }) },
  };
}

/** The services that run: the scenario's, in order, then the decode pool of each disaggregated one (so scenario indices stay engine indices). */
export function runningServices(services: readonly ServiceSpec[]): ServiceSpec[] {
  const decodes = services.flatMap((s) => decodeServiceOf(s) ?? []);
  return decodes.length === 0 ? [...services] : [...services, ...decodes];
}
