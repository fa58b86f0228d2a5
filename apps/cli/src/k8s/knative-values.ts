/**
 * How Knative reads the text of an autoscaling annotation or a `config-autoscaler` key: Go's own parsers, since
 * both are Go strings parsed by the controllers (knative/serving@98e5ef90aa7033797aa0a61ef97f3ff7e49a3944
 * pkg/apis/autoscaling/annotation_validation.go with strconv and time.ParseDuration (the latter is `parseGoDuration`
 * in k8s-object.ts, shared with the Karpenter and cluster-autoscaler fields); knative.dev/pkg/configmap `AsFloat64`,
 * `AsInt32`, `AsBool`, `AsDuration` for the ConfigMap). A value Go would refuse is refused here too, so
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

/** Seconds as a duration Go parses back to the same value (`60` → `"60s"`), the form Knative's own docs write. */
export const goSeconds = (s: number): string => `${s}s`;
