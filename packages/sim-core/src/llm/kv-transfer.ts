/**
 * The KV-cache hand-off of disaggregated serving: how fast a prompt's KV cache moves from a prefill GPU to
 * a decode GPU. Time per request = prompt tokens × KV bytes per token ÷ this rate (DistServe §4; the
 * decode replica cannot start before the cache is there).
 */
import { getLink, type GpuSpec } from '@design-sim/cost-model';
import type { LlmDisaggregatedSpec } from '../scenario/llm-schema.ts';

/** The KV cache's transfer rate from prefill to decode GPUs over the chosen link, bytes/s; a sentence when the link is unknown for them. */
export function kvTransferBytesPerSecond(d: LlmDisaggregatedSpec, prefill: GpuSpec, decode: GpuSpec): number | string {
  const t = d.kvTransfer;
  if (t.gbps !== undefined) return ((t.gbps * 1e9) / 8) * t.efficiency;
  const a = getLink(t.link, prefill);
  if (typeof a === 'string') return a;
  const b = getLink(t.link, decode);
  if (typeof b === 'string') return b;
  // Both ends must drive the link: the slower one sets the rate.
  return Math.min(a.bytesPerSecond, b.bytesPerSecond) * t.efficiency;
}

