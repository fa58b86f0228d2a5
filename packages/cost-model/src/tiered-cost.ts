/** Volume-tiered pricing (S3 storage, internet egress): each tier's rate applies only to the volume inside it. */

/** One tier: the rate applies to volume up to `upToGB` (cumulative); null = no upper bound. */
export interface Tier {
  upToGB: number | null;
  usdPerGB: number;
}

/** USD for `gb` of volume under `tiers` (ordered, last open-ended). Throws RangeError on negative volume. */
export function tieredCost(tiers: readonly Tier[], gb: number): number {
  if (!(gb >= 0) || !Number.isFinite(gb)) throw new RangeError(`volume must be a finite number >= 0 GB, got ${gb}`);
  let usd = 0;
  let floor = 0;
  for (const t of tiers) {
    const top = t.upToGB ?? Number.POSITIVE_INFINITY;
    usd += Math.max(0, Math.min(gb, top) - floor) * t.usdPerGB;
    if (gb <= top) break;
    floor = top;
  }
  return usd;
}
