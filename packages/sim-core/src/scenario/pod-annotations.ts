/**
 * The pod annotations the simulation reads, and what they make the autoscalers do: plain data, no zod, so the engine's
 * compile step (and the web worker's first chunk) can use it. The schema that checks a scenario's annotations is
 * pod-annotations-schema.ts; the upstream sources of each key's meaning are cited there.
 */

/** Karpenter's pod (and node) annotation that blocks voluntary disruption (pkg/apis/v1/labels.go `DoNotDisruptAnnotationKey`). */
export const DO_NOT_DISRUPT_ANNOTATION = 'karpenter.sh/do-not-disrupt';
/** The cluster autoscaler's pod annotation (utils/drain/drain.go `PodSafeToEvictKey`). */
export const SAFE_TO_EVICT_ANNOTATION = 'cluster-autoscaler.kubernetes.io/safe-to-evict';
/** The annotation keys the simulation reads. */
export const KNOWN_POD_ANNOTATIONS: readonly string[] = [DO_NOT_DISRUPT_ANNOTATION, SAFE_TO_EVICT_ANNOTATION];

/** What a pod's annotations make the autoscalers do (engine config; each false when absent). */
export interface PodDisruptionControls {
  /** `karpenter.sh/do-not-disrupt: "true"`. */
  doNotDisrupt: boolean;
  /** `cluster-autoscaler.kubernetes.io/safe-to-evict`: true for "true", false for "false", null when absent. */
  safeToEvict: boolean | null;
}

/** The controls a parsed annotation map sets. */
export function podDisruptionControls(annotations: Readonly<Record<string, string>> | undefined): PodDisruptionControls {
  const safe = annotations?.[SAFE_TO_EVICT_ANNOTATION];
  return { doNotDisrupt: annotations?.[DO_NOT_DISRUPT_ANNOTATION] === 'true', safeToEvict: safe === 'true' ? true : safe === 'false' ? false : null };
}
