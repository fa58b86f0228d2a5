import { describe, expect, it } from 'vitest';
import { capturedSink } from '../testing/test-context.ts';
import { createProgressBar } from './progress-bar.ts';

describe('createProgressBar', () => {
  it('prints nothing when stderr is not a terminal and the run is short', () => {
    const sink = capturedSink(false);
    let t = 0;
    const bar = createProgressBar(sink, 'run', () => t);
    t = 5000;
    bar.update(0.5);
    bar.finish();
    expect(sink.text()).toBe('');
  });

  it('off a terminal, a long run prints a plain line every 30 s so it does not look hung', () => {
    const sink = capturedSink(false);
    let t = 0;
    const bar = createProgressBar(sink, 'big', () => t);
    for (t = 1000; t <= 65_000; t += 1000) bar.update(t / 100_000);
    bar.finish();
    expect(sink.text()).toBe('progress: big 30% of simulated time after 30 s\nprogress: big 60% of simulated time after 60 s\n');
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
