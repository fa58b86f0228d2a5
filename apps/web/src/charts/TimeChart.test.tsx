import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ChartModel } from '../results/chart-model.ts';
import { TimeChart } from './TimeChart.tsx';

const t = Float64Array.from([60, 120, 180]);
const model: ChartModel = {
  id: 'qps',
  title: 'Requests per second',
  unit: 'req/s',
  series: [
    { key: 'offered', label: 'offered', values: Float64Array.from([10, 20, 30]), color: 'blue' },
    { key: 'served', label: 'served', values: Float64Array.from([10, 19, 29]), color: 'green' },
  ],
  refLines: [{ value: 40, label: 'SLO p99' }],
  note: null,
};

describe('TimeChart', () => {
  it('draws one path per series, the reference line, and event marks with their labels', () => {
    const { container } = render(<TimeChart model={model} t={t} marks={[{ t: 90, kind: 'spot', label: 'spot node lost gpu' }]} cursor={null} onCursor={() => undefined} width={400} height={160} />);
    expect(container.querySelectorAll('path[data-series]')).toHaveLength(2);
    expect(container.querySelector('[data-ref="SLO p99"]')).not.toBeNull();
    expect(container.querySelector('.ds-mark--spot title')?.textContent).toBe('0:02 spot node lost gpu');
    expect(screen.getByRole('img').getAttribute('aria-label')).toContain('offered, served');
  });

  it('shows the crosshair on every chart, the tooltip only on the focused or hovered one, and moves it with the keyboard', () => {
    const onCursor = vi.fn();
    const { container } = render(<TimeChart model={model} t={t} marks={[]} cursor={1} onCursor={onCursor} width={400} height={160} />);
    expect(container.querySelector('.ds-cursor')).not.toBeNull();
    expect(container.querySelectorAll('.ds-crosshair circle')).toHaveLength(2);
    expect(screen.queryByRole('status')).toBeNull();
    fireEvent.focus(screen.getByRole('img'));
    expect(screen.getByRole('status').textContent).toBe('t = 0:02 offered: 20 req/s served: 19 req/s');
    fireEvent.keyDown(screen.getByRole('img'), { key: 'ArrowRight' });
    fireEvent.keyDown(screen.getByRole('img'), { key: 'Home' });
    expect(onCursor.mock.calls).toEqual([[2], [0]]);
  });

  it('draws each kind of event as one path, and the tooltip names the events of the interval at the cursor', () => {
    const marks = [
      { t: 70, kind: 'scale' as const, label: 'HPA scaled model 2 → 3' },
      { t: 100, kind: 'scale' as const, label: 'HPA scaled model 3 → 4' },
      { t: 150, kind: 'node' as const, label: 'node ready (gpu)' },
    ];
    const { container } = render(<TimeChart model={model} t={t} marks={marks} cursor={1} onCursor={() => undefined} width={400} height={160} />);
    expect(container.querySelectorAll('.ds-mark')).toHaveLength(2);
    expect(container.querySelector('.ds-mark--scale')?.getAttribute('data-marks')).toBe('2');
    expect(container.querySelector('.ds-mark--scale title')?.textContent).toBe('0:01 HPA scaled model 2 → 3\n0:02 HPA scaled model 3 → 4');
    fireEvent.focus(screen.getByRole('img'));
    // The cursor is on the interval (60 s, 120 s]: both scalings, not the node.
    expect([...container.querySelectorAll('.ds-tooltip__event')].map((e) => e.textContent)).toEqual(['0:01 HPA scaled model 2 → 3', '0:02 HPA scaled model 3 → 4']);
  });

  it('a legend entry switches its series off and on, and the value axis follows what is shown', () => {
    const big: ChartModel = { ...model, refLines: [], series: [model.series[0]!, { key: 'peak', label: 'peak', values: Float64Array.from([100, 200, 300]), color: 'red' }] };
    const { container } = render(<TimeChart model={big} t={t} marks={[]} cursor={null} onCursor={() => undefined} width={400} height={160} />);
    const topTick = () => Math.max(...[...container.querySelectorAll('.ds-axis text[text-anchor=end]')].map((e) => Number(e.textContent)));
    expect(topTick()).toBeGreaterThanOrEqual(300);
    fireEvent.click(screen.getByTestId('legend-qps-peak'));
    expect(screen.getByTestId('legend-qps-peak').getAttribute('aria-pressed')).toBe('false');
    expect(container.querySelector('path[data-series=peak]')).toBeNull();
    expect(topTick()).toBeLessThan(100);
    fireEvent.click(screen.getByTestId('legend-qps-peak'));
    expect(container.querySelector('path[data-series=peak]')).not.toBeNull();
  });

  it('a zoom shows only its time range, with a reset; integer ticks only on a count axis', () => {
    const onZoom = vi.fn();
    const counts: ChartModel = { ...model, id: 'fleet', unit: 'count', refLines: [], series: [{ key: 'ready', label: 'ready', values: Float64Array.from([1, 2, 2]), color: 'green' }] };
    const { container } = render(<TimeChart model={counts} t={t} marks={[]} cursor={null} onCursor={() => undefined} zoom={[60, 120]} onZoom={onZoom} width={400} height={160} />);
    const ticks = [...container.querySelectorAll('.ds-axis text[text-anchor=end]')].map((e) => Number(e.textContent));
    expect(ticks.length).toBeGreaterThan(1);
    expect(ticks.every(Number.isInteger)).toBe(true);
    expect(container.querySelector('clipPath')).not.toBeNull();
    fireEvent.click(screen.getByTestId('reset-zoom-fleet'));
    expect(onZoom).toHaveBeenCalledWith(null);
  });
});
