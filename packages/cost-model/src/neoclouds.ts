/** Neocloud per-GPU offers (Lambda, CoreWeave, RunPod, Together, Nebius, Crusoe, Hyperstack): USD per GPU-hour. */
import { catalog, catalogAsOf } from './catalog.ts';
import { getGpu } from './lookup.ts';
import { checkAsOf, pricePointAt } from './price-at.ts';
import type { NeocloudOffer } from './types.ts';

/** Offers with the per-GPU-hour price in force on `asOf` (default catalogAsOf), optionally for one GPU (id or alias). */
export function listNeocloudOffers(filter?: { gpu?: string; asOf?: string }): NeocloudOffer[] {
  const asOf = checkAsOf(filter?.asOf ?? catalogAsOf);
  const gpuId = filter?.gpu === undefined ? undefined : getGpu(filter.gpu).id;
  return catalog.neoclouds
    .filter((n) => gpuId === undefined || n.gpu === gpuId)
    .map((n) => ({
      id: n.id,
      provider: n.provider,
      offer: n.offer,
      gpu: getGpu(n.gpu),
      prices: { 'on-demand': pricePointAt(n.prices['on-demand'], asOf, { kind: 'gpu' }), spot: pricePointAt(n.prices.spot, asOf, { kind: 'spot' }) },
    }));
}
