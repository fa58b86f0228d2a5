/**
 * The result charts (loaded lazily: the canvas paints before d3 arrives). The charts share one
 * time cursor and one zoom (a brush on any chart); fleet events (HPA scaling, nodes, spot interruptions) are marked on every time axis.
 */
import type { RunResult, Scenario } from '@design-sim/sim-core';
import { memo, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { afterNextPaint, FIRST_CHART_MARK, markOnce } from '../model/perf-marks.ts';
import { useElementWidth } from '../hooks/useElementWidth.ts';
import { buildCharts, eventMarks, type ChartModel, type EventMark } from '../results/chart-model.ts';
import { TimeChart } from './TimeChart.tsx';
import { useAfterFrames, useStaggered } from './useStaggered.ts';

const MemoTimeChart = memo(TimeChart);

/** What a snapshot changes in one chart. */
interface ChartData {
  model: ChartModel;
  t: Float64Array;
  tEnd: number | undefined;
  marks: readonly EventMark[];
}

type StaggeredProps = Omit<Parameters<typeof TimeChart>[0], keyof ChartData> & { data: ChartData; index: number; immediate: boolean };

/**
 * A chart that takes a streamed snapshot `index` frames after the first chart: six charts redrawn
 * (and repainted) in one frame made the longest main-thread task of a run; one per frame keeps each
 * short. The complete result is drawn at once, in every chart.
 */
function StaggeredChart({ data, index, immediate, ...rest }: StaggeredProps) {
  const shown = useStaggered(data, index, immediate);
  // A run's first snapshot mounts the charts one per frame too (each chart's first render, its brush and
  // paint): the first chart no longer waits for all six. Until then a frame of the chart's size, titled.
  const mounted = useAfterFrames(immediate ? 0 : index);
  if (!mounted) {
    return (
      <figure className="ds-chart" data-chart-pending={data.model.id} aria-busy="true">
        <figcaption>
          <span className="ds-chart__title">{data.model.title}</span> <span className="ds-chart__unit">({data.model.unit})</span>
        </figcaption>
        <div style={{ width: rest.width, height: rest.height }} />
      </figure>
    );
  }
  return <MemoTimeChart model={shown.model} t={shown.t} tEnd={shown.tEnd} marks={shown.marks} {...rest} />;
}

interface Props {
  result: RunResult;
  scenario: Scenario | null;
  cursor: number | null;
  onCursor: (index: number | null) => void;
  /** Charts per row (2 in the results panel, 1 in compare columns). */
  columns?: number;
  /** Chart height in rem. */
  height?: number;
}

/** The charts of a run, or a note when the run has no time series (training only). */
export default function ResultCharts({ result, scenario, cursor, onCursor, columns = 2, height: heightRem = 13.5 }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  // Heights follow the root font size, so charts grow with the text on a large screen.
  const rem = typeof window === 'undefined' ? 14 : parseFloat(getComputedStyle(document.documentElement).fontSize) || 14;
  const height = Math.round(heightRem * rem);
  const width = useElementWidth(ref, 900);
  // The time range every chart shows after a brush (null: the whole run).
  const [zoom, setZoom] = useState<[number, number] | null>(null);
  const charts = useMemo(() => buildCharts(result, scenario), [result, scenario]);
  const interval = scenario?.spec.interval ?? 60;
  const marks = useMemo(() => eventMarks(result, interval), [result, interval]);
  const ts = result.timeseries;
  // A snapshot of a run in progress is drawn on the whole horizon's axis: the lines grow left to right.
  const horizon = result.summary?.durationSeconds ?? scenario?.spec.duration ?? undefined;
  const drawn = ts !== null && ts.t.length > 0;
  useLayoutEffect(() => {
    if (!drawn) return;
    // Marked once the chart is on screen. A layout effect runs at the commit, before the browser's next frame, the
    // one that paints the chart; a task posted from that frame's animation callback runs after its paint. (A mark
    // at the commit came 60 ms before the paint in a trace; one from a passive effect, a frame after it.)
    return afterNextPaint(() => markOnce(FIRST_CHART_MARK));
  }, [drawn]);
  // One data object per chart and result (not per render: a moving cursor must not restart the stagger).
  const chartData = useMemo(() => (ts === null ? [] : charts.map((c) => ({ model: c, t: ts.t, tEnd: horizon, marks }))), [charts, ts, horizon, marks]);
  const gap = Math.round(rem * 1.1);
  // Narrow panels (a phone, a squeezed results pane) get one chart per row rather than unreadable halves.
  if (width < 46 * rem) columns = 1;
  const chartWidth = Math.max(240, Math.floor((width - gap * (columns - 1)) / columns));
  return (
    <div className="ds-charts" ref={ref} data-testid="charts" style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}>
      {ts === null ? (
        <p className="ds-hint">This scenario has no serving fleet: nothing to chart over time (see the training card).</p>
      ) : (
        chartData.map((d, k) => (
          <StaggeredChart key={d.model.id} index={k} immediate={result.progress >= 1} data={d} cursor={cursor} onCursor={onCursor} zoom={zoom} onZoom={setZoom} width={chartWidth} height={height} />
        ))
      )}
      {ts !== null && (
        <p className="ds-charts__marks">
          Marks on the time axis: <span className="ds-mark-key ds-mark-key--scale">HPA scaling</span> <span className="ds-mark-key ds-mark-key--node">nodes</span>{' '}
          <span className="ds-mark-key ds-mark-key--spot">spot interruptions</span> ({marks.length} events; hover a chart for those at the cursor)
        </p>
      )}
    </div>
  );
}
