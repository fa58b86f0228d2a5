/**
 * The document ↔ YAML text. Parsing uses the same YAML 1.2 rules and alias cap as sim-core's
 * parser; writing puts short leaf maps and scalar lists in flow style (`{ distribution: constant,
 * ms: 50 }`, `[0, 100]`) so an exported file reads like the hand-written examples.
 */
import { MAX_YAML_ALIASES } from '@design-sim/sim-core';
import { Document, isScalar, parseDocument, visit } from 'yaml';
import { isObject, setIn, type PlainObject } from './doc-path.ts';

/** Longest flow collection written on one line, in characters (estimated). */
const FLOW_MAX_CHARS = 70;

function scalarText(node: unknown): string | null {
  return isScalar(node) ? String(node.value) : null;
}

/** Writes the document as YAML (the text the CLI reads). */
export function docToYaml(doc: PlainObject): string {
  const d = new Document(doc, { version: '1.2' });
  visit(d, {
    Map(_key, node, path) {
      // Top-level blocks (metadata, spec) and the items of spec's lists (a service, a pool) stay in
      // block style; small leaf maps deeper down go inline. `path` holds the ancestors: document,
      // root map, pair, spec map, pair, list → a list item of spec is at depth 6, its fields at 8.
      if (path.length < 7 || node.items.length > 4) return;
      const parts = node.items.map((p) => (isScalar(p.value) ? `${scalarText(p.key)}: ${scalarText(p.value)}` : null));
      if (parts.every((x) => x !== null) && parts.join(', ').length <= FLOW_MAX_CHARS) node.flow = true;
    },
    Seq(_key, node) {
      const parts = node.items.map(scalarText);
      const texts = parts.filter((x): x is string => x !== null);
      if (texts.length !== node.items.length || texts.length === 0) return;
      // Lists of sentences (expect lines) read better one per line.
      if (texts.some((t) => t.includes(' ')) || texts.join(', ').length > FLOW_MAX_CHARS) return;
      node.flow = true;
    },
  });
  return d.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** Parses YAML into a document, or returns the YAML error. Schema validation is separate (validate-design.ts). */
export function yamlToDoc(text: string): { ok: true; doc: PlainObject } | { ok: false; message: string } {
  const d = parseDocument(text, { version: '1.2', uniqueKeys: true, prettyErrors: false });
  const err = d.errors[0];
  if (err !== undefined) return { ok: false, message: err.message };
  try {
    const value: unknown = d.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    return isObject(value) ? { ok: true, doc: value } : { ok: false, message: 'expected a mapping with apiVersion, kind, metadata and spec' };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

/** The document without `spec.canvas`: what the simulator needs (the CLI ignores canvas anyway). */
export function withoutCanvas(doc: PlainObject): PlainObject {
  return setIn(doc, ['spec', 'canvas'], undefined);
}

