/**
 * Plain Kubernetes objects as design-sim writes and reads them, and resource.Quantity text: Kubernetes
 * writes fractional quantities in milli-units ("800m") and accepts numbers, plain decimals, decimal SI
 * suffixes and exponents (apimachinery pkg/api/resource/quantity.go, ParseQuantity).
 */

/** Any Kubernetes object: apiVersion, kind, metadata, and its own fields. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

/** The label that ties a workload's objects together (recommended labels, kubernetes.io/docs/concepts/overview/working-with-objects/common-labels). */
export const NAME_LABEL = 'app.kubernetes.io/name';
/** Marks objects design-sim made, so `import k8s` knows its own ConfigMaps. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
/** The value of MANAGED_BY_LABEL. */
export const MANAGED_BY = 'design-sim';
/** The GPU extended resource of the NVIDIA device plugin. */
export const GPU_RESOURCE = 'nvidia.com/gpu';

/** A number as a Quantity string: integers plain, fractions in milli-units ("0.8" → "800m"). */
export function toQuantity(x: number): string {
  if (Number.isInteger(x)) return String(x);
  const milli = Math.round(x * 1000);
  return Math.abs(milli / 1000 - x) < 1e-9 ? `${milli}m` : String(x);
}

const SUFFIX: Readonly<Record<string, number>> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };

/**
 * CPUs as kube-scheduler counts a pod's request: a whole number of millicores, rounded up. Kubernetes keeps a
 * quantity to 1n (ParseQuantity rounds a non-zero value up to it) and the API server accepts any non-negative CPU
 * (ValidateResourceQuantityValue asks whole numbers only of integer resources, which cpu is not), but the scheduler
 * adds each pod's requests as `MilliValue()`, ceil(q × 1000) (kubernetes/kubernetes@00fdf757
 * pkg/scheduler/framework/types.go `(*Resource).Add`; kubernetes/apimachinery@eed236ce pkg/api/resource/quantity.go
 * `MilliValue`, `ScaledValue`): `1n` and `100u` take 1m of a node. A float's own error (1e-9 m) is not a millicore.
 */
export function schedulerCpus(cores: number): number {
  const milli = cores * 1000;
  const whole = Math.round(milli);
  return (Math.abs(milli - whole) <= 1e-9 * Math.max(1, whole) ? whole : Math.ceil(milli)) / 1000;
}

/** A Quantity (string or number) as a number, or undefined when it is not one. */
export function parseQuantity(q: unknown): number | undefined {
  if (typeof q === 'number') return Number.isFinite(q) ? q : undefined;
  if (typeof q !== 'string') return undefined;
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]))?$/.exec(q.trim());
  if (m === null) return undefined;
  const base = Number(m[1]);
  // "1e400" overflowed to Infinity and reached the scenario as a target of Infinity.
  const value = m[2] !== undefined ? base * 10 ** Number(m[2].slice(1)) : base * (SUFFIX[m[3] ?? ''] ?? 1);
  return Number.isFinite(value) ? value : undefined;
}

/** Seconds as a Go duration string ("90s" → "1m30s"), the form Karpenter and cluster-autoscaler flags take. */
export function goDuration(seconds: number): string {
  if (seconds === 0) return '0s';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Number((seconds % 60).toFixed(3));
  return `${h > 0 ? `${h}h` : ''}${m > 0 ? `${m}m` : ''}${s > 0 ? `${s}s` : ''}`;
}

const UNIT_SECONDS: Readonly<Record<string, number>> = { ns: 1e-9, us: 1e-6, 'µs': 1e-6, 'μs': 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/**
 * Go's time.ParseDuration, in seconds, or undefined where Go refuses the text: a sign, then one or more decimal numbers
 * each with a unit (`"60s"`, `"1m30s"`, `"1.5h"`, `".5s"`, `"-5s"`), or `"0"` alone; `"60"` (no unit) is refused. The
 * controllers whose settings are read here (cluster-autoscaler flags, Karpenter, Knative) all parse with it.
 * Nanosecond rounding of Go's int64 is below anything a scenario holds.
 */
export function parseGoDuration(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^([+-]?)(.*)$/.exec(text);
  const sign = m?.[1] === '-' ? -1 : 1;
  const body = m?.[2] ?? '';
  if (body === '0') return 0;
  if (!/^((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$/.test(body)) return undefined;
  let total = 0;
  for (const [, n, u] of body.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) total += Number(n) * (UNIT_SECONDS[u ?? 's'] ?? 1);
  return sign * total;
}
