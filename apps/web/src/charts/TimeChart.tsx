/**
 * One chart over simulated time: lines (React-rendered SVG on d3 scales), reference lines (SLO,
 * cost bound), fleet events as marks on the time axis, and the shared time cursor: a crosshair on
 * every chart (the time line and a dot on each series), the tooltip only on the chart under the
 * pointer or the keyboard focus. Hover or focus and use ←/→ to move the cursor; Home/End jump to
 * the ends. The legend's entries switch their series on and off (the value axis follows what is
 * shown). Dragging across a chart (d3-brush) zooms every chart to that time range; Reset zoom undoes it.
 */
import { brushX } from 'd3-brush';
import { select } from 'd3-selection';
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { ChartModel, EventMark } from '../results/chart-model.ts';
import { formatClock } from '../results/format.ts';
import { ExportButtons } from '../components/ExportButtons.tsx';
import { saveSvg, standaloneSvg } from '../components/image-export.ts';
import { chartGeometry, indexAt, MARGIN, tickLabel, TIME_TICK_SPACING_PX, timeTicks, tooltipLeftPx, valueAt } from './chart-geometry.ts';

interface Props {
  model: ChartModel;
  t: Float64Array;
  /** The end of the time axis, s (the run's horizon; defaults to the last time). */
  tEnd?: number | undefined;
  marks: readonly EventMark[];
  cursor: number | null;
  onCursor: (index: number | null) => void;
  /** The time range every chart shows ([from, to], s), or null for the whole run; shared by the charts. */
  zoom?: readonly [number, number] | null;
  onZoom?: (range: [number, number] | null) => void;
  width: number;
  height: number;
}

/** Brushes narrower than this many px are clicks, not zooms. */
const MIN_BRUSH_PX = 6;

/** Units of whole things: their axes get integer ticks only (no "2.5 replicas"). */
const COUNT_UNITS: ReadonlySet<string> = new Set(['count', 'requests', 'nodes', 'visits']);

/** Rows of the event marks under the zero line, px below it: HPA scaling, node events, spot interruptions. */
const MARK_Y: Readonly<Record<EventMark['kind'], number>> = { scale: 2, node: 8, spot: 14 };
/** Height of one event mark, px. */
const MARK_H = 6;
const MARK_KINDS = Object.keys(MARK_Y) as EventMark['kind'][];
/** A time label this close to an end of the axis, px, is aligned to that end instead of centred (no overlap with the axis title, no clipping). */
const EDGE_PX = 16;

/** The events of the interval ending at `t[i]` (times are interval ends), at most 5. */
function marksAt(marks: readonly EventMark[], t: Float64Array, i: number): EventMark[] {
  const end = t[i]!;
  const start = i > 0 ? t[i - 1]! : -Infinity;
  return marks.filter((m) => m.t > start && m.t <= end).slice(0, 5);
}

