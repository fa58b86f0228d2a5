import { describe, expect, it } from 'vitest';
import { canvasSvg, wrapText, type SvgBox } from './canvas-svg.ts';

const box = (id: string, x: number, extra: Partial<SvgBox> = {}): SvgBox => ({ id, x, y: 0, width: 200, height: 80, kind: 'Model service', title: id, detail: '7 replicas · 50 ms', accent: '#067647', ...extra });

describe('canvas as SVG', () => {
  it('draws every box and a curve per connection, sized to fit them with a margin and a title', () => {
    const { svg, width, height } = canvasSvg('A <new> design', [box('traffic', 0), box('model', 300), box('note', 0, { y: 200, kind: null, title: 'Why 7?', note: 'sticky' })], [{ source: 'traffic', target: 'model' }, { source: 'model', target: 'gone' }]);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect([width, height]).toEqual([548, 358]); // 500 + 2 × 24 across; 280 + 24 + 30 + 24 down
    expect(svg).toContain('A &lt;new&gt; design');
    expect(svg.match(/<path /g)).toHaveLength(1);
    expect(svg).toContain('<path d="M200,40 C250,40 250,40 300,40"');
    expect(svg).toContain('MODEL SERVICE');
    expect(svg).toContain('fill="#fef7c3"');
    expect(svg).toContain('>Why 7?</tspan>');
  });

  it('wraps note text at spaces, keeping line breaks', () => {
    expect(wrapText('one two three four\nfive', 9)).toEqual(['one two', 'three', 'four', 'five']);
  });
});
