/**
 * `import k8s`: a team's manifests as a scenario. Deployments become services (replicas, GPUs, node
 * pool, start-up estimated from the probes), HorizontalPodAutoscalers (autoscaling/v2) and KEDA
 * ScaledObjects become their HPAs with `behavior` verbatim (a ScaledObject also its `keda` block: minReplicaCount,
 * polling and cooldown, activation thresholds), Knative Services become services with a `knative` block (read with
 * the cluster's `config-autoscaler`: read-knative-service.ts, knative-autoscaler-config.ts), Karpenter NodePools and design-sim's
 * node-group hints become node pools, and design-sim's own ConfigMap (from `export k8s`) supplies the
 * rest. What cannot be mapped is reported, object by object; kinds design-sim does not read are named
 * and skipped. Works on plain parsed YAML: no cluster access. Longer than the ~400 lines a file should be: one
 * function maps every kind onto the one scenario under construction, and the kind-specific readers live beside it.
 */
import { listInstances } from '@design-sim/cost-model';
import { formatDuration, formatPath, hpaMetricSchema, MAX_NODE_POOLS, MAX_SERVICES, MAX_TERMINATION_GRACE_SECONDS, printableName, type PathSegment, type SourceLocation } from '@design-sim/sim-core';
import { CliError } from '../cli-error.ts';
import { parseEmbeddedYaml } from './embedded-yaml.ts';
import { metricForName, metricInQuery, type HpaMetricName } from './hpa-metric-names.ts';
import type { FieldOrigin } from './import-origins.ts';
import { fieldError, int32At, refuseNonPositiveQuantityAt, quantityAt, type ObjectPlace } from './manifest-fields.ts';
import { firstFieldTypeError } from './manifest-schema.ts';
import { GPU_RESOURCE, MANAGED_BY, MANAGED_BY_LABEL, parseGoDuration, parseQuantity, schedulerCpus, toQuantity } from './k8s-object.ts';
import { MIN_NODES_ANNOTATION, NODE_GROUPS_KEY, REMAINDER_KEY, SPOT_SHARE_ANNOTATION } from './export-k8s.ts';
import { PROVISIONER_ANNOTATION, readKarpenterNodePool } from './karpenter-node-pool.ts';
import { DEFAULT_CLUSTER, isConfigAutoscaler, readConfigAutoscaler } from './knative-autoscaler-config.ts';
import { KNATIVE_SERVICE_API } from './knative-service.ts';
import { DEFAULT_KNATIVE_GRACE, readKnativeService } from './read-knative-service.ts';
import { INSTANCE_TYPE_LABEL, KARPENTER_CAPACITY_TYPE, KARPENTER_NODE_CLASS, POOL_LABEL_KEYS } from './node-pool-labels.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const obj = (v: unknown): Obj => (isObj(v) ? v : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** One parsed YAML document and the file it came from. */
export interface ManifestDoc {
  file: string;
  doc: unknown;
  /** Source position of a path in `doc`, for located errors; absent when the document has no source. */
  locate?: (path: readonly PathSegment[]) => SourceLocation | null;
}

/** One thing the user should know: what was not mapped, estimated or skipped. */
export interface ImportNote {
  file: string;
  /** `Kind/name`, or '' for the whole import. */
  object: string;
  message: string;
}

/** Values to use where the manifests say nothing (traffic and service time are never in them). */
export interface ImportOptions {
  name?: string;
  qps?: number;
  latencyMs?: number;
}

/** The scenario document (input form) and the notes. */
export interface ImportResult {
  scenario: Obj;
  notes: ImportNote[];
  /** The manifest field each scenario field was read from, to locate the imported scenario's issues (import-origins.ts). */
  origins: FieldOrigin[];
  /** Objects mapped (Deployments, autoscalers, node pools). */
  mapped: number;
}

/** The kinds import reads, for messages. */
export const SUPPORTED_KINDS = 'Deployment (apps/v1), HorizontalPodAutoscaler (autoscaling/v2), ScaledObject (keda.sh/v1alpha1), Service (serving.knative.dev/v1, Knative) with the knative-serving ConfigMap config-autoscaler, NodePool (karpenter.sh/v1), PodDisruptionBudget, and the ConfigMaps of `design-sim export k8s`';

interface Item {
  file: string;
  o: Obj;
  kind: string;
  apiVersion: string;
  name: string;
  /** Where its fields are, for located errors. */
  place: ObjectPlace;
}

/** The kinds import maps (a managed ConfigMap aside); every other kind is named and skipped. */
const READ_KINDS = new Set(['Deployment', 'HorizontalPodAutoscaler', 'ScaledObject', 'NodePool', 'PodDisruptionBudget']);

/** A Knative Service (any serving.knative.dev version: a version other than v1 is named and skipped); a core v1 Service is not read. */
const isKnative = (kind: string, apiVersion: string): boolean => kind === 'Service' && apiVersion.startsWith('serving.knative.dev/');

/** Is an object of this kind and version one import maps? */
const reads = (kind: string, apiVersion: string): boolean => READ_KINDS.has(kind) || isKnative(kind, apiVersion);

const inNamespace = (o: Obj): string => {
  const ns = str(obj(o.metadata).namespace);
  return ns === undefined ? 'no namespace' : `namespace ${ns}`;
};

function flatten(docs: readonly ManifestDoc[], notes: ImportNote[]): Item[] {
  const out: Item[] = [];
  // Objects are matched by kind and name (an HPA's scaleTargetRef, a service per Deployment), and a scenario's
  // names are unique: a second Deployment "api" (another namespace of `kubectl get deploy -A`) was merged into
  // the first, its replicas and GPUs overwriting them, without a word. The first is kept, the others named.
  const first = new Map<string, Item>();
  const add = (m: ManifestDoc, d: unknown, at: readonly PathSegment[]) => {
    const file = m.file;
    if (d === null || d === undefined) return;
    const o = obj(d);
    const kind = str(o.kind);
    if (kind === 'List' || (kind?.endsWith('List') === true && Array.isArray(o.items))) {
      list(o.items).forEach((i, k) => add(m, i, [...at, 'items', k]));
      return;
    }
    const name = str(obj(o.metadata).name);
    if (kind === undefined || str(o.apiVersion) === undefined || name === undefined) {
      // Located and specific: in a file of many documents "a document without apiVersion, kind and metadata.name"
      // did not say which one, nor which of the three it lacked.
      const missing = [str(o.apiVersion) === undefined ? 'apiVersion' : '', kind === undefined ? 'kind' : '', name === undefined ? 'metadata.name' : ''].filter((f) => f !== '');
      const pos = m.locate?.(at) ?? null;
      const what = at.length === 0 ? 'a document' : `${formatPath(at)} of a List`;
      notes.push({ file: pos === null ? file : `${file}:${pos.line}:${pos.column}`, object: '', message: `${what} without ${missing.join(', ')} (${missing.length === 1 ? 'a string' : 'strings'}) is not a Kubernetes object: skipped` });
      return;
    }
    const place: ObjectPlace = { file, object: `${kind}/${name}`, locate: (path) => m.locate?.([...at, ...path]) ?? null };
    const item = { file, o, kind, apiVersion: str(o.apiVersion) ?? '', name, place };
    const key = `${kind}/${name}`;
    const readable = reads(kind, item.apiVersion);
    const earlier = readable ? first.get(key) : undefined;
    if (earlier !== undefined) {
      notes.push({ file, object: key, message: `a second ${kind} named "${name}" (${inNamespace(o)}; the first, in ${earlier.file}, has ${inNamespace(earlier.o)}): objects are matched by name, so only the first is imported; import each namespace on its own` });
      return;
    }
    if (readable) first.set(key, item);
    out.push(item);
  };
  for (const m of docs) add(m, m.doc, []);
  return out;
}

