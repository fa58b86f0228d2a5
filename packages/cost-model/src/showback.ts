/**
 * Showback for a shared GPU cluster: each team is charged the GPU-hours its pods held, at the cluster's cost
 * per GPU-hour of capacity (the bill ÷ GPU-hours of the nodes), so the teams' charges plus the unallocated
 * (idle) share add up to the bill. This is the "allocation" model of Kubecost/OpenCost (cost by requests
 * over the window), with idle cost shown apart instead of spread over the teams.
 */

/** A team's allocated GPU-hours over the window. */
export interface TeamUsage {
  name: string;
  gpuHours: number;
}

/** The bill split by team. */
export interface Showback {
  /** totalUsd ÷ capacity GPU-hours; null without capacity. */
  usdPerGpuHour: number | null;
  teams: { name: string; gpuHours: number; usd: number | null }[];
  /** Capacity no team held: its GPU-hours and cost. */
  unallocatedGpuHours: number;
  unallocatedUsd: number | null;
}

/** Splits `totalUsd` (the cluster's GPU nodes over the window) among teams by GPU-hours held; pure. */
export function showback(totalUsd: number | null, capacityGpuHours: number, teams: readonly TeamUsage[]): Showback {
  if (!(capacityGpuHours >= 0)) throw new RangeError(`capacityGpuHours must be >= 0, got ${capacityGpuHours}`);
  const rate = totalUsd === null || capacityGpuHours === 0 ? null : totalUsd / capacityGpuHours;
  const held = teams.reduce((s, t) => s + t.gpuHours, 0);
  const unallocated = Math.max(0, capacityGpuHours - held);
  return {
    usdPerGpuHour: rate,
    teams: teams.map((t) => ({ name: t.name, gpuHours: t.gpuHours, usd: rate === null ? null : t.gpuHours * rate })),
    unallocatedGpuHours: unallocated,
    unallocatedUsd: rate === null ? null : unallocated * rate,
  };
}
