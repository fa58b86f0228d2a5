/**
 * The result metrics a scenario's `expect:` lines and `claims:` can name, with their canonical
 * units. This table is the contract between the scenario format and whatever computes results:
 * the lookup passed to `evaluateExpectations` / `gradeClaims` must return values in these units.
 * The CLI and web app use it for help text.
 */

/** How a metric's values are written and stored. */
export type MetricValueKind = 'ms' | 'fraction' | 'count' | 'usd' | 'minutes' | 'days' | 'hours' | 'boolean';

/** One known metric: name, value kind, display unit and meaning. */
export interface MetricInfo {
  readonly name: string;
  readonly kind: MetricValueKind;
  /** Canonical unit of the stored value, for display. */
  readonly unit: string;
  readonly description: string;
  /**
   * A metric of `spec.costs` line items: `optional` lets a claim name one item (`costs.monthly[fsx]`),
   * `required` makes it (`costs.transferHours[model-upload]`).
   */
  readonly item?: 'optional' | 'required';
  /**
   * The prices it is computed from: the serving run's bill, the training run's GPU price, or `spec.costs`' line
   * items. A verdict on it is only as current as those prices (api/stale-prices.ts).
   */
  readonly priced?: PriceSource;
  /**
   * A figure of the serving bill, and how a bill with unknown prices (counted as 0) bounds it: `lower` (the true
   * figure is at or above it), `upper` (a saving against a baseline). api/incomplete-bill.ts.
   */
  readonly billBound?: 'lower' | 'upper';
}

/** Which prices a metric is computed from. */
export type PriceSource = 'bill' | 'training' | 'costs';

const latency = (q: string, what: string) =>
  ({ name: `latency.${q}`, kind: 'ms', unit: 'ms', description: `${what} end-to-end latency (queue wait + service) of requests arriving after warmup; unfinished ones count at their age (a lower bound)` }) as const;

