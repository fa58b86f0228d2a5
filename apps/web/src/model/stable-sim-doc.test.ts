import { describe, expect, it } from 'vitest';
import { smallDoc } from '../test-support/fixtures.ts';
import { setIn } from './doc-path.ts';
import { createSimDocMemo } from './stable-sim-doc.ts';

describe('the simulator document memo', () => {
  it('stays the same object while only canvas positions move, and changes with anything else', () => {
    const memo = createSimDocMemo();
    const doc = smallDoc();
    const a = memo(doc);
    const moved = setIn(doc, ['spec', 'canvas', 'nodes', 'traffic'], { x: 1, y: 1 });
    expect(memo(moved)).toBe(a);
    expect(memo(setIn(moved, ['spec', 'canvas', 'nodes', 'traffic'], { x: 2, y: 2 }))).toBe(a);
    const edited = memo(setIn(moved, ['spec', 'duration'], '1h'));
    expect(edited).not.toBe(a);
    expect(edited).toEqual(setIn(doc, ['spec', 'duration'], '1h'));
  });
});
