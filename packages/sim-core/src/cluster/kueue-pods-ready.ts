/**
 * Kueue's waitForPodsReady: an admitted workload whose pods are not all ready within `timeout` of its admission (or
 * within `recoveryTimeout` of losing a pod once running) is evicted, its quota released and its Job suspended, and
 * requeued after an exponential backoff, or deactivated once it has been requeued `backoffLimitCount` times. A port of
 * kubernetes-sigs/kueue @ff69552e79ad21652c36caa97038382e55625cf7:
 * - pkg/controller/core/workload_controller.go `reconcileNotReadyTimeout` (the eviction, reason PodsReadyTimeout),
 *   `admittedNotReadyWorkload` (the timeout counts from the Admitted condition; the recovery timeout from the
 *   PodsReady=False transition with reason WaitForRecovery) and `triggerDeactivation` (count + 1 > limit);
 * - pkg/controller/jobframework/reconciler.go `generatePodsReadyCondition` (a workload that was ready and is no
 *   longer is waiting for recovery, one never ready since its admission is waiting for start);
 * - pkg/workload/workload.go `UpdateRequeueState` over pkg/util/wait/backoff.go `WaitTime` (apimachinery
 *   `wait.Backoff`, factor 2, jitter 0.0001 as pkg/controller/core/core.go `waitForPodsReady` sets it).
 *
 * Which pods count as ready (a Job's `PodsReady`: ready + succeeded ≥ parallelism) is the job queue's to say: a job pod
 * is ready once bound (no container start is modelled for jobs) and a finished pod counts as succeeded.
 */
import type { EngineWaitForPodsReady } from '../engine/engine-config.ts';
import type { Rng } from '../random/rng.ts';
import { MAX_PODS_READY_EVICTIONS } from '../scenario/limits.ts';

/**
 * The run evicted more workloads by PodsReadyTimeout than MAX_PODS_READY_EVICTIONS: a workload whose pods never become
 * ready is evicted again after every backoff, so the count has no bound but the horizon (and none at all when the
 * timeout and the backoff add up to nothing). Reported as an input error at `waitForPodsReady.timeout` (sim-api).
 */
export class PodsReadyLimitError extends Error {
  constructor(
    /** Simulated time reached, s. */
    readonly at: number,
  ) {
    super(`waitForPodsReady over the eviction limit at ${at} s`);
  }
}

/** `requeuingBackoffJitter` (pkg/controller/core/core.go `waitForPodsReady`): each wait is stretched by up to 0.01%. */
export const REQUEUING_BACKOFF_JITTER = 0.0001;

/**
 * `UpdateRequeueState`: seconds until the `count`-th requeue (count ≥ 1), `u` in [0, 1) drawing the jitter.
 * `wait.Backoff.Step` returns its current duration and only then doubles it and caps the next one, so the first wait
 * is `base` even above `max` and the n-th is min(base · 2^(n−1), max); `maxSeconds` 0 is no cap (`NewBackoff`).
 */
export function requeueBackoffSeconds(count: number, baseSeconds: number, maxSeconds: number, u: number): number {
  const cap = maxSeconds === 0 ? Infinity : maxSeconds;
  const d = baseSeconds === 0 ? 0 : count <= 1 ? baseSeconds : Math.min(baseSeconds * 2 ** (count - 1), cap);
  // apimachinery `Jitter(d, maxFactor)`: d + rand.Float64() · maxFactor · d.
  return d + u * REQUEUING_BACKOFF_JITTER * d;
}

/** What the watch reads and writes on a workload. */
export interface PodsReadyState {
  /** The PodsReady condition is True. */
  podsReady: boolean;
  /** Bumped at every admission, eviction and PodsReady transition: a timer armed before is stale. */
  podsReadyEpoch: number;
  /** `status.requeueState.count`: evictions by PodsReadyTimeout so far (kept for the workload's life). */
  requeueCount: number;
}

/** Why the timeout passed: never ready since admission, or not ready again after running. */
export type PodsReadyCause = 'WaitForStart' | 'WaitForRecovery';

export interface PodsReadyActions<W> {
  schedule(at: number, run: (now: number) => void): void;
  /**
   * The timeout passed: evict the workload (quota and pods) and requeue it at `requeueAt`, or, with `requeueAt` null,
   * deactivate it (`spec.active: false`: evicted and never requeued).
   */
  timedOut(w: W, cause: PodsReadyCause, requeueAt: number | null, now: number): void;
}

/** The workload controller's PodsReady timers for every Kueue-admitted workload. */
export class PodsReadyWatch<W extends PodsReadyState> {
  /** Evictions by PodsReadyTimeout so far, over every workload (bounded by MAX_PODS_READY_EVICTIONS). */
  private evictions = 0;

  constructor(
    readonly config: EngineWaitForPodsReady,
    private readonly rng: Rng,
    private readonly actions: PodsReadyActions<W>,
  ) {}

  /** Quota reserved: PodsReady is False (WaitForStart) and the timeout counts from now. */
  admitted(w: W, now: number): void {
    w.podsReady = false;
    const epoch = ++w.podsReadyEpoch;
    this.actions.schedule(now + this.config.timeoutSeconds, (t) => this.check(w, epoch, 'WaitForStart', t));
  }

  /** All its pods are ready (or done): PodsReady=True; the timers armed before no longer apply. */
  ready(w: W): void {
    if (w.podsReady) return;
    w.podsReady = true;
    w.podsReadyEpoch++;
  }

  /** A ready workload lost a pod: PodsReady=False (WaitForRecovery), the recovery timeout counts from now. */
  notReady(w: W, now: number): void {
    if (!w.podsReady) return;
    w.podsReady = false;
    const epoch = ++w.podsReadyEpoch;
    const recovery = this.config.recoveryTimeoutSeconds;
    if (recovery !== null) this.actions.schedule(now + recovery, (t) => this.check(w, epoch, 'WaitForRecovery', t));
  }

  /** Evicted otherwise (preempted) or finished: its timers are stale. */
  released(w: W): void {
    w.podsReady = false;
    w.podsReadyEpoch++;
  }

  // `reconcileNotReadyTimeout` once the timer is due: a workload still admitted and still not ready since.
  private check(w: W, epoch: number, cause: PodsReadyCause, now: number): void {
    if (w.podsReadyEpoch !== epoch) return;
    w.podsReadyEpoch++;
    const limit = this.config.backoffLimitCount;
    if (limit !== null && w.requeueCount + 1 > limit) {
      this.actions.timedOut(w, cause, null, now);
      return;
    }
    if (++this.evictions > MAX_PODS_READY_EVICTIONS) throw new PodsReadyLimitError(now);
    w.requeueCount++;
    const wait = requeueBackoffSeconds(w.requeueCount, this.config.backoffBaseSeconds, this.config.backoffMaxSeconds, this.rng.next());
    this.actions.timedOut(w, cause, now + wait, now);
  }
}