const ref = (i: Item) => `${i.kind}/${i.name}`;

/**
 * The default scenario name, from the first workload's: a Deployment may be called `web.v2` or be 253 characters
 * long, which a scenario name (a DNS label) may not, and the scenario's name was then refused as well as the
 * service's, two lines (one unlocated) for one cause. The service keeps its located error; the name is made fit.
 */
function scenarioNameOf(workload: string | undefined): string {
  const fit = (workload ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 63).replace(/^-+|-+$/g, '');
  return fit === '' ? 'imported' : fit;
}

/** A PDB's maxUnavailable or minAvailable as policy/v1 validates it: a pod count, or a percentage from 0 % to 100 %. */
const intOrPercent = (v: unknown): number | string | undefined =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : typeof v === 'string' && /^(100|[0-9]{1,2})%$/.test(v) ? v : undefined;

/**
 * A PodDisruptionBudget as `services[].disruptionBudget`: it must select, by `matchLabels`, the pods of exactly one
 * Deployment given (design-sim's budget covers one service's pods), and set one of maxUnavailable and minAvailable.
 */
function readDisruptionBudget(i: Item, items: readonly Item[], note: (m: string) => void): { deployment: string; spec: { maxUnavailable: number | string } | { minAvailable: number | string } } | undefined {
  if (i.apiVersion !== 'policy/v1') {
    note(`${i.apiVersion} is not read: convert to policy/v1`);
    return undefined;
  }
  const s = obj(i.o.spec);
  const selector = obj(s.selector);
  const match = Object.entries(obj(selector.matchLabels));
  if (match.length === 0 || list(selector.matchExpressions).length > 0) {
    note('only a selector of matchLabels is read (a PDB with an empty selector selects nothing): skipped');
    return undefined;
  }
  // A Knative revision's pods carry its template's labels (pkg/reconciler/revision/resources/meta.go `makeLabels`).
  const selected = items.filter((d) => (d.kind === 'Deployment' || (isKnative(d.kind, d.apiVersion) && d.apiVersion === KNATIVE_SERVICE_API)) && match.every(([k, v]) => obj(obj(obj(obj(d.o.spec).template).metadata).labels)[k] === v));
  if (selected.length !== 1) {
    note(
      selected.length === 0
        ? 'its selector matches the pods of no Deployment given: skipped'
        : `its selector matches the pods of ${selected.length} Deployments (${selected.map((d) => d.name).join(', ')}); design-sim's budget covers one service: skipped`,
    );
    return undefined;
  }
  const max = s.maxUnavailable === undefined ? undefined : intOrPercent(s.maxUnavailable);
  const min = s.minAvailable === undefined ? undefined : intOrPercent(s.minAvailable);
  if ((s.maxUnavailable !== undefined) === (s.minAvailable !== undefined) || (s.maxUnavailable !== undefined && max === undefined) || (s.minAvailable !== undefined && min === undefined)) {
    note('give exactly one of maxUnavailable and minAvailable, each a pod count or a percentage ("25%"): skipped');
    return undefined;
  }
  if (s.unhealthyPodEvictionPolicy !== undefined) note(`unhealthyPodEvictionPolicy ${String(s.unhealthyPodEvictionPolicy)} is not simulated (the eviction API's default, IfHealthyBudget, is)`);
  return { deployment: selected[0]!.name, spec: max !== undefined ? { maxUnavailable: max } : { minAvailable: min! } };
}
/** Where a ConfigMap's embedded document is, for messages: `team.yaml ConfigMap/x data["scenario.yaml"]`. */
const dataKeyOf = (i: Item, key: string) => `${i.file} ${ref(i)} data[${JSON.stringify(key)}]`;

function findOrAdd(items: unknown[], name: string, make: () => Obj): Obj {
  const found = items.find((x) => isObj(x) && x.name === name);
  if (isObj(found)) return found;
  const made = make();
  items.push(made);
  return made;
}

/**
 * A container's resource quantity (`resources.limits.cpu`), or undefined when absent. A quantity present but not
 * one Kubernetes reads (`1e9m`, `abc`) or negative is refused: the API server would refuse it, and counting it as
 * none made a CPU service a GPU service with no GPUs, exit 0.
 */
function resourceQuantity(i: Item, container: number, kind: 'limits' | 'requests', name: string, value: unknown): number | undefined {
  return quantityAt(i.place, ['spec', 'template', 'spec', 'containers', container, 'resources', kind, name], value);
}

/**
 * Refuses an object import reads whose fields `kubectl apply` would refuse: a type its schema does not allow
 * anywhere in it (manifest-schema.ts: `resources: [1, 2]`, `minReplicas: "2"`, `containerPort: "80"`), and the
 * API server's bounds on the counts import reads. Kubernetes 1.36: `ValidateDeploymentSpec` (replicas ≥ 0),
 * `validateProbe` (periodSeconds, failureThreshold ≥ 0; 0 is defaulted to 10 and 3), `validateHorizontalPodAutoscalerSpec`
 * (maxReplicas required, ≥ 1; minReplicas ≥ 1 without the alpha HPAScaleToZero gate, which import does not assume).
 */
