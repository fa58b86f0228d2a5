/**
 * The React Flow canvas: a controlled view of the document's graph. Node and edge changes go to
 * the design reducer as data (select, move, remove); only node sizes, which React Flow measures
 * itself, stay local. Components are dropped in from the palette; Delete is handled by the app's
 * shortcuts so the canvas and the inspector agree on what is selected.
 */
import {
  Background,
  Controls,
  MarkerType,
  MiniMap,
  Panel,
  ReactFlow,
  useConnection,
  useReactFlow,
  useStore,
  useStoreApi,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type NodeChange,
  type NodeTypes,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { type DragEvent, memo, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { CanvasViewportContext } from './canvas-viewport.ts';
import { overflowsPane } from './keep-in-view.ts';
import type { HistoryAction } from '../model/design-history.ts';
import type { DesignEdge, DesignGraph, DesignNode } from '../model/design-graph.ts';
import { canConnect } from '../model/graph-edits.ts';
import { isComponentKind, kindModule } from '../kinds/index.ts';
import { DesignNodeView } from './DesignNodeView.tsx';
import { CanvasDispatchContext, NoteNodeView } from './NoteNodeView.tsx';
import { NOTE_PREFIX, noteNodes, type NoteKind, type NoteNode } from '../model/canvas-notes.ts';
import { asObject, type PlainObject } from '../model/doc-path.ts';
import { canvasSvg, type SvgBox } from '../model/canvas-svg.ts';
import { ExportButtons } from './ExportButtons.tsx';
import { saveSvg } from './image-export.ts';

/** The drag-and-drop MIME type of a palette item. */
export const PALETTE_MIME = 'application/x-design-sim-kind';

const NODE_TYPES: NodeTypes = { design: DesignNodeView, note: NoteNodeView };

/** Components and notes: React Flow draws both; only components connect. */
type CanvasNode = DesignNode | NoteNode;

interface Props {
  graph: DesignGraph;
  /** The document: its `spec.canvas.notes` are drawn beside the components. */
  doc: PlainObject;
  selection: readonly string[];
  dispatch: (action: HistoryAction) => void;
  /** Changes when a new design is loaded: the view then fits it. */
  fitKey: number;
  /** View only (the phone layout): no moving, connecting, selecting or dropping. */
  readOnly?: boolean;
}

/** Room kept on the right for the minimap (140 px and its 15 px margin) so it does not cover the last column. */
const MINIMAP_ROOM_PX = 165;

/**
 * Fit-view options: the minimap's room on the right, and on the left the zoom buttons' (26 px and their 15 px
 * margin): with 40 px the "+" button sat on the first column's node at 1024×768.
 */
export const FIT_VIEW = { padding: { top: '24px', left: '56px', bottom: '24px', right: `${MINIMAP_ROOM_PX}px` }, maxZoom: 1.15 } as const;

/**
 * On a phone (read-only, no minimap) the design gets the whole width, but never below the zoom at
 * which a node's smallest text is 9 px (10.5 px × 0.85): fitting three columns into 390 px drew it
 * at 5 px. A wider design is centred and panned by dragging.
 */
const FIT_VIEW_READONLY = { padding: { top: '12px', left: '12px', bottom: '12px', right: '12px' }, minZoom: 0.85, maxZoom: 1.15 } as const;

type Size = { width: number; height: number };

/** The zoom under which nodes show only their name and headline figures. */
export const COMPACT_BELOW_ZOOM = 0.7;

/** While a connection is dragged over a component it may not feed, why not (xyflow's live connection state). */
function ConnectionHint({ graph, refused }: { graph: DesignGraph; refused: string | null }) {
  const reason = useConnection((c) => {
    if (!c.inProgress || c.toNode === null || c.toNode.id === c.fromNode.id) return null;
    const check = canConnect(graph, c.fromNode.id, c.toNode.id);
    return check.ok ? null : check.reason;
  });
  const text = reason ?? refused;
  if (text === null) return null;
  return (
    <Panel position="top-center">
      <p className="ds-connect-hint" role="status" data-testid="connect-hint">
        Can't connect: {text}.
      </p>
    </Panel>
  );
}

/** A call edge: a step path with an arrow into the callee, dashed when the caller does not wait (async). */
function callEdgeLook(e: DesignEdge): Partial<DesignEdge> {
  const async = typeof e.label === 'string' && e.label.includes('async');
  return {
    type: 'smoothstep',
    className: async ? 'is-call is-async' : 'is-call',
    markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16, color: '#0e7490' },
    ariaLabel: `call to ${e.data?.call?.to ?? 'a service'}${typeof e.label === 'string' && e.label !== '' ? ` (${e.label})` : ''}`,
  };
}

/** The canvas. Must sit inside a ReactFlowProvider (CanvasPane's); its view goes to the app's CanvasViewportContext slot (for the palette). */
function DesignCanvasImpl({ graph, doc, selection, dispatch, fitKey, readOnly = false }: Props) {
  const flow = useReactFlow<CanvasNode, DesignEdge>();
  const viewport = useContext(CanvasViewportContext);
  useEffect(() => {
    const mine = { fit: () => void flow.fitView({ ...FIT_VIEW, duration: 150 }), screenToFlowPosition: (p: { x: number; y: number }) => flow.screenToFlowPosition(p) };
    viewport.current = mine;
    return () => {
      if (viewport.current === mine) viewport.current = null;
    };
  }, [viewport, flow]);
  const [sizes, setSizes] = useState<Readonly<Record<string, Size>>>({});
  // Below this zoom a node's 12 px text is under 8.4 px on screen: nodes keep their name and headline figures, drawn
  // large (styles.css). A boolean from the store: the canvas re-renders when the zoom crosses it, not at every zoom step.
  const zoomedOut = useStore((s) => s.transform[2] < COMPACT_BELOW_ZOOM);

  const notes = useMemo(() => noteNodes(doc), [doc]);
  const nodes = useMemo(
    () => [...graph.nodes, ...notes].map((n) => ({ ...n, selected: selection.includes(n.id), ...(sizes[n.id] ? { measured: sizes[n.id] } : {}) })) as CanvasNode[],
    [graph.nodes, notes, selection, sizes],
  );
  const edges = useMemo(
    () =>
      graph.edges.map((e) => {
        const selected = selection.includes(e.id);
        if (e.data?.call !== undefined) return { ...e, selected, ...callEdgeLook(e) };
        if (e.data?.decodePool === true) return { ...e, selected, className: 'is-implicit is-decode' };
        return { ...e, selected, className: e.data?.implicit ? 'is-implicit' : '', ...(e.data?.implicit ? { label: 'default' } : {}) };
      }),
    [graph.edges, selection],
  );

  // The view follows the design's fit until the user touches the canvas (a drag, a wheel, a click, a zoom button):
  // nodes grow when the run's status lines arrive, after the fit on opening (keep-in-view.ts).
  const autoFit = useRef(!readOnly);
  const refitTimer = useRef<number | null>(null);
  const store = useStoreApi<CanvasNode, DesignEdge>();
  const userTookView = useCallback(() => {
    autoFit.current = false;
  }, []);
  const keepInView = useCallback(() => {
    if (!autoFit.current || refitTimer.current !== null) return;
    refitTimer.current = window.setTimeout(() => {
      refitTimer.current = null;
      if (!autoFit.current) return;
      const { width, height, transform } = store.getState();
      const bounds = flow.getNodesBounds(flow.getNodes());
      if (overflowsPane(bounds, { x: transform[0], y: transform[1], zoom: transform[2] }, { width, height }, MINIMAP_ROOM_PX)) void flow.fitView(FIT_VIEW);
    }, 80);
  }, [flow, store]);
  useEffect(() => () => {
    if (refitTimer.current !== null) window.clearTimeout(refitTimer.current);
  }, []);

  useEffect(() => {
    if (fitKey === 0) return;
    autoFit.current = !readOnly;
    // After React Flow has measured the new nodes.
    const timer = window.setTimeout(() => void flow.fitView(readOnly ? FIT_VIEW_READONLY : FIT_VIEW), 60);
    return () => window.clearTimeout(timer);
  }, [fitKey, flow, readOnly]);

  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      const dims = changes.filter((c) => c.type === 'dimensions' && c.dimensions !== undefined);
      if (dims.length > 0) {
        setSizes((prev) => {
          const next = { ...prev };
          for (const c of dims) if (c.type === 'dimensions' && c.dimensions) next[c.id] = c.dimensions;
          return next;
        });
        keepInView();
      }
      const rest = changes.filter((c) => c.type !== 'dimensions');
      // The reducer reads ids, positions and selection, which notes share with components.
      if (rest.length > 0) dispatch({ type: 'nodeChanges', changes: rest as NodeChange<DesignNode>[] });
    },
    [dispatch, keepInView],
  );
  const onEdgesChange = useCallback((changes: EdgeChange<DesignEdge>[]) => dispatch({ type: 'edgeChanges', changes }), [dispatch]);
  const onConnect = useCallback((c: Connection) => dispatch({ type: 'connect', source: c.source, target: c.target }), [dispatch]);
  const isValidConnection = useCallback((c: Connection | DesignEdge) => canConnect(graph, c.source, c.target).ok, [graph]);
  // A refused drop keeps its reason on screen for a few seconds.
  const [refused, setRefused] = useState<string | null>(null);
  useEffect(() => {
    if (refused === null) return;
    const timer = window.setTimeout(() => setRefused(null), 4000);
    return () => window.clearTimeout(timer);
  }, [refused]);
  const onConnectEnd = useCallback(
    (_e: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.fromNode === null || state.toNode === null || state.toNode.id === state.fromNode.id) return;
      const check = canConnect(graph, state.fromNode.id, state.toNode.id);
      setRefused(check.ok ? null : check.reason);
    },
    [graph],
  );

  // A picture of the canvas: every node where React Flow drew it, at its measured size (canvas-svg.ts).
  const exportCanvas = useCallback(
    (format: 'svg' | 'png') => {
      const boxes: SvgBox[] = flow.getNodes().map((n) => {
        const size = { width: n.measured?.width ?? 200, height: n.measured?.height ?? 80 };
        if (n.type === 'note') {
          const d = (n as NoteNode).data;
          return { id: n.id, ...n.position, ...size, kind: null, title: d.text, detail: '', accent: '', note: d.kind };
        }
        const d = (n as DesignNode).data;
        const m = kindModule(d.kind);
        const { title, detail } = m.summary(d.fragment);
        // The picture shows the design, not a run: kind, name and settings, in a box sized to them.
        const width = Math.max(size.width, 28 + 7 * Math.max(detail.length, title.length * 1.25));
        return { id: n.id, ...n.position, width, height: 72, kind: m.nodeLabel?.(d.fragment) ?? m.label, title, detail, accent: m.accent };
      });
      const meta = asObject(doc.metadata);
      const name = typeof meta.name === 'string' ? meta.name : 'design';
      const out = canvasSvg(String(meta.title ?? name), boxes, graph.edges);
      void saveSvg(`${name}-canvas`, { text: out.svg, width: out.width, height: out.height }, format);
    },
    [flow, doc.metadata, graph.edges],
  );

  const onDragOver = useCallback((e: DragEvent) => {
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, []);
  const onDrop = useCallback(
    (e: DragEvent) => {
      e.preventDefault();
      const kind = e.dataTransfer.getData(PALETTE_MIME);
      const position = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      if (kind.startsWith(NOTE_PREFIX)) return dispatch({ type: 'addNote', kind: kind.slice(NOTE_PREFIX.length) as NoteKind, position });
      if (!isComponentKind(kind)) return;
      dispatch({ type: 'addComponent', kind, position });
    },
    [dispatch, flow],
  );

  return (
    <div
      className="ds-canvas"
      onDragOver={readOnly ? undefined : onDragOver}
      onDrop={readOnly ? undefined : onDrop}
      onPointerDownCapture={userTookView}
      onWheelCapture={userTookView}
      data-testid="canvas"
      data-readonly={readOnly}
    >
      <CanvasDispatchContext.Provider value={dispatch}>
      <ReactFlow<CanvasNode, DesignEdge>
        className={zoomedOut ? 'is-zoomed-out' : undefined}
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        deleteKeyCode={null}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        elementsSelectable={!readOnly}
        fitView
        fitViewOptions={readOnly ? FIT_VIEW_READONLY : FIT_VIEW}
        minZoom={0.2}
        maxZoom={2.5}
        proOptions={{ hideAttribution: true }}
        ariaLabelConfig={{ 'node.a11yDescription.default': 'Press Enter or Space to select; Delete removes; arrow keys move the selected component.' }}
      >
        <Background gap={20} />
        <ConnectionHint graph={graph} refused={refused} />
        <Panel position="top-right">
          <ExportButtons what="the canvas" onExport={exportCanvas} />
        </Panel>
        <Controls showInteractive={false} />
        {!readOnly && <MiniMap pannable zoomable ariaLabel="Minimap of the design" nodeStrokeWidth={3} style={{ width: 140, height: 90 }} />}
      </ReactFlow>
      </CanvasDispatchContext.Provider>
    </div>
  );
}

/** Memoized: a streamed result re-renders the results panel, not this. */
export const DesignCanvas = memo(DesignCanvasImpl);
