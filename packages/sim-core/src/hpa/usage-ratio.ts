import { addMilli, mulMilli, truncDiv, type MilliInt } from './milli-quantity.ts';

/** Result of {@link getResourceUtilizationRatio}. */
export interface UtilizationRatio {
  /** `utilization / targetUtilization`, formed from the TRUNCATED integer percentage. */
  ratio: number;
  /** Current utilization, integer percent of request (truncated). */
  utilization: number;
  /** Average raw usage per pod, milli-units (truncated). */
  rawAverageMilli: number;
}

/**
 * Port of `GetResourceUtilizationRatio` (metrics/utilization.go): `int32((Σusage_m × 100) / Σrequest_m)` with integer
 * division, then a float ratio to the target percent (TC3: 8899m over 10 × 1000m is 88 %, r = 1.1 exactly).
 * `values` and `requests` are parallel milli arrays for the pods that have metrics. Returns null when the request
 * total is 0 (upstream error "no metrics returned matched known pods").
 */
export function getResourceUtilizationRatio(
  values: readonly number[],
  requests: readonly number[],
  targetUtilization: number,
): UtilizationRatio | null {
  let metricsTotal: MilliInt = 0;
  let requestsTotal: MilliInt = 0;
  for (let i = 0; i < values.length; i++) {
    metricsTotal = addMilli(metricsTotal, values[i] ?? 0);
    requestsTotal = addMilli(requestsTotal, requests[i] ?? 0);
  }
  if (Number(requestsTotal) === 0) return null;
  const utilization = truncDiv(mulMilli(metricsTotal, 100), requestsTotal);
  return {
    ratio: utilization / targetUtilization,
    utilization,
    rawAverageMilli: truncDiv(metricsTotal, values.length),
  };
}

/** Result of {@link getMetricUsageRatio}. */
export interface UsageRatio {
  /** `trunc(avg) / target`. */
  ratio: number;
  /** Average usage per pod, milli-units, truncated by integer division. */
  usageMilli: number;
}

/**
 * Port of `GetMetricUsageRatio` (metrics/utilization.go): `currentUsage = Σvalue_m / n` (integer division) and
 * `ratio = currentUsage / target_m`. `values` must be non-empty (callers check, as upstream does).
 */
export function getMetricUsageRatio(values: readonly number[], targetUsageMilli: number): UsageRatio {
  let total: MilliInt = 0;
  for (const v of values) total = addMilli(total, v);
  const usageMilli = truncDiv(total, values.length);
  return { ratio: usageMilli / targetUsageMilli, usageMilli };
}
