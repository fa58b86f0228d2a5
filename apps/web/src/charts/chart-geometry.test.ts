import { describe, expect, it } from 'vitest';
import type { ChartModel } from '../results/chart-model.ts';
import { chartGeometry, chartMax, indexAt, logTicks, MARGIN, tickLabel, timeTicks, tooltipLeftPx } from './chart-geometry.ts';

const t = Float64Array.from([60, 120, 180, 240]);
const model: ChartModel = {
  id: 'latency',
  title: 'Latency',
  unit: 'ms',
  series: [{ key: 'p99', label: 'p99', values: Float64Array.from([10, NaN, 30, 40]), color: 'red' }],
  refLines: [{ value: 100, label: 'SLO' }],
  note: null,
};

describe('chart geometry', () => {
  it('scales time to the width and values from zero to above the largest value or SLO', () => {
    const g = chartGeometry(model, t, 400, 200);
    expect(g.x(0)).toBe(MARGIN.left);
    expect(g.x(240)).toBe(400 - MARGIN.right);
    expect(g.y(0)).toBe(200 - MARGIN.bottom);
    expect(g.y.domain()[1]).toBeGreaterThanOrEqual(100);
    expect(chartMax(model)).toBe(100);
  });

  it('breaks the line where there is no value (NaN) instead of dropping to zero', () => {
    const d = chartGeometry(model, t, 400, 200).paths[0]!.d;
    expect(d.match(/M/g)).toHaveLength(2);
    expect(d).not.toContain('NaN');
  });

  it('finds the nearest interval and labels ticks compactly', () => {
    expect([indexAt(t, 0), indexAt(t, 130), indexAt(t, 1e9)]).toEqual([0, 1, 3]);
    expect([tickLabel(1500), tickLabel(2_500_000), tickLabel(0.25)]).toEqual(['1.5k', '2.5M', '0.25']);
  });

  it('puts time ticks at round steps', () => {
    expect(timeTicks(16_200, 5)).toEqual([0, 3600, 7200, 10_800, 14_400]);
    expect(timeTicks(16_200, 3)).toEqual([0, 7200, 14_400]);
    expect(timeTicks(600, 6)).toEqual([0, 300, 600]);
    expect(timeTicks(86_400 * 7, 4)).toEqual([0, 172_800, 345_600, 518_400]);
  });
});

describe('log scale', () => {
  it('spreads decades evenly, ticks at 1-2-5, and leaves zero as a gap', () => {
    const m: ChartModel = { ...model, series: [{ key: 'p99', label: 'p99', values: Float64Array.from([10, 0, 1000, 100]), color: 'red' }], refLines: [] };
    const g = chartGeometry(m, t, 400, 200, undefined, true);
    expect(g.log).toBe(true);
    expect(g.y(10) - g.y(100)).toBeCloseTo(g.y(100) - g.y(1000), 6);
    expect(g.yTicks).toEqual([10, 20, 50, 100, 200, 500, 1000]);
    expect(g.paths[0]!.d.match(/M/g)).toHaveLength(2); // the zero breaks the line
    expect(chartGeometry(m, t, 400, 200).log).toBe(false);
    expect(logTicks(1, 1e6)).toEqual([1, 10, 100, 1000, 10000, 100000, 1000000]);
  });
});

describe('tooltipLeftPx', () => {
  it('puts the tooltip right of the cursor while it fits, else left, else whole over the cursor', () => {
    // 600 px chart, 250 px tooltip, 8 px gap. Cursor at 300: right edge at 558, fits.
    expect(tooltipLeftPx(300, 600, 250)).toBe(308);
    // Cursor at 400: 658 > 600 on the right; on the left 400 - 8 - 250 = 142.
    expect(tooltipLeftPx(400, 600, 250)).toBe(142);
    // The Karpenter fleet's requests chart: 436 px, a 234 px tooltip at the cursor 217 fits on neither side
    // (217 + 8 + 234 = 459 > 436; 217 - 8 - 234 < 0): its right edge goes to the chart's, 436 - 234 = 202.
    expect(tooltipLeftPx(217, 436, 234)).toBe(202);
    // Wider than the chart: from its left edge.
    expect(tooltipLeftPx(100, 200, 250)).toBe(0);
  });
});
