/**
 * Where each field of `services[].knative` lives in Knative's own objects, and how Knative reads it: a revision's
 * `autoscaling.knative.dev/*` annotation (spec.template.metadata.annotations of a Knative Service), or a key of the
 * cluster's `config-autoscaler` ConfigMap in knative-serving. Export and import both read these tables, so the two
 * directions cannot disagree on a key or a unit.
 *
 * Keys, legacy aliases and bounds: knative/serving@98e5ef90aa7033797aa0a61ef97f3ff7e49a3944
 * pkg/apis/autoscaling/register.go (the `*AnnotationKey` constants and the `kmap.KeyPriority` lists, canonical key
 * first) and pkg/apis/autoscaling/annotation_validation.go (`validateFloats`, `validateWindow`,
 * `validateScaleDownDelay`, `validateLastPodRetention`, `getIntGE0`, `validateMinMaxScale`, `validateInitialScale`,
 * `validateAlgorithm`, `validateMetric`). ConfigMap keys, parsers and defaults: pkg/autoscaler/config/config.go
 * `NewConfigFromMap`, `defaultConfig`, `validate`; config/core/configmaps/autoscaler.yaml. The bounds that tie two
 * keys together (min ≤ max, activation-scale within them, initial-scale 0 only when the cluster allows it) are the
 * scenario's `knativeIssues`, told at the annotation the value came from.
 */
import type { Scenario } from '@design-sim/sim-core';
import { parseGoDuration } from './k8s-object.ts';
import { goBool, goFloat, goInt, goSeconds } from './knative-values.ts';

/** A service's `knative` block as parsed (seconds, percentages as written). */
export type KnativeSpec = NonNullable<Scenario['spec']['services'][number]['knative']>;

/** The annotation group of the KPA (register.go `GroupName`). */
export const AUTOSCALING_GROUP = 'autoscaling.knative.dev';
/** register.go `ClassAnnotationKey`, and its two values `KPA` and `HPA`. */
export const CLASS_ANNOTATION = `${AUTOSCALING_GROUP}/class`;
export const KPA_CLASS = 'kpa.autoscaling.knative.dev';
export const HPA_CLASS = 'hpa.autoscaling.knative.dev';
/** The cluster's autoscaler settings (config.go `ConfigName`), in the namespace Knative Serving runs in. */
export const CONFIG_AUTOSCALER = 'config-autoscaler';
export const KNATIVE_NAMESPACE = 'knative-serving';

/** A value as the scenario holds it: seconds for durations, as written for the rest. */
type Value = number | string | boolean;

/** One Knative key for one field of the block. */
export interface KnativeKey {
  field: keyof KnativeSpec;
  /** The annotation or ConfigMap key. */
  key: string;
  /** Older spellings Knative still reads after the key (register.go `KeyPriority`). */
  aliases: readonly string[];
  /** The value read from the text, or undefined when Knative would refuse it. */
  read: (text: string) => Value | undefined;
  /** What `read` accepts, for a located error ("expected …, got …"). */
  expected: string;
  /** The text written for a value. */
  write: (v: Value) => string;
  /** A duration: the scenario holds seconds, written back as Go's text ("60s"). */
  duration: boolean;
}

const HOUR = 3600;
const num = (lo: number, hi: number, ok: (n: number) => boolean = () => true) => (t: string) => {
  const n = goFloat(t);
  return n !== undefined && n >= lo && n <= hi && ok(n) ? n : undefined;
};
const int = (lo: number, bits: 32 | 64 = 32) => (t: string) => {
  const n = goInt(t, bits);
  return n !== undefined && n >= lo ? n : undefined;
};
const duration = (lo: number, hi: number, whole: boolean, exclusiveLo = false) => (t: string) => {
  const s = parseGoDuration(t);
  return s !== undefined && (exclusiveLo ? s > lo : s >= lo) && s <= hi && (!whole || Number.isInteger(s)) ? s : undefined;
};
const bool = (t: string) => goBool(t);
const asText = (v: Value) => String(v);
const asDuration = (v: Value) => goSeconds(Number(v));
const camel = (key: string) => `${AUTOSCALING_GROUP}/${key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())}`;
const ann = (field: keyof KnativeSpec, name: string, read: KnativeKey['read'], expected: string, o: { legacy?: boolean; write?: KnativeKey['write'] } = {}): KnativeKey => ({
  field,
  key: `${AUTOSCALING_GROUP}/${name}`,
  aliases: o.legacy === true ? [camel(name)] : [],
  read,
  expected,
  write: o.write ?? asText,
  duration: o.write === asDuration,
});

