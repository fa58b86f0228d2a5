/**
 * Requests/s one replica can serve at saturation, from its service-time model: concurrency ÷ mean
 * service time, or with dynamic batching a full batch per batch service time. The capacity line
 * of the chart is this times the ready replicas.
 */
import type { ServiceSpec } from '@design-sim/sim-core';

/** z for the 99th percentile of the standard normal (lognormal p50/p99 → sigma). */
const Z99 = 2.3263478740408408;

/** Mean service time of one request, ms. */
export function meanServiceMs(latency: NonNullable<ServiceSpec['latency']>): number {
  switch (latency.distribution) {
    case 'constant':
      return latency.ms;
    case 'exponential':
      return latency.meanMs;
    case 'lognormal': {
      const sigma = Math.log(latency.p99Ms / latency.p50Ms) / Z99;
      return latency.p50Ms * Math.exp((sigma * sigma) / 2);
    }
    case 'empirical':
      return latency.samplesMs.reduce((a, b) => a + b, 0) / latency.samplesMs.length;
  }
}

/** Batch service time for a batch of `size`, ms (a table is interpolated linearly, held flat outside). */
export function batchMs(batchLatency: NonNullable<ServiceSpec['batching']>['batchLatency'], size: number): number {
  if ('baseMs' in batchLatency) return batchLatency.baseMs + batchLatency.perItemMs * size;
  const pts = [...batchLatency.points].sort((a, b) => a[0] - b[0]);
  const first = pts[0]!;
  if (size <= first[0]) return first[1];
  for (let i = 1; i < pts.length; i++) {
    const [b0, m0] = pts[i - 1]!;
    const [b1, m1] = pts[i]!;
    if (size <= b1) return m0 + ((m1 - m0) * (size - b0)) / (b1 - b0);
  }
  return pts[pts.length - 1]![1];
}

/**
 * Saturation throughput of one replica, requests/s; null when the model gives no simple figure
 * (token-level LLM serving, whose throughput depends on the batch it forms).
 */
export function replicaCapacityQps(service: ServiceSpec): number | null {
  if (service.latency === undefined) return null;
  const perSlot = service.batching
    ? (service.batching.maxBatchSize * 1000) / batchMs(service.batching.batchLatency, service.batching.maxBatchSize)
    : 1000 / meanServiceMs(service.latency);
  const qps = perSlot * service.concurrency;
  return Number.isFinite(qps) && qps > 0 ? qps : null;
}
