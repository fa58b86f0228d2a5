/**
 * The canvas with what it shows of the run: each node's issues, and after a run its live state at
 * the time cursor (from the app store) or a streaming run's latest tenth. It loads in the panes' chunk
 * (lazy-panes.ts), with React Flow.
 */
import { formatPath, type RunResult } from '@design-sim/sim-core';
import { ReactFlowProvider } from '@xyflow/react';
import { useMemo, useRef } from 'react';
import { useShownRun } from '../hooks/useShownRun.ts';
import { asArray, asObject } from '../model/doc-path.ts';
import type { RunStore } from '../model/run-store.ts';
import { pathWithin, type DesignValidation } from '../model/validate-design.ts';
import { nodeStatus, type NodeStatus } from '../results/node-status.ts';
import { useApp } from '../state/app-store.ts';
import { selectDispatch, selectDoc, selectGraph, selectSelection } from '../state/design-slice.ts';
import { CanvasViewContext, type CanvasView } from './canvas-view-context.ts';
import { DesignCanvas } from './DesignCanvas.tsx';
import { issueScope } from './Inspector.tsx';

interface Props {
  validation: DesignValidation;
  runStore: RunStore;
  readOnly: boolean;
}

/** The canvas pane. */
export function CanvasPane({ validation, runStore, readOnly }: Props) {
  const doc = useApp(selectDoc);
  const graph = useApp(selectGraph);
  const selection = useApp(selectSelection);
  const dispatch = useApp(selectDispatch);
  const cursor = useApp((s) => s.cursor);
  const loads = useApp((s) => s.loads);
  const { shown, staleWhy, partial, otherDesign } = useShownRun(runStore, validation, doc);
  // Canvas badges follow a streaming run in steps of 10% (and its end): each update re-lays out the nodes.
  const badgeRef = useRef<{ runId: number; result: RunResult } | null>(null);
  const last = badgeRef.current;
  if (shown === null) badgeRef.current = null;
  else if (last === null || last.runId !== shown.runId || shown.result.progress === 1 || shown.result.progress - last.result.progress >= 0.1) {
    badgeRef.current = { runId: shown.runId, result: shown.result };
  }
  const badgeResult = badgeRef.current?.result ?? null;
  const view = useMemo<CanvasView>(() => {
    const issues = new Map<string, string[]>();
    const status = new Map<string, NodeStatus>();
    const spec = asObject(doc.spec);
    const ctx = { services: asArray(spec.services).length, pools: asArray(spec.nodePools).length };
    for (const n of graph.nodes) {
      const scope = formatPath(issueScope(n));
      const mine = validation.errors.filter((i) => pathWithin(i.path, scope)).map((i) => i.message);
      if (mine.length > 0) issues.set(n.id, mine);
      if (badgeResult !== null && !otherDesign) {
        const s = nodeStatus(n.data.kind, badgeResult, cursor, { ...ctx, fragment: n.data.fragment, docPath: n.data.docPath });
        if (s !== null) status.set(n.id, s);
      }
    }
    return { issues, status, stale: staleWhy, partial };
  }, [graph, validation.errors, badgeResult, cursor, doc.spec, staleWhy, partial, otherDesign]);
  return (
    <CanvasViewContext.Provider value={view}>
      {/* The canvas's own provider: the palette reaches its view through CanvasViewportContext (canvas-viewport.ts). */}
      <ReactFlowProvider>
        <DesignCanvas graph={graph} doc={doc} selection={selection} dispatch={dispatch} fitKey={loads} readOnly={readOnly} />
      </ReactFlowProvider>
    </CanvasViewContext.Provider>
  );
}