function checkFields(i: Item): void {
  const bad = firstFieldTypeError(i.apiVersion, i.kind, i.o);
  if (bad !== undefined) throw fieldError(i.place, bad.path, bad.expected, bad.value);
  const s = obj(i.o.spec);
  if (i.kind === 'Deployment' || isKnative(i.kind, i.apiVersion)) {
    if (i.kind === 'Deployment') int32At(i.place, ['spec', 'replicas'], s.replicas, 0);
    list(obj(obj(s.template).spec).containers).forEach((c, k) => {
      for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe'] as const) {
        const p = obj(obj(c)[probe]);
        for (const f of ['periodSeconds', 'failureThreshold', 'initialDelaySeconds', 'timeoutSeconds', 'successThreshold'] as const) {
          int32At(i.place, ['spec', 'template', 'spec', 'containers', k, probe, f], p[f], 0);
        }
      }
    });
  }
  if (i.kind === 'HorizontalPodAutoscaler' && i.apiVersion === 'autoscaling/v2') {
    int32At(i.place, ['spec', 'minReplicas'], s.minReplicas, 1, 'the API server refuses 0 unless the alpha HPAScaleToZero feature gate is on');
    const max = int32At(i.place, ['spec', 'maxReplicas'], s.maxReplicas, 1);
    if (max === undefined) throw fieldError(i.place, ['spec', 'maxReplicas'], 'an integer from 1 (the API server requires it)', s.maxReplicas);
    // A target of 0 reached the scenario and was refused there, at "Deployment/api spec.services[0].hpa.metrics[0].target".
    list(s.metrics).forEach((m, k) => {
      const key = METRIC_BODY[str(obj(m).type) ?? ''];
      if (key === undefined) return;
      const target = obj(obj(obj(m)[key]).target);
      for (const f of ['averageValue', 'value'] as const) refuseNonPositiveQuantityAt(i.place, ['spec', 'metrics', k, key, 'target', f], target[f], 'the API server refuses 0 and below');
      int32At(i.place, ['spec', 'metrics', k, key, 'target', 'averageUtilization'], target.averageUtilization, 1, 'the API server refuses 0');
    });
  }
  if (i.kind === 'ScaledObject') {
    // KEDA's prometheus scaler makes the HPA's AverageValue target from `threshold` (NewPrometheusScaler →
    // GetMetricTargetMili, kedacore/keda@8b4f083 pkg/scalers/prometheus_scaler.go), so 0 makes an HPA the API server
    // refuses. It was refused in the imported scenario, at the Deployment, not at the trigger.
    list(s.triggers).forEach((t, k) => {
      if (obj(t).type !== 'prometheus') return;
      refuseNonPositiveQuantityAt(i.place, ['spec', 'triggers', k, 'metadata', 'threshold'], obj(obj(t).metadata).threshold, 'KEDA makes the HPA\'s averageValue target from it, and the API server refuses 0 and below');
    });
  }
}

/** The field of an autoscaling/v2 metric spec that holds its target, by metric type. */
const METRIC_BODY: Readonly<Record<string, string>> = { Pods: 'pods', Object: 'object', External: 'external', Resource: 'resource', ContainerResource: 'containerResource' };

/**
 * A resource of each container: its limit, else its request (`first`), summed over the containers; `at` is the
 * field of the first container that has it (where an issue with the sum is told), else undefined.
 */
function podResource(i: Item, template: Obj, name: string, first: 'limits' | 'requests'): { n: number; at: PathSegment[] | undefined } {
  const other = first === 'limits' ? 'requests' : 'limits';
  let n = 0;
  let at: PathSegment[] | undefined;
  list(obj(template.spec).containers).forEach((c, k) => {
    const r = obj(obj(c).resources);
    const a = resourceQuantity(i, k, first, name, obj(r[first])[name]);
    const b = a === undefined ? resourceQuantity(i, k, other, name, obj(r[other])[name]) : undefined;
    if (at === undefined && (a ?? b) !== undefined) at = ['spec', 'template', 'spec', 'containers', k, 'resources', a === undefined ? other : first, name];
    n += a ?? b ?? 0;
  });
  return { n, at };
}

/** The GPUs a pod template asks for: the sum over its containers of limits (else requests) of nvidia.com/gpu. */
const podGpus = (i: Item, template: Obj) => podResource(i, template, GPU_RESOURCE, 'limits');

/** The vCPUs a pod template requests: the sum over its containers of requests (else limits) of cpu. */
const podCpus = (i: Item, template: Obj) => podResource(i, template, 'cpu', 'requests');

interface MetricTarget {
  metric: HpaMetricName;
  target: number;
  source: 'Pods' | 'External' | 'Resource';
  targetType: 'AverageValue' | 'Value';
  /** Said when the mapping approximates the manifest (an External metric simulated as a Pods one). */
  note?: string;
  /** The manifest field the target was read from. */
  from?: PathSegment[];
}

/** The scenario metric types that take a `source` (hpa-schema.ts): the others are per-replica (Pods) figures only. */
const SOURCED_TYPES: ReadonlySet<string> = new Set(hpaMetricSchema.options.filter((o) => 'source' in o.shape).map((o) => o.shape.type.value));

/**
 * An External metric with an AverageValue target (every KEDA prometheus trigger) as a scenario metric: External for
 * the types whose scenario form has a `source`, else a Pods metric with a note. Both give ceil(total ÷ target)
 * replicas when every replica is ready (GetExternalPerPodMetricReplicas; GetMetricReplicas), but only the Pods form
 * applies the readiness rules (docs/kubernetes-semantics.md §1). `source: External` on a qpsPerReplica metric was
 * refused by the scenario schema: every ScaledObject with a requests-per-second trigger failed to import
 * ("hpa.metrics[0].source: unknown field", exit 2).
 */
function externalAverage(metric: HpaMetricName, target: number): MetricTarget {
  if (SOURCED_TYPES.has(metric.type)) return { metric, target, source: 'External', targetType: 'AverageValue' };
  const note = `the External metric "${metric.name}" (AverageValue) is simulated as ${metric.type}, a per-replica (Pods) metric: the same ceil(total ÷ target) replicas while every replica is ready, but with the Pods readiness rules, which the External form does not apply`;
  return { metric, target, source: 'Pods', targetType: 'AverageValue', note };
}

