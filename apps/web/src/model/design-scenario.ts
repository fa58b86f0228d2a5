/**
 * A design document read as a scenario directly, without writing it as YAML and parsing that text
 * back: the fast path of the workers' `runDesign` and `validateDesign` (worker-sim-api.ts).
 *
 * Why: writing the design as YAML and parsing it again cost the first run 100–150 ms of a cold worker
 * (docs/performance.md, "fourth pass") and every edit tens of ms, only to produce the same plain
 * object. The text is what the CLI reads and what issues are located in, so it is still written
 * whenever the fast path has anything to say: a schema issue, a reference issue or a warning sends
 * the design down the text path (design-text.ts), which locates each one in the exported file. A
 * scenario comes back only when the text path would accept the same design with no warnings, and it
 * is then the same object (a unit test compares both paths over every content/*.yaml file).
 */
import { MAX_FILE_BYTES, scenarioSchema, scenarioWarnings, validateScenarioReferences, type Scenario } from '@design-sim/sim-core';
import { isObject, type PlainObject } from './doc-path.ts';

/**
 * The value as YAML would give it back after writing it: keys holding `undefined` left out of
 * mappings, `undefined` in a list read as null (what the `yaml` writer does with them).
 */
export function asWritten(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : asWritten(v)));
  if (!isObject(value)) return value;
  const out: PlainObject = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = asWritten(v);
  return out;
}

/**
 * The scenario of `doc` (without `spec.canvas`) when it is valid, refers only to what exists and
 * raises no warning; otherwise null, and the caller takes the text path for located issues.
 */
export function cleanScenarioOf(doc: PlainObject): Scenario | null {
  // The text path's own defences, estimated from the JSON form: a file near the size limit, or one
  // holding U+FFFD (what a lossy decoder leaves, refused as "not a text file"), goes the text way.
  const json = JSON.stringify(doc);
  if (json === undefined || json.length * 2 > MAX_FILE_BYTES || json.includes('\uFFFD')) return null;
  // One parse per design: zod's generated ("JIT") object parsers cost more to build than they save.
  const parsed = scenarioSchema.safeParse(asWritten(doc), { jitless: true });
  if (!parsed.success) return null;
  if (scenarioWarnings(parsed.data).length > 0) return null;
  if (validateScenarioReferences(parsed.data).length > 0) return null;
  return parsed.data;
}
