/**
 * Knative's cluster-wide autoscaler settings, the `config-autoscaler` ConfigMap in knative-serving, both ways. Export
 * writes only the five keys a revision cannot override (max-scale-up-rate, max-scale-down-rate, enable-scale-to-zero,
 * scale-to-zero-grace-period, allow-zero-initial-scale), and only those where the scenario differs from upstream's
 * default: the ConfigMap is the whole cluster's, and every other field of the block is a revision annotation.
 * Import reads every key Knative reads (knative/serving@98e5ef90aa7033797aa0a61ef97f3ff7e49a3944
 * pkg/autoscaler/config/config.go `NewConfigFromMap`): the cluster-only ones, and the defaults of the annotations,
 * which apply to a revision that has no annotation of its own.
 */
import type { PathSegment, Scenario } from '@design-sim/sim-core';
import type { K8sObject } from './k8s-object.ts';
import { CLUSTER_KEYS, CONFIG_AUTOSCALER, KNATIVE_NAMESPACE, KPA_CLASS, TARGET_DEFAULT_KEYS, TARGET_DEFAULTS, UNSIMULATED_CLUSTER_KEYS, type KnativeSpec } from './knative-keys.ts';
import { fieldError, type ObjectPlace } from './manifest-fields.ts';
import { goFloat, goSeconds } from './knative-values.ts';

type Service = Scenario['spec']['services'][number];

/**
 * The `config-autoscaler` ConfigMap for the scenario's Knative services, or undefined when they all keep upstream's
 * defaults. The cluster has one: services that disagree on a key get the first one's value, with a note.
 */
export function configAutoscaler(services: readonly Service[], part: string, notes: string[]): K8sObject | undefined {
  const kpa = services.filter((s): s is Service & { knative: KnativeSpec } => s.knative !== undefined);
  const first = kpa[0];
  if (first === undefined) return undefined;
  const data: Record<string, string> = {};
  for (const c of CLUSTER_KEYS.filter((x) => x.clusterOnly)) {
    const v = first.knative[c.field] as number | boolean;
    if (v !== c.default) data[c.key] = c.write(v);
    const others = kpa.filter((s) => s.knative[c.field] !== v).map((s) => s.name);
    if (others.length > 0) notes.push(`ConfigMap ${KNATIVE_NAMESPACE}/${CONFIG_AUTOSCALER}: ${c.key} is cluster-wide; it is written as ${first.name}'s (${c.write(v)}), so ${others.join(', ')} would scale with it, not with their own ${c.field}`);
  }
  if (Object.keys(data).length === 0) return undefined;
  notes.push(
    `ConfigMap ${KNATIVE_NAMESPACE}/${CONFIG_AUTOSCALER}: cluster-wide settings where the scenario differs from Knative's defaults (${Object.keys(data).join(', ')}); every revision of the cluster scales with them, and kubectl apply replaces the ConfigMap's whole data: merge these keys into the cluster's`,
  );
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: CONFIG_AUTOSCALER, namespace: KNATIVE_NAMESPACE, labels: { 'app.kubernetes.io/part-of': part } }, data };
}

/** Is this ConfigMap Knative's autoscaler settings (by name; in knative-serving, or with no namespace given)? */
export function isConfigAutoscaler(kind: string, o: Record<string, unknown>): boolean {
  const meta = (typeof o.metadata === 'object' && o.metadata !== null ? o.metadata : {}) as Record<string, unknown>;
  return kind === 'ConfigMap' && meta.name === CONFIG_AUTOSCALER && (meta.namespace === undefined || meta.namespace === KNATIVE_NAMESPACE);
}

/** One value the cluster sets for a field of the block (durations as Go's text), and the ConfigMap field it came from. */
export interface ClusterValue {
  field: keyof KnativeSpec;
  value: number | string | boolean;
  from: PathSegment[];
}

/** What a `config-autoscaler` ConfigMap sets: fields of the block, and the class and target defaults. */
export interface ClusterSettings {
  values: ClusterValue[];
  /** pod-autoscaler-class: the class of a revision without a class annotation (default the KPA). */
  podAutoscalerClass: string;
  /** The target of each metric when a revision has none (only when the cluster changed upstream's). */
  targetDefaults: Partial<Record<keyof typeof TARGET_DEFAULTS, { value: number; from: PathSegment[] }>>;
}

/** Knative's defaults, for manifests without a `config-autoscaler`. */
export const DEFAULT_CLUSTER: ClusterSettings = { values: [], podAutoscalerClass: KPA_CLASS, targetDefaults: {} };

/**
 * The settings of a `config-autoscaler` ConfigMap. A value Knative cannot parse is a located error (the autoscaler
 * refuses the whole ConfigMap: `NewConfigFromMap` returns the error); keys it does not simulate are notes.
 */
export function readConfigAutoscaler(o: Record<string, unknown>, place: ObjectPlace, note: (m: string) => void): ClusterSettings {
  const data = (typeof o.data === 'object' && o.data !== null ? o.data : {}) as Record<string, unknown>;
  const out: ClusterSettings = { values: [], podAutoscalerClass: KPA_CLASS, targetDefaults: {} };
  const known = new Set<string>(['_example', 'pod-autoscaler-class', ...CLUSTER_KEYS.map((c) => c.key), ...Object.values(TARGET_DEFAULT_KEYS), ...Object.keys(UNSIMULATED_CLUSTER_KEYS)]);
  for (const c of CLUSTER_KEYS) {
    const text = data[c.key];
    if (text === undefined) continue;
    const v = typeof text === 'string' ? c.read(text) : undefined;
    if (v === undefined) throw fieldError(place, ['data', c.key], c.expected, text);
    out.values.push({ field: c.field, value: c.duration ? goSeconds(Number(v)) : v, from: ['data', c.key] });
  }
  for (const [metric, key] of Object.entries(TARGET_DEFAULT_KEYS) as [keyof typeof TARGET_DEFAULTS, string][]) {
    const text = data[key];
    if (text === undefined) continue;
    const v = typeof text === 'string' ? goFloat(text) : undefined;
    // validate: the default target times the utilization must be at least TargetMin (0.01); the scenario's target bound.
    if (v === undefined || v < 0.01) throw fieldError(place, ['data', key], 'a number at least 0.01 (validate: TargetMin)', text);
    if (v !== TARGET_DEFAULTS[metric]) out.targetDefaults[metric] = { value: v, from: ['data', key] };
  }
  if (typeof data['pod-autoscaler-class'] === 'string') out.podAutoscalerClass = data['pod-autoscaler-class'];
  for (const [key, u] of Object.entries(UNSIMULATED_CLUSTER_KEYS)) {
    if (data[key] !== undefined && Number(data[key]) !== Number(u.default)) note(`${key} ${String(data[key])} is not simulated (${u.why}): read as Knative's default, ${u.default}`);
  }
  const unknown = Object.keys(data).filter((k) => !known.has(k));
  if (unknown.length > 0) note(`key${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not among those Knative's autoscaler reads (NewConfigFromMap): ignored`);
  return out;
}
