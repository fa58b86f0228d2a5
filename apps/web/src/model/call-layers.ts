/**
 * Where a service graph's services go on the canvas when the document does not place them: each service one layer
 * right of its deepest caller (the longest chain of calls that reaches it), so the canvas reads left to right along
 * the calls, as one draws the system, and a graph of several services fits the canvas wide rather than tall. The
 * services of one layer share a column, one row each, in document order. A design without calls has no layers: its
 * services keep one column (auto-layout.ts).
 */
import { callsOf } from './call-edges.ts';
import { asObject } from './doc-path.ts';

/** Each service's layer (0 = nobody calls it) and its row within the layer, by index in `spec.services`. */
export interface CallLayers {
  layer: number[];
  row: number[];
  /** The deepest layer. */
  deepest: number;
}

/** The layers of `services` (the document's `spec.services`), or null when no service calls another. */
export function callLayers(services: readonly unknown[]): CallLayers | null {
  const n = services.length;
  const index = new Map<string, number>();
  services.forEach((s, i) => {
    const name = asObject(s).name;
    if (typeof name === 'string' && !index.has(name)) index.set(name, i);
  });
  const callees = services.map((s, i) =>
    callsOf(asObject(s).calls)
      .map(({ call }) => (typeof call.to === 'string' ? index.get(call.to) : undefined))
      .filter((j): j is number => j !== undefined && j !== i),
  );
  if (callees.every((c) => c.length === 0)) return null;
  // Longest chains, relaxed until nothing moves; asynchronous calls may close a cycle, whose services stop at n − 1.
  const layer = new Array<number>(n).fill(0);
  for (let pass = 0; pass < n; pass++) {
    let moved = false;
    callees.forEach((cs, i) => {
      for (const j of cs) {
        if (layer[j]! < layer[i]! + 1 && layer[i]! + 1 < n) {
          layer[j] = layer[i]! + 1;
          moved = true;
        }
      }
    });
    if (!moved) break;
  }
  const next: number[] = [];
  const row = layer.map((l) => (next[l] = (next[l] ?? -1) + 1));
  return { layer, row, deepest: Math.max(...layer) };
}
