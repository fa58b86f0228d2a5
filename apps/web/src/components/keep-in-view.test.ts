import { describe, expect, it } from 'vitest';
import { overflowsPane } from './keep-in-view.ts';

describe('overflowsPane', () => {
  const pane = { width: 900, height: 340 };

  it('says a design whose nodes grew past the bottom no longer fits (the status lines added after the run)', () => {
    // Fitted at zoom 0.5 with its origin at (40, 24): 300 flow px tall is 150 px on screen, bottom at 174 px.
    const view = { x: 40, y: 24, zoom: 0.5 };
    expect(overflowsPane({ x: 0, y: 0, width: 1000, height: 300 }, view, pane, 165)).toBe(false);
    // The nodes grew to 700 flow px: bottom at 24 + 350 = 374 px, past the pane's 340.
    expect(overflowsPane({ x: 0, y: 0, width: 1000, height: 700 }, view, pane, 165)).toBe(true);
  });

  it('keeps the minimap strip on the right out of the room, and checks the left and top edges too', () => {
    const view = { x: 0, y: 0, zoom: 1 };
    // Right edge at 800 px: inside 900 px, but under the minimap when 165 px are reserved (800 > 735).
    expect(overflowsPane({ x: 10, y: 10, width: 790, height: 100 }, view, pane)).toBe(false);
    expect(overflowsPane({ x: 10, y: 10, width: 790, height: 100 }, view, pane, 165)).toBe(true);
    expect(overflowsPane({ x: -20, y: 10, width: 100, height: 100 }, view, pane)).toBe(true);
    expect(overflowsPane({ x: 10, y: -20, width: 100, height: 100 }, view, pane)).toBe(true);
  });

  it('has nothing to say before the pane or the nodes are measured', () => {
    expect(overflowsPane({ x: 0, y: 0, width: 100, height: 100 }, { x: 0, y: 0, zoom: 1 }, { width: 0, height: 0 })).toBe(false);
    expect(overflowsPane({ x: 0, y: 0, width: 0, height: 0 }, { x: -50, y: 0, zoom: 1 }, pane)).toBe(false);
  });
});
