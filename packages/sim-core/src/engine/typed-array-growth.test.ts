import { describe, expect, it } from 'vitest';
import { widened } from './typed-array-growth.ts';

describe('widened', () => {
  it('keeps the type and the entries, and adds zeros', () => {
    const a = Float64Array.of(1.5, -2);
    const b = widened(a, 4);
    expect(b).toBeInstanceOf(Float64Array);
    expect([...b]).toEqual([1.5, -2, 0, 0]);
    expect([...widened(Uint8Array.of(7), 2)]).toEqual([7, 0]);
  });
});
