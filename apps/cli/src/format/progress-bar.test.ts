import { describe, expect, it } from 'vitest';
import { capturedSink } from '../testing/test-context.ts';
import { createProgressBar } from './progress-bar.ts';

describe('createProgressBar', () => {
  it('prints nothing when stderr is not a terminal', () => {
    const sink = capturedSink(false);
    let t = 0;
    const bar = createProgressBar(sink, 'run', () => t);
    t = 5000;
    bar.update(0.5);
    bar.finish();
    expect(sink.text()).toBe('');
  });

  it('stays silent during the first second, then draws and clears itself', () => {
    const sink = capturedSink(true);
    let t = 0;
    const bar = createProgressBar(sink, 'run', () => t, { width: 10 });
    t = 900;
    bar.update(0.3);
    expect(sink.text()).toBe('');
    t = 1200;
    bar.update(0.5);
    expect(sink.text()).toBe('\rrun [#####-----] 50%\u001b[K');
    bar.finish();
    expect(sink.text().endsWith('\r\u001b[K')).toBe(true);
  });

  it('throttles redraws', () => {
    const sink = capturedSink(true);
    let t = 2000;
    const bar = createProgressBar(sink, 'r', () => t, { delayMs: 0, redrawMs: 100, width: 4 });
    bar.update(0.25);
    t += 50;
    bar.update(0.5);
    t += 100;
    bar.update(0.75);
    expect(sink.text().split('\r').filter(Boolean)).toEqual(['r [#---] 25%\u001b[K', 'r [###-] 75%\u001b[K']);
  });

  it('does not clear what it never drew', () => {
    const sink = capturedSink(true);
    createProgressBar(sink, 'r', () => 0).finish();
    expect(sink.text()).toBe('');
  });
});
