/**
 * What one canvas component kind is, in one object (STYLE.md §5): its palette entry, the defaults a
 * new one starts with, its node's summary and live lines, its inspector form, its connections,
 * where it lives in the scenario document, how it is copied and pasted, and what a rename changes.
 * Generic code (palette, canvas, inspector, the two graph mappers, the connection rules, the
 * clipboard, renaming) iterates the registry (kinds/index.ts) and never names a kind, so a new kind
 * is one folder under kinds/ and one line in the registry.
 */
import type { PathSegment, RunResult } from '@design-sim/sim-core';
import type { ComponentKind, DesignEdge, DesignGraph, DesignNode } from '../model/design-graph.ts';
import type { PlainObject } from '../model/doc-path.ts';
import type { SectionDef } from '../model/inspector-fields.ts';
import type { NodeStatus, StatusContext } from '../results/node-status.ts';

/** A document with one component added, and the new node's id. */
export interface Added {
  doc: PlainObject;
  id: string;
}

/** One node the document implies, before it is positioned. */
export interface NodeSpec {
  id: string;
  kind: ComponentKind;
  docPath: PathSegment[];
  fragment: PlainObject;
  /** Position in its list (services, pools), to keep document order. */
  order: number;
  /** Row of the automatic layout. */
  row: number;
  attachedTo?: string | null;
  detachedKey?: string | null;
}

/** What a kind's `read` sees and adds to while the document becomes a graph (scenario-to-graph.ts). */
export interface GraphReader {
  doc: PlainObject;
  spec: PlainObject;
  /** `spec.services` and `spec.nodePools` as lists, with their node ids (node-ids.ts). */
  services: readonly unknown[];
  serviceIds: readonly string[];
  pools: readonly unknown[];
  poolIds: readonly string[];
  /** Service node id → the node that receives its requests first (itself, or what sits in front of it). */
  front: Map<string, string>;
  /** Adds a node at the end, or right after the node `after` (so a service's attachments follow it). */
  addNode: (node: NodeSpec, after?: string) => void;
  addEdge: (source: string, target: string, implicit?: boolean) => void;
  /** Adds an edge that carries data of its own (a call between services, labelled). */
  addDataEdge: (edge: DesignEdge) => void;
}

/** Where the edges of a graph lead (graph-wiring.ts). */
export interface Wiring {
  /** Node id → the node its one output (not a call) goes to. */
  next: ReadonlyMap<string, DesignNode>;
  /** The service a node's requests reach (the node itself, or through what sits in front of a service). */
  serviceOf: (node: DesignNode | undefined) => DesignNode | undefined;
}

/** What a kind's `write` sees while the graph becomes a document again (graph-to-scenario.ts). */
export interface DocWriter {
  graph: DesignGraph;
  /** The document the graph was made from: metadata, settings and key order come from it. */
  base: PlainObject;
  /** The graph of `base` (computed once, on first use). */
  baseGraph: () => DesignGraph;
  wiring: Wiring;
  /** The nodes of a kind, in document order. */
  nodesOf: (kind: ComponentKind) => DesignNode[];
  /** Records the id a node will have in the written document (a renamed service's id changes). */
  setNewId: (oldId: string, newId: string) => void;
  /** The id a node will have in the written document (its own when none was recorded). */
  newId: (oldId: string) => string;
}

/**
 * How a kind maps between the document and the graph. `stage` orders kinds: 0 reads and writes the
 * services (the hub every request ends at), 1 what attaches to them, 2 what needs their final shape.
 */
export interface KindMapping {
  stage: 0 | 1 | 2;
  /** Adds this kind's nodes (and the edges it owns) for the document. */
  read: (r: GraphReader) => void;
  /**
   * Adds the edges between this kind's own nodes that end at another node's front (calls between
   * services): run at the start of stage 2, once every front node is known.
   */
  readLinks?: (r: GraphReader) => void;
  /** Writes this kind's nodes back into the document. */
  write: (doc: PlainObject, w: DocWriter) => PlainObject;
  /** The node's id in the written document, or null when it is kept under `spec.canvas.detached`. */
  canvasId: (node: DesignNode, w: DocWriter) => string | null;
}

/** A position on the canvas. */
export type Point = { x: number; y: number };