/**
 * The revision's annotations, one per field they carry (every field of the block but the cluster's five and
 * `containerConcurrency`, a field of the revision spec, and `buffer`, the simulation's activator hold).
 */
export const REVISION_ANNOTATIONS: readonly KnativeKey[] = [
  // validateMetric: the KPA reads concurrency or rps (cpu and memory are the HPA class's).
  ann('metric', 'metric', (t) => (t === 'concurrency' || t === 'rps' ? t : undefined), '"concurrency" or "rps" (the KPA\'s metrics; validateMetric)'),
  ann('target', 'target', num(0.01, Number.MAX_VALUE), 'a number at least 0.01 (TargetMin; validateFloats)'),
  // validateAlgorithm accepts the camelCase spelling of weighted-exponential too; it is the same algorithm.
  // An empty value is no algorithm (`if v != ""`): the default, linear.
  ann('metricAggregationAlgorithm', 'metric-aggregation-algorithm', (t) => (t === 'linear' || t === '' ? 'linear' : t === 'weighted-exponential' || t === 'weightedExponential' ? 'weighted-exponential' : undefined), '"linear" or "weighted-exponential" (validateAlgorithm)', { legacy: true }),
  ann('targetUtilizationPercentage', 'target-utilization-percentage', num(1, 100), 'a number from 1 to 100 (validateFloats)', { legacy: true }),
  ann('minScale', 'min-scale', int(0), 'an integer from 0 to 2147483647 (getIntGE0)', { legacy: true }),
  ann('maxScale', 'max-scale', int(0), 'an integer from 0 (no limit) to 2147483647 (getIntGE0)', { legacy: true }),
  ann('initialScale', 'initial-scale', int(0, 64), 'an integer of at least 0 (validateInitialScale)', { legacy: true }),
  ann('activationScale', 'activation-scale', int(2), 'an integer of at least 2 (validateMinMaxScale: "must be greater than 1")'),
  ann('scaleDownDelay', 'scale-down-delay', duration(0, HOUR, true), 'a duration from 0s to 1h in whole seconds, such as "30s" (validateScaleDownDelay)', { legacy: true, write: asDuration }),
  ann('stableWindow', 'window', duration(6, HOUR, true), 'a duration from 6s to 1h in whole seconds, such as "60s" (validateWindow)', { write: asDuration }),
  ann('panicWindowPercentage', 'panic-window-percentage', num(1, 100), 'a number from 1 to 100 (validateFloats)', { legacy: true }),
  ann('panicThresholdPercentage', 'panic-threshold-percentage', num(110, 1000), 'a number from 110 to 1000 (validateFloats)', { legacy: true }),
  ann('targetBurstCapacity', 'target-burst-capacity', num(-1, Number.MAX_VALUE, (n) => n >= 0 || n === -1), 'a number of at least 0, or -1 for the activator always in the path (validateFloats)', { legacy: true }),
  ann('scaleToZeroPodRetentionPeriod', 'scale-to-zero-pod-retention-period', duration(0, HOUR, false), 'a duration from 0s to 1h, such as "5m" (validateLastPodRetention)', { legacy: true, write: asDuration }),
];

/** The annotation key of a field (the canonical one). */
export const annotationOf = (field: keyof KnativeSpec): string | undefined => REVISION_ANNOTATIONS.find((a) => a.field === field)?.key;

/** A `config-autoscaler` key (config.go `NewConfigFromMap`) with upstream's default as the scenario holds it. */
export interface ClusterKey extends KnativeKey {
  default: Value;
  /** True for the five keys a revision cannot override: the only ones `export k8s` writes. */
  clusterOnly: boolean;
}

const cluster = (field: keyof KnativeSpec, key: string, read: KnativeKey['read'], expected: string, dflt: Value, clusterOnly: boolean, write: KnativeKey['write'] = asText): ClusterKey => ({ field, key, aliases: [], read, expected, write, duration: write === asDuration, default: dflt, clusterOnly });

