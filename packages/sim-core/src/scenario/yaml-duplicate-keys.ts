/**
 * Duplicate mapping keys, found in one pass. The YAML library's own check (`uniqueKeys: true`) compares each
 * new key with every earlier key of its mapping: a valid 480 KB file with 40,000 keys in one mapping (a
 * `canvas` block is free-form) took 14 s of CPU to parse. Parse with `uniqueKeys: false` and call this.
 */
import { isMap, isScalar, visit, YAMLParseError, type Document } from 'yaml';

/**
 * The library's rule, kept: two keys are the same when they are the same node or scalars with strictly equal
 * values (`1` and `"1"` differ) (yaml 2.9 `compose/util-map-includes.js`, `mapIncludes`).
 * Each repeat is an error at the repeated key, with the library's code and message.
 */
export function duplicateKeyErrors(doc: Document): YAMLParseError[] {
  const out: YAMLParseError[] = [];
  visit(doc, {
    Map(_key, map) {
      if (!isMap(map) || map.items.length < 2) return;
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = pair.key;
        const value = isScalar(key) ? key.value : key;
        // NaN is never equal to itself under the library's `===`; a Set would call two NaN keys the same.
        if (typeof value === 'number' && Number.isNaN(value)) continue;
        if (seen.has(value)) {
          const start = isScalar(key) && key.range ? key.range[0] : (map.range?.[0] ?? 0);
          out.push(new YAMLParseError([start, start + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
        } else seen.add(value);
      }
    },
  });
  return out;
}
