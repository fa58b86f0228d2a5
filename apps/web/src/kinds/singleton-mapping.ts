/**
 * The document mapping of a kind that is one object at a fixed path (a training job at
 * `spec.training`): a node when the object is there, the node's fragment written back, the object
 * removed with the node. Most small kinds need nothing more.
 */
import type { PathSegment } from '@design-sim/sim-core';
import { getIn, isObject, setIn } from '../model/doc-path.ts';
import type { ComponentKind } from '../model/design-graph.ts';
import type { GraphReader, KindMapping } from './kind-module.ts';

/** A mapping for the one `kind` object at `path`, drawn as node `id` in the automatic layout's row `row(r)`. */
export function singletonMapping(kind: ComponentKind, id: string, path: readonly PathSegment[], row: (r: GraphReader) => number): KindMapping {
  return {
    stage: 2,
    read: (r) => {
      const fragment = getIn(r.doc, path);
      if (isObject(fragment)) r.addNode({ id, kind, docPath: [...path], fragment, order: 0, row: row(r) });
    },
    write: (doc, w) => {
      const node = w.nodesOf(kind)[0];
      return setIn(doc, path, node === undefined ? undefined : { ...node.data.fragment });
    },
    canvasId: () => id,
  };
}

/** True when the document holds the object at `path`. */
export function presentAt(path: readonly PathSegment[]) {
  return (doc: Parameters<typeof getIn>[0]): boolean => isObject(getIn(doc, path));
}