/**
 * How a kind's components are copied (Ctrl+C) and pasted (Ctrl+V, Ctrl+D, model/clipboard.ts): as a
 * copy of the node's own document entry, or as part of the component it is attached to (a cache
 * or balancer lives inside its service: copying it copies the service; a detached one is not copied).
 */
export type KindCopy = { as: 'attached' } | KindEntryCopy;

/** A kind copied as its own document entry (the node's fragment). */
export interface KindEntryCopy {
  as: 'entry';
  /** Pasting order: kinds that others name first (a pool before the services that run on it). */
  order: number;
  /**
   * `doc` with a copy of `item` added under a fresh name, and the new node's id and name;
   * `pasted(kind, name)` is the new name of a component of `kind` pasted with it, so a copy can
   * point at its pasted neighbours (a service at the pasted copy of its pool).
   */
  paste: (doc: PlainObject, item: PlainObject, pasted: (kind: ComponentKind, name: unknown) => string | undefined) => { doc: PlainObject; id: string; name: string };
}

/** What follows a rename of a component: `(doc, from, to)` → `doc` with this kind's references (and canvas ids) renamed. */
export type RenameFollower = (doc: PlainObject, from: string, to: string) => PlainObject;

/** One component kind. */
export interface ComponentKindModule {
  kind: ComponentKind;
  /** Palette: name, a short glyph for the node header (text, never HTML) and a one-line description. */
  label: string;
  glyph: string;
  description: string;
  /** The node header's and inspector's name when it depends on the component's settings (an LLM, a GPU or a CPU service); absent: `label`. */
  nodeLabel?: (fragment: PlainObject) => string;
  /** "a model service": how a refused connection names it. */
  phrase: string;
  /** Colour of the node's left bar, on the canvas and in a saved picture. */
  accent: string;
  /** At most one per scenario. */
  single: boolean;
  /** True when the kind is kept in the file but not simulated yet. */
  notSimulated?: boolean;
  /**
   * Column of the automatic layout (request-path order); `always` keeps it even when no node uses it. `place`: where
   * it stands in a service graph's layers (model/auto-layout.ts), taking the next free row where its own is held:
   * `before-target` in the layer before the service it sends to (a traffic source), `after-layers` after the deepest
   * layer at its first user's row (a node pool). Absent: with the service it belongs to. `row-below`: no column of its
   * own; its nodes fill a row under the rest of the graph, left to right (a cluster job: beside the request path).
   */
  column?: { order: number; always?: boolean; place?: 'before-target' | 'after-layers' | 'row-below' };
  /** The kinds this kind may feed (its output handle). */
  feeds: readonly ComponentKind[];
  /** An edge to another component of the same kind is a call, not its one output (a service calling a service). */
  callsOwnKind?: boolean;
  /** Sits in front of a service and passes requests on (a cache, a balancer): must reach a service to receive any, and is bypassed when removed. */
  passThrough?: boolean;
  /** Kept under `spec.canvas.detached` while not connected, with keys `<prefix>-N`. */
  detachable?: { prefix: string };
  /** Shows the "Edit as YAML" box of its document object (not for a balancer: its object is the service). */
  yamlBox: boolean;
  /** The defaults of a new one, added to the document. */
  add: (doc: PlainObject) => Added;
  /** For a single kind: whether the document has it already. */
  present?: (doc: PlainObject) => boolean;
  /** The document path a node's issues live under. */
  issueScope: (node: DesignNode) => PathSegment[];
  /** The inspector form (help and units come from the schema, model/schema-help.ts). */
  sections: readonly SectionDef[];
  /** The node's title (name) and one-line description of its settings. */
  summary: (fragment: PlainObject) => { title: string; detail: string };
  /** The node's live state after a run at series index `index` (null = the last interval). */
  status: (result: RunResult, index: number | null, ctx: StatusContext) => NodeStatus | null;
  /** Document ↔ graph. */
  graph: KindMapping;
  /** Copy and paste; absent: not copied (the training job is one per scenario). */
  copy?: KindCopy;
  /** Where a component's `name` lives, for one kept in a list (`spec.services`): setting `[...list, i, 'name']` renames it. */
  naming?: { list: readonly PathSegment[] };
  /**
   * What this kind holds that names a component of a kind (its own included), renamed with it:
   * a service's `nodePool` follows a pool's rename, the traffic's `target` a service's, a cache's
   * canvas id (`cache:<service>`) its service's.
   */
  follows?: Partial<Record<ComponentKind, RenameFollower>>;
}
