/**
 * A metric value with its unit and time base, for the optimizer's answer: "$8.58/h", "$6,264/month",
 * "92.6 ms", "99.95%". sim-core's formatMetricValue writes the number (formatUsd money); a cost metric's unit says per what.
 */
import { formatMetricValue, getMetric } from '@design-sim/sim-core';
import { formatUsd } from './format.ts';

/** `value` of `metric` with its unit (— when missing). */
export function metricWithUnit(metric: string, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const info = getMetric(metric);
  if (info === undefined) return String(value);
  if (info.kind !== 'usd') return formatMetricValue(info, value);
  // Money keeps 3–4 significant digits ($0.0238 per 1k requests, not $0.02).
  const text = formatUsd(value);
  if (info.unit === 'USD') return text;
  const per = info.unit.slice(3);
  return per.startsWith('/') ? `${text}${per}` : `${text}${per.startsWith(' ') ? per : ` ${per}`}`;
}
