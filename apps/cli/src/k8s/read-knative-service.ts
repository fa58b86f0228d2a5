/**
 * A team's Knative Service (serving.knative.dev/v1) read as a service's `knative` block: the template's
 * `autoscaling.knative.dev/*` annotations with Knative's own parsers and bounds (knative-keys.ts), the cluster's
 * `config-autoscaler` defaults where a revision has no annotation, the revision's `containerConcurrency`, and the
 * pod annotations Knative passes on to the pods. A value Knative's webhook would refuse is a located error; what it
 * accepts but the simulation does not model (the HPA class, traffic split between revisions, request timeouts) is a
 * note. The pod itself (GPUs, node pool, probes) is read as a Deployment's is, by import-k8s.ts.
 * Upstream: knative/serving@98e5ef90aa7033797aa0a61ef97f3ff7e49a3944.
 */
import type { PathSegment } from '@design-sim/sim-core';
import type { ClusterSettings } from './knative-autoscaler-config.ts';
import { AUTOSCALING_GROUP, CLASS_ANNOTATION, HPA_CLASS, KPA_CLASS, REVISION_ANNOTATIONS, getByPriority } from './knative-keys.ts';
import { DEFAULT_REVISION_TIMEOUT } from './knative-service.ts';
import { goSeconds } from './knative-values.ts';
import { fieldError, type ObjectPlace } from './manifest-fields.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});

/** Where one field of the imported block came from: the Service's field, or the config-autoscaler's. */
export interface KnativeOrigin {
  /** Path under the service (`['knative', 'stableWindow']`, `['concurrency']`). */
  path: PathSegment[];
  fromCluster: boolean;
  field: PathSegment[];
}

/** A Knative Service's autoscaling as scenario fields. */
export interface KnativeRead {
  /** The `knative` block (fields Knative sets; the rest keep the scenario's defaults), or undefined when the revision is not the KPA's. */
  knative: Obj | undefined;
  /** The service's `concurrency`: the revision's containerConcurrency when it sets a hard limit. */
  concurrency: number | undefined;
  /** The template's annotations other than the autoscaler's (meta.go `podAnnotations`: the pods get them). */
  podAnnotations: Record<string, string>;
  /** The pods' terminationGracePeriodSeconds: the revision's timeoutSeconds (deploy.go `makePodSpec`), when set. */
  timeoutSeconds: number | undefined;
  origins: KnativeOrigin[];
}

const ANNOTATIONS: PathSegment[] = ['spec', 'template', 'metadata', 'annotations'];
/** config-defaults container-concurrency-max-limit's default (pkg/apis/config/defaults.go `DefaultMaxRevisionContainerConcurrency`). */
const MAX_CONTAINER_CONCURRENCY = 1000;

/** The revision spec fields that shape requests, which the simulation does not model as timeouts. */
const TIMEOUT_FIELDS = ['responseStartTimeoutSeconds', 'idleTimeoutSeconds'] as const;

