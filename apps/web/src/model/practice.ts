/**
 * Practice mode: a prompt from the library becomes a blank design that keeps the question (the
 * prompt, the traffic, the run settings) and its requirements (`expect:`), but not the answer
 * (services, pools, training). The learner designs, adds estimates as `claims:`, and checks.
 */
import { asObject, setIn, type PlainObject } from './doc-path.ts';

/** Spec fields that belong to the question, not the answer. */
const QUESTION_FIELDS = ['duration', 'warmup', 'seed', 'interval', 'catalogDate', 'startDate', 'traffic', 'cluster', 'baseline', 'expect'] as const;

/** The practice starting point for a library scenario. */
export function practiceDoc(reference: PlainObject): PlainObject {
  const meta = asObject(reference.metadata);
  const spec = asObject(reference.spec);
  const name = typeof meta.name === 'string' ? meta.name : 'practice';
  const metadata: PlainObject = { name: `${name}-practice`.slice(0, 63) };
  for (const k of ['title', 'prompt', 'source', 'strongAnswer'] as const) if (meta[k] !== undefined) metadata[k] = meta[k];
  let out: PlainObject = { apiVersion: reference.apiVersion, kind: reference.kind, metadata, spec: {} };
  for (const k of QUESTION_FIELDS) if (spec[k] !== undefined) out = setIn(out, ['spec', k], spec[k]);
  // Without a serving fleet there is nothing for the traffic to reach yet; the learner adds it.
  return out;
}

/** The requirement lines of a design (its `expect:`), as written. */
export function requirementLines(doc: PlainObject): string[] {
  const e = asObject(doc.spec).expect;
  return Array.isArray(e) ? e.filter((x): x is string => typeof x === 'string') : [];
}
