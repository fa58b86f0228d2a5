/**
 * Links a KV cache crosses between a prefill replica and a decode replica (disaggregated serving), one
 * direction, bytes/s. NVLink is the GPU's own figure (half the bidirectional per-GPU `nvlinkGBs`, both
 * replicas on one NVLink domain); InfiniBand and Ethernet come from the catalog's `links`, with sources.
 */
import { catalog } from './catalog.ts';
import type { GpuSpec } from './types.ts';

export type LinkKind = 'nvlink' | 'infiniband' | 'ethernet';

/** A link's one-direction bandwidth and where the figure comes from. */
export interface NetworkLink {
  kind: LinkKind;
  name: string;
  /** One direction, bytes/s. */
  bytesPerSecond: number;
  /** Catalog source key. */
  source: string;
}

/**
 * The link of `kind` out of `gpu`, or a sentence saying why it is unknown (a GPU without NVLink, or
 * whose NVLink figure the catalog lacks): never a guessed bandwidth.
 */
export function getLink(kind: LinkKind, gpu: GpuSpec): NetworkLink | string {
  if (kind === 'nvlink') {
    const gbs = gpu.nvlinkGBs ?? null;
    if (gbs === null || gpu.interconnect?.nvlink !== 'nvswitch') {
      return `${gpu.id} has no NVLink switch fabric in the catalog, so a KV transfer over NVLink cannot be timed: use infiniband or ethernet`;
    }
    return { kind, name: `NVLink of ${gpu.name} (${gbs / 2} GB/s per direction)`, bytesPerSecond: (gbs * 1e9) / 2, source: gpu.interconnect.source };
  }
  const l = catalog.links.find((x) => x.id === kind);
  if (l === undefined) return `the catalog has no ${kind} link`;
  return { kind, name: l.name, bytesPerSecond: (l.gbps * 1e9) / 8, source: l.source };
}