/** Every metric name usable in `expect:` and `claims:`, in display order. */
export const METRICS = [
  latency('p50', 'Median'),
  latency('p90', '90th-percentile'),
  latency('p95', '95th-percentile'),
  latency('p99', '99th-percentile'),
  latency('p999', '99.9th-percentile'),
  latency('mean', 'Mean'),
  latency('max', 'Largest'),
  { name: 'availability', kind: 'fraction', unit: 'fraction', description: 'Served ÷ offered, of requests arriving after warmup: dropped, timed-out and unfinished requests count as not served; write 99.9% or 0.999' },
  { name: 'requests.offered', kind: 'count', unit: 'requests', description: 'Requests arriving after warmup (= served + dropped + timedOut + unfinished)' },
  { name: 'requests.served', kind: 'count', unit: 'requests', description: 'Requests arriving after warmup that completed (by the end of the drain)' },
  { name: 'requests.dropped', kind: 'count', unit: 'requests', description: 'Requests arriving after warmup rejected by a full queue or no capacity' },
  { name: 'requests.timedOut', kind: 'count', unit: 'requests', description: 'Requests arriving after warmup that exceeded the queue timeout' },
  { name: 'requests.unfinished', kind: 'count', unit: 'requests', description: 'Requests arriving after warmup still in flight when the drain after the horizon ended: not served' },
  { name: 'backlog.max', kind: 'count', unit: 'requests', description: 'Most end-to-end requests in flight (waiting, in service or waiting on their calls) at an interval end after warmup' },
  { name: 'backlog.waitingMax', kind: 'count', unit: 'requests', description: 'Most requests waiting in queues at an interval end after warmup (with calls: visits, so a call waiting at its callee counts there)' },
  { name: 'replicas.max', kind: 'count', unit: 'replicas', description: 'Most replicas at once (scheduled, ready or starting), summed over services' },
  { name: 'replicas.min', kind: 'count', unit: 'replicas', description: 'Fewest replicas at once, summed over services' },
  { name: 'replicas.mean', kind: 'count', unit: 'replicas', description: 'Time-weighted mean replicas, summed over services' },
  { name: 'replicas.offPeakReduction', kind: 'fraction', unit: 'fraction', description: '1 − replicas.min ÷ replicas.max: how much smaller the fleet is at its smallest (a "N% fewer GPUs off-peak" figure)' },
  { name: 'scaleUp.p50', kind: 'minutes', unit: 'minutes', description: 'Median minutes from an HPA scale-up decision until that many replicas are ready (node provisioning and pod start included)' },
  { name: 'scaleUp.max', kind: 'minutes', unit: 'minutes', description: 'Longest such wait over the run; a decision never satisfied counts until the run ends' },
  { name: 'scaleToZero.hoursAtZero', kind: 'hours', unit: 'hours', description: 'Hours with zero replicas (KEDA minReplicaCount 0, Knative minScale 0), summed over services with a ScaledObject or a KPA, whole run' },
  { name: 'scaleToZero.coldStarts', kind: 'count', unit: 'cold starts', description: 'Scale-ups from zero replicas (KEDA activations, KPA scale-ups from 0) over the run' },
  { name: 'scaleToZero.coldStartP50', kind: 'minutes', unit: 'minutes', description: 'Median cold start: the first request that found no replica (or the activation) to the first ready replica' },
  { name: 'scaleToZero.coldStartMax', kind: 'minutes', unit: 'minutes', description: 'Longest cold start; one not ready by the end counts at its age' },
  { name: 'scaleToZero.waited', kind: 'count', unit: 'requests', description: 'Requests that found no ready replica and waited in the activator buffer, whole run' },
  { name: 'scaleToZero.failed', kind: 'count', unit: 'requests', description: 'Requests that failed at zero replicas: refused (no buffer, or full) or timed out in the buffer, whole run' },
  { name: 'scaleToZero.gpuHoursAtZero', kind: 'hours', unit: 'GPU-hours', description: 'GPU-hours not requested while at zero, against the floor the design keeps with minReplicaCount (or minScale) 1' },
  { name: 'scaleToZero.savedUsd', kind: 'usd', unit: 'USD', description: 'Bill of the same design with minReplicaCount at its HPA floor, or Knative minScale 1 (same seed and traffic), minus this run\'s bill', priced: 'bill' },
  { name: 'nodes.max', kind: 'count', unit: 'nodes', description: 'Most nodes at once, summed over pools' },
  { name: 'nodes.min', kind: 'count', unit: 'nodes', description: 'Fewest nodes at once, summed over pools' },
  { name: 'nodes.mean', kind: 'count', unit: 'nodes', description: 'Time-weighted mean nodes, summed over pools' },
  { name: 'gpus.utilization', kind: 'fraction', unit: 'fraction', description: 'Mean busy fraction of the GPUs on ready nodes after warmup (DCGM-style: a GPU is busy while any request runs on it, so a continuous-batching engine reads near 1 at any load, and while a job\'s pod runs on it)' },
  { name: 'gpus.peak', kind: 'count', unit: 'GPUs', description: 'Most GPUs provisioned at once (nodes × GPUs per node; services on no pool: ready replicas × gpusPerReplica)' },
  { name: 'spotInterruptions', kind: 'count', unit: 'interruptions', description: 'Spot node interruptions during the run' },
  { name: 'faults.nodeFailures', kind: 'count', unit: 'failures', description: 'Node hardware failures (nodePools[].failures) during the run' },
  { name: 'faults.spotWaves', kind: 'count', unit: 'waves', description: 'Spot reclaim waves (nodePools[].spot.waves) during the run' },
  { name: 'faults.podsLost', kind: 'count', unit: 'pods', description: 'Serving pods lost with a failed node (hardware failure or spec.faults)' },
  { name: 'faults.lostPodHours', kind: 'hours', unit: 'pod-hours', description: 'Σ over lost pods of the hours until a replacement replica was ready (or the run ended)' },
  { name: 'shared.allocation', kind: 'fraction', unit: 'fraction', description: 'Share of the GPU pools\' GPU-hours held by the teams\' pods (shared clusters)' },
  { name: 'jobs.completed', kind: 'count', unit: 'jobs', description: 'Job runs (spec.jobs) completed during the run' },
  { name: 'jobs.waitP50', kind: 'minutes', unit: 'minutes', description: 'Median over jobs of each job\'s median minutes from submission until it runs (runs that started)' },
  { name: 'jobs.waitMax', kind: 'minutes', unit: 'minutes', description: 'Longest wait of a job run: started ones, and ones still waiting at the end at their age' },
  { name: 'preemptions', kind: 'count', unit: 'pods', description: 'Pods of the teams (serving or job) evicted by preemption for a higher-priority pod' },
  { name: 'faults.requestsFailed', kind: 'count', unit: 'requests', description: 'Requests (and calls) queued or in service on a node when it failed: failed, whole run' },
  { name: 'cost.total', kind: 'usd', unit: 'USD', description: 'Cost of the whole run (nodes and control plane)', priced: 'bill', billBound: 'lower' },
  { name: 'cost.hourly', kind: 'usd', unit: 'USD/h', description: 'Average cost per hour of the run', priced: 'bill', billBound: 'lower' },
  { name: 'cost.monthly', kind: 'usd', unit: 'USD/month', description: 'cost.hourly × 730 h (one billing month)', priced: 'bill', billBound: 'lower' },
  { name: 'cost.per1k', kind: 'usd', unit: 'USD per 1k requests', description: 'cost.total per 1,000 served requests', priced: 'bill', billBound: 'lower' },
  { name: 'cost.perMillion', kind: 'usd', unit: 'USD per 1M requests', description: 'cost.total per 1,000,000 served requests', priced: 'bill', billBound: 'lower' },
  { name: 'cost.savingVsBaseline', kind: 'fraction', unit: 'fraction', description: '1 − cost.hourly ÷ spec.baseline.hourlyUsd: the saving against a stated before-figure', priced: 'bill', billBound: 'upper' },
  { name: 'ttft.p50', kind: 'ms', unit: 'ms', description: 'Median time to first token (llm services)' },
  { name: 'ttft.p90', kind: 'ms', unit: 'ms', description: '90th-percentile time to first token (llm services)' },
  { name: 'ttft.p95', kind: 'ms', unit: 'ms', description: '95th-percentile time to first token (llm services)' },
  { name: 'ttft.p99', kind: 'ms', unit: 'ms', description: '99th-percentile time to first token (llm services)' },
  { name: 'ttft.mean', kind: 'ms', unit: 'ms', description: 'Mean time to first token (llm services)' },
  { name: 'tpot.p50', kind: 'ms', unit: 'ms', description: 'Median time per output token after the first, per request (llm services)' },
  { name: 'tpot.p90', kind: 'ms', unit: 'ms', description: '90th-percentile time per output token (llm services)' },
  { name: 'tpot.p99', kind: 'ms', unit: 'ms', description: '99th-percentile time per output token (llm services)' },
  { name: 'tpot.mean', kind: 'ms', unit: 'ms', description: 'Mean time per output token (llm services)' },
  { name: 'itl.p50', kind: 'ms', unit: 'ms', description: "Median inter-token latency, the gap between streamed chunks, pooled over requests (benchmark_serving's ITL); llm services" },
  { name: 'itl.p90', kind: 'ms', unit: 'ms', description: '90th-percentile gap between streamed chunks, pooled over requests (llm services)' },
  { name: 'itl.p99', kind: 'ms', unit: 'ms', description: '99th-percentile gap between streamed chunks, pooled over requests (llm services)' },
  { name: 'itl.mean', kind: 'ms', unit: 'ms', description: 'Mean gap between streamed chunks, pooled over requests (llm services)' },
  { name: 'tokens.outputPerSecond', kind: 'count', unit: 'tokens/s', description: 'Output tokens generated per second over the run (llm services)' },
  { name: 'prefixCache.hitRate', kind: 'fraction', unit: 'fraction', description: 'Fraction of served requests that found a cached prefix (llm services with llm.prefix or llm.sessions)' },
  { name: 'prefixCache.tokenHitRate', kind: 'fraction', unit: 'fraction', description: 'Prompt tokens served from the prefix cache ÷ all prompt tokens' },
  { name: 'prefixCache.prefillSaved', kind: 'fraction', unit: 'fraction', description: 'Prefill FLOPs the prefix cache skipped ÷ prefill FLOPs of all prompts' },
  { name: 'prefixCache.gpuHoursSaved', kind: 'count', unit: 'GPU-hours', description: 'GPU-hours of prefill compute the prefix cache skipped over the run' },
  { name: 'ttft.cached.p50', kind: 'ms', unit: 'ms', description: 'Median TTFT of requests that hit the prefix cache' },
  { name: 'ttft.cached.p99', kind: 'ms', unit: 'ms', description: '99th-percentile TTFT of requests that hit the prefix cache' },
  { name: 'ttft.uncached.p50', kind: 'ms', unit: 'ms', description: 'Median TTFT of requests that missed the prefix cache (llm services with llm.prefix or llm.sessions)' },
  { name: 'ttft.uncached.p99', kind: 'ms', unit: 'ms', description: '99th-percentile TTFT of requests that missed the prefix cache' },
  { name: 'cost.perMillionTokens', kind: 'usd', unit: 'USD per 1M output tokens', description: 'cost.total per million output tokens (llm services)', priced: 'bill', billBound: 'lower' },
  { name: 'cost.perMillionInputTokens', kind: 'usd', unit: 'USD per 1M input tokens', description: 'Disaggregated serving: the prefill pool\'s share of the bill per million prompt tokens it prefilled (all disaggregated services together)', priced: 'bill', billBound: 'lower' },
  { name: 'cost.perMillionOutputTokens', kind: 'usd', unit: 'USD per 1M output tokens', description: 'Disaggregated serving: the decode pool\'s share of the bill per million output tokens it generated (all disaggregated services together)', priced: 'bill', billBound: 'lower' },
  { name: 'kvCache.preemptions', kind: 'count', unit: 'sequences', description: 'Paged KV allocation (llm.scheduler.kvAllocation: paged): sequences preempted over the run, all such services together (a request preempted twice counts twice)' },
  { name: 'lora.delayedRequests', kind: 'count', unit: 'requests', description: 'Multi-LoRA serving (llm.lora): requests held back at least once because their adapter would have made a batch exceed maxLoras, the whole run, all such services together' },
  { name: 'lora.diskLoads', kind: 'count', unit: 'loads', description: 'Multi-LoRA serving (llm.lora): adapters read from disk (not in host memory) over the run, every replica, all such services together' },
  { name: 'kvTransfer.meanMs', kind: 'ms', unit: 'ms', description: 'Disaggregated serving: mean KV-cache transfer per request from prefill to decode (part of TTFT)' },
  { name: 'training.days', kind: 'days', unit: 'days', description: 'Wall-clock days to finish training, including checkpoint and interruption losses' },
  { name: 'training.hours', kind: 'hours', unit: 'hours', description: 'Wall-clock hours to finish training' },
  { name: 'training.gpuHours', kind: 'count', unit: 'GPU-hours', description: 'GPUs × wall-clock hours' },
  { name: 'training.costUsd', kind: 'usd', unit: 'USD', description: 'Cost of the training run', priced: 'training' },
  { name: 'training.flops', kind: 'count', unit: 'FLOP', description: 'Total training compute (≈ 6 × parameters × tokens)' },
  { name: 'training.lostDays', kind: 'days', unit: 'days', description: 'Days lost to interruptions, restarts and checkpoint saves' },
  { name: 'training.interruptions', kind: 'count', unit: 'interruptions', description: 'Interruptions during the training run' },
  { name: 'training.budgetFits', kind: 'boolean', unit: 'boolean', description: '1 if training.costUsd ≤ budgetUsd, else 0', priced: 'training' },
  { name: 'training.memoryGB', kind: 'count', unit: 'GB', description: 'Model states under mixed-precision Adam, unsharded: 16 bytes per parameter (weights, gradients, fp32 master and two moments), before activations' },
  { name: 'training.memoryPerGpuGB', kind: 'count', unit: 'GB', description: 'Model states held on each GPU after ZeRO sharding (spec.training.zeroStage, 3 when not stated), plus activationGBPerGpu' },
  { name: 'training.memoryFits', kind: 'boolean', unit: 'boolean', description: '1 if training.memoryPerGpuGB fits one GPU\'s memory, else 0 (a 0 also fails the run)' },
  { name: 'training.peakTflopsPerGpu', kind: 'count', unit: 'TFLOPS', description: 'Dense peak TFLOPS of one GPU at the run\'s precision (no sparsity)' },
  { name: 'costs.total', kind: 'usd', unit: 'USD', description: 'spec.costs line items over their period; costs.total[name] for one item', item: 'optional', priced: 'costs' },
  { name: 'costs.monthly', kind: 'usd', unit: 'USD/month', description: 'costs.total per 730-hour month; costs.monthly[name] for one item', item: 'optional', priced: 'costs' },
  { name: 'costs.hourly', kind: 'usd', unit: 'USD/h', description: 'costs.total per hour; costs.hourly[name] for one item', item: 'optional', priced: 'costs' },
  { name: 'costs.transferHours', kind: 'hours', unit: 'hours', description: 'Hours to move a transfer item\'s GB over its linkGbps: costs.transferHours[name]', item: 'required' },
] as const satisfies readonly MetricInfo[];