/** A time chart. */
export function TimeChart({ model: all, t, tEnd, marks, cursor, onCursor, zoom = null, onZoom, width, height }: Props) {
  const svgRef = useRef<SVGSVGElement>(null);
  const brushRef = useRef<SVGGElement>(null);
  const clipId = `clip-${useId().replace(/:/g, '')}`;
  // Latency spans decades (a 50 ms p50 under a 4 s p99 in an overload): a log axis on demand.
  const canLog = all.unit === 'ms';
  const [logScale, setLogScale] = useState(false);
  // Series switched off in the legend; the axis then scales to the ones left.
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const model = useMemo(() => (hidden.size === 0 ? all : { ...all, series: all.series.filter((s) => !hidden.has(s.key)) }), [all, hidden]);
  // Only the chart under the pointer (or with the keyboard focus) shows the tooltip; every chart shows the crosshair.
  const [active, setActive] = useState(false);
  // The tooltip's width as last drawn (px), to choose its side of the cursor; measured before the paint.
  const tipRef = useRef<HTMLDivElement>(null);
  const [tipWidth, setTipWidth] = useState(0);
  const geo = useMemo(() => chartGeometry(model, t, width, height, tEnd, canLog && logScale, zoom), [model, t, width, height, tEnd, canLog, logScale, zoom]);
  const { x, y } = geo;
  const bottom = height - MARGIN.bottom;
  const xRef = useRef(x);
  useEffect(() => {
    xRef.current = x;
  }, [x]);
  // The brush is d3's (it owns its overlay's pointer events); a finished brush becomes the shared zoom and is cleared.
  useEffect(() => {
    const g = brushRef.current;
    if (g === null || onZoom === undefined) return;
    const brush = brushX<unknown>()
      .extent([
        [MARGIN.left, MARGIN.top],
        [Math.max(MARGIN.left + 10, width - MARGIN.right), bottom],
      ])
      .on('end', (e: { selection: [number, number] | null; sourceEvent?: unknown }) => {
        if (e.selection === null || e.sourceEvent === undefined) return;
        const [p0, p1] = e.selection;
        select(g).call(brush.move, null);
        if (p1 - p0 < MIN_BRUSH_PX) return;
        onZoom([xRef.current.invert(p0), xRef.current.invert(p1)]);
      });
    const sel = select(g);
    sel.call(brush);
    return () => {
      sel.on('.brush', null);
      sel.selectAll('*').remove();
    };
  }, [onZoom, width, bottom]);
  // Fleet events only accumulate while a run streams in, and the time axis is the horizon's: draw the
  // marks again only when there are more of them or the axis moved, not for every snapshot. One path
  // per kind, its title listing the events (a run has hundreds: one element each, times six charts,
  // made most of the charts' DOM and of each snapshot's render); the tooltip names those at the cursor.
  const [x0, x1] = x.domain() as [number, number];
  const markLines = useMemo(
    () => (
      <g className="ds-marks">
        {MARK_KINDS.map((kind) => {
          const mine = marks.filter((m) => m.kind === kind);
          if (mine.length === 0) return null;
          // Under the zero line, off the data: a series near zero is never hidden by the marks.
          const y1 = bottom + MARK_Y[kind];
          const d = mine.map((m) => `M${x(m.t).toFixed(1)},${y1}v${MARK_H}`).join('');
          return (
            <path key={kind} className={`ds-mark ds-mark--${kind}`} d={d} data-marks={mine.length}>
              <title>{mine.map((m) => `${formatClock(m.t)} ${m.label}`).join('\n')}</title>
            </path>
          );
        })}
      </g>
    ),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on what changes the drawing (see above)
    [marks.length, x0, x1, width, bottom],
  );
  const move = (e: MouseEvent) => {
    const box = svgRef.current?.getBoundingClientRect();
    if (box === undefined || t.length === 0) return;
    onCursor(indexAt(t, x.invert(e.clientX - box.left)));
  };
  const key = (e: KeyboardEvent) => {
    const last = t.length - 1;
    const cur = cursor ?? last;
    const next = e.key === 'ArrowLeft' ? cur - 1 : e.key === 'ArrowRight' ? cur + 1 : e.key === 'Home' ? 0 : e.key === 'End' ? last : null;
    if (next === null) return;
    e.preventDefault();
    onCursor(Math.max(0, Math.min(last, next)));
  };
  const ci = cursor !== null && cursor < t.length ? cursor : null;
  const [z0, z1] = x.domain() as [number, number];
  const cx = ci === null || t[ci]! < z0 || t[ci]! > z1 ? null : x(t[ci]!);
  // Its lines change with the cursor and the series shown; a width change re-renders once, before the paint.
  useLayoutEffect(() => {
    const w = tipRef.current?.offsetWidth ?? 0;
    if (w > 0 && Math.abs(w - tipWidth) > 2) setTipWidth(w);
  }, [active, ci, model, tipWidth]);
  const tooltipLeft = cx === null ? 0 : tooltipLeftPx(cx, width, tipWidth);
  const summary = model.series.map((s) => s.label).join(', ');
  return (
    <figure className="ds-chart" data-chart={all.id} data-scale={geo.log ? 'log' : 'linear'} data-zoom={zoom === null ? undefined : `${Math.round(zoom[0])}-${Math.round(zoom[1])}`}>
      <figcaption>
        <span className="ds-chart__title">{model.title}</span> <span className="ds-chart__unit">({model.unit})</span>
        {model.note && <span className="ds-chart__note"> — {model.note}</span>}
        {zoom !== null && onZoom !== undefined && (
          <button type="button" className="ds-chart__reset" onClick={() => onZoom(null)} data-testid={`reset-zoom-${all.id}`}>
            Reset zoom
          </button>
        )}
        {canLog && (
          <label className="ds-chart__log">
            <input type="checkbox" checked={logScale} onChange={(e) => setLogScale(e.target.checked)} data-testid={`log-${model.id}`} /> log scale
          </label>
        )}
        <ExportButtons
          what={`the ${model.title} chart`}
          onExport={(f) => {
            if (svgRef.current === null) return;
            const legend = [...model.series.map((s) => ({ label: s.label, color: s.color, ...(s.dashed ? { dashed: true } : {}) })), ...model.refLines.map((r) => ({ label: `${r.label} ${tickLabel(r.value)} ${model.unit}`, color: '#b42318', dashed: true }))];
            void saveSvg(`chart-${model.id}`, standaloneSvg(svgRef.current, `${model.title} (${model.unit})${model.note ? ` — ${model.note}` : ''}`, legend), f);
          }}
        />
      </figcaption>
      <svg
        ref={svgRef}
        width={width}
        height={height}
        role="img"
        aria-label={`${model.title} over time: ${summary}. Use the arrow keys to move the time cursor.`}
        tabIndex={0}
        onMouseMove={(e) => {
          if (!active) setActive(true);
          move(e);
        }}
        onMouseLeave={() => {
          setActive(false);
          onCursor(null);
        }}
        onFocus={() => setActive(true)}
        onBlur={() => setActive(false)}
        onKeyDown={key}
        data-active={active}
      >
        <defs>
          <clipPath id={clipId}>
            <rect x={MARGIN.left} y={0} width={Math.max(10, width - MARGIN.left - MARGIN.right)} height={bottom + MARK_Y.spot + MARK_H} />
          </clipPath>
        </defs>
        <g className="ds-axis">
          {geo.yTicks
            .filter((v) => !COUNT_UNITS.has(model.unit) || Number.isInteger(v))
            .map((v) => (
            <g key={v} transform={`translate(0,${y(v)})`}>
              <line x1={MARGIN.left} x2={width - MARGIN.right} className="ds-grid" />
              <text x={MARGIN.left - 6} dy="0.32em" textAnchor="end">
                {tickLabel(v)}
              </text>
            </g>
          ))}
          {/* In the left margin, right-aligned like the value labels, so it never runs into the first time label. */}
          <text x={MARGIN.left - 6} y={height - 6} textAnchor="end" className="ds-axis__title">
            t (h:mm)
          </text>
          {timeTicks(z1, Math.max(2, Math.floor((width - MARGIN.left - MARGIN.right) / TIME_TICK_SPACING_PX)), z0).map((v) => {
            const tx = x(v);
            const anchor = tx - MARGIN.left < EDGE_PX ? 'start' : width - MARGIN.right - tx < EDGE_PX ? 'end' : 'middle';
            return (
              <text key={v} x={tx} y={height - 6} textAnchor={anchor} data-time-tick={v}>
                {formatClock(v)}
              </text>
            );
          })}
        </g>
        <g clipPath={zoom === null ? undefined : `url(#${clipId})`}>
          {geo.paths.map((p, k) => {
            const s = model.series[k]!;
            return (
              <g key={p.key}>
                {p.areaD && <path d={p.areaD} className="ds-area" style={{ fill: s.color }} />}
                <path d={p.d} data-series={p.key} className="ds-line" style={{ stroke: s.color }} strokeDasharray={s.dashed ? '5 4' : undefined} />
              </g>
            );
          })}
        </g>
        {model.refLines.map((r) => (
          <g key={r.label} className="ds-ref" data-ref={r.label}>
            <line x1={MARGIN.left} x2={width - MARGIN.right} y1={y(r.value)} y2={y(r.value)} />
            <text x={width - MARGIN.right - 4} y={y(r.value) - 4} textAnchor="end">
              {r.label} {tickLabel(r.value)} {model.unit}
            </text>
          </g>
        ))}
        {/* Under the event marks, so a mark still shows its label on hover. */}
        {onZoom !== undefined && <g ref={brushRef} className="ds-brush" data-testid={`brush-${all.id}`} />}
        <g clipPath={zoom === null ? undefined : `url(#${clipId})`}>{markLines}</g>
        {cx !== null && ci !== null && (
          <g className="ds-crosshair" data-testid={`crosshair-${all.id}`}>
            <line className="ds-cursor" x1={cx} x2={cx} y1={MARGIN.top} y2={bottom} />
            {model.series.map((s) => {
              const v = valueAt(s, t, ci);
              return Number.isFinite(v) && (!geo.log || v > 0) ? <circle key={s.key} cx={cx} cy={y(v)} r={3} style={{ fill: s.color }} /> : null;
            })}
          </g>
        )}
      </svg>
      {active && ci !== null && cx !== null && (
        <div ref={tipRef} className="ds-tooltip" style={{ left: tooltipLeft }} role="status">
          <div className="ds-tooltip__time">t = {formatClock(t[ci]!)}</div>
          {model.series.map((s) => (
            <div key={s.key} data-unit={s.unit ?? model.unit}>
              <span className="ds-swatch" style={{ background: s.color }} /> {s.label}: {tickLabel(valueAt(s, t, ci))} {s.unit ?? model.unit}
            </div>
          ))}
          {marksAt(marks, t, ci).map((m, k) => (
            <div key={`m${k}`} className="ds-tooltip__event">
              {formatClock(m.t)} {m.label}
            </div>
          ))}
        </div>
      )}
      <ul className="ds-legend">
        {all.series.map((s) => (
          <li key={s.key}>
            <button
              type="button"
              className="ds-legend__item"
              aria-pressed={!hidden.has(s.key)}
              title={hidden.has(s.key) ? `Show ${s.label}` : `Hide ${s.label}`}
              data-testid={`legend-${all.id}-${s.key}`}
              onClick={() =>
                setHidden((h) => {
                  const next = new Set(h);
                  if (!next.delete(s.key)) next.add(s.key);
                  return next;
                })
              }
            >
              <span className={`ds-swatch${s.dashed ? ' is-dashed' : ''}`} style={{ background: s.color }} /> {s.label}
            </button>
          </li>
        ))}
        {model.refLines.map((r) => (
          <li key={r.label}>
            <span className="ds-swatch ds-swatch--ref" /> {r.label}
          </li>
        ))}
      </ul>
    </figure>
  );
}
