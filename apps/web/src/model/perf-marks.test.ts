import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterNextPaint } from './perf-marks.ts';

const g = globalThis as { scheduler?: unknown };

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('afterNextPaint', () => {
  it('runs after the next frame, as a user-blocking task where the browser schedules by priority', async () => {
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
    const posted: { priority: string }[] = [];
    vi.stubGlobal('scheduler', {
      postTask: (task: () => void, options: { priority: string }) => {
        posted.push(options);
        return Promise.resolve().then(task);
      },
    });
    const fn = vi.fn();
    afterNextPaint(fn);
    expect(fn).not.toHaveBeenCalled();
    frames[0]!(0);
    await Promise.resolve();
    await Promise.resolve();
    expect(posted).toEqual([expect.objectContaining({ priority: 'user-blocking' })]);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('falls back to a timer after the frame, and cancelling before the frame runs nothing', () => {
    vi.useFakeTimers();
    const frames = new Map<number, FrameRequestCallback>();
    let next = 1;
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => (frames.set(next, cb), next++));
    vi.stubGlobal('cancelAnimationFrame', (id: number) => frames.delete(id));
    vi.stubGlobal('scheduler', undefined);
    expect(g.scheduler).toBeUndefined();
    const kept = vi.fn();
    const dropped = vi.fn();
    afterNextPaint(kept);
    afterNextPaint(dropped)();
    for (const cb of frames.values()) cb(0);
    expect(kept).not.toHaveBeenCalled();
    vi.runAllTimers();
    expect(kept).toHaveBeenCalledTimes(1);
    expect(dropped).not.toHaveBeenCalled();
  });
});
