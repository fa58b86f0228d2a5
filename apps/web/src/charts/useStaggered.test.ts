import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useStaggered } from './useStaggered.ts';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('useStaggered', () => {
  it('follows a value the given number of frames later, or at once when immediate', () => {
    const { result, rerender } = renderHook(({ v, immediate }) => useStaggered(v, 2, immediate), { initialProps: { v: 'a', immediate: false } });
    expect(result.current).toBe('a');
    rerender({ v: 'b', immediate: false });
    expect(result.current).toBe('a');
    act(() => void vi.advanceTimersToNextFrame());
    expect(result.current).toBe('a');
    act(() => void vi.advanceTimersToNextFrame());
    expect(result.current).toBe('b');
    // The complete result is shown at once, and a later snapshot starts from it.
    rerender({ v: 'c', immediate: true });
    expect(result.current).toBe('c');
    rerender({ v: 'd', immediate: false });
    expect(result.current).toBe('c');
  });
});
