/**
 * Instance and GPU choices for the inspector, from the cost-model catalog, each with its price and
 * where the price comes from (the catalog's source key, date and URL). Prices are the ones in
 * force on the scenario's `catalogDate` (default: the catalog's own date).
 */
import { getSource, listGpus, listInstances, listNeocloudOffers, observedLabel, type InstanceType, type PricePoint } from '@design-sim/cost-model';

/** A price with its provenance, for display. */
export interface PriceNote {
  usdPerHour: number;
  source: string;
  sourceDate: string;
  /** The day the source observed the price ("≤ …" when only bounded, "undated" when unknown). */
  observed: string;
  /** Why the price is stale on the catalog date (it is still used), or null. */
  stale: string | null;
  url: string | null;
}

/** One instance choice. */
export interface InstanceOption {
  id: string;
  label: string;
  gpuCount: number;
  onDemand: PriceNote | null;
  spot: PriceNote | null;
}

/** One GPU choice, with the cheapest on-demand price per GPU-hour the catalog knows. */
export interface GpuOption {
  id: string;
  label: string;
  cheapest: (PriceNote & { where: string }) | null;
}

function note(p: PricePoint | null): PriceNote | null {
  if (p === null) return null;
  let url: string | null = null;
  try {
    url = getSource(p.source).url;
  } catch {
    url = null;
  }
  const f = p.freshness;
  return {
    usdPerHour: p.usdPerHour,
    source: p.source,
    sourceDate: p.sourceDate,
    observed: f === undefined ? p.sourceDate : observedLabel(f),
    stale: f?.status === 'stale' ? f.reasons.join('; ') : null,
    url,
  };
}

function money(p: PriceNote | null): string {
  return p === null ? 'price unknown' : `$${p.usdPerHour}/h (${p.observed}${p.stale === null ? '' : ', STALE'})`;
}

function instanceLabel(i: InstanceType): string {
  const hw = i.gpu === null ? `CPU, ${i.vcpus ?? '?'} vCPU` : `${i.gpuCount}× ${i.gpu.name}`;
  return `${i.id} — ${hw}, ${money(note(i.prices['on-demand']))}`;
}

/** Every catalog instance (prices as of `asOf`, YYYY-MM-DD), sorted by id. Empty when the date is outside the catalog. */
export function instanceOptions(asOf?: string): InstanceOption[] {
  let list: InstanceType[];
  try {
    list = listInstances(asOf === undefined ? undefined : { asOf });
  } catch {
    return [];
  }
  return list
    .map((i) => ({ id: i.id, label: instanceLabel(i), gpuCount: i.gpuCount, onDemand: note(i.prices['on-demand']), spot: note(i.prices.spot) }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** Every catalog GPU with the cheapest on-demand $/GPU-hour among cloud instances and neocloud offers. */
export function gpuOptions(asOf?: string): GpuOption[] {
  const opts = asOf === undefined ? {} : { asOf };
  return listGpus().map((g) => {
    let best: (PriceNote & { where: string }) | null = null;
    const consider = (p: PriceNote | null, perGpuDivisor: number, where: string) => {
      if (p === null) return;
      const perGpu = p.usdPerHour / perGpuDivisor;
      if (best === null || perGpu < best.usdPerHour) best = { ...p, usdPerHour: Number(perGpu.toPrecision(4)), where };
    };
    try {
      for (const i of listInstances({ ...opts, gpu: g.id })) consider(note(i.prices['on-demand']), i.gpuCount, i.id);
      for (const o of listNeocloudOffers({ ...opts, gpu: g.id })) consider(note(o.prices['on-demand']), 1, `${o.provider} ${o.offer}`);
    } catch {
      best = null;
    }
    const cheapest = best as (PriceNote & { where: string }) | null;
    return { id: g.id, label: `${g.id} — ${g.name}, ${g.memoryGB} GB${cheapest ? `, from $${cheapest.usdPerHour}/GPU-h` : ''}`, cheapest };
  });
}
