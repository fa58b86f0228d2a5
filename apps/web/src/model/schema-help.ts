/**
 * Inspector help and units from the scenario's JSON Schema (content/schema/scenario.schema.json,
 * generated from sim-core's zod schema by `pnpm schema`; a sim-core test keeps it in step). One
 * source: the words under a field are the schema's `.describe()` text, and the unit in the box is
 * the unit the schema gives a bare number (seconds, milliseconds, a 0–1 fraction…).
 */
import type { PathSegment } from '@design-sim/sim-core';
import { isObject, type PlainObject } from './doc-path.ts';

/** A JSON Schema node (the subset the generator writes: properties, items, anyOf/oneOf, const). */
export interface SchemaNode {
  type?: string | string[];
  description?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  const?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
}

/** What the schema says about one field. */
export interface FieldHelp {
  /** The field's description (its zod `.describe()`), or null. */
  description: string | null;
  /** What a bare number means ("seconds", "milliseconds", "fraction 0-1", …), or null for a plain value. */
  numberUnit: string | null;
  /** The schema's default (what an unset field means), if it has one. */
  defaultValue?: unknown;
}

/** The object branch of a union that fits `value` (its `const` discriminators match) and has `key`. */
function branchFor(node: SchemaNode, value: unknown, key: string): SchemaNode | undefined {
  const branches = node.oneOf ?? node.anyOf;
  if (branches === undefined) return node;
  const obj = isObject(value) ? value : {};
  const fits = branches.filter((b) => b.properties !== undefined && key in b.properties);
  return (
    fits.find((b) => Object.entries(b.properties!).every(([k, p]) => p.const === undefined || obj[k] === undefined || obj[k] === p.const)) ?? fits[0]
  );
}

/** The schema node at `path` inside `doc`, or undefined when the schema has no such field. */
export function schemaAt(root: SchemaNode, doc: PlainObject, path: readonly PathSegment[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = root;
  let value: unknown = doc;
  for (const seg of path) {
    if (node === undefined) return undefined;
    if (typeof seg === 'number') {
      node = node.items ?? (node.anyOf ?? []).find((b) => b.items !== undefined)?.items;
      value = Array.isArray(value) ? value[seg] : undefined;
      continue;
    }
    const holder: SchemaNode | undefined = node.properties ? node : branchFor(node, value, seg);
    node = holder?.properties?.[seg];
    value = isObject(value) ? value[seg] : undefined;
  }
  return node;
}

/** The help the schema gives the field at `path`. */
export function fieldHelp(root: SchemaNode, doc: PlainObject, path: readonly PathSegment[]): FieldHelp {
  const node = schemaAt(root, doc, path);
  if (node === undefined) return { description: null, numberUnit: null, defaultValue: undefined };
  const numberBranch = (node.anyOf ?? []).find((b) => b.type === 'number');
  return { description: node.description ?? numberBranch?.description ?? null, numberUnit: numberBranch?.description ?? null, defaultValue: node.default };
}

const SHORT_UNIT: Readonly<Record<string, string>> = {
  seconds: 's',
  milliseconds: 'ms',
  'fraction 0-1': '0–1',
  'percent 0-100': '%',
};

/**
 * The unit shown inside a value box: the label's "(unit)" if it has one, else the schema's unit of a
 * bare number while the box holds one (a typed "5m" or "50%" carries its own unit).
 */
export function inputUnit(label: string, help: FieldHelp, text: string): { label: string; unit: string | null } {
  const m = /^(.*?)\s*\(([^()]+)\)$/.exec(label);
  if (m) return { label: m[1]!, unit: m[2]! };
  const short = help.numberUnit === null ? undefined : SHORT_UNIT[help.numberUnit];
  const bare = text.trim() === '' || /^[\d.]+$/.test(text.trim());
  return { label, unit: short !== undefined && bare ? short : null };
}

/**
 * The help line under a field: the schema's description (one source), and the form's own hint after it
 * only when it adds something (a hint that repeats the description is not shown twice).
 */
export function helpLine(description: string | null, hint: string | undefined): string | null {
  if (description === null) return hint ?? null;
  if (hint === undefined || hint === '' || description.toLowerCase().includes(hint.toLowerCase())) return description;
  return `${description} — ${hint}`;
}
