/**
 * Maps document paths (`spec.services[0].routing`) to source positions in a parsed YAML document,
 * and source offsets back to paths. Positions are 1-based line and column.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { parsePath, type PathSegment } from './scenario-issue.ts';

/** A 1-based source position. */
export interface SourceLocation {
  line: number;
  column: number;
}

/** Finds where a path lives: `atKey` points at the key itself (for unknown keys), otherwise at the value. */
export type PathLocator = (path: readonly PathSegment[], options?: { atKey?: boolean }) => SourceLocation | null;

function resolveAlias(doc: Document, node: unknown): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

function startOf(node: unknown): number | undefined {
  if (isScalar(node) || isMap(node) || isSeq(node) || isAlias(node)) return node.range?.[0];
  return undefined;
}

/**
 * The pair of `map` whose key reads as `key` (the first, when keys repeat), through an index built once per
 * mapping: a linear search per call made locating every issue of a mapping with many keys quadratic (a
 * 700 KB file of 60,000 unknown keys under metadata ran for minutes before printing its 50 issues).
 */
function pairOf(index: WeakMap<object, Map<string, Pair>>, map: YAMLMap, key: PathSegment | undefined): Pair | undefined {
  let byKey = index.get(map);
  if (byKey === undefined) {
    byKey = new Map();
    for (const p of map.items) {
      if (isPair(p) && isScalar(p.key) && !byKey.has(String(p.key.value))) byKey.set(String(p.key.value), p);
    }
    index.set(map, byKey);
  }
  return byKey.get(String(key));
}

/** Builds a locator over a parsed document. Missing paths fall back to the deepest existing ancestor. */
export function createLocator(doc: Document, lineCounter: LineCounter): PathLocator {
  const index = new WeakMap<object, Map<string, Pair>>();
  const at = (offset: number | undefined): SourceLocation | null => {
    if (offset === undefined) return null;
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  return (path, options = {}) => {
    let node: unknown = doc.contents;
    let best = startOf(node) ?? 0;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i];
      const last = i === path.length - 1;
      node = resolveAlias(doc, node);
      if (isMap(node)) {
        const pair = pairOf(index, node, seg);
        if (pair === undefined) return at(best);
        const keyStart = startOf(pair.key);
        if (last && options.atKey) return at(keyStart ?? best);
        best = keyStart ?? best;
        node = pair.value;
        // `key:` with no value: the key is the only place to point at.
        if (node === null || node === undefined) return at(best);
        // A block mapping or list starts on the next line at its first child: the key says more.
        if (last) return (isMap(node) || isSeq(node)) && !node.flow ? at(best) : at(startOf(node) ?? best);
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg];
        if (item === undefined) return at(best);
        best = startOf(item) ?? best;
        node = item;
        if (last) return at(best);
      } else {
        return at(best);
      }
    }
    return at(startOf(node) ?? best);
  };
}

/** The path of the deepest node containing `offset` (for YAML errors such as duplicate keys). */
export function pathAtOffset(doc: Document, offset: number): PathSegment[] {
  const path: PathSegment[] = [];
  let node: unknown = doc.contents;
  const contains = (n: unknown) => {
    const r = (n as Node | null)?.range;
    return r !== undefined && r !== null && r[0] <= offset && offset < r[2];
  };
  for (;;) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && (contains(p.key) || contains(p.value)));
      if (pair === undefined || !isScalar(pair.key)) return path;
      path.push(String(pair.key.value));
      if (contains(pair.key)) return path;
      node = pair.value;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => contains(item));
      if (index < 0) return path;
      path.push(index);
      node = node.items[index];
    } else {
      return path;
    }
  }
}

/** Locates paths in one text. */
export type SourceLocator = (path: string | readonly PathSegment[], options?: { atKey?: boolean }) => SourceLocation | null;

/** Parses `text` once and returns a locator for any number of paths (50 issues in a large file cost one parse, not 50). */
export function createSourceLocator(text: string): SourceLocator {
  const lineCounter = new LineCounter();
  // Duplicate keys do not matter to a locator, and the library's check of them is quadratic (yaml-duplicate-keys.ts).
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, keepSourceTokens: true, uniqueKeys: false });
  const locate = createLocator(doc, lineCounter);
  return (path, options = {}) => {
    const segments = typeof path === 'string' ? parsePath(path) : path;
    return segments === undefined ? null : locate(segments, options);
  };
}

/** Locates `path` (a string like `spec.services[0].nodePool` or segments) in YAML source text; null if absent or unparseable. */
export function locatePath(text: string, path: string | readonly PathSegment[], options: { atKey?: boolean } = {}): SourceLocation | null {
  return createSourceLocator(text)(path, options);
}
