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

  it('shows the cursor and a tooltip with each series value, and moves it with the keyboard', () => {
    const onCursor = vi.fn();
    const { container } = render(<TimeChart model={model} t={t} marks={[]} cursor={1} onCursor={onCursor} width={400} height={160} />);
    expect(container.querySelector('.ds-cursor')).not.toBeNull();
    expect(screen.getByRole('status').textContent).toBe('t = 0:02 offered: 20 req/s served: 19 req/s');
    fireEvent.keyDown(screen.getByRole('img'), { key: 'ArrowRight' });
    fireEvent.keyDown(screen.getByRole('img'), { key: 'Home' });
    expect(onCursor.mock.calls).toEqual([[2], [0]]);
  });
});
