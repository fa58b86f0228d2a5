/**
 * What a service node is called, by what it serves: a datastore or an API on CPUs drawn as "Model service"
 * (postgres, redis, a thread-pool API) read as a model. The GPU rule is the schema's: a replica requests
 * `gpusPerReplica` GPUs, 1 by default and 0 by default when it gives `cpuPerReplica` (service-schema.ts).
 */
import { isObject, type PlainObject } from '../../model/doc-path.ts';

/** "LLM service" (token-level `llm:`), "Model service" (replicas on GPUs) or "Service" (on CPUs, or no GPU requested). */
export function serviceLabel(f: PlainObject): string {
  if (isObject(f.llm)) return 'LLM service';
  const gpus = typeof f.gpusPerReplica === 'number' ? f.gpusPerReplica : f.cpuPerReplica !== undefined ? 0 : 1;
  return gpus > 0 ? 'Model service' : 'Service';
}
