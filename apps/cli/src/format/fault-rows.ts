/**
 * The failure rows of a run report (text and Markdown share them): hardware failures, spot reclaim waves,
 * scheduled faults, the pods they cost and the requests that failed with their node.
 */
import type { FaultsSummary } from '@design-sim/sim-core';
import { formatInt, formatNum } from './numbers.ts';

const plural = (n: number, one: string, many = `${one}s`): string => `${formatInt(n)} ${n === 1 ? one : many}`;

/** [label, text] rows; the label is empty on continuation rows. */
export function faultRows(f: FaultsSummary): [string, string][] {
  return [
    ['Failures', `${plural(f.nodeFailures, 'node hardware failure')} · ${plural(f.spotWaves, 'spot reclaim wave')} (${plural(f.spotWaveNodes, 'node')}) · ${plural(f.scheduledFaults, 'scheduled fault')} (${plural(f.scheduledFaultNodes, 'node')} down)`],
    ['', `${plural(f.podsLost, 'pod')} lost with their node, ${formatNum(f.lostPodHours)} pod-hours until replaced · ${plural(f.requestsFailed, 'request')} failed with their node`],
  ];
}
