/**
 * Requests per second one replica sustains at full utilization, for the "QPS vs capacity" chart:
 * concurrency ÷ mean service time, or with batching concurrency × maxBatch ÷ (time of a full batch).
 * Known only for a single-service, request-level (not llm) scenario: with several services the ready-replica series is a sum
 * over services with different speeds, and a capacity line would be wrong.
 */
import { compileScenario, type EngineService, meanSeconds, type Scenario } from '@design-sim/sim-core';

/** Capacity of one replica of the only service in requests/s, or undefined when unknown. */
export function replicaCapacityQps(scenario: Scenario): number | undefined {
  if ((scenario.spec.services ?? []).length !== 1) return undefined;
  let service: EngineService | undefined;
  try {
    service = compileScenario(scenario).services[0];
  } catch {
    return undefined;
  }
  // Token-level (llm) services have no fixed per-request time: their capacity depends on the batch mix.
  if (service === undefined || service.llm) return undefined;
  const b = service.batching;
  const seconds = b === null ? meanSeconds(service.serviceTime) : (b.batchSeconds[b.maxBatchSize] ?? NaN) / b.maxBatchSize;
  return seconds > 0 && Number.isFinite(seconds) ? service.concurrency / seconds : undefined;
}
