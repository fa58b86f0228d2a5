// An HPA metric's source; apart from the schema (hpa-schema.ts) so that compiling a parsed scenario loads no zod.
import type { HpaMetricSpec } from './hpa-schema.ts';

/**
 * Which metric source a parsed metric is: what the scenario says, else External for `queueLength` on a
 * `shared-queue` service (one queue at the balancer, as a broker or gateway exports it), else Pods.
 */
export function hpaMetricSource(metric: HpaMetricSpec, routing: string): 'Pods' | 'External' | 'Resource' {
  if (metric.type === 'cpuUtilization') return 'Resource';
  if ('source' in metric && metric.source !== undefined) return metric.source;
  return metric.type === 'queueLength' && routing === 'shared-queue' ? 'External' : 'Pods';
}
