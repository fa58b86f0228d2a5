/**
 * How each HPA metric of a scenario is named in a real cluster: a Pods metric served by
 * prometheus-adapter from the model server's (vLLM) or NVIDIA DCGM exporter's Prometheus metrics. One
 * table for both directions: export writes `name`, import also recognises the aliases (with and
 * without the `vllm:` prefix, which prometheus-adapter rules often rename). `scale` converts the
 * scenario's target to the metric's unit (vLLM's KV-cache usage is a fraction, the scenario's a percent).
 * Metric names: vLLM docs, "Production Metrics" (vllm:num_requests_running, vllm:num_requests_waiting,
 * vllm:gpu_cache_usage_perc); DCGM exporter default counters (DCGM_FI_DEV_GPU_UTIL, percent).
 */
import type { HpaMetricSpec } from '@design-sim/sim-core';

/** One scenario metric type and its cluster names. */
export interface HpaMetricName {
  type: HpaMetricSpec['type'];
  name: string;
  aliases: readonly string[];
  /** Cluster value = scenario target × scale. */
  scale: number;
}

export const HPA_METRIC_NAMES: readonly HpaMetricName[] = [
  { type: 'qpsPerReplica', name: 'requests_per_second', aliases: ['http_requests_per_second', 'requests_per_second', 'rps', 'qps'], scale: 1 },
  { type: 'concurrency', name: 'vllm_num_requests_running', aliases: ['vllm:num_requests_running', 'num_requests_running', 'requests_in_flight', 'concurrency'], scale: 1 },
  { type: 'queueLength', name: 'vllm_num_requests_waiting', aliases: ['vllm:num_requests_waiting', 'num_requests_waiting', 'queue_length', 'queue_size'], scale: 1 },
  { type: 'kvCacheUtilization', name: 'vllm_gpu_cache_usage_perc', aliases: ['vllm:gpu_cache_usage_perc', 'gpu_cache_usage_perc', 'vllm:kv_cache_usage_perc', 'kv_cache_usage_perc'], scale: 0.01 },
  { type: 'gpuUtilization', name: 'DCGM_FI_DEV_GPU_UTIL', aliases: ['dcgm_fi_dev_gpu_util', 'gpu_utilization', 'gpu_util'], scale: 1 },
];

/** The entry for a scenario metric type. */
export function metricNameFor(type: HpaMetricSpec['type']): HpaMetricName {
  return HPA_METRIC_NAMES.find((m) => m.type === type) ?? HPA_METRIC_NAMES[0]!;
}

/** The entry whose name or alias is `name` (case-insensitive), or whose name appears in a PromQL query. */
export function metricForName(name: string): HpaMetricName | undefined {
  const n = name.toLowerCase();
  return HPA_METRIC_NAMES.find((m) => m.name.toLowerCase() === n || m.aliases.some((a) => a.toLowerCase() === n));
}

/** The entry whose name or an alias occurs in `query` (a KEDA Prometheus trigger's PromQL). */
export function metricInQuery(query: string): HpaMetricName | undefined {
  const q = query.toLowerCase();
  return HPA_METRIC_NAMES.find((m) => [m.name, ...m.aliases].some((a) => a.length > 4 && q.includes(a.toLowerCase())));
}
