/**
 * How Knative reads the text of an autoscaling annotation or a `config-autoscaler` key: Go's own parsers, since
 * both are Go strings parsed by the controllers (knative/serving@98e5ef90aa7033797aa0a61ef97f3ff7e49a3944
 * pkg/apis/autoscaling/annotation_validation.go with strconv and time.ParseDuration; knative.dev/pkg/configmap
 * `AsFloat64`, `AsInt32`, `AsBool`, `AsDuration` for the ConfigMap). A value Go would refuse is refused here too, so
 * `"60"` is not read as a window of 60 s (time.ParseDuration needs a unit) and `"2.0"` is not a min-scale.
 */

/** strconv.ParseFloat(v, 64) for the decimal forms a person writes (`"70"`, `"0.5"`, `"1e3"`); NaN and ±Inf refused. */
export function goFloat(v: string): number | undefined {
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(v)) return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/** strconv.ParseInt(v, 10, bits): an optional sign and decimal digits, within the bit size. */
export function goInt(v: string, bits: 32 | 64): number | undefined {
  if (!/^[+-]?\d+$/.test(v)) return undefined;
  const n = Number(v);
  const max = bits === 32 ? 2 ** 31 - 1 : Number.MAX_SAFE_INTEGER;
  return Math.abs(n) <= max ? n : undefined;
}

/** strconv.ParseBool: the twelve spellings Go accepts. */
export function goBool(v: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return undefined;
}

const UNIT_SECONDS: Readonly<Record<string, number>> = { ns: 1e-9, us: 1e-6, 'µs': 1e-6, 'μs': 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/**
 * time.ParseDuration in seconds: a sign, then one or more decimal numbers each with a unit (`"60s"`, `"1m30s"`,
 * `"1.5h"`, `"-5s"`), or `"0"` alone. Nanosecond rounding of Go's int64 is below anything the scenario holds.
 */
export function goDurationSeconds(v: string): number | undefined {
  const m = /^([+-]?)(.*)$/.exec(v);
  const sign = m?.[1] === '-' ? -1 : 1;
  const body = m?.[2] ?? '';
  if (body === '0') return 0;
  if (!/^((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$/.test(body)) return undefined;
  let total = 0;
  for (const [, n, u] of body.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) total += Number(n) * (UNIT_SECONDS[u ?? 's'] ?? 1);
  return sign * total;
}

/** Seconds as a duration Go parses back to the same value (`60` → `"60s"`), the form Knative's own docs write. */
export const goSeconds = (s: number): string => `${s}s`;
