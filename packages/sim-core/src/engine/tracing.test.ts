import { describe, expect, it } from 'vitest';
import { RequestStore, VisitFlag } from './request-store.ts';
import { TraceRecorder } from './tracing.ts';

/** A root at service 0 that calls service 1: the visits as the request flow would drive them (every request traced). */
function tracedCall(store: RequestStore, trace: TraceRecorder, t0: number): { root: number; child: number } {
  const root = store.alloc(t0, 0);
  trace.maybeStart(root, t0);
  store.workStart[root] = t0;
  const child = store.allocVisit(t0, t0 + 0.001, 1, root, 0);
  trace.child(root, child, t0);
  store.workStart[child] = t0 + 0.002;
  return { root, child };
}

describe('TraceRecorder', () => {
  it('splits a traced request into queueing, work, network and calls on its critical path', () => {
    const store = new RequestStore(16);
    const trace = new TraceRecorder(store, 2, 1);
    const { root, child } = tracedCall(store, trace, 0);
    store.callWait[child] = 0;
    trace.end(child, 0.012, true); // arrived 1 ms after sending, queued 1 ms, worked 10 ms
    trace.replied(child, 0.013); // the reply's network: 1 ms
    trace.critical();
    store.release(child);
    store.callWait[root] = 0.013;
    trace.end(root, 0.02, true);
    const b = trace.breakdown(0);
    expect(b.traces).toBe(1);
    expect(b.totalMs).toBeCloseTo(20, 9);
    expect(b.networkMs).toBeCloseTo(2, 9);
    expect(b.services).toEqual([
      { service: 0, queueMs: 0, workMs: expect.closeTo(7, 9) },
      { service: 1, queueMs: expect.closeTo(1, 9), workMs: expect.closeTo(10, 9) },
    ]);
    expect(b.path).toEqual({ services: [0, 1], share: 1 });
  });

  it('stops tracing a call whose failed request was dropped, so a reused span is never written by it', () => {
    const store = new RequestStore(16);
    const trace = new TraceRecorder(store, 2, 1);
    // The first request fails while its call is still running (a caller that gave up, a parallel branch).
    const first = tracedCall(store, trace, 0);
    trace.end(first.root, 0.005, false);
    expect(store.flags[first.child]! & VisitFlag.Traced).toBe(0);
    store.release(first.root);
    // A second traced request takes the freed spans; the abandoned call then ends (its events are not traced).
    const second = tracedCall(store, trace, 1);
    if ((store.flags[first.child]! & VisitFlag.Traced) !== 0) trace.end(first.child, 50, true);
    trace.end(second.child, 1.01, true);
    trace.replied(second.child, 1.01);
    trace.critical();
    store.callWait[second.root] = 0.01;
    trace.end(second.root, 1.02, true);
    const b = trace.breakdown(0);
    expect(b.traces).toBe(1);
    expect(b.totalMs).toBeCloseTo(20, 9);
    expect(b.services.find((s) => s.service === 1)!.workMs).toBeCloseTo(8, 9);
  });

  it('keeps every other trace when full and samples half as often', () => {
    const store = new RequestStore(16);
    const trace = new TraceRecorder(store, 1, 1);
    let traced = 0;
    for (let i = 0; i < 4096 + 10; i++) {
      const slot = store.alloc(i, 0);
      trace.maybeStart(slot, i);
      if ((store.flags[slot]! & VisitFlag.Traced) !== 0) traced++;
      store.workStart[slot] = i;
      store.callWait[slot] = 0;
      trace.end(slot, i + 0.5, true);
      store.release(slot);
    }
    // 4,096 traced one in one, then one in two; half of the first 4,096 kept.
    expect(traced).toBe(4096 + 5);
    const b = trace.breakdown(0);
    expect(b.traces).toBe(2048 + 5);
    expect(b.totalMs).toBeCloseTo(500, 9);
  });
});