/**
 * `config-autoscaler` keys that are fields of the block: the cluster-only five, and the cluster defaults of the
 * annotations (read on import where a revision has no annotation of its own). `validate` bounds, which for a few
 * keys are looser than the annotation's (the scenario then refuses, at this key).
 */
export const CLUSTER_KEYS: readonly ClusterKey[] = [
  cluster('maxScaleUpRate', 'max-scale-up-rate', num(1, Number.MAX_VALUE, (n) => n > 1), 'a number above 1 (validate)', 1000, true),
  cluster('maxScaleDownRate', 'max-scale-down-rate', num(1, Number.MAX_VALUE, (n) => n > 1), 'a number above 1 (validate)', 2, true),
  cluster('enableScaleToZero', 'enable-scale-to-zero', bool, 'true or false (strconv.ParseBool)', true, true),
  cluster('scaleToZeroGracePeriod', 'scale-to-zero-grace-period', duration(0, Number.MAX_VALUE, false, true), 'a positive duration such as "30s" (validate)', 30, true, asDuration),
  cluster('allowZeroInitialScale', 'allow-zero-initial-scale', bool, 'true or false (strconv.ParseBool)', false, true),
  // NewConfigFromMap divides a percentage above 1 by 100 and keeps a fraction (0, 1] as one ("for legacy reasons"):
  // the scenario holds the percentage.
  cluster('targetUtilizationPercentage', 'container-concurrency-target-percentage', (t) => {
    const n = goFloat(t);
    return n === undefined || n <= 0 || n > 100 ? undefined : n > 1 ? n : n * 100;
  }, 'a percentage in (0, 100], or a fraction in (0, 1] (validate)', 70, false),
  cluster('stableWindow', 'stable-window', duration(6, HOUR, true), 'a duration from 6s to 1h in whole seconds (validate)', 60, false, asDuration),
  cluster('panicWindowPercentage', 'panic-window-percentage', num(1, 100), 'a number from 1 to 100 (validate)', 10, false),
  cluster('panicThresholdPercentage', 'panic-threshold-percentage', num(-Number.MAX_VALUE, Number.MAX_VALUE), 'a number (AsFloat64)', 200, false),
  cluster('targetBurstCapacity', 'target-burst-capacity', num(-1, Number.MAX_VALUE, (n) => n >= 0 || n === -1), 'a number of at least 0, or -1 (validate)', 211, false),
  cluster('scaleToZeroPodRetentionPeriod', 'scale-to-zero-pod-retention-period', duration(0, Number.MAX_VALUE, false), 'a duration of at least 0s (validate)', 0, false, asDuration),
  cluster('scaleDownDelay', 'scale-down-delay', duration(0, Number.MAX_VALUE, true), 'a duration of at least 0s in whole seconds (validate)', 0, false, asDuration),
  cluster('initialScale', 'initial-scale', int(0), 'an integer of at least 0 (validate)', 1, false),
  cluster('minScale', 'min-scale', int(0), 'an integer of at least 0 (validate)', 0, false),
  cluster('maxScale', 'max-scale', int(0), 'an integer of at least 0 (validate)', 0, false),
];

/**
 * The default target of each metric when a revision has no target annotation (`ResolveMetricTarget`,
 * pkg/reconciler/autoscaling/resources/target.go): the scenario's own default is upstream's (100, 200), so only a
 * cluster that changed it sets `target` on import.
 */
export const TARGET_DEFAULT_KEYS = { concurrency: 'container-concurrency-target-default', rps: 'requests-per-second-target-default' } as const;
export const TARGET_DEFAULTS = { concurrency: 100, rps: 200 } as const;

/**
 * `config-autoscaler` keys read by Knative that the simulation does not model, with upstream's default: a value
 * other than it is a note on import.
 */
export const UNSIMULATED_CLUSTER_KEYS: Readonly<Record<string, { default: string; why: string }>> = {
  'activator-capacity': { default: '100', why: 'the activator has no capacity limit of its own in the simulation' },
  'max-scale-limit': { default: '0', why: 'no cluster limit bounds max-scale in the simulation' },
};

/** The value of the first key of `keys` present in `m` (kmap.KeyPriority.Get), with the key found. */
export function getByPriority(m: Readonly<Record<string, unknown>>, keys: readonly string[]): { key: string; value: unknown } | undefined {
  const key = keys.find((k) => k in m);
  return key === undefined ? undefined : { key, value: m[key] };
}
