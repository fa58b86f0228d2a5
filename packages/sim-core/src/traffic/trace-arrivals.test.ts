import { describe, expect, it } from 'vitest';
import { TraceArrivals } from './trace-arrivals.ts';
import { TraceFormatError, type TraceChunkReader } from './trace-reader.ts';

/** An opener over one CSV text that counts how often the file was opened. */
function opener(text: string): { open: (file: string) => TraceChunkReader; opens: () => number } {
  let opens = 0;
  return {
    open: () => {
      opens++;
      let done = false;
      return { read: () => (done ? null : ((done = true), text)) };
    },
    opens: () => opens,
  };
}

describe('TraceArrivals, looping', () => {
  it('replays later passes from memory: the same times as the file, one mean gap apart, opened once', () => {
    // Rows at 0, 1 and 3 s: span 3 s, mean gap 3 / 2 = 1.5 s, so a pass lasts 4.5 s (× timeScale 2 = 9 s).
    const file = opener('t,inputTokens,outputTokens\n0,10,1\n1,20,2\n3,30,3\n');
    const arrivals = new TraceArrivals({ file: 'trace.csv', format: 'csv', timeScale: 2, loop: true }, file.open, 30);
    const times: number[] = [];
    const tokens: number[] = [];
    for (let i = 0; i < 9; i++) {
      times.push(arrivals.next());
      tokens.push(arrivals.inputTokens);
    }
    expect(times).toEqual([0, 2, 6, 9, 11, 15, 18, 20, 24]);
    expect(tokens).toEqual([10, 20, 30, 10, 20, 30, 10, 20, 30]);
    expect(file.opens()).toBe(1);
  });

  it('a pass too short for the run is refused when the first pass ends, not replayed 10^14 times', () => {
    // 2 rows 1e-12 s apart: a pass of 2e-12 s fills a 120 s run 6e13 times, 1.2e14 rows (it ran without end).
    const file = opener('t,inputTokens,outputTokens\n0,10,1\n1e-12,10,1\n');
    const arrivals = new TraceArrivals({ file: 'trace.csv', format: 'csv', timeScale: 1, loop: true }, file.open, 120);
    expect(arrivals.next()).toBe(0);
    expect(arrivals.next()).toBe(1e-12);
    let error: unknown;
    try {
      arrivals.next();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TraceFormatError);
    expect((error as Error).message).toBe(
      'trace.csv:3:1 loop: expected at most 1,000,000,000 rows replayed in one run (docs/limits.md), got about 1.2e+14: a pass of 2 rows lasts 2.00e-12 s (span × timeScale, plus one mean gap) and repeats to fill the 120 s run; use a larger timeScale or turn loop off',
    );
  });
});
