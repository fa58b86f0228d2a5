/**
 * Zod schema for the annotations of a service's pod template (`spec.services[].podAnnotations`): a string map, as in a
 * Deployment's `spec.template.metadata.annotations`, so a user copies what their manifests have. Two keys take effect
 * in the simulation, each read as its autoscaler reads it:
 * - `karpenter.sh/do-not-disrupt` (kubernetes-sigs/karpenter @ 2266468104f36373ed002241afaee2d3bbc26078
 *   pkg/utils/pod/scheduling.go `IsDoNotDisruptActive`): "true" is active. A positive Go duration ("5m": active until the
 *   pod has run that long) is valid upstream but not simulated, so it is refused rather than silently ignored. Any other
 *   value (including "false") is invalid upstream and treated as absent (an `InvalidDoNotDisruptAnnotation` event);
 *   "false" is accepted here with that meaning, anything else is refused with what is expected.
 * - `cluster-autoscaler.kubernetes.io/safe-to-evict` (kubernetes/autoscaler @ cb2123ed
 *   cluster-autoscaler/utils/drain/drain.go `HasSafeToEvictAnnotation` `== "true"`, `HasNotSafeToEvictAnnotation`
 *   `== "false"`): any other value does nothing upstream, so it is refused here with what is expected.
 * Every other key is kept (`export k8s` writes it back) and has no effect: scenario-warnings.ts says so.
 * Keys follow the API server's annotation key syntax (k8s.io/apimachinery validation `IsQualifiedName`: an optional
 * DNS-subdomain prefix and "/", then a name of at most 63 characters).
 */
import * as z from 'zod';
import { DO_NOT_DISRUPT_ANNOTATION, KNOWN_POD_ANNOTATIONS } from './pod-annotations.ts';


// IsQualifiedName: [prefix/]name, the name 1–63 characters of [A-Za-z0-9_.-] starting and ending alphanumeric, the
// prefix a DNS-1123 subdomain of at most 253 characters.
const NAME = '[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?';
const PREFIX = '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*';
const KEY = new RegExp(`^((?=.{1,253}/)${PREFIX}/)?${NAME}$`);

/** A Go `time.ParseDuration` value such as "5m" or "1h30m": the duration form of do-not-disrupt. */
const GO_DURATION = /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/;

/** What a known key's value may be, and why another is refused. */
function knownValueIssue(key: string, value: string): string | null {
  if (value === 'true' || value === 'false') return null;
  if (key === DO_NOT_DISRUPT_ANNOTATION) {
    if (GO_DURATION.test(value)) return `expected "true" or "false": the duration form ("${value}": protected until the pod has run that long) is valid in Karpenter but not simulated`;
    return `expected "true" (the node is not disrupted voluntarily while the pod runs) or "false" (no effect; Karpenter ignores a value it cannot parse), got "${value}"`;
  }
  return `expected "false" (the node is not removed by scale-down) or "true" (the pod does not block scale-down), got "${value}"`;
}

/**
 * A Kubernetes annotation map (`metadata.annotations`): keys of the API server's syntax, string values, at most 64
 * entries; `valueIssue` says why a key's value is refused (null: accepted), located at that key.
 */
function annotationMap(valueIssue: (key: string, value: string) => string | null) {
  return z
    .record(
      z.string().max(317).regex(KEY, 'must be an annotation key: an optional DNS-subdomain prefix and "/", then 1–63 letters, digits, "-", "_" or "." (starting and ending with a letter or digit)'),
      z.string().max(4096),
    )
    .superRefine((annotations, ctx) => {
      if (Object.keys(annotations).length > 64) ctx.addIssue({ code: 'custom', path: [], input: annotations, message: 'at most 64 annotations' });
      for (const [key, value] of Object.entries(annotations)) {
        const issue = valueIssue(key, value);
        if (issue !== null) ctx.addIssue({ code: 'custom', path: [key], input: value, message: issue });
      }
    });
}

/** `spec.services[].podAnnotations`: the pod template's annotations. */
export const podAnnotationsSchema = annotationMap((key, value) => (KNOWN_POD_ANNOTATIONS.includes(key) ? knownValueIssue(key, value) : null)).describe(
    'Annotations of the pod template, as in the Deployment (string values). karpenter.sh/do-not-disrupt: "true" keeps Karpenter from consolidating or drifting a node while such a pod runs on it (expiration still deletes it, and its drain waits on the pod until the NodePool\'s terminationGracePeriod); cluster-autoscaler.kubernetes.io/safe-to-evict: "false" keeps the cluster autoscaler from removing its node, "true" lets it plan the removal of a node whose PodDisruptionBudget allows no disruption now (the evictions still respect the budget). Other keys are kept for export k8s and have no effect',
  );

/**
 * `spec.nodePools[].karpenter.nodeAnnotations`: the NodePool template's annotations (`spec.template.metadata.annotations`),
 * which every NodeClaim and node of the pool carries. `karpenter.sh/do-not-disrupt: "true"` on a node blocks every
 * voluntary method (state/statenode.go `ValidateNodeDisruptable` compares with "true" exactly, and the error is no
 * `PodBlockEvictionError`, so drift with a terminationGracePeriod is blocked too); expiration still deletes the node.
 * Another value does nothing upstream: "false" is accepted, anything else refused. Other keys are kept with a warning.
 */
export const nodeAnnotationsSchema = annotationMap((key, value) =>
  key === DO_NOT_DISRUPT_ANNOTATION && value !== 'true' && value !== 'false' ? `expected "true" (no node of the pool is consolidated or drifted) or "false" (no effect), got "${value}"` : null,
).describe(
    'template.metadata.annotations: annotations of every node of the pool. karpenter.sh/do-not-disrupt: "true" keeps Karpenter from consolidating or drifting any of them (expiration still deletes them). Other keys are kept for export k8s and have no effect',
  );