/** Reads the Knative Service `o` (at `place`) against the cluster's settings. */
export function readKnativeService(o: Obj, place: ObjectPlace, cluster: ClusterSettings, note: (m: string) => void): KnativeRead {
  // ValidateObjectMetadata(…, false) on a Service: an autoscaling annotation on its own metadata is refused, not ignored.
  for (const [key, value] of Object.entries(obj(obj(o.metadata).annotations))) {
    if (key.startsWith(AUTOSCALING_GROUP)) throw fieldError(place, ['metadata', 'annotations', key], 'no autoscaling annotation on the Service itself (ValidateHasNoAutoscalingAnnotation: "autoscaling annotations must be put under spec.template.metadata.annotations to work")', value);
  }
  const spec = obj(o.spec);
  const template = obj(spec.template);
  const revision = obj(template.spec);
  const annotations = obj(obj(template.metadata).annotations) as Record<string, string>;
  const podAnnotations = Object.fromEntries(Object.entries(annotations).filter(([k]) => !k.startsWith(`${AUTOSCALING_GROUP}/`)));
  const origins: KnativeOrigin[] = [];
  readUnsimulated(spec, revision, note);
  const timeout = typeof revision.timeoutSeconds === 'number' ? revision.timeoutSeconds : undefined;
  if (timeout !== undefined) origins.push({ path: ['terminationGracePeriod'], fromCluster: false, field: ['spec', 'template', 'spec', 'timeoutSeconds'] });

  // validateClass: a *.knative.dev class must be the KPA or the HPA; another domain is a custom autoscaler's.
  const classSet = getByPriority(annotations, [CLASS_ANNOTATION]);
  const cls = classSet === undefined ? cluster.podAutoscalerClass : String(classSet.value);
  if (cls.endsWith('.knative.dev') && cls !== KPA_CLASS && cls !== HPA_CLASS) throw fieldError(place, [...ANNOTATIONS, CLASS_ANNOTATION], `"${KPA_CLASS}" or "${HPA_CLASS}" (validateClass)`, cls);
  const base = { concurrency: undefined, podAnnotations, timeoutSeconds: timeout, origins };
  if (cls !== KPA_CLASS) {
    note(
      cls === HPA_CLASS
        ? `class ${HPA_CLASS}: Knative's HPA class scales on cpu or memory through a HorizontalPodAutoscaler, which design-sim does not simulate for it: imported with no autoscaler (a fixed replica count)`
        : `class ${cls} is a custom autoscaler's: not simulated; imported with no autoscaler (a fixed replica count)`,
    );
    return { ...base, knative: undefined };
  }

  const k: Obj = {};
  const known = new Set<string>([CLASS_ANNOTATION]);
  for (const a of REVISION_ANNOTATIONS) {
    for (const key of [a.key, ...a.aliases]) known.add(key);
    const found = getByPriority(annotations, [a.key, ...a.aliases]);
    if (found === undefined) continue;
    const v = typeof found.value === 'string' ? a.read(found.value) : undefined;
    if (v === undefined) throw fieldError(place, [...ANNOTATIONS, found.key], a.expected, found.value);
    k[a.field] = a.duration ? goSeconds(Number(v)) : v;
    origins.push({ path: ['knative', a.field], fromCluster: false, field: [...ANNOTATIONS, found.key] });
  }
  const ignored = Object.keys(annotations).filter((key) => key.startsWith(`${AUTOSCALING_GROUP}/`) && !known.has(key));
  if (ignored.length > 0) note(`annotation${ignored.length === 1 ? '' : 's'} ${ignored.join(', ')}: not ${ignored.length === 1 ? 'one' : 'ones'} the KPA reads (pkg/apis/autoscaling/register.go): ignored`);

  // The cluster's value wherever the revision has no annotation: a default of the annotation, or a cluster-only key.
  // container-concurrency-target-percentage is the concurrency metric's utilization only: ResolveMetricTarget gives
  // rps the config's TargetUtilization, which NewConfigFromMap reads from no key (always defaultTargetUtilization, 70 %).
  const rps = k.metric === 'rps';
  for (const c of cluster.values) {
    if (k[c.field] !== undefined) continue;
    if (rps && c.field === 'targetUtilizationPercentage') continue;
    k[c.field] = c.value;
    origins.push({ path: ['knative', c.field], fromCluster: true, field: c.from });
  }

  const cc = revision.containerConcurrency;
  if (cc !== undefined && cc !== null) {
    // ValidateContainerConcurrency: 0 (allowed by default, allow-container-concurrency-zero) up to container-concurrency-max-limit.
    if (typeof cc !== 'number' || !Number.isInteger(cc) || cc < 0 || cc > MAX_CONTAINER_CONCURRENCY) throw fieldError(place, ['spec', 'template', 'spec', 'containerConcurrency'], `an integer from 0 to ${MAX_CONTAINER_CONCURRENCY} (ValidateContainerConcurrency; config-defaults container-concurrency-max-limit)`, cc);
    k.containerConcurrency = cc;
    origins.push({ path: ['knative', 'containerConcurrency'], fromCluster: false, field: ['spec', 'template', 'spec', 'containerConcurrency'] });
  }
  const hardLimit = typeof k.containerConcurrency === 'number' && k.containerConcurrency > 0 ? k.containerConcurrency : undefined;
  if (hardLimit !== undefined) origins.push({ path: ['concurrency'], fromCluster: false, field: ['spec', 'template', 'spec', 'containerConcurrency'] });

  // ResolveMetricTarget: without a target annotation, the cluster's default for the metric (concurrency only when
  // containerConcurrency is 0: otherwise the limit is the target, as the scenario's own default has it).
  const metric = (k.metric ?? 'concurrency') as keyof ClusterSettings['targetDefaults'];
  const dflt = cluster.targetDefaults[metric];
  if (k.target === undefined && dflt !== undefined && (metric === 'rps' || hardLimit === undefined)) {
    k.target = dflt.value;
    origins.push({ path: ['knative', 'target'], fromCluster: true, field: dflt.from });
  }
  return { ...base, knative: k, concurrency: hardLimit };
}

/** Notes for what a Knative Service states that the simulation does not model. */
function readUnsimulated(spec: Obj, revision: Obj, note: (m: string) => void): void {
  const traffic = Array.isArray(spec.traffic) ? spec.traffic.map(obj) : [];
  // The default route: all traffic to the latest ready revision (a single target, latestRevision true, 100 %).
  const latestOnly = traffic.length === 0 || (traffic.length === 1 && traffic[0]!.latestRevision !== false && traffic[0]!.revisionName === undefined && (traffic[0]!.percent === undefined || traffic[0]!.percent === 100));
  if (!latestOnly) note(`spec.traffic splits requests between ${traffic.length} targets (${traffic.map((t) => `${String(t.revisionName ?? (t.latestRevision === false ? '?' : 'latest'))} ${String(t.percent ?? 0)}%`).join(', ')}): revisions are not simulated; every request goes to one revision, the template's`);
  if (typeof revision.timeoutSeconds === 'number') note(`timeoutSeconds ${revision.timeoutSeconds}: the pods' terminationGracePeriodSeconds (Knative sets it from timeoutSeconds); as a request timeout it is not simulated (the activator's hold at zero is knative.buffer)`);
  for (const f of TIMEOUT_FIELDS) if (revision[f] !== undefined) note(`${f} ${String(revision[f])} is not simulated (no request times out in the pods)`);
}

/** The grace a revision's pods get when the Service states no timeoutSeconds (config-defaults revision-timeout-seconds). */
export const DEFAULT_KNATIVE_GRACE = goSeconds(DEFAULT_REVISION_TIMEOUT);
