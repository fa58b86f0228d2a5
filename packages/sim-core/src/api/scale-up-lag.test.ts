import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../engine/engine-result.ts';
import { createTimeSeries } from '../metrics/timeseries.ts';
import { scaleUpLag } from './scale-up-lag.ts';

/** A series at 60 s intervals with the given ready and desired replica counts. */
function series(ready: number[], desired: number[]) {
  const ts = createTimeSeries(ready.length);
  ready.forEach((r, i) => {
    ts.t[i] = (i + 1) * 60;
    ts.readyReplicas[i] = r;
    ts.desiredReplicas[i] = desired[i] ?? r;
  });
  return ts;
}

const up = (t: number, from: number, to: number): EngineEvent => ({ t, kind: 'hpa-scale', target: 'model', from, to });

describe('scaleUpLag', () => {
  it('times each scale-up decision to the interval end where that many replicas are ready', () => {
    // Decision at 30 s to 10 replicas; ready reaches 10 at the 5th interval end (300 s): 4.5 min.
    // Decision at 310 s to 12; ready reaches 12 at 420 s: 110 s.
    const ts = series([4, 4, 6, 8, 10, 10, 12, 12], [10, 10, 10, 10, 10, 12, 12, 12]);
    const lag = scaleUpLag([up(30, 4, 10), up(310, 10, 12), { t: 400, kind: 'hpa-scale', target: 'model', from: 12, to: 11 }], ts, 1, 480);
    expect(lag).toEqual({ p50Minutes: (4.5 + 110 / 60) / 2, maxMinutes: 4.5, decisions: 2 });
  });

  it('counts a decision never satisfied until the end, and ends one that a later decision lowered', () => {
    expect(scaleUpLag([up(0, 1, 9)], series([1, 2, 3], [9, 9, 9]), 1, 180)).toEqual({ p50Minutes: 3, maxMinutes: 3, decisions: 1 });
    // Desired drops to 2 at the second interval: the 9-replica decision is over when 2 are ready.
    expect(scaleUpLag([up(0, 1, 9)], series([1, 2, 2], [9, 2, 2]), 1, 180)).toEqual({ p50Minutes: 2, maxMinutes: 2, decisions: 1 });
  });

  it('has no value without scale-ups, or with several services (ready replicas are summed)', () => {
    expect(scaleUpLag([], series([1], [1]), 1, 60)).toBeNull();
    expect(scaleUpLag([up(0, 1, 2)], series([2], [2]), 2, 60)).toBeNull();
  });
});
