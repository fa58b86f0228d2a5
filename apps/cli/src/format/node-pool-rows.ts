/**
 * The node-pool rows of a run report (text and Markdown share them): each pool's provisioner, the nodes it
 * launched by instance type and capacity, Karpenter's consolidations, launches refused for insufficient capacity,
 * node-hours and cost. Shown when a pool is a Karpenter NodePool or capacity was refused, so other reports keep
 * their shape.
 */
import type { NodePoolSummary } from '@design-sim/sim-core';
import { formatInt, formatNum, formatUsd } from './numbers.ts';

const plural = (n: number, one: string, many = `${one}s`): string => `${formatInt(n)} ${n === 1 ? one : many}`;
const shortType = (id: string): string => id.split('/').at(-1) ?? id;

/** Whether the report shows the pools at all. */
export function showsNodePools(pools: readonly NodePoolSummary[]): boolean {
  return pools.some((p) => p.provisioner === 'karpenter' || p.insufficientCapacity > 0 || p.failedLaunches > 0);
}

/** [label, text] rows, one per pool. */
export function nodePoolRows(pools: readonly NodePoolSummary[]): [string, string][] {
  return pools.map((p) => {
    const launched = p.launches.length === 0 ? 'no node launched' : `launched ${p.launches.map((l) => `${formatInt(l.nodes)} × ${shortType(l.instanceId)} ${l.capacity}`).join(', ')}`;
    const c = p.consolidations;
    const parts = [p.provisioner, launched];
    if (p.provisioner === 'karpenter') parts.push(`consolidated ${formatInt(c.empty)} empty, ${formatInt(c.deleted)} underutilized deleted, ${formatInt(c.replaced)} replaced`);
    if (p.expired > 0) parts.push(`${plural(p.expired, 'node')} expired (expireAfter)`);
    if (p.insufficientCapacity > 0 || p.failedLaunches > 0) {
      parts.push(`${plural(p.insufficientCapacity, 'launch', 'launches')} refused for capacity · ${plural(p.failedLaunches, p.provisioner === 'karpenter' ? 'launch with no offering left' : 'failed scale-up (group backed off)', p.provisioner === 'karpenter' ? 'launches with no offering left' : 'failed scale-ups (group backed off)')}`);
    }
    parts.push(`${formatNum(p.nodeHours)} node-hours · ${p.costUsd === null ? 'cost unknown' : formatUsd(p.costUsd)}`);
    return [`Pool ${p.name}`, parts.join(' · ')];
  });
}
