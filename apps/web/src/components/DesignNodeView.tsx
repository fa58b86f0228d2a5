/**
 * A component on the canvas: kind, name and settings, and after a run its live state (replicas,
 * nodes, utilization, $/h) with a red mark where an expectation fails. Outlined red when the
 * inspector has issues for it. Zoomed out, the canvas (CSS, `.is-zoomed-out`) keeps only the name and the
 * headline figures, drawn large. All text: nothing from a file is rendered as HTML.
 */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, useContext, type CSSProperties } from 'react';
import type { DesignNode } from '../model/design-graph.ts';
import { hasInput, hasOutput } from '../model/graph-edits.ts';
import { kindModule } from '../kinds/index.ts';
import { formatClock } from '../results/format.ts';
import type { StatusLine } from '../results/node-status.ts';
import { CanvasViewContext } from './canvas-view-context.ts';

/**
 * The values of one time base under a small heading ("at cursor 2:13", "whole run"). The heading's words are set in
 * capitals, its clock is not: "AT THE END 1D 0:00" read as a unit "D".
 */
function StatusGroup({ lines, heading, clock = '' }: { lines: readonly StatusLine[]; heading: string; clock?: string }) {
  if (lines.length === 0) return null;
  return (
    <div className="ds-node__group" data-base={lines[0]!.base}>
      {heading && (
        <div className="ds-node__base">
          {heading}
          {clock && (
            <>
              {' '}
              <span className="ds-node__clock">{clock}</span>
            </>
          )}
        </div>
      )}
      <dl>
        {lines.map((l) => (
          <div key={l.label} data-headline={l.headline ? '' : undefined}>
            <dt>{l.label}</dt>
            <dd>{l.value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function DesignNodeViewImpl({ id, data, selected }: NodeProps<DesignNode>) {
  const view = useContext(CanvasViewContext);
  const info = kindModule(data.kind);
  const { title, detail } = info.summary(data.fragment);
  const label = info.nodeLabel?.(data.fragment) ?? info.label;
  const issues = view.issues.get(id) ?? [];
  const status = view.status.get(id);
  const failing = status?.failing ?? [];
  const stale = view.stale !== null;
  const classes = ['ds-node', `ds-node--${data.kind}`, selected ? 'is-selected' : '', issues.length > 0 ? 'has-issues' : '', failing.length > 0 && !stale ? 'is-failing' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={classes} data-testid={`node-${id}`} aria-label={`${label} ${title}`} style={{ '--kind-accent': info.accent } as CSSProperties}>
      {hasInput(data.kind) && <Handle type="target" position={Position.Left} title="input: drag a connection here" />}
      <div className="ds-node__head">
        <span className="ds-node__glyph" aria-hidden="true">
          {info.glyph}
        </span>
        <span className="ds-node__kind">{label}</span>
        {failing.length > 0 && (
          <span className={`ds-node__fail${stale ? ' is-stale' : ''}`} role="img" aria-label={`${stale ? 'stale, ' : ''}failing: ${failing.join('; ')}`} title={failing.join('\n')}>
            ✗ fails
          </span>
        )}
      </div>
      <div className="ds-node__title">{title}</div>
      <div className="ds-node__detail">{detail}</div>
      {info.notSimulated && <div className="ds-badge ds-badge--warn">not simulated yet</div>}
      {data.detachedKey !== null && <div className="ds-badge">not connected: drag to a service</div>}
      {issues.length > 0 && (
        <div className="ds-node__issues" title={issues.join('\n')}>
          {issues.length === 1 ? '1 issue' : `${issues.length} issues`}
        </div>
      )}
      {status !== undefined && (
        <div className={`ds-node__status${stale ? ' is-stale' : ''}`} data-testid={`status-${id}`} data-stale={stale} title={view.stale ?? undefined}>
          {stale && <div className="ds-node__stale">stale</div>}
          <StatusGroup
            lines={status.lines.filter((l) => l.base === 'cursor')}
            heading={status.atSeconds === null ? '' : status.atEnd ? (view.partial ? 'now' : 'at the end') : 'at cursor'}
            clock={status.atSeconds === null ? '' : formatClock(status.atSeconds)}
          />
          <StatusGroup lines={status.lines.filter((l) => l.base === 'run')} heading={view.partial ? 'run so far' : 'whole run'} />
        </div>
      )}
      {hasOutput(data.kind) && <Handle type="source" position={Position.Right} title="output: drag from here to connect" />}
    </div>
  );
}

/** The canvas node component (registered as node type `design`). */
export const DesignNodeView = memo(DesignNodeViewImpl);
