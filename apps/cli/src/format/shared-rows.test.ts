/** The shared-cluster rows: a team with a Kueue ClusterQueue shows its nominal quota, borrowing and reclaims. */
import type { SharedClusterSummary } from '@design-sim/sim-core';
import { describe, expect, it } from 'vitest';
import { sharedRows } from './shared-rows.ts';

const team = { gpuQuota: null, gpuHours: 10, share: 0.5, quotaUse: null, peakGpus: 8, quotaRefusals: 0, podsPreempted: 1, showbackUsd: 27.4 };
const summary: SharedClusterSummary = {
  capacityGpuHours: 20,
  allocation: 0.5,
  usdPerGpuHour: 2.74,
  unallocatedGpuHours: 10,
  unallocatedUsd: 27.4,
  teams: [
    { name: 'a', ...team, kueue: { nominalQuota: 8, borrowedGpuHours: 1.2, reclaims: 0, reclaimedFrom: 1 } },
    { name: 'b', ...team, gpuQuota: 8, quotaUse: 0.5 },
  ],
  jobs: [],
  servingPreempted: {},
  jobsWaitingAtEnd: { queued: 0, quotaBlocked: 0, oldestWaitMinutes: 0 },
};

describe('sharedRows', () => {
  it('a Kueue team reads its ClusterQueue; a ResourceQuota team its quota', () => {
    const teams = sharedRows(summary).filter(([label]) => label === 'Team').map(([, text]) => text);
    expect(teams[0]).toContain('ClusterQueue nominal 8 · borrowed 1.2 GPU-hours · 0 reclaims, 1 reclaimed from it');
    expect(teams[1]).toContain('quota 8 (50% used)');
  });

  it('with waitForPodsReady, a Kueue team also reads its PodsReady evictions and deactivations', () => {
    const k = { nominalQuota: 8, borrowedGpuHours: 0, reclaims: 0, reclaimedFrom: 0, podsReadyEvictions: 5, deactivated: 1 };
    const rows = sharedRows({ ...summary, teams: [{ name: 'a', ...team, kueue: k }] }).filter(([label]) => label === 'Team');
    expect(rows[0]![1]).toContain('0 reclaimed from it · 5 evicted with pods not ready, 1 deactivated');
  });
});