/** An autoscaling/v2 metric spec mapped to a scenario metric, or a reason it cannot be. */
function hpaMetric(m: Obj): MetricTarget | string {
  const type = str(m.type);
  const body = obj(m[type === 'Pods' ? 'pods' : type === 'Object' ? 'object' : type === 'External' ? 'external' : type === 'Resource' ? 'resource' : 'containerResource']);
  if (type === 'Resource' && str(body.name) === 'cpu' && str(obj(body.target).type) === 'Utilization' && typeof obj(body.target).averageUtilization === 'number') {
    return { metric: { type: 'cpuUtilization', name: 'cpu', aliases: [], scale: 1 }, target: obj(body.target).averageUtilization as number, source: 'Resource', targetType: 'AverageValue' };
  }
  if (type === 'Resource' || type === 'ContainerResource') return `a ${type} metric (${str(body.name) ?? '?'}) ${type === 'Resource' && str(body.name) === 'cpu' ? 'with a target other than Utilization' : 'is memory or per container'}: not simulated`;
  if (type !== 'Pods' && type !== 'External' && type !== 'Object') return `metric type "${type ?? '?'}" is not one of Pods, External, Object, Resource`;
  const name = str(obj(body.metric).name) ?? '';
  const metric = metricForName(name);
  if (metric === undefined) return `the ${type ?? '?'} metric "${name}" is not one design-sim simulates (it knows requests per second, in-flight and waiting requests, KV-cache and GPU utilization)`;
  const t = obj(body.target);
  const value = parseQuantity(t.averageValue ?? t.value);
  if (value === undefined) return `the metric "${name}" has no averageValue or value target`;
  if (type === 'Object') return `the Object metric "${name}" describes another object: not simulated`;
  const total = t.averageValue === undefined;
  if (type === 'Pods' && total) return `the Pods metric "${name}" has no averageValue target`;
  if (total && metric.type !== 'concurrency' && metric.type !== 'queueLength') return `the External metric "${name}" targets a total value, which design-sim models only for in-flight and waiting requests`;
  if (type === 'External' && !total) return externalAverage(metric, value / metric.scale);
  return { metric, target: value / metric.scale, source: type === 'External' ? 'External' : 'Pods', targetType: total ? 'Value' : 'AverageValue' };
}

/** The field of autoscaling/v2 metric `k` its target was read from. */
function metricTargetField(m: Obj, k: number): PathSegment[] {
  const key = METRIC_BODY[str(m.type) ?? ''] ?? 'resource';
  const target = obj(obj(m[key]).target);
  const field = target.averageUtilization !== undefined ? 'averageUtilization' : target.averageValue !== undefined ? 'averageValue' : 'value';
  return ['spec', 'metrics', k, key, 'target', field];
}

/** Fills `hpa` from bounds, metrics and behavior; returns false when no metric could be mapped. */
function applyAutoscaler(hpa: Obj, a: { min: number; max: number; metrics: MetricTarget[]; behavior: unknown }): boolean {
  if (a.metrics.length === 0) return false;
  const extras = list(hpa.metrics).filter(isObj);
  hpa.minReplicas = a.min;
  hpa.maxReplicas = a.max;
  hpa.metrics = a.metrics.map((m, i) => {
    const extra = extras.find((e) => e.type === m.metric.type && extras.indexOf(e) === i) ?? extras.find((e) => e.type === m.metric.type);
    // With the design-sim ConfigMap, its fields stay exactly as written; without, the manifest says where the metric comes from.
    const where = extra !== undefined || m.source === 'Resource' || (m.source === 'Pods' && m.targetType === 'AverageValue') ? {} : { source: m.source, ...(m.targetType === 'Value' ? { targetType: m.targetType } : {}) };
    return { ...(extra ?? {}), ...where, type: m.metric.type, target: Number(m.target.toPrecision(12)) };
  });
  if (a.behavior === undefined) delete hpa.behavior;
  else hpa.behavior = structuredClone(a.behavior);
  return true;
}

/**
 * The ScaledObject's own fields onto `services[].keda` (defaults as KEDA's: minReplicaCount 0). Its triggers come
 * from the design-sim ConfigMap when it has them; otherwise from the prometheus triggers (their activation
 * thresholds), which read the replicas' own series: scale to zero is then simulated as the manifests would run it.
 */
function applyScaledObject(svc: Obj, s: Obj, min: number, activations: readonly { type: HpaMetricName['type']; threshold: number }[], note: (m: string) => void): void {
  const existing = isObj(svc.keda) ? svc.keda : undefined;
  const k: Obj = existing ?? {};
  k.minReplicaCount = min;
  for (const f of ['pollingInterval', 'cooldownPeriod', 'initialCooldownPeriod'] as const) if (typeof s[f] === 'number') k[f] = s[f];
  // spec.fallback as written: the scenario schema checks it (and refuses behavior scalingModifiers, located there).
  if (isObj(s.fallback)) k.fallback = structuredClone(s.fallback);
  else delete k.fallback;
  if (existing === undefined || !Array.isArray(existing.triggers)) {
    const pollable = activations.filter((a) => a.type === 'queueLength' || a.type === 'concurrency' || a.type === 'qpsPerReplica');
    if (pollable.length === 0) {
      // KEDA itself never scales to zero on cpu/memory triggers alone (getScaledObjectState forces them active).
      if (min === 0) note('minReplicaCount 0, but no trigger design-sim can poll for activation (prometheus queries on requests per second, in-flight or waiting requests): scale to zero is not simulated; minReplicaCount 1');
      delete svc.keda;
      return;
    }
    k.triggers = pollable.map((a) => ({ type: 'prometheus', metric: a.type, activationThreshold: a.threshold }));
    if (min === 0) note("minReplicaCount 0: KEDA scales it to zero; its prometheus triggers query the replicas' own metrics, which read nothing at zero, so once at zero it never wakes (the KEDA HTTP add-on's interceptor counts requests at zero: add a requestRate trigger and a buffer to model it)");
  }
  svc.keda = k;
}

/**
 * More Deployments or NodePools than a scenario holds, refused before they are mapped: each is matched to the
 * services made so far by name, so 60,000 Deployments (an 11 MB `kubectl get deploy -A -o json`) took 40 s to map
 * before the same count was refused after. commands/k8s.ts checks the mapped scenario too (a ConfigMap adds services).
 */
function refuseTooMany(docs: readonly ManifestDoc[], items: readonly Item[]): void {
  // A service is made from a Deployment or a Knative Service: both count.
  const knative = items.filter((i) => isKnative(i.kind, i.apiVersion)).length;
  for (const [kind, what, key, max] of [['Deployment', knative > 0 ? 'Deployments and Knative Services' : 'Deployments', 'services', MAX_SERVICES], ['NodePool', 'node pools', 'nodePools', MAX_NODE_POOLS]] as const) {
    const n = items.filter((i) => i.kind === kind).length + (kind === 'Deployment' ? knative : 0);
    const files = [...new Set(docs.map((d) => printableName(d.file)))].join(', ');
    if (n > max) throw new CliError(`${files}: ${n.toLocaleString('en-US')} ${what} to import, but a scenario holds at most ${max} (spec.${key}; docs/limits.md): import one namespace or a few Deployments at a time`);
  }
}

