/**
 * The optimizer's cost–latency frontier as a d3-scaled scatter: cost (the minimized cost metric, or
 * cost.hourly) across, the first latency expectation's worst-seed value up, the expectation's limit as
 * a line, the best design ringed. Each point is a button: clicking it (or Enter) loads that design.
 */
import { getMetric, type FrontierPoint, type ParetoFrontier } from '@design-sim/sim-core';
import { useRef } from 'react';
import { ExportButtons } from '../components/ExportButtons.tsx';
import { saveSvg, standaloneSvg } from '../components/image-export.ts';
import { useElementWidth } from '../hooks/useElementWidth.ts';
import { metricWithUnit } from '../results/metric-text.ts';
import { frontierGeometry } from './frontier-geometry.ts';

interface Props {
  frontier: ParetoFrontier;
  /** The latency expectation's limit (ms), drawn as a line. */
  limit: number | null;
  /** The chosen design's values (by path), ringed. */
  best: Record<string, unknown> | null;
  onPick: (p: FrontierPoint) => void;
}

const HEIGHT = 220;

const sameValues = (a: Record<string, unknown>, b: Record<string, unknown> | null) => b !== null && Object.keys(a).every((k) => a[k] === b[k]);

const designText = (p: FrontierPoint) =>
  Object.entries(p.labels)
    .map(([k, v]) => `${k} = ${String(v)}`)
    .join(', ');

/** The frontier chart. */
export function FrontierChart({ frontier, limit, best, onPick }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const width = Math.min(720, useElementWidth(box, 560));
  const g = frontierGeometry(frontier.points, limit, width, HEIGHT);
  const costUnit = getMetric(frontier.costMetric)?.unit ?? '';
  return (
    <figure className="ds-chart ds-frontier" data-testid="frontier-chart" ref={box}>
      <figcaption>
        <span className="ds-chart__title">Cost–latency frontier of the designs run</span>{' '}
        <span className="ds-chart__note">
          — {frontier.costMetric} ({costUnit}, mean over seeds) against {frontier.latencyMetric} (ms, worst seed){g.log ? ', log scale' : ''}. Click a point to load that design.
        </span>
        <ExportButtons
          what="the frontier chart"
          onExport={(f) => {
            if (svgRef.current === null) return;
            const legend = [
              { label: 'meets every expectation', color: '#039855' },
              { label: 'passed the seeds it ran', color: '#53b1fd' },
              { label: `misses ${frontier.expectation}`, color: '#d92d20' },
            ];
            void saveSvg('optimize-frontier', standaloneSvg(svgRef.current, `Cost–latency frontier: ${frontier.costMetric} (${costUnit}) against ${frontier.latencyMetric} (ms, worst seed)`, legend), f);
          }}
        />
      </figcaption>
      <svg ref={svgRef} width={width} height={HEIGHT} role="group" aria-label={`Frontier: ${frontier.points.length} designs, ${frontier.costMetric} against ${frontier.latencyMetric}`}>
        <g className="ds-axis">
          {g.yTicks.map((t) => (
            <g key={t.value} transform={`translate(0,${t.y})`}>
              <line x1={g.left} x2={width - g.right} className="ds-grid" />
              <text x={g.left - 6} dy="0.32em" textAnchor="end">
                {t.label}
              </text>
            </g>
          ))}
          {g.xTicks.map((t) => (
            <text key={t.value} x={t.x} y={HEIGHT - 22} textAnchor="middle">
              {t.label}
            </text>
          ))}
          <text x={(g.left + width - g.right) / 2} y={HEIGHT - 4} textAnchor="middle" className="ds-axis__title">
            {frontier.costMetric} ({costUnit})
          </text>
          <text transform={`translate(12,${(g.top + HEIGHT - g.bottom) / 2}) rotate(-90)`} textAnchor="middle" className="ds-axis__title">
            {frontier.latencyMetric} (ms)
          </text>
        </g>
        {g.limitY !== null && (
          <g className="ds-ref" data-ref="limit">
            <line x1={g.left} x2={width - g.right} y1={g.limitY} y2={g.limitY} />
            <text x={width - g.right - 4} y={g.limitY - 4} textAnchor="end">
              {frontier.expectation}
            </text>
          </g>
        )}
        <path d={g.stepPath} className="ds-frontier__line" />
        {frontier.points.map((p, k) => {
          const pt = g.points[k]!;
          const isBest = sameValues(p.values, best);
          const what = `${designText(p)}: ${metricWithUnit(frontier.costMetric, p.cost)}${p.onStalePrices ? ' (on a stale or undated price)' : ''}, ${metricWithUnit(frontier.latencyMetric, p.latency)} (${p.status === 'feasible' ? 'meets every expectation' : p.status === 'unconfirmed' ? 'passed the seeds it ran' : `fails ${frontier.expectation}`})`;
          return (
            <g
              key={k}
              role="button"
              tabIndex={0}
              className={`ds-frontier__point is-${p.status}${isBest ? ' is-best' : ''}`}
              data-testid="frontier-point"
              data-cost={p.cost}
              data-latency={p.latency}
              data-status={p.status}
              data-best={isBest}
              aria-label={`Load ${what}`}
              onClick={() => onPick(p)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  onPick(p);
                }
              }}
            >
              <title>{what}</title>
              {isBest && <circle cx={pt.x} cy={pt.y} r={10} className="ds-frontier__ring" />}
              <circle cx={pt.x} cy={pt.y} r={6} />
            </g>
          );
        })}
      </svg>
      <ul className="ds-legend">
        <li>
          <span className="ds-swatch ds-frontier__key is-feasible" /> meets every expectation on every seed
        </li>
        <li>
          <span className="ds-swatch ds-frontier__key is-unconfirmed" /> passed the seeds it ran (the search did not need more)
        </li>
        <li>
          <span className="ds-swatch ds-frontier__key is-infeasible" /> misses {frontier.expectation}
        </li>
        <li>
          <span className="ds-swatch ds-swatch--ref" /> the limit
        </li>
      </ul>
    </figure>
  );
}
