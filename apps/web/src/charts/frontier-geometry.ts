/**
 * Scales of the frontier chart (pure, d3-scale): cost across from a little below the cheapest point,
 * latency up from zero, or on a log scale when the points span more than a factor of 20 (a design
 * just short of capacity can be 100× slower than the next, which would flatten every other point).
 */
import { scaleLinear, scaleLog } from 'd3-scale';
import { tickLabel } from './chart-geometry.ts';

/** One positioned point. */
export interface PlacedPoint {
  x: number;
  y: number;
}

/** What the chart draws. */
export interface FrontierGeometry {
  left: number;
  right: number;
  top: number;
  bottom: number;
  log: boolean;
  points: PlacedPoint[];
  xTicks: { value: number; x: number; label: string }[];
  yTicks: { value: number; y: number; label: string }[];
  /** y of the expectation's limit, or null when there is none. */
  limitY: number | null;
  /** The frontier as a staircase (each step: the cheaper design's latency until the next cost). */
  stepPath: string;
}

const M = { left: 62, right: 16, top: 12, bottom: 40 };

/** Log-axis ticks at 1, 2, 5 × 10^k inside [lo, hi], or only the powers of ten when those are too many. */
export function logTicks(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let k = Math.floor(Math.log10(lo)); k <= Math.ceil(Math.log10(hi)); k++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** k;
      if (v >= lo && v <= hi) out.push(Number(v.toPrecision(3)));
    }
  }
  return out.length > 7 ? out.filter((v) => Number(v.toPrecision(1)) === 10 ** Math.round(Math.log10(v))) : out;
}

/** Positions `points` (cost, latency ms) in a `width` × `height` box with an optional latency `limit`. */
export function frontierGeometry(points: readonly { cost: number; latency: number }[], limit: number | null, width: number, height: number): FrontierGeometry {
  const costs = points.map((p) => p.cost);
  const lats = [...points.map((p) => p.latency), ...(limit === null ? [] : [limit])].filter((v) => v > 0 && Number.isFinite(v));
  const cMin = Math.min(...costs);
  const cMax = Math.max(...costs);
  const pad = cMax > cMin ? (cMax - cMin) * 0.06 : Math.max(cMin * 0.1, 1);
  const x = scaleLinear()
    .domain([Math.max(0, cMin - pad), cMax + pad])
    .range([M.left, Math.max(M.left + 10, width - M.right)]);
  const lMin = lats.length > 0 ? Math.min(...lats) : 1;
  const lMax = lats.length > 0 ? Math.max(...lats) : 1;
  const log = lMax / lMin > 20;
  const range: [number, number] = [height - M.bottom, M.top];
  const y = log ? scaleLog().domain([lMin / 1.3, lMax * 1.3]).range(range) : scaleLinear().domain([0, lMax * 1.1]).nice(4).range(range);
  const placed = points.map((p) => ({ x: x(p.cost), y: y(Math.max(p.latency, log ? lMin / 1.3 : 0)) }));
  const yTickValues = log ? logTicks(lMin / 1.3, lMax * 1.3) : (y.ticks(4) as number[]);
  let stepPath = '';
  placed.forEach((p, i) => {
    const prev = placed[i - 1];
    stepPath += prev === undefined ? `M${p.x},${p.y}` : `H${p.x}V${p.y}`;
  });
  return {
    ...M,
    log,
    points: placed,
    xTicks: x.ticks(Math.max(2, Math.floor(width / 110))).map((v) => ({ value: v, x: x(v), label: `$${tickLabel(v)}` })),
    yTicks: yTickValues.map((v) => ({ value: v, y: y(v), label: tickLabel(v) })),
    limitY: limit === null ? null : y(limit),
    stepPath,
  };
}