/** Maps `docs` to a scenario. */
export function importK8s(docs: readonly ManifestDoc[], options: ImportOptions = {}): ImportResult {
  const notes: ImportNote[] = [];
  const origins: FieldOrigin[] = [];
  /** Records that `scenario` (under spec) was read from `field` of `i`. */
  const from = (scenario: readonly PathSegment[], i: Item, field: readonly PathSegment[] = []) => origins.push({ scenario: ['spec', ...scenario], place: i.place, field });
  const items = flatten(docs, notes);
  refuseTooMany(docs, items);
  for (const i of items) if (reads(i.kind, i.apiVersion) || isConfigAutoscaler(i.kind, i.o)) checkFields(i);
  const note = (i: Item | undefined, message: string) => notes.push({ file: i?.file ?? '', object: i === undefined ? '' : ref(i), message });
  const managed = (i: Item) => i.kind === 'ConfigMap' && obj(obj(i.o.metadata).labels)[MANAGED_BY_LABEL] === MANAGED_BY;
  const remainderItem = items.find((i) => managed(i) && typeof obj(i.o.data)[REMAINDER_KEY] === 'string');
  let mapped = 0;

  const scenario: Obj = remainderItem === undefined ? {} : obj(parseEmbeddedYaml(str(obj(remainderItem.o.data)[REMAINDER_KEY]) ?? '', dataKeyOf(remainderItem, REMAINDER_KEY)));
  const hasRemainder = remainderItem !== undefined;
  scenario.apiVersion ??= 'design-sim/v1';
  scenario.kind ??= 'Scenario';
  const firstWorkload = items.find((i) => i.kind === 'Deployment' || isKnative(i.kind, i.apiVersion));
  scenario.metadata ??= { name: options.name ?? scenarioNameOf(firstWorkload?.name), title: 'Imported from Kubernetes manifests' };
  const spec = obj((scenario.spec ??= {}));
  if (!hasRemainder) {
    spec.duration = '1h';
    spec.traffic = { arrivals: 'poisson', profile: { type: 'constant', qps: options.qps ?? 10 } };
    note(undefined, `traffic is not in Kubernetes manifests: spec.traffic is ${options.qps ?? 10} QPS constant${options.qps === undefined ? ' (a placeholder: pass --qps or edit the file)' : ''}, spec.duration 1h`);
  } else if (options.qps !== undefined) {
    // The ConfigMap's traffic wins; --qps was dropped without a word (a fuzzed --qps 1e308 "imported" fine).
    notes.push({ file: remainderItem.file, object: ref(remainderItem), message: `--qps ${options.qps} is not used: the design-sim ConfigMap carries the scenario's own spec.traffic; edit it in the written file` });
  }
  const services = list((spec.services ??= []));
  const pools = list((spec.nodePools ??= []));

  // Node pools first: a Deployment's nodeSelector may name them.
  for (const i of items.filter((x) => managed(x) && typeof obj(x.o.data)[NODE_GROUPS_KEY] === 'string')) {
    const h = obj(parseEmbeddedYaml(str(obj(i.o.data)[NODE_GROUPS_KEY]) ?? '', dataKeyOf(i, NODE_GROUPS_KEY)));
    const name = str(h.name) ?? i.name;
    const pool = findOrAdd(pools, name, () => ({ name }));
    pool.instance = `${str(h.cloud)}/${str(h.region)}/${str(h.instanceType)}`;
    pool.minNodes = h.minNodes;
    pool.maxNodes = h.maxNodes;
    pool.spotShare = h.spotShare;
    if (!hasRemainder) {
      const flag = (f: string) => list(h.clusterAutoscalerFlags).map(String).find((x) => x.startsWith(`--${f}=`))?.split('=')[1];
      const ca: Obj = {};
      for (const [f, key] of [['scan-interval', 'scanInterval'], ['scale-down-unneeded-time', 'scaleDownUnneededTime'], ['scale-down-delay-after-add', 'scaleDownDelayAfterAdd'], ['max-node-provision-time', 'maxNodeProvisionTime']] as const) {
        const v = parseGoDuration(flag(f));
        if (v !== undefined) ca[key] = formatDuration(v);
      }
      const threshold = Number(flag('scale-down-gpu-utilization-threshold'));
      if (Number.isFinite(threshold)) ca.scaleDownUtilizationThreshold = threshold;
      pool.clusterAutoscaler = ca;
    }
    mapped++;
  }
  for (const i of items.filter((x) => x.kind === 'NodePool')) {
    if (!i.apiVersion.startsWith('karpenter.sh/')) {
      note(i, `${i.apiVersion} NodePool is not Karpenter's (karpenter.sh/v1): skipped`);
      continue;
    }
    const fromRemainder = pools.find((x) => isObj(x) && x.name === i.name);
    if ((isObj(fromRemainder) && fromRemainder.provisioner === 'karpenter') || obj(obj(i.o.metadata).annotations)[PROVISIONER_ANNOTATION] === 'karpenter') {
      const read = readKarpenterNodePool(i.o, isObj(fromRemainder) ? str(fromRemainder.instance) : undefined, (m) => note(i, m));
      if (read === undefined) {
        note(i, `no ${INSTANCE_TYPE_LABEL} requirement names an instance type in the catalog: the pool cannot be priced: skipped`);
        continue;
      }
      const pool = findOrAdd(pools, i.name, () => ({ name: i.name }));
      from(['nodePools', pools.indexOf(pool)], i);
      pool.provisioner = 'karpenter';
      pool.karpenter = read.karpenter;
      if (read.instance === undefined) delete pool.instance;
      else pool.instance = read.instance;
      mapped++;
      continue;
    }
    const s = obj(i.o.spec);
    const tspec = obj(obj(s.template).spec);
    const reqs = list(tspec.requirements).filter(isObj);
    const req = (key: string) => reqs.find((r) => r.key === key && r.operator === 'In');
    const types = list(req(INSTANCE_TYPE_LABEL)?.values).map(String);
    const group = str(obj(tspec.nodeClassRef).group);
    const cloud = Object.entries(KARPENTER_NODE_CLASS).find(([, c]) => c.group === group)?.[0];
    const pool = findOrAdd(pools, i.name, () => ({ name: i.name }));
    from(['nodePools', pools.indexOf(pool)], i);
    const known = str(pool.instance);
    const candidates = listInstances(cloud === undefined ? {} : { cloud: cloud as 'aws' | 'azure' }).filter((x) => types.includes(x.type));
    const chosen = candidates.find((x) => x.id === known) ?? candidates.find((x) => x.type === types[0]);
    if (chosen === undefined) {
      note(i, `no ${INSTANCE_TYPE_LABEL} requirement names an instance type in the catalog (${types.join(', ') || 'none'}): the pool cannot be priced; set spec.nodePools[].instance`);
      continue;
    }
    pool.instance = chosen.id;
    if (types.length > 1) note(i, `it allows ${types.length} instance types; the simulation uses one, ${chosen.id}`);
    if (known === undefined && candidates.filter((x) => x.type === chosen.type).length > 1) note(i, `${chosen.type} is sold in several regions; the scenario uses ${chosen.region}: edit spec.nodePools[].instance for yours`);
    const capacity = list(req(KARPENTER_CAPACITY_TYPE)?.values).map(String);
    const ann = obj(obj(i.o.metadata).annotations);
    const share = Number(ann[SPOT_SHARE_ANNOTATION]);
    pool.spotShare = Number.isFinite(share) && ann[SPOT_SHARE_ANNOTATION] !== undefined ? share : capacity.includes('spot') ? (capacity.includes('on-demand') ? 0.5 : 1) : 0;
    if (ann[SPOT_SHARE_ANNOTATION] === undefined && capacity.includes('spot') && capacity.includes('on-demand')) note(i, 'both spot and on-demand capacity allowed: the simulation assumes half spot (spotShare 0.5)');
    const minNodes = Number(ann[MIN_NODES_ANNOTATION]);
    pool.minNodes = Number.isFinite(minNodes) && ann[MIN_NODES_ANNOTATION] !== undefined ? minNodes : (pool.minNodes ?? 0);
    // A limit present but unreadable ("1e400") is refused at its field, as a container's resources are: it was read
    // as no limit ("the pool is capped at maxNodes 100"), which the manifest does not say.
    const gpuLimit = quantityAt(i.place, ['spec', 'limits', GPU_RESOURCE], obj(s.limits)[GPU_RESOURCE]);
    const cpuLimit = quantityAt(i.place, ['spec', 'limits', 'cpu'], obj(s.limits).cpu);
    const at = ['nodePools', pools.indexOf(pool), 'maxNodes'];
    if (gpuLimit !== undefined && chosen.gpuCount > 0) {
      pool.maxNodes = Math.max(1, Math.floor(gpuLimit / chosen.gpuCount));
      from(at, i, ['spec', 'limits', GPU_RESOURCE]);
    } else if (cpuLimit !== undefined && chosen.gpuCount === 0 && (chosen.vcpus ?? 0) > 0) {
      pool.maxNodes = Math.max(1, Math.floor(cpuLimit / chosen.vcpus!));
      from(at, i, ['spec', 'limits', 'cpu']);
    } else {
      pool.maxNodes ??= 100;
      note(i, `no ${GPU_RESOURCE} limit: the pool is capped at maxNodes ${String(pool.maxNodes)}`);
    }
    const after = parseGoDuration(obj(s.disruption).consolidateAfter);
    if (!hasRemainder && after !== undefined) pool.clusterAutoscaler = { scaleDownUnneededTime: formatDuration(after) };
    note(i, 'Karpenter provisions in seconds from pending pods; the simulation uses its cluster-autoscaler model (10 s scans, scale-down after consolidateAfter)');
    mapped++;
  }
  const poolNames = new Set(pools.filter(isObj).map((p) => p.name));
  // Services the design-sim ConfigMap describes keep its start-up times (absent there = the defaults).
  const described = new Set(services.filter(isObj).map((x) => x.name));

  /** The service a workload (Deployment or Knative Service) describes, made with placeholder latency when new. */
  const serviceOf = (i: Item): { svc: Obj; at: PathSegment[] } => {
    const svc = findOrAdd(services, i.name, () => {
      note(i, `no service time in Kubernetes manifests: latency is exponential with mean ${options.latencyMs ?? 100} ms${options.latencyMs === undefined ? ' (a placeholder: pass --latency or edit the file)' : ''}`);
      return { name: i.name, latency: { distribution: 'exponential', meanMs: options.latencyMs ?? 100 } };
    });
    if (described.has(i.name) && options.latencyMs !== undefined) note(i, `--latency ${options.latencyMs}ms is not used: the design-sim ConfigMap carries this service's own service time; edit it in the written file`);
    const at = ['services', services.indexOf(svc)];
    from(at, i);
    return { svc, at };
  };
  /**
   * The serving pod of a workload's template: GPUs or CPUs, pod annotations, node pool, and (without the design-sim
   * ConfigMap) start-up times from the probes. `knative`: a revision's readiness probe without a period is probed by
   * the queue-proxy aggressively, not every 10 s (knative/serving@98e5ef90 pkg/apis/serving/v1/revision_defaults.go
   * `applyReadinessProbeDefaults`, `applyUserContainerDefaultReadinessProbe`: every user container has one).
   */
  const readPod = (i: Item, template: Obj, svc: Obj, at: PathSegment[], kept: Record<string, string>, knative: boolean) => {
    const gpus = podGpus(i, template);
    svc.gpusPerReplica = gpus.n;
    if (gpus.at !== undefined) from([...at, 'gpusPerReplica'], i, gpus.at);
    const cpus = podCpus(i, template);
    if (gpus.n === 0 && cpus.n > 0) {
      // As kube-scheduler counts it: `1n` takes a whole millicore of a node, not 1e-9 of a CPU.
      const counted = schedulerCpus(cpus.n);
      svc.cpuPerReplica = counted;
      if (counted !== cpus.n) note(i, `a pod's cpu request of ${cpus.n} CPUs is ${toQuantity(counted)} as kube-scheduler counts it (whole millicores, rounded up): cpuPerReplica ${counted}`);
      delete svc.gpusPerReplica;
      if (cpus.at !== undefined) from([...at, 'cpuPerReplica'], i, cpus.at);
    }
    // The pod template's annotations, every key (the scenario warns about those it does not simulate, and refuses a
    // value of a known key it cannot read, located here through the origin). `checkFields` has refused a non-string
    // value already (the API server takes only strings).
    if (Object.keys(kept).length > 0) {
      svc.podAnnotations = { ...kept };
      from([...at, 'podAnnotations'], i, ['spec', 'template', 'metadata', 'annotations']);
    } else delete svc.podAnnotations;
    const selector = obj(obj(template.spec).nodeSelector);
    const poolName = POOL_LABEL_KEYS.map((k) => str(selector[k])).find((v) => v !== undefined);
    // Several pools (any of them): required node affinity, `In` on a pool label.
    const terms = list(obj(obj(obj(obj(template.spec).affinity).nodeAffinity).requiredDuringSchedulingIgnoredDuringExecution).nodeSelectorTerms);
    const anyOf = terms.flatMap((t) => list(obj(t).matchExpressions).filter(isObj)).filter((e) => POOL_LABEL_KEYS.includes(str(e.key) ?? '') && e.operator === 'In').flatMap((e) => list(e.values).map(String));
    const named = poolName !== undefined ? [poolName] : anyOf;
    const unknown = named.filter((n) => !poolNames.has(n));
    if (unknown.length > 0) note(i, `it names node pool${unknown.length === 1 ? '' : 's'} ${unknown.map((n) => `"${n}"`).join(', ')}, but no NodePool or node-group object for ${unknown.length === 1 ? 'it' : 'them'} was given`);
    const known = named.filter((n) => poolNames.has(n));
    if (poolName !== undefined && known.length === 1) svc.nodePool = poolName;
    else if (known.length > 0) svc.nodePool = known;
    if (!described.has(i.name)) {
      const c = obj(list(obj(template.spec).containers)[0]);
      const sp = obj(c.startupProbe);
      const rp = obj(c.readinessProbe);
      const budget = (Number(sp.periodSeconds ?? 10) || 10) * (Number(sp.failureThreshold ?? 3) || 3);
      const startup: Obj = {};
      if (c.startupProbe !== undefined) startup.modelLoad = `${Math.round(budget / 2)}s`;
      const period = Number(rp.periodSeconds ?? (knative ? 0 : 10));
      if (knative) startup.readiness = `${period > 0 ? period / 2 : 0}s`;
      else if (c.readinessProbe !== undefined) startup.readiness = `${(period || 10) / 2}s`;
      svc.startup = startup;
      note(i, `start-up times are estimated from the probes (model load ${String(startup.modelLoad ?? '0s')} = half the startup probe's budget, readiness ${String(startup.readiness ?? '0s')} = ${knative && period === 0 ? "the queue-proxy's aggressive probing, without a periodSeconds" : 'half the readiness period'}); image pull time is not in the manifests (0s): measure and set spec.services[].startup`);
    }
  };

  for (const i of items.filter((x) => x.kind === 'Deployment')) {
    const s = obj(i.o.spec);
    const template = obj(s.template);
    const { svc, at } = serviceOf(i);
    // Kubernetes defaults an absent replicas to 1; a present one is the scenario's to judge ("3" was read as 1, exit 0).
    svc.replicas = s.replicas ?? 1;
    if (s.replicas !== undefined && s.replicas !== null) from([...at, 'replicas'], i, ['spec', 'replicas']);
    // Absent: Kubernetes' default, 30 s, which is the scenario's default too (nothing written).
    const gracePath = ['spec', 'template', 'spec', 'terminationGracePeriodSeconds'];
    const grace = int32At(i.place, gracePath, obj(template.spec).terminationGracePeriodSeconds, 0);
    if (grace !== undefined) {
      svc.terminationGracePeriod = `${Math.min(grace, MAX_TERMINATION_GRACE_SECONDS)}s`;
      if (grace > MAX_TERMINATION_GRACE_SECONDS) note(i, `terminationGracePeriodSeconds ${grace} is longer than any request the simulator runs: kept as ${formatDuration(MAX_TERMINATION_GRACE_SECONDS)}, the same effect (no request is killed at termination)`);
    }
    readPod(i, template, svc, at, obj(obj(template.metadata).annotations) as Record<string, string>, false);
    mapped++;
  }
  // Knative's autoscaler settings: the cluster's ConfigMap when given (the first; a second is named and skipped).
  const clusterItems = items.filter((x) => isConfigAutoscaler(x.kind, x.o));
  const clusterItem = clusterItems[0];
  for (const extra of clusterItems.slice(1)) note(extra, `a second ${ref(extra)} (the first is in ${clusterItem?.file ?? ''}): a cluster has one; only the first is read`);
  const cluster = clusterItem === undefined ? DEFAULT_CLUSTER : readConfigAutoscaler(clusterItem.o, clusterItem.place, (m) => note(clusterItem, m));
  /** Services made from a Knative Service, so the ConfigMap's knative block without one is told. */
  const knativeRead = new Set<string>();
  for (const i of items.filter((x) => isKnative(x.kind, x.apiVersion))) {
    if (i.apiVersion !== KNATIVE_SERVICE_API) {
      note(i, `${i.apiVersion} is not read: convert to ${KNATIVE_SERVICE_API}`);
      continue;
    }
    if (items.some((x) => x.kind === 'Deployment' && x.name === i.name)) {
      note(i, `a Deployment named "${i.name}" was given too; a service is made from one workload: only the Deployment is imported`);
      continue;
    }
    const template = obj(obj(i.o.spec).template);
    const { svc, at } = serviceOf(i);
    const r = readKnativeService(i.o, i.place, cluster, (m) => note(i, m));
    // The KPA makes the revision's Deployment at initial-scale: the scenario's replicas is its initialScale (absent).
    delete svc.replicas;
    if (r.timeoutSeconds !== undefined) svc.terminationGracePeriod = `${Math.min(r.timeoutSeconds, MAX_TERMINATION_GRACE_SECONDS)}s`;
    else if (!described.has(i.name)) svc.terminationGracePeriod = DEFAULT_KNATIVE_GRACE;
    readPod(i, template, svc, at, r.podAnnotations, true);
    if (r.knative === undefined) delete svc.knative;
    else {
      // The design-sim ConfigMap keeps what no Knative object carries (the activator's buffer); the objects win for the rest.
      const kept = isObj(svc.knative) && svc.knative.buffer !== undefined ? { buffer: svc.knative.buffer } : {};
      svc.knative = { ...r.knative, ...kept };
      if (r.concurrency !== undefined) svc.concurrency = r.concurrency;
      from([...at, 'knative'], i);
      knativeRead.add(i.name);
    }
    for (const o of r.origins) {
      if (o.fromCluster && clusterItem !== undefined) from([...at, ...o.path], clusterItem, o.field);
      else if (!o.fromCluster) from([...at, ...o.path], i, o.field);
    }
    mapped++;
  }
  /** The first autoscaler of each Deployment, by name: a second one was merged over the first without a word. */
  const scaledBy = new Map<string, string>();
  const serviceFor = (i: Item, target: Obj): Obj | undefined => {
    const name = str(target.name);
    const svc = services.find((x) => isObj(x) && x.name === name);
    if (!isObj(svc)) {
      note(i, `it scales ${str(target.kind) ?? 'a workload'} "${name ?? '?'}", which is not among the Deployments given: skipped`);
      return undefined;
    }
    const first = scaledBy.get(String(name));
    if (first !== undefined) {
      // The HPA controller leaves pods two HPAs select unscaled (condition ScalingActive False, reason AmbiguousSelector),
      // and KEDA's webhook refuses a ScaledObject on a workload an HPA manages (kedacore/keda@8b4f083
      // apis/keda/v1alpha1/scaledobject_webhook.go: "is already managed by the hpa").
      note(i, `Deployment "${String(name)}" is already scaled by ${first}: Kubernetes does not let two autoscalers scale one workload (the HPA controller reports AmbiguousSelector and scales neither; KEDA refuses the ScaledObject), so only ${first} is imported: remove one`);
      return undefined;
    }
    scaledBy.set(String(name), ref(i));
    return svc;
  };
  for (const i of items.filter((x) => x.kind === 'HorizontalPodAutoscaler')) {
    if (i.apiVersion !== 'autoscaling/v2') {
      note(i, `${i.apiVersion} is not read (its targetCPUUtilizationPercentage is CPU, not simulated): convert to autoscaling/v2`);
      continue;
    }
    const s = obj(i.o.spec);
    const svc = serviceFor(i, obj(s.scaleTargetRef));
    if (svc === undefined) continue;
    const metrics: MetricTarget[] = [];
    list(s.metrics).forEach((m, k) => {
      if (!isObj(m)) return;
      const r = hpaMetric(m);
      if (typeof r === 'string') note(i, `${r}: left out`);
      else {
        if (r.note !== undefined) note(i, r.note);
        metrics.push({ ...r, from: metricTargetField(m, k) });
      }
    });
    const hpa = obj((svc.hpa ??= {}));
    if (!applyAutoscaler(hpa, { min: typeof s.minReplicas === 'number' ? s.minReplicas : 1, max: Number(s.maxReplicas), metrics, behavior: s.behavior })) {
      delete svc.hpa;
      note(i, 'no metric could be mapped: the service keeps a fixed replica count');
    } else {
      mapped++;
      const at = ['services', services.indexOf(svc), 'hpa'];
      from(at, i);
      from([...at, 'minReplicas'], i, ['spec', 'minReplicas']);
      from([...at, 'maxReplicas'], i, ['spec', 'maxReplicas']);
      from([...at, 'behavior'], i, ['spec', 'behavior']);
      metrics.forEach((m, k) => from([...at, 'metrics', k, 'target'], i, m.from ?? []));
    }
  }
  for (const i of items.filter((x) => x.kind === 'ScaledObject')) {
    const s = obj(i.o.spec);
    const svc = serviceFor(i, obj(s.scaleTargetRef));
    if (svc === undefined) continue;
    const metrics: MetricTarget[] = [];
    /** Activation thresholds of the prometheus triggers, by the scenario metric they query. */
    const activations: { type: HpaMetricName['type']; threshold: number }[] = [];
    for (const [k, t] of list(s.triggers).entries()) {
      if (!isObj(t)) continue;
      const md = obj(t.metadata);
      // A CPU service's cpu Utilization trigger is its HPA's cpu Resource metric; on a GPU service CPU is not simulated.
      if (t.type === 'cpu' && t.metricType === 'Utilization' && parseQuantity(md.value) !== undefined && svc.cpuPerReplica !== undefined) {
        metrics.push({ metric: { type: 'cpuUtilization', name: 'cpu', aliases: [], scale: 1 }, target: parseQuantity(md.value)!, source: 'Resource', targetType: 'AverageValue', from: ['spec', 'triggers', k, 'metadata', 'value'] });
        continue;
      }
      if (t.type !== 'prometheus') {
        note(i, `trigger type "${String(t.type)}" is not simulated (design-sim reads prometheus triggers on the metrics it models, and cpu Utilization on a CPU service): left out`);
        continue;
      }
      const metric = metricForName(str(md.metricName) ?? '') ?? metricInQuery(str(md.query) ?? '');
      const threshold = parseQuantity(md.threshold);
      if (metric === undefined || threshold === undefined) note(i, `prometheus trigger "${str(md.query) ?? ''}": no metric design-sim simulates, or no threshold: left out`);
      else {
        // KEDA's prometheus scaler targets the threshold as an AverageValue per replica by default.
        const averaged = externalAverage(metric, threshold / metric.scale);
        if (averaged.note !== undefined) note(i, averaged.note);
        metrics.push({ ...averaged, from: ['spec', 'triggers', k, 'metadata', 'threshold'] });
        activations.push({ type: metric.type, threshold: (parseQuantity(md.activationThreshold) ?? 0) / metric.scale });
      }
    }
    const min = typeof s.minReplicaCount === 'number' ? s.minReplicaCount : 0;
    const hpa = obj((svc.hpa ??= {}));
    const behavior = obj(obj(s.advanced).horizontalPodAutoscalerConfig).behavior;
    if (!applyAutoscaler(hpa, { min: Math.max(1, min), max: typeof s.maxReplicaCount === 'number' ? s.maxReplicaCount : 100, metrics, behavior })) {
      delete svc.hpa;
      note(i, 'no trigger could be mapped: the service keeps a fixed replica count');
      continue;
    }
    mapped++;
    const at = ['services', services.indexOf(svc)];
    from([...at, 'hpa'], i);
    from([...at, 'hpa', 'maxReplicas'], i, ['spec', 'maxReplicaCount']);
    from([...at, 'hpa', 'minReplicas'], i, ['spec', 'minReplicaCount']);
    from([...at, 'hpa', 'behavior'], i, ['spec', 'advanced', 'horizontalPodAutoscalerConfig', 'behavior']);
    metrics.forEach((m, k) => from([...at, 'hpa', 'metrics', k, 'target'], i, m.from ?? []));
    from([...at, 'keda'], i);
    if (isObj(s.fallback)) from([...at, 'keda', 'fallback'], i, ['spec', 'fallback']);
    applyScaledObject(svc, s, min, activations, (m) => note(i, m));
  }
  for (const i of items.filter((x) => x.kind === 'PodDisruptionBudget')) {
    const budget = readDisruptionBudget(i, items, (m) => note(i, m));
    if (budget === undefined) continue;
    const svc = services.find((x) => isObj(x) && x.name === budget.deployment);
    if (!isObj(svc)) continue;
    svc.disruptionBudget = budget.spec;
    from(['services', services.indexOf(svc), 'disruptionBudget'], i);
    mapped++;
  }
  for (const i of items) {
    if (reads(i.kind, i.apiVersion) || managed(i) || isConfigAutoscaler(i.kind, i.o)) continue;
    note(i, `unsupported kind ${i.kind} (${i.apiVersion}): skipped; design-sim reads ${SUPPORTED_KINDS}`);
  }
  for (const svc of services.filter(isObj)) {
    if (isObj(svc.knative) && !knativeRead.has(String(svc.name))) {
      delete svc.knative;
      notes.push({ file: remainderItem?.file ?? '', object: `Service/${String(svc.name)}`, message: 'the design-sim ConfigMap has a Knative autoscaler for it, but no Knative Service was given: fixed replica count' });
    }
    if (isObj(svc.hpa) && svc.hpa.maxReplicas === undefined) {
      delete svc.hpa;
      notes.push({ file: remainderItem?.file ?? '', object: `Deployment/${String(svc.name)}`, message: 'the design-sim ConfigMap has an HPA for it, but no HorizontalPodAutoscaler or ScaledObject was given: fixed replica count' });
    }
  }
  if (spec.nodePools !== undefined && pools.length === 0) delete spec.nodePools;
  return { scenario, notes, mapped, origins };
}
