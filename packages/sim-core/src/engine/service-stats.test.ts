import { describe, expect, it } from 'vitest';
import { ServiceStats } from './service-stats.ts';

const serve = (st: ServiceStats, ms: number, measured: boolean): void => st.visitServed(ms, 0, measured);

describe('ServiceStats: subtree latencies folded from the intervals', () => {
  it('counts exactly the measured visits across an interval that straddles the warm-up and a late visit after it', () => {
    const st = new ServiceStats(false, 300);
    serve(st, 5, false); // first interval, all in the warm-up
    st.closeInterval();
    serve(st, 7, false); // second interval, before the warm-up instant
    st.markWarmup();
    serve(st, 9, false); // ends after the warm-up, its request arrived before: not measured
    serve(st, 100, true);
    st.closeInterval();
    serve(st, 200, true); // the open interval at the end of the run
    const h = st.subtree();
    expect(h.count).toBe(2);
    expect(h.sum).toBe(300);
    expect(h.quantile(0.5)).toBeCloseTo(100, -0.5);
    expect(h.max).toBeLessThanOrEqual(200 * 1.004);
    // A service without calls has its own latency equal to its subtree latency.
    expect(st.own().count).toBe(2);
  });

  it('measures everything when there is no warm-up', () => {
    const st = new ServiceStats(true, 0);
    serve(st, 1, true);
    st.closeInterval();
    serve(st, 3, true);
    expect(st.subtree().count).toBe(2);
    expect(st.subtree().mean()).toBe(2);
    // Own latency = subtree less the wait on calls: 1, 3 and 10 − 4.
    st.visitServed(10, 4, true);
    expect(st.own().count).toBe(3);
    expect(st.own().sum).toBe(10);
    // A service with calls records its own latencies itself (RequestFlow.record does).
    expect(st.own()).toBe(st.ownWithCalls);
  });
});
