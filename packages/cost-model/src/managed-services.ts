/**
 * Managed components of a service graph priced per unit: databases and caches per node-hour, queues per
 * million requests or per TiB, dedicated interconnect ports per port-hour. Lookups return the price in
 * force on a date with its freshness; cost functions turn a usage into USD per hour or a bill line.
 */
import { catalog, catalogAsOf } from './catalog.ts';
import type { RawManagedService, RawUnitPrice } from './catalog-schema.ts';
import { CatalogLookupError } from './catalog-lookup-error.ts';
import type { CostLine } from './fleet-cost.ts';
import { checkAsOf, priceInForce } from './price-at.ts';
import { priceFreshness } from './price-freshness.ts';
import { suggest } from './suggest.ts';
import type { CloudId, PriceFreshness } from './types.ts';
import { SECONDS_PER_HOUR } from './units.ts';

/** The unit a managed service is billed in. */
export type ManagedServiceUnit = RawManagedService['unit'];

/** A dated price in USD per unit of a managed service, with its source and freshness. */
export interface UnitPricePoint {
  usdPerUnit: number;
  source: string;
  sourceDate: string;
  validFrom: string | null;
  note?: string;
  alsoSources?: readonly string[];
  confidence?: 'low';
  freshness: PriceFreshness;
}

/** A managed service with the price in force on `pricesAsOf` (null = unknown). */
export interface ManagedService {
  /** `cloud/region/name`, e.g. `aws/us-east-1/rds-postgres-db.t3.large`. */
  id: string;
  cloud: CloudId;
  region: string;
  kind: 'database' | 'cache' | 'queue' | 'network';
  /** The product, e.g. "Amazon RDS for PostgreSQL". */
  service: string;
  /** The size or tier, e.g. "db.t3.large, Single-AZ". */
  shape: string;
  unit: ManagedServiceUnit;
  vcpus: number | null;
  memoryGiB: number | null;
  price: UnitPricePoint | null;
  pricesAsOf: string;
  notes?: string;
}

function toUnitPrice(p: RawUnitPrice, asOf: string): UnitPricePoint {
  return {
    usdPerUnit: p.usdPerUnit,
    source: p.source,
    sourceDate: p.sourceDate,
    validFrom: p.validFrom,
    ...(p.note === undefined ? {} : { note: p.note }),
    ...(p.alsoSources === undefined ? {} : { alsoSources: p.alsoSources }),
    ...(p.confidence === undefined ? {} : { confidence: p.confidence }),
    freshness: priceFreshness(p, asOf, { kind: 'list' }),
  };
}

function resolve(raw: RawManagedService, asOf: string): ManagedService {
  const [cloud = '', region = ''] = raw.id.split('/');
  const p = priceInForce(raw.prices, asOf);
  return {
    id: raw.id,
    cloud: cloud as CloudId,
    region,
    kind: raw.kind,
    service: raw.service,
    shape: raw.shape,
    unit: raw.unit,
    vcpus: raw.vcpus ?? null,
    memoryGiB: raw.memoryGiB ?? null,
    price: p === null ? null : toUnitPrice(p, asOf),
    pricesAsOf: asOf,
    ...(raw.notes === undefined ? {} : { notes: raw.notes }),
  };
}

const byId = new Map(catalog.managedServices.map((m) => [m.id, m]));

/** A managed service by id with its price on `asOf` (default catalogAsOf); throws CatalogLookupError with suggestions. */
export function getManagedService(id: string, opts?: { asOf?: string }): ManagedService {
  const asOf = checkAsOf(opts?.asOf ?? catalogAsOf);
  const raw = byId.get(id) ?? byId.get(id.trim().toLowerCase());
  if (raw === undefined) throw new CatalogLookupError('managed service', id, suggest(id, [...byId.keys()]));
  return resolve(raw, asOf);
}

/** Managed services, optionally of one cloud and/or kind, with prices on `asOf`. */
export function listManagedServices(filter?: { cloud?: CloudId; kind?: ManagedService['kind']; asOf?: string }): ManagedService[] {
  const asOf = checkAsOf(filter?.asOf ?? catalogAsOf);
  return catalog.managedServices
    .filter((m) => (filter?.cloud === undefined || m.id.startsWith(`${filter.cloud}/`)) && (filter?.kind === undefined || m.kind === filter.kind))
    .map((m) => resolve(m, asOf));
}

/**
 * How much of a service is used, in whichever terms fit its unit: `count` nodes or ports (hourly units,
 * default 1), `gb` of provisioned capacity (GB-hour), `requestsPerSecond` (per million requests; each
 * billed request, e.g. an SQS 64 KB chunk), `bytesPerSecond` of message data (per TiB, 2^40 bytes).
 */
export interface ManagedServiceUsage {
  count?: number;
  gb?: number;
  requestsPerSecond?: number;
  bytesPerSecond?: number;
}

const TIB_BYTES = 2 ** 40;

/** Units of the service consumed per hour under `usage`; throws RangeError when the usage does not fit the unit. */
export function unitsPerHour(unit: ManagedServiceUnit, usage: ManagedServiceUsage): number {
  const need = (v: number | undefined, name: string): number => {
    if (v === undefined) throw new RangeError(`a service billed per ${unit} needs usage.${name}`);
    if (!(v >= 0) || !Number.isFinite(v)) throw new RangeError(`usage.${name} must be a finite number >= 0, got ${v}`);
    return v;
  };
  switch (unit) {
    case 'instance-hour':
    case 'port-hour':
    case 'attachment-hour':
      return need(usage.count ?? 1, 'count');
    case 'GB-hour':
      return need(usage.gb, 'gb');
    case 'million-requests':
      return (need(usage.requestsPerSecond, 'requestsPerSecond') * SECONDS_PER_HOUR) / 1e6;
    case 'TiB':
      return (need(usage.bytesPerSecond, 'bytesPerSecond') * SECONDS_PER_HOUR) / TIB_BYTES;
  }
}

/** USD per hour of a managed service under `usage` (null when its price is unknown), with the price used. */
export function managedServiceHourly(id: string, usage: ManagedServiceUsage = {}, opts?: { asOf?: string }): { usdPerHour: number | null; service: ManagedService } {
  const service = getManagedService(id, opts);
  const units = unitsPerHour(service.unit, usage);
  return { usdPerHour: service.price === null ? null : units * service.price.usdPerUnit, service };
}

/** The bill line for a managed service used as `usage` for `hours` (free tiers are not applied). */
export function managedServiceCost(input: { id: string; usage?: ManagedServiceUsage; hours: number; label?: string; asOf?: string }): CostLine {
  if (!(input.hours >= 0) || !Number.isFinite(input.hours)) throw new RangeError(`hours must be a finite number >= 0, got ${input.hours}`);
  const { service } = managedServiceHourly(input.id, input.usage, input.asOf === undefined ? undefined : { asOf: input.asOf });
  const quantity = unitsPerHour(service.unit, input.usage ?? {}) * input.hours;
  const p = service.price;
  return {
    label: input.label ?? `${service.service}: ${service.shape}`,
    quantity,
    unit: service.unit,
    usdPerUnit: p?.usdPerUnit ?? null,
    usd: p === null ? null : quantity * p.usdPerUnit,
    ...(p === null ? {} : { source: p.source, sourceDate: p.sourceDate, freshness: p.freshness }),
  };
}
