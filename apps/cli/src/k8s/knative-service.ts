/**
 * A service with `knative` as the Knative Service a team applies (serving.knative.dev/v1): the Knative Pod Autoscaler
 * replaces the Deployment and HPA design-sim writes otherwise, since Knative makes the revision's Deployment itself
 * and scales it. The block's per-revision fields are the template's `autoscaling.knative.dev/*` annotations
 * (knative-keys.ts), every one written, defaults too, so the cluster's own `config-autoscaler` defaults cannot change
 * what was simulated; `containerConcurrency` is the revision spec's field; the cluster-only five go in the
 * `config-autoscaler` ConfigMap (knative-autoscaler-config.ts). The pod is the Deployment's (pod-template.ts).
 * Upstream: knative/serving@98e5ef90aa7033797aa0a61ef97f3ff7e49a3944.
 */
import { formatDuration, type Scenario } from '@design-sim/sim-core';
import type { K8sObject } from './k8s-object.ts';
import { CLASS_ANNOTATION, KPA_CLASS, REVISION_ANNOTATIONS, type KnativeSpec } from './knative-keys.ts';

type Service = Scenario['spec']['services'][number];

/** The API version and kind of a Knative Service. */
export const KNATIVE_SERVICE_API = 'serving.knative.dev/v1';

/**
 * The container port name a revision serves on: HTTP/1 (a revision allows '', `http1` or `h2c`; the name picks the
 * protocol the queue-proxy speaks to the container: pkg/apis/serving/k8s_validation.go `validPortNames`).
 */
export const KNATIVE_PORT_NAME = 'http1';

/**
 * Config-features flags a revision's pod spec needs for the fields the export writes: each is "disabled" by
 * default and the webhook refuses the field then (config/core/configmaps/features.yaml; the CRD marks them
 * "This is accessible behind a feature flag").
 */
const FEATURE_FLAGS: readonly (readonly [field: string, flag: string])[] = [
  ['nodeSelector', 'kubernetes.podspec-nodeselector'],
  ['affinity', 'kubernetes.podspec-affinity'],
  ['tolerations', 'kubernetes.podspec-tolerations'],
];

/** Knative's default request timeout, which is also its pods' grace (pkg/apis/config/defaults.go `DefaultRevisionTimeoutSeconds`). */
export const DEFAULT_REVISION_TIMEOUT = 300;
/** The most a revision's timeoutSeconds may be without a cluster change (defaults.go `DefaultMaxRevisionTimeoutSeconds`). */
const MAX_REVISION_TIMEOUT = 600;

/** The annotations of the revision template: the KPA's, and the scenario's pod annotations (Knative copies those to the pods). */
function templateAnnotations(svc: Service, k: KnativeSpec): Record<string, string> {
  const kpa: Record<string, string> = { [CLASS_ANNOTATION]: KPA_CLASS };
  for (const a of REVISION_ANNOTATIONS) {
    const v = k[a.field];
    // Only `target` and `activationScale` can be unset: their absence is Knative's own default, so none is written.
    if (v !== undefined && (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean')) kpa[a.key] = a.write(v);
  }
  // pkg/reconciler/revision/resources/meta.go `podAnnotations`: the revision's annotations, autoscaling ones excepted,
  // are the pods' annotations, so services[].podAnnotations ride on the same template.
  return { ...(svc.podAnnotations ?? {}), ...kpa };
}

/**
 * The Knative Service of `svc`; `podSpec` is the serving pod (pod-template.ts, with the `http1` port). Notes say what
 * the cluster must allow and what stays in the design-sim ConfigMap.
 */
export function knativeService(svc: Service, k: KnativeSpec, labels: Record<string, string>, podSpec: Record<string, unknown>, notes: string[]): K8sObject {
  const ref = `Service/${svc.name}`;
  const flags = FEATURE_FLAGS.filter(([field]) => podSpec[field] !== undefined).map(([, flag]) => flag);
  if (flags.length > 0) notes.push(`${ref}: its pod spec needs the config-features flag${flags.length === 1 ? '' : 's'} ${flags.join(', ')} set to "enabled" in knative-serving (disabled by default: the webhook refuses the Service otherwise)`);
  // deploy.go `makePodSpec`: `pod.TerminationGracePeriodSeconds = rev.Spec.TimeoutSeconds`; a revision has no grace of its own.
  notes.push(`${ref}: a revision has no terminationGracePeriodSeconds: Knative gives its pods the revision's timeoutSeconds (default ${DEFAULT_REVISION_TIMEOUT} s), also the request timeout; the simulated grace (${formatDuration(svc.terminationGracePeriod)}) is the scenario's, kept in the design-sim ConfigMap`);
  if (k.buffer !== undefined) {
    const limits = [k.buffer.capacity === undefined ? undefined : `${k.buffer.capacity} requests`, k.buffer.timeout === undefined ? undefined : `for ${formatDuration(k.buffer.timeout)}`].filter((x) => x !== undefined).join(' ');
    notes.push(
      `${ref}: the activator's hold while no replica is ready (buffer${limits === '' ? '' : `: ${limits}`}) is kept in the design-sim ConfigMap; Knative's activator holds a request until the revision's timeoutSeconds (default ${DEFAULT_REVISION_TIMEOUT} s, at most config-defaults max-revision-timeout-seconds, ${MAX_REVISION_TIMEOUT} s): set spec.template.spec.timeoutSeconds to cover the cold start`,
    );
  }
  return {
    apiVersion: KNATIVE_SERVICE_API,
    kind: 'Service',
    metadata: { name: svc.name, labels },
    spec: {
      template: {
        metadata: { labels, annotations: templateAnnotations(svc, k) },
        spec: {
          // 0 is Knative's default (no hard limit): written only when the scenario sets one.
          ...(k.containerConcurrency > 0 ? { containerConcurrency: k.containerConcurrency } : {}),
          ...podSpec,
        },
      },
    },
  };
}
