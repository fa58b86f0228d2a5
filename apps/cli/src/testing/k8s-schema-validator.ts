/**
 * Validates manifests against the Kubernetes 1.36 OpenAPI definitions (k8s/schemas/kubernetes-1.36.json,
 * extracted from the upstream document; see its `source`) and the Karpenter and KEDA CRD schemas, with
 * ajv. Two adjustments, made here so the fixtures stay verbatim:
 * - strict objects: every object schema with `properties` (and no additionalProperties or
 *   x-kubernetes-preserve-unknown-fields) refuses unknown fields, as `kubectl apply --validate=strict`
 *   does, so a misspelt field fails the test instead of being dropped by the API server;
 * - IntOrString and Quantity accept integers and numbers too: the OpenAPI v2 document flattens them
 *   to "string", but apimachinery decodes both forms (intstr.IntOrString.UnmarshalJSON,
 *   resource.Quantity.UnmarshalJSON), and `maxUnavailable: 1` is the documented form.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import k8s from '../k8s/schemas/kubernetes-1.36.json' with { type: 'json' };
import karpenter from '../k8s/schemas/karpenter-nodepool-v1.json' with { type: 'json' };
import keda from '../k8s/schemas/keda-scaledobject-v1alpha1.json' with { type: 'json' };

type Schema = Record<string, unknown>;

function strict(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(strict);
  if (typeof s !== 'object' || s === null) return s;
  const o = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, k === 'properties' ? Object.fromEntries(Object.entries(v as Schema).map(([p, ps]) => [p, strict(ps)])) : strict(v)])) as Schema;
  if (o.properties !== undefined && o.additionalProperties === undefined && o['x-kubernetes-preserve-unknown-fields'] !== true) o.additionalProperties = false;
  return o;
}

const definitions = strict(k8s.definitions) as Record<string, Schema>;
definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString'] = { anyOf: [{ type: 'string' }, { type: 'integer' }] };
definitions['io.k8s.apimachinery.pkg.api.resource.Quantity'] = { anyOf: [{ type: 'string' }, { type: 'number' }] };

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const byKind = new Map<string, ValidateFunction>();

function gvkOf(def: Schema): string[] {
  const gvk = (def['x-kubernetes-group-version-kind'] ?? []) as { group: string; version: string; kind: string }[];
  return gvk.map((g) => `${g.group === '' ? g.version : `${g.group}/${g.version}`}/${g.kind}`);
}

function validatorFor(apiVersion: string, kind: string): ValidateFunction | undefined {
  const key = `${apiVersion}/${kind}`;
  let v = byKind.get(key);
  if (v !== undefined) return v;
  const name = Object.keys(definitions).find((n) => gvkOf(definitions[n] ?? {}).includes(key));
  if (name !== undefined) v = ajv.compile({ $ref: `#/definitions/${name}`, definitions });
  else {
    const crd = [karpenter, keda].find((c) => `${c.group}/${c.version}` === apiVersion && c.kind === kind);
    if (crd !== undefined) v = ajv.compile(strict(crd.schema) as Schema);
  }
  if (v !== undefined) byKind.set(key, v);
  return v;
}

/** The schema errors of `obj` (`path: message`), or ['no schema for …'] when its kind is unknown. */
export function k8sSchemaErrors(obj: { apiVersion?: unknown; kind?: unknown; [field: string]: unknown }): string[] {
  const v = validatorFor(String(obj.apiVersion), String(obj.kind));
  if (v === undefined) return [`no schema for ${String(obj.apiVersion)} ${String(obj.kind)}`];
  const kind = String(obj.kind);
  return v(obj) ? [] : (v.errors ?? []).map((e) => `${kind} ${e.instancePath || '/'}: ${e.message ?? ''}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
}
