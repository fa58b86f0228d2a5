/**
 * The Kubernetes 1.36 OpenAPI definitions (schemas/kubernetes-1.36.json, extracted from the upstream document; see
 * its `source`) and the Karpenter, KEDA and Knative Service CRD schemas, compiled with ajv: `import k8s` checks the types of every
 * field of the objects it reads against them (a list where a mapping is expected, a quoted number), and the tests
 * check `export k8s`'s output strictly. Adjustments, made here so the schema files stay verbatim:
 * - IntOrString and Quantity accept integers and numbers too: the OpenAPI v2 document flattens them to "string",
 *   but apimachinery decodes both forms (intstr.IntOrString.UnmarshalJSON, resource.Quantity.UnmarshalJSON), and
 *   `maxUnavailable: 1` is the documented form;
 * - strict (tests only): every object schema with `properties` (and no additionalProperties or
 *   x-kubernetes-preserve-unknown-fields) refuses unknown fields, as `kubectl apply --validate=strict` does.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import k8s from './schemas/kubernetes-1.36.json' with { type: 'json' };
import karpenter from './schemas/karpenter-nodepool-v1.json' with { type: 'json' };
import keda from './schemas/keda-scaledobject-v1alpha1.json' with { type: 'json' };
import knativeService from './schemas/knative-service-v1.json' with { type: 'json' };

type Schema = Record<string, unknown>;

function strictened(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(strictened);
  if (typeof s !== 'object' || s === null) return s;
  const o = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, k === 'properties' ? Object.fromEntries(Object.entries(v as Schema).map(([p, ps]) => [p, strictened(ps)])) : strictened(v)])) as Schema;
  if (o.properties !== undefined && o.additionalProperties === undefined && o['x-kubernetes-preserve-unknown-fields'] !== true) o.additionalProperties = false;
  return o;
}

const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';

function definitionsOf(strict: boolean): Record<string, Schema> {
  const d = (strict ? strictened(k8s.definitions) : structuredClone(k8s.definitions)) as Record<string, Schema>;
  d[INT_OR_STRING] = { anyOf: [{ type: 'string' }, { type: 'integer' }], 'x-design-sim': 'an integer or a string' };
  d[QUANTITY] = { anyOf: [{ type: 'string' }, { type: 'number' }], 'x-design-sim': 'a Kubernetes quantity such as 2, 500m or 1.5Gi' };
  return d;
}

function gvkOf(def: Schema): string[] {
  const gvk = (def['x-kubernetes-group-version-kind'] ?? []) as { group: string; version: string; kind: string }[];
  return gvk.map((g) => `${g.group === '' ? g.version : `${g.group}/${g.version}`}/${g.kind}`);
}

/** Compiled validators, by strictness and `apiVersion/kind`; ajv and the definitions only when first needed. */
const compiled = new Map<string, ValidateFunction | null>();
let ajv: Ajv | undefined;
const definitions: { strict?: Record<string, Schema>; loose?: Record<string, Schema> } = {};

/** The validator of `apiVersion` `kind` (all errors, not only the first), or undefined when no schema is known for it. */
export function manifestValidator(apiVersion: string, kind: string, strict: boolean): ValidateFunction | undefined {
  const key = `${strict ? 'strict' : 'loose'} ${apiVersion}/${kind}`;
  const known = compiled.get(key);
  if (known !== undefined) return known ?? undefined;
  ajv ??= new Ajv({ strict: false, allErrors: true, validateFormats: false, verbose: true });
  const defs = strict ? (definitions.strict ??= definitionsOf(true)) : (definitions.loose ??= definitionsOf(false));
  const name = Object.keys(defs).find((n) => gvkOf(defs[n] ?? {}).includes(`${apiVersion}/${kind}`));
  let v: ValidateFunction | undefined;
  if (name !== undefined) v = ajv.compile({ $ref: `#/definitions/${name}`, definitions: defs });
  else {
    const crd = [karpenter, keda, knativeService].find((c) => `${c.group}/${c.version}` === apiVersion && c.kind === kind);
    if (crd !== undefined) v = ajv.compile((strict ? strictened(crd.schema) : crd.schema) as Schema);
  }
  compiled.set(key, v ?? null);
  return v;
}

/** One field of a manifest whose value its schema refuses. */
export interface FieldTypeError {
  /** Path from the object's root, e.g. ['spec', 'template', 'spec', 'containers', 0, 'resources']. */
  path: (string | number)[];
  expected: string;
  value: unknown;
}

const EXPECTED_TYPE: Record<string, string> = {
  object: 'a mapping (key: value)',
  array: 'a list',
  string: 'a string',
  integer: 'an integer (a number, not a quoted string)',
  number: 'a number (not a quoted string)',
  boolean: 'true or false',
};

const pathOf = (e: ErrorObject): (string | number)[] =>
  e.instancePath === '' ? [] : e.instancePath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).map((s) => (/^\d+$/.test(s) ? Number(s) : s));

function valueAt(o: unknown, path: readonly (string | number)[]): unknown {
  let v = o;
  for (const seg of path) v = typeof v === 'object' && v !== null ? (v as Record<string | number, unknown>)[seg] : undefined;
  return v;
}

/** `o` without null fields: the API server reads a null as an absent field (`creationTimestamp: null` of `kubectl create -o yaml`). */
function withoutNulls(o: unknown): unknown {
  if (Array.isArray(o)) return o.map(withoutNulls);
  if (typeof o !== 'object' || o === null) return o;
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
}

/**
 * The first field of `o` (in document order of the schema's errors) whose type its kind's schema refuses: a type,
 * an IntOrString or Quantity of another type, or a CRD's `minimum`. Required fields and enums are not judged here:
 * import reads what it can of a partial manifest and names what it cannot map.
 */
export function firstFieldTypeError(apiVersion: string, kind: string, o: unknown): FieldTypeError | undefined {
  const v = manifestValidator(apiVersion, kind, false);
  if (v === undefined) return undefined;
  const clean = withoutNulls(o);
  if (v(clean)) return undefined;
  for (const e of v.errors ?? []) {
    const path = pathOf(e);
    const value = valueAt(clean, path);
    // A branch of an IntOrString or Quantity's anyOf: the anyOf's own error follows with the whole type.
    if (e.schemaPath.includes('/anyOf/')) continue;
    if (e.keyword === 'anyOf') return { path, expected: String((e.parentSchema as Schema | undefined)?.['x-design-sim'] ?? 'another type'), value };
    if (e.keyword === 'type') return { path, expected: EXPECTED_TYPE[String(e.params.type)] ?? String(e.params.type), value };
    if (e.keyword === 'minimum') return { path, expected: `a number at least ${String(e.params.limit)}`, value };
  }
  return undefined;
}
