/**
 * Kueue's waitForPodsReady timers and requeuing backoff, by hand from kubernetes-sigs/kueue
 * @ff69552e79ad21652c36caa97038382e55625cf7: pkg/workload/workload.go `UpdateRequeueState` (wait.NewBackoff(base, max,
 * 2, 0.0001).WaitTime(count)), pkg/util/wait/backoff_test.go `TestBackoff_WaitTime` (the cap), and
 * pkg/controller/core/workload_controller.go `reconcileNotReadyTimeout` / `admittedNotReadyWorkload` / `triggerDeactivation`.
 */
import { describe, expect, it } from 'vitest';
import type { EngineWaitForPodsReady } from '../engine/engine-config.ts';
import { Rng } from '../random/rng.ts';
import { MAX_PODS_READY_EVICTIONS } from '../scenario/limits.ts';
import { PodsReadyLimitError, PodsReadyWatch, requeueBackoffSeconds, type PodsReadyCause, type PodsReadyState } from './kueue-pods-ready.ts';

describe('requeueBackoffSeconds (UpdateRequeueState)', () => {
  it('doubles from backoffBaseSeconds and stops at backoffMaxSeconds: 60, 120, …, 1920, then 3600 (60 × 2^6 = 3840 is capped)', () => {
    const waits = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => requeueBackoffSeconds(n, 60, 3600, 0));
    expect(waits).toEqual([60, 120, 240, 480, 960, 1920, 3600, 3600]);
  });

  it('adds apimachinery Jitter: up to 0.0001 × the wait (0.006 s on the first, 0.36 s at the cap)', () => {
    expect(requeueBackoffSeconds(1, 60, 3600, 0.5)).toBeCloseTo(60.003, 9);
    expect(requeueBackoffSeconds(9, 60, 3600, 0.999_999)).toBeLessThan(3600.36);
    expect(requeueBackoffSeconds(9, 60, 3600, 0.999_999)).toBeGreaterThan(3600.359);
  });

  it('returns the base first even above the cap (Step caps the next duration, not the current one)', () => {
    // Backoff{Duration: 100s, Cap: 50s}: Step 1 returns 100 s and sets the next to the cap; Step 2 returns 50 s.
    expect([1, 2, 3].map((n) => requeueBackoffSeconds(n, 100, 50, 0))).toEqual([100, 50, 50]);
  });

  it('treats backoffMaxSeconds 0 as no cap (NewBackoff: cmp.Or(cap, MaxInt64 / factor)) and base 0 as no wait', () => {
    expect(requeueBackoffSeconds(10, 60, 0, 0)).toBe(60 * 512);
    expect(requeueBackoffSeconds(5, 0, 3600, 0.7)).toBe(0);
  });
});

