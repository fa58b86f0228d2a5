/** `summary.llm.lora`: each multi-LoRA service's adapter traffic over the whole run (engine/lora-adapters.ts). */
import type { EngineResult } from '../engine/engine-result.ts';
import type { Scenario } from '../scenario/index.ts';
import { runningServices } from '../scenario/disaggregation.ts';

export interface LoraSummary {
  /** Adapters the requests are spread over, and vLLM's max_loras (GPU slots, distinct adapters per batch). */
  adapters: number;
  maxLoras: number;
  /** Adapters read from disk into host memory (then copied into a GPU slot), the whole run, every replica. */
  diskLoads: number;
  /** Adapters copied from host memory into a GPU slot without a disk read. */
  cpuLoads: number;
  /** Time the replicas' steps waited on those loads, s. */
  loadSeconds: number;
  /** Requests skipped at least once because their adapter would have made a batch exceed maxLoras (each counted once). */
  delayedRequests: number;
}

/** By service name; null when no service has `llm.lora`. */
export function loraSummary(scenario: Scenario, r: EngineResult): Record<string, LoraSummary> | null {
  const running = runningServices(scenario.spec.services);
  let out: Record<string, LoraSummary> | null = null;
  r.services.forEach((s, i) => {
    const spec = running[i]?.llm?.lora;
    if (s.lora === undefined || spec === undefined) return;
    out ??= {};
    out[running[i]!.name] = { adapters: spec.adapters, maxLoras: spec.maxLoras, ...s.lora };
  });
  return out;
}
