/**
 * The document without `spec.canvas`, memoized by its parts: moving a node rewrites only
 * `spec.canvas`, so validation and the run key stay the same object and nothing re-validates
 * or re-runs during a drag.
 */
import { asObject, type PlainObject } from './doc-path.ts';
import { withoutCanvas } from './scenario-yaml.ts';

/** A memo: returns the previous result while every part other than `spec.canvas` is the same object. */
export function createSimDocMemo(): (doc: PlainObject) => PlainObject {
  let lastParts: unknown[] | null = null;
  let last: PlainObject | null = null;
  return (doc) => {
    const spec = asObject(doc.spec);
    const parts = [
      ...Object.entries(doc).flatMap(([k, v]) => (k === 'spec' ? [] : [k, v])),
      ...Object.entries(spec).flatMap(([k, v]) => (k === 'canvas' ? [] : [`spec.${k}`, v])),
    ];
    if (last !== null && lastParts !== null && parts.length === lastParts.length && parts.every((p, i) => p === lastParts![i])) return last;
    lastParts = parts;
    last = withoutCanvas(doc);
    return last;
  };
}
