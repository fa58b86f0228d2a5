import { describe, expect, it } from 'vitest';
import { renderTable } from './table.ts';

describe('renderTable', () => {
  it('pads columns under an underlined header and right-aligns numbers', () => {
    expect(renderTable(['name', 'qps'], [['a', '5'], ['long-name', '1,000']], [false, true])).toBe(
      ['  name         qps', '  ─────────  ─────', '  a              5', '  long-name  1,000', ''].join('\n'),
    );
  });

  it('renders a header alone when there are no rows', () => {
    expect(renderTable(['x'], [])).toBe('  x\n  ─\n');
  });
});