describe('PodsReadyWatch (the workload controller\'s PodsReady timeouts)', () => {
  const config = (o: Partial<EngineWaitForPodsReady> = {}): EngineWaitForPodsReady => ({
    timeoutSeconds: 300,
    recoveryTimeoutSeconds: 120,
    blockAdmission: false,
    requeuingTimestamp: 'Eviction',
    backoffLimitCount: null,
    backoffBaseSeconds: 60,
    backoffMaxSeconds: 3600,
    ...o,
  });
  const workload = (): PodsReadyState => ({ podsReady: false, podsReadyEpoch: 0, requeueCount: 0 });

  /** A watch whose timers are kept in a list and fired by hand. */
  function harness(cfg: EngineWaitForPodsReady) {
    const timers: { at: number; run: (now: number) => void }[] = [];
    const outs: { cause: PodsReadyCause; requeueAt: number | null; at: number }[] = [];
    const watch = new PodsReadyWatch<PodsReadyState>(cfg, new Rng(1, 15), {
      schedule: (at, run) => timers.push({ at, run }),
      timedOut: (_w, cause, requeueAt, now) => outs.push({ cause, requeueAt, at: now }),
    });
    const fire = (): void => {
      const t = timers.shift()!;
      t.run(t.at);
    };
    return { watch, timers, outs, fire };
  }

  it('evicts a workload not ready `timeout` after its admission (WaitForStart) and requeues it after the backoff', () => {
    const h = harness(config());
    const w = workload();
    h.watch.admitted(w, 1000);
    expect(h.timers.map((t) => t.at)).toEqual([1300]);
    h.fire();
    expect(h.outs).toHaveLength(1);
    expect(h.outs[0]!.cause).toBe('WaitForStart');
    expect(h.outs[0]!.at).toBe(1300);
    // requeueState.count 1: 60 s (+ at most 0.006 s of jitter).
    expect(h.outs[0]!.requeueAt!).toBeGreaterThanOrEqual(1360);
    expect(h.outs[0]!.requeueAt!).toBeLessThan(1360.006);
    expect(w.requeueCount).toBe(1);
  });

  it('does nothing when the pods became ready before the timeout', () => {
    const h = harness(config());
    const w = workload();
    h.watch.admitted(w, 0);
    h.watch.ready(w);
    h.fire();
    expect(h.outs).toEqual([]);
  });

  it('times a ready workload that lost a pod from that moment, with recoveryTimeout (WaitForRecovery)', () => {
    const h = harness(config());
    const w = workload();
    h.watch.admitted(w, 0);
    h.watch.ready(w);
    h.watch.notReady(w, 2000);
    expect(h.timers.map((t) => t.at)).toEqual([300, 2120]);
    h.fire(); // the admission's timer: stale
    h.fire();
    expect(h.outs.map((o) => [o.cause, o.at])).toEqual([['WaitForRecovery', 2120]]);
  });

  it('never times out a recovery with recoveryTimeout "0s" (null)', () => {
    const h = harness(config({ recoveryTimeoutSeconds: null }));
    const w = workload();
    h.watch.admitted(w, 0);
    h.watch.ready(w);
    h.watch.notReady(w, 2000);
    expect(h.timers.map((t) => t.at)).toEqual([300]);
  });

  it('deactivates at the timeout after backoffLimitCount requeues (count + 1 > limit)', () => {
    // Limit 2: timeouts 1 and 2 requeue (count 1, 2); the third finds 2 + 1 > 2 and deactivates (requeueAt null).
    const h = harness(config({ backoffLimitCount: 2 }));
    const w = workload();
    for (const at of [0, 1000, 2000]) {
      h.watch.admitted(w, at);
      h.fire();
    }
    expect(h.outs.map((o) => [o.at, o.requeueAt === null])).toEqual([
      [300, false],
      [1300, false],
      [2300, true],
    ]);
    expect(w.requeueCount).toBe(2);
  });

  it('forgets the timers of a workload evicted otherwise or finished', () => {
    const h = harness(config());
    const w = workload();
    h.watch.admitted(w, 0);
    h.watch.released(w);
    h.fire();
    expect(h.outs).toEqual([]);
  });

  it('stops the run past MAX_PODS_READY_EVICTIONS: a workload never ready, requeued at once, was evicted for ever', () => {
    // Found by the CLI fuzzer: timeout 1e-300 s with backoffBaseSeconds 0 hung the run at one instant; a 1 s timeout
    // evicted a gang that never fits every second, 600,000 times in a week.
    const h = harness(config({ timeoutSeconds: 1, backoffBaseSeconds: 0 }));
    const w = workload();
    let now = 0;
    for (let n = 0; n < MAX_PODS_READY_EVICTIONS; n++) {
      h.watch.admitted(w, now);
      h.fire();
      now = h.outs[h.outs.length - 1]!.requeueAt!;
    }
    // Each eviction came 1 s after its admission and was requeued in the same instant (base 0: no wait).
    expect(h.outs).toHaveLength(MAX_PODS_READY_EVICTIONS);
    expect(now).toBe(MAX_PODS_READY_EVICTIONS);
    h.watch.admitted(w, now);
    const t = h.timers.shift()!;
    let thrown: unknown;
    try {
      t.run(t.at);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(PodsReadyLimitError);
    expect((thrown as PodsReadyLimitError).at).toBe(MAX_PODS_READY_EVICTIONS + 1);
    expect(h.outs).toHaveLength(MAX_PODS_READY_EVICTIONS);
  });

  it('a deactivation (backoffLimitCount reached) does not count: it ends the cycle', () => {
    const h = harness(config({ timeoutSeconds: 1, backoffBaseSeconds: 0, backoffLimitCount: 0 }));
    h.watch.admitted(workload(), 0);
    h.fire();
    expect(h.outs).toEqual([{ cause: 'WaitForStart', requeueAt: null, at: 1 }]);
  });
});
