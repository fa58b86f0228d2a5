/**
 * Who pays for the bill: each node pool's cost split across the services by the replica-units (GPUs or vCPUs)
 * they requested on it, and what no service pays for, named, so the services' shares and the rest add up to
 * the bill (`summary.cost.perHourUsd`). Without the rest, a pool that runs no service (a standby GPU pool,
 * a pool left after a service moved) and the bill's lines that belong to no pool (the control plane, storage,
 * egress, extras) vanished from the shares: they summed to less than the bill with nothing to say why.
 */
import type { CostLine } from '@design-sim/cost-model';
import type { EngineResult } from '../engine/engine-result.ts';
import type { Scenario } from '../scenario/index.ts';

/** A part of the bill no service's share holds, USD per hour (null when its price is unknown). */
export interface UnallocatedCost {
  /** What it is: `pool gpu`, or the bill line's own label (`aws control plane × 1`). */
  label: string;
  perHourUsd: number | null;
  /** Why no service holds it: "runs no service" (a pool), "not a node pool's" (a line of the whole design). */
  reason: 'runs no service' | "not a node pool's";
}

/** The services' shares (in `r.services` order, null when a price is unknown) and the unallocated rest. */
export interface CostAllocation {
  shares: (number | null)[];
  unallocated: UnallocatedCost[];
}

const perHour = (usd: number, hours: number): number => (hours > 0 ? usd / hours : 0);

/** Splits `lines` (the run's bill over `hours`) across the services and names what is left. */
export function costAllocation(scenario: Scenario, r: EngineResult, lines: readonly CostLine[], hours: number): CostAllocation {
  const shares: (number | null)[] = r.services.map(() => 0);
  const unallocated: UnallocatedCost[] = [];
  const pools = scenario.spec.nodePools.map((p) => p.name);
  pools.forEach((pool, p) => {
    const poolLines = lines.filter((l) => l.pool === pool);
    if (poolLines.length === 0) return; // no node time billed: nothing to split
    const unknown = poolLines.some((l) => l.usd === null);
    const usd = poolLines.reduce((a, l) => a + (l.usd ?? 0), 0);
    const total = r.services.reduce((a, s) => a + (s.unitSecondsByPool[p] ?? 0), 0);
    if (total === 0) {
      unallocated.push({ label: `pool ${pool}`, perHourUsd: unknown ? null : perHour(usd, hours), reason: 'runs no service' });
      return;
    }
    r.services.forEach((s, i) => {
      const units = s.unitSecondsByPool[p] ?? 0;
      if (units === 0 || shares[i] === null) return;
      shares[i] = unknown ? null : shares[i]! + perHour((usd * units) / total, hours);
    });
  });
  for (const l of lines) {
    if (l.pool === undefined) unallocated.push({ label: l.label, perHourUsd: l.usd === null ? null : perHour(l.usd, hours), reason: "not a node pool's" });
  }
  return { shares, unallocated };
}
