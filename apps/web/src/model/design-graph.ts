/**
 * The canvas graph: React Flow nodes and edges derived from the scenario document. Each node
 * carries the document fragment it stands for and where that fragment lives (`docPath`), so the
 * inspector edits the document directly and `graphToScenario` can rebuild the document.
 */
import type { PathSegment } from '@design-sim/sim-core';
import type { Edge, Node } from '@xyflow/react';
import type { CallEdgeData } from './call-edges.ts';
import type { ComponentKind } from '../kinds/index.ts';
import type { PlainObject } from './doc-path.ts';

/** The component kinds of the palette: the registry's keys (kinds/index.ts). */
export type { ComponentKind };

/** What a canvas node holds. `fragment` is the document data the node stands for. */
export type DesignNodeData = {
  kind: ComponentKind;
  /** The document object holding this component's fields (for a load balancer: the service, whose `routing` it is). */
  docPath: PathSegment[];
  /** The fields shown and edited for this node (a copy of the document data at `docPath`, or `{ routing }`). */
  fragment: PlainObject;
  /** Position of this component in its list (services, pools), to keep document order. */
  order: number;
  /** True when the document stores this node's position (`spec.canvas.nodes`); false = laid out automatically. */
  pinned: boolean;
  /** For a load balancer or cache attached to a service: that service's node id. */
  attachedTo: string | null;
  /** For a component kept only on the canvas (not connected yet): its key in `spec.canvas.detached`. */
  detachedKey: string | null;
};

/** A canvas node. */
export type DesignNode = Node<DesignNodeData, 'design'>;

/**
 * Edge data: `implicit` edges show a default (traffic goes to the first service) and cannot be deleted. `decodePool`:
 * a disaggregated LLM service's decode pool (`llm.disaggregated.decode.nodePool`), shown and not wiring: the
 * inspector edits it, so it is implicit (not deleted on the canvas) and not a service's one output.
 */
export type DesignEdgeData = { implicit: boolean; call?: CallEdgeData; decodePool?: true };

/** A canvas edge. */
export type DesignEdge = Edge<DesignEdgeData>;

/** The graph view of one document. */
export interface DesignGraph {
  nodes: DesignNode[];
  edges: DesignEdge[];
}

/** Edge id convention: `source->target`. */
export function edgeId(source: string, target: string): string {
  return `${source}->${target}`;
}
