/**
 * Validates manifests strictly against the Kubernetes 1.36 OpenAPI definitions and the Karpenter, KEDA and Knative Service CRD
 * schemas (k8s/manifest-schema.ts): unknown fields are refused as `kubectl apply --validate=strict` does, so a
 * misspelt field of `export k8s` fails the test instead of being dropped by the API server.
 */
import { manifestValidator } from '../k8s/manifest-schema.ts';

/** The schema errors of `obj` (`path: message`), or ['no schema for …'] when its kind is unknown. */
export function k8sSchemaErrors(obj: { apiVersion?: unknown; kind?: unknown; [field: string]: unknown }): string[] {
  const v = manifestValidator(String(obj.apiVersion), String(obj.kind), true);
  if (v === undefined) return [`no schema for ${String(obj.apiVersion)} ${String(obj.kind)}`];
  const kind = String(obj.kind);
  return v(obj) ? [] : (v.errors ?? []).map((e) => `${kind} ${e.instancePath || '/'}: ${e.message ?? ''}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
}
