/** The rows of a disaggregated service (text and Markdown): each pool's GPU, replicas, utilization, queue and cost per million tokens, and the KV transfer. */
import type { DisaggregatedPoolSummary, DisaggregatedSummary } from '@design-sim/sim-core';
import { formatInt, formatMs, formatNum, formatPercent, formatUsd } from './numbers.ts';

/** [label, text] pairs, in the order the reports print them. */
export function disaggregatedRows(d: DisaggregatedSummary): [string, string][] {
  return [
    ['Prefill pool', `${d.service}: ${pool(d.prefill)} · ${formatUsd(d.prefill.usdPerMillionTokens)} per 1M input tokens (${formatInt(d.prefill.tokens)} prompt tokens)`],
    ['Decode pool', `${d.decode.service}: ${pool(d.decode)} · ${formatUsd(d.decode.usdPerMillionTokens)} per 1M output tokens (${formatInt(d.decode.tokens)} generated)`],
    ['KV transfer', `${d.kvTransfer.link} at ${formatNum(d.kvTransfer.gbPerSecond)} GB/s · ${formatInt(d.kvTransfer.bytesPerToken)} B per token · mean ${formatMs(d.kvTransfer.meanMs)} per request (in TTFT)`],
  ];
}

function pool(p: DisaggregatedPoolSummary): string {
  return `${p.gpusPerReplica} × ${p.gpu ?? 'unknown GPU'} per replica · replicas ${formatNum(p.replicas.mean)} mean (${p.replicas.min}–${p.replicas.max}) · ${formatPercent(p.utilization, 1)} busy · queue ${formatNum(p.queue.mean)} requests mean, ${formatInt(p.queue.max)} max (at interval ends) · ${formatUsd(p.costPerHourUsd)}/h`;
}
