/** `spec.costs` priced through cost-model's `lineItemCosts`: the scenario's static line items as a bill. */
import { HOURS_PER_MONTH, lineItemCosts, type LineItem, type LineItemCosts } from '@design-sim/cost-model';
import type { CostItemSpec, CostsSpec } from '../scenario/index.ts';

function toLineItem(i: CostItemSpec): LineItem {
  if (i.storage !== undefined) return { name: i.name, storage: i.storage, gb: i.gb ?? 0 };
  if (i.transfer !== undefined) return { name: i.name, transfer: i.transfer, gb: i.gb ?? 0, ...(i.linkGbps === undefined ? {} : { linkGbps: i.linkGbps }) };
  if (i.managed !== undefined) {
    const usage = {
      ...(i.count === undefined ? {} : { count: i.count }),
      ...(i.gb === undefined ? {} : { gb: i.gb }),
      ...(i.requestsPerSecond === undefined ? {} : { requestsPerSecond: i.requestsPerSecond }),
      ...(i.bytesPerSecond === undefined ? {} : { bytesPerSecond: i.bytesPerSecond }),
    };
    return { name: i.name, managed: i.managed, usage };
  }
  if (i.controlPlane !== undefined) return { name: i.name, controlPlane: i.controlPlane, count: i.count ?? 1 };
  if (i.instance !== undefined) return { name: i.name, instance: i.instance, count: i.count ?? 0, ...(i.purchase === undefined ? {} : { purchase: i.purchase }) };
  return { name: i.name, usd: i.usd ?? 0, note: i.note ?? '' };
}

/** The scenario's static costs, priced as of `catalogDate` (default: the catalog's date). */
export function staticCosts(costs: CostsSpec, catalogDate: string | undefined): LineItemCosts {
  return lineItemCosts(costs.items.map(toLineItem), costs.period, catalogDate === undefined ? undefined : { asOf: catalogDate });
}

/** One item's figure, or the total: the values of the costs.* metrics. */
export function staticCostValue(c: LineItemCosts, metric: string, item: string | null): number | null {
  const hours = c.periodSeconds / 3600;
  if (metric === 'costs.transferHours') return item === null ? null : (c.items.find((i) => i.name === item)?.transferHours ?? null);
  const usd = item === null ? c.totalUsd : (c.items.find((i) => i.name === item)?.line.usd ?? null);
  if (usd === null) return null;
  if (metric === 'costs.total') return usd;
  if (metric === 'costs.hourly') return usd / hours;
  if (metric === 'costs.monthly') return (usd / hours) * HOURS_PER_MONTH;
  return null;
}
