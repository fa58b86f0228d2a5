/**
 * The inspector: the selected component's fields (or the scenario's, with nothing selected),
 * validated by sim-core's schema on every edit with each issue shown at its field. Issues that
 * no field shows are listed on top, so nothing is silently dropped.
 */
import { formatPath, repeatsText, type PathSegment, type ScenarioIssue } from '@design-sim/sim-core';
import { memo, useCallback } from 'react';
import { kindModule } from '../kinds/index.ts';
import type { HistoryAction } from '../model/design-history.ts';
import type { DesignGraph, DesignNode } from '../model/design-graph.ts';
import { getIn, type PlainObject } from '../model/doc-path.ts';
import { CALL_SECTIONS, SCENARIO_SECTIONS, type SectionDef } from '../model/inspector-fields.ts';
import { callPath } from '../model/call-edges.ts';
import { pathWithin } from '../model/validate-design.ts';
import { FragmentYaml } from './FragmentYaml.tsx';
import { useApp } from '../state/app-store.ts';
import { selectDispatch, selectDoc, selectGraph, selectSelection } from '../state/design-slice.ts';
import { sectionFieldPaths, SectionForm, type FormContext } from './SectionForm.tsx';

interface Props {
  doc: PlainObject;
  graph: DesignGraph;
  selection: readonly string[];
  errors: readonly ScenarioIssue[];
  dispatch: (action: HistoryAction) => void;
}

/** The document path a node's issues live under (its kind's module says: a balancer owns only its service's `routing`). */
export function issueScope(node: DesignNode): PathSegment[] {
  return kindModule(node.data.kind).issueScope(node);
}

function unclaimed(issues: readonly ScenarioIssue[], sections: readonly SectionDef[], base: PathSegment[], doc: PlainObject): ScenarioIssue[] {
  const claimed = sections.flatMap((s) => sectionFieldPaths(s, base, doc));
  return issues.filter((i) => !claimed.some((p) => pathWithin(i.path, p)));
}

/** The inspector panel. */
function InspectorImpl({ doc, graph, selection, errors, dispatch }: Props) {
  const setField = useCallback((path: PathSegment[], value: unknown) => dispatch({ type: 'setField', path, value, coalesce: formatPath(path) }), [dispatch]);
  const catalogDate = getIn(doc, ['spec', 'catalogDate']);
  const asOf = typeof catalogDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(catalogDate) ? catalogDate : undefined;
  const ctx: FormContext = { doc, issues: errors, asOf, setField };
  const node = graph.nodes.find((n) => selection.includes(n.id));
  const call = node === undefined ? graph.edges.find((e) => selection.includes(e.id) && e.data?.call?.ref != null) : undefined;
  const caller = call === undefined ? undefined : graph.nodes.find((n) => n.id === call.source);

  if (call !== undefined && caller !== undefined) {
    const path = callPath(caller.data.docPath, call.data!.call!.ref!);
    const mine = errors.filter((i) => pathWithin(i.path, formatPath(path)));
    const group = call.data!.call!.ref!.group;
    return (
      <aside className="ds-inspector" aria-label="Inspector">
        <h2>
          <span aria-hidden="true">→</span> Call: {String(caller.data.fragment.name ?? caller.id)} → {call.data!.call!.to}
        </h2>
        <p className="ds-hint">
          {group === 'parallel'
            ? 'One branch of a parallel group: the caller waits for every branch (fork-join).'
            : group === 'choice'
              ? 'One option of a router: each request makes at most one call of the group, picked by probability.'
              : 'After its own work the caller makes its calls in order; other forms (parallel groups, choices) are written in the caller\'s YAML.'}
        </p>
        <IssueBox issues={unclaimed(mine, CALL_SECTIONS, path, doc)} />
        {CALL_SECTIONS.map((s, k) => (
          <SectionForm key={`${call.id}-${k}`} def={s} base={path} ctx={ctx} />
        ))}
        <button type="button" className="ds-button ds-button--danger" onClick={() => dispatch({ type: 'remove', nodeIds: [], edgeIds: [call.id] })}>
          Delete call
        </button>
      </aside>
    );
  }

  if (node === undefined) {
    const scenarioIssues = errors.filter((i) => !graph.nodes.some((n) => pathWithin(i.path, formatPath(issueScope(n)))));
    const other = unclaimed(scenarioIssues, SCENARIO_SECTIONS, [], doc);
    return (
      <aside className="ds-inspector" aria-label="Inspector">
        <h2>Scenario</h2>
        <p className="ds-hint">Select a component on the canvas to edit it.</p>
        <IssueBox issues={other} />
        {SCENARIO_SECTIONS.map((s, k) => (
          <SectionForm key={k} def={s} base={[]} ctx={ctx} />
        ))}
      </aside>
    );
  }

  const info = kindModule(node.data.kind);
  const label = info.nodeLabel?.(node.data.fragment) ?? info.label;
  const sections = info.sections;
  const scope = formatPath(issueScope(node));
  const mine = errors.filter((i) => pathWithin(i.path, scope));
  const other = unclaimed(mine, sections, node.data.docPath, doc);
  return (
    <aside className="ds-inspector" aria-label="Inspector">
      <h2>
        <span aria-hidden="true">{info.glyph}</span> {label}
      </h2>
      {info.notSimulated && (
        <p className="ds-badge ds-badge--warn">
          Not simulated yet: kept in the file under metadata.annotations, ignored by the run.
        </p>
      )}
      {node.data.detachedKey !== null && <p className="ds-hint">Not connected: drag from its right handle to a model service to put it in front of that service.</p>}
      <IssueBox issues={other} />
      {sections.map((s, k) => (
        <SectionForm key={`${node.id}-${k}`} def={s} base={node.data.docPath} ctx={ctx} />
      ))}
      {info.yamlBox && <FragmentYaml key={node.id} doc={doc} path={node.data.docPath} onApply={(p, v) => dispatch({ type: 'setField', path: p, value: v })} />}
      <button type="button" className="ds-button ds-button--danger" onClick={() => dispatch({ type: 'remove', nodeIds: [node.id], edgeIds: [] })}>
        Delete {label.toLowerCase()}
      </button>
    </aside>
  );
}

function IssueBox({ issues }: { issues: readonly ScenarioIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <ul className="ds-issues" role="alert">
      {issues.map((i, k) => (
        <li key={k}>
          {i.path && <code>{i.path}</code>} {i.message}
          {i.suggestion !== undefined && ` (did you mean "${i.suggestion}"?)`}
          {repeatsText(i.path, i.alsoAt ?? [])}
        </li>
      ))}
    </ul>
  );
}

/** Memoized: a streamed result re-renders the results panel, not this. */
export const Inspector = memo(InspectorImpl);

/** The inspector of the app's design (its store): re-renders for the document, the graph and the selection, not for a run. */
export function InspectorPane({ errors }: { errors: readonly ScenarioIssue[] }) {
  // The whole document: a component not yet connected lives in `spec.canvas.detached`.
  const doc = useApp(selectDoc);
  const graph = useApp(selectGraph);
  const selection = useApp(selectSelection);
  const dispatch = useApp(selectDispatch);
  return <Inspector doc={doc} graph={graph} selection={selection} errors={errors} dispatch={dispatch} />;
}