const own = (q: string, what: string) => ({ name: `latency.${q}`, kind: 'ms', unit: 'ms', description: `${what} latency of the service alone (queue + its own work, without waiting on its calls)` }) as const;
const subtree = (q: string, what: string) => ({ name: `subtree.${q}`, kind: 'ms', unit: 'ms', description: `${what} latency from arrival at the service to its reply, calls included` }) as const;

/**
 * Metrics of one service, written `services.<name>.<metric>` (`services.db.latency.p99 < 20ms`). They count
 * visits to the service by requests that arrived after the warm-up.
 */
export const SERVICE_METRICS = [
  own('p50', 'Median'),
  own('p90', '90th-percentile'),
  own('p95', '95th-percentile'),
  own('p99', '99th-percentile'),
  own('mean', 'Mean'),
  subtree('p50', 'Median'),
  subtree('p95', '95th-percentile'),
  subtree('p99', '99th-percentile'),
  subtree('mean', 'Mean'),
  { name: 'utilization', kind: 'fraction', unit: 'fraction', description: 'Mean working slots ÷ slots of ready replicas after warmup (batching and llm services: busy fraction)' },
  { name: 'slotsInUse', kind: 'fraction', unit: 'fraction', description: 'Mean slots in use ÷ slots of ready replicas after warmup: working slots and those held while visits wait on their calls (releaseDuringCalls: false); equals utilization for a service that holds none' },
  { name: 'availability', kind: 'fraction', unit: 'fraction', description: 'Visits served ÷ visits (dropped, timed-out and unfinished visits count as not served, as in the summary)' },
  { name: 'requests.visits', kind: 'count', unit: 'requests', description: 'Visits to the service (from entry points, callers and async events)' },
  { name: 'requests.served', kind: 'count', unit: 'requests', description: 'Visits served' },
  { name: 'requests.failed', kind: 'count', unit: 'requests', description: 'Visits dropped or timed out at the service' },
  { name: 'requests.unfinished', kind: 'count', unit: 'requests', description: 'Visits still in flight at the service when the run stopped (visits = served + failed + unfinished)' },
  { name: 'retries', kind: 'count', unit: 'retries', description: 'Retries of the calls this service made' },
  { name: 'connectionWaits', kind: 'count', unit: 'calls', description: 'Calls this service made that waited for a free connection of their pool (`connections`)' },
  { name: 'replicas.max', kind: 'count', unit: 'replicas', description: 'Most ready replicas at an interval end after warmup' },
  { name: 'replicas.mean', kind: 'count', unit: 'replicas', description: 'Mean ready replicas after warmup' },
  { name: 'cost.hourly', kind: 'usd', unit: 'USD/h', description: "The service's share of the node bill per hour (each pool split by requested GPUs or vCPUs)", priced: 'bill' },
] as const satisfies readonly MetricInfo[];

/** A known metric name, or a per-service one. */
export type MetricName = (typeof METRICS)[number]['name'] | `services.${string}.${(typeof SERVICE_METRICS)[number]['name']}`;

/** A per-service metric split into its service and metric, or null. */
export function splitServiceMetric(name: string): { service: string; metric: MetricInfo } | null {
  const m = /^services\.([a-z0-9-]+)\.(.+)$/.exec(name);
  if (!m) return null;
  const metric = SERVICE_METRICS.find((x) => x.name === m[2]);
  return metric ? { service: m[1]!, metric: { ...metric, name } } : null;
}

/** Every known metric name. */
export const METRIC_NAMES: readonly MetricName[] = METRICS.map((m) => m.name);

/** The metric called `name` (per-service ones included), or undefined if there is none. */
export function getMetric(name: string): MetricInfo | undefined {
  return METRICS.find((m) => m.name === name) ?? splitServiceMetric(name)?.metric;
}
