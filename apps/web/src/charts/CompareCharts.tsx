/**
 * Compare mode's charts: A and B on shared axes (A dashed, B solid), with one time cursor and one
 * zoom like the results' charts.
 */
import type { RunResult, Scenario } from '@design-sim/sim-core';
import { useMemo, useRef, useState } from 'react';
import { useElementWidth } from '../hooks/useElementWidth.ts';
import { buildCharts, eventMarks } from '../results/chart-model.ts';
import { overlayCharts } from '../results/compare-charts.ts';
import { TimeChart } from './TimeChart.tsx';

interface Props {
  a: RunResult;
  b: RunResult;
  scenarioA: Scenario | null;
  scenarioB: Scenario | null;
  cursor: number | null;
  onCursor: (index: number | null) => void;
}

const NO_TIMES = new Float64Array(0);

/** The overlaid charts, or nothing when neither run has time series. */
export default function CompareCharts({ a, b, scenarioA, scenarioB, cursor, onCursor }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const rem = typeof window === 'undefined' ? 14 : parseFloat(getComputedStyle(document.documentElement).fontSize) || 14;
  const width = useElementWidth(ref, 900);
  const [zoom, setZoom] = useState<[number, number] | null>(null);
  const tA = a.timeseries?.t ?? NO_TIMES;
  const tB = b.timeseries?.t ?? NO_TIMES;
  const charts = useMemo(() => overlayCharts(buildCharts(a, scenarioA), buildCharts(b, scenarioB), a.timeseries?.t ?? NO_TIMES, b.timeseries?.t ?? NO_TIMES), [a, b, scenarioA, scenarioB]);
  // B's fleet events are marked (the design being edited); A's are in its own results.
  const marks = useMemo(() => eventMarks(b, scenarioB?.spec.interval ?? 60), [b, scenarioB]);
  const horizon = Math.max(a.summary?.durationSeconds ?? 0, b.summary?.durationSeconds ?? 0) || undefined;
  const columns = width < 46 * rem ? 1 : 2;
  const gap = Math.round(rem * 1.1);
  const chartWidth = Math.max(240, Math.floor((width - gap * (columns - 1)) / columns));
  if (charts.length === 0) return null;
  return (
    <div className="ds-charts" ref={ref} data-testid="compare-charts" style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}>
      {charts.map((c) => (
        <TimeChart key={c.id} model={c} t={tB.length > 0 ? tB : tA} tEnd={horizon} marks={marks} cursor={cursor} onCursor={onCursor} zoom={zoom} onZoom={setZoom} width={chartWidth} height={Math.round(12 * rem)} />
      ))}
    </div>
  );
}
