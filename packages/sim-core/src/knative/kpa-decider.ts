/**
 * The KPA's decision every 2 s: a port of knative/serving@98e5ef90 pkg/autoscaler/scaling/autoscaler.go
 * (`newAutoscaler`, `Scale`). Pure: it is given the ready pod count and the stable and panic window averages (the
 * revision's total concurrency or RPS, metric-client.ts) and keeps only the panic state and the scale-down delay window.
 */
import { MaxTimeWindow } from './max-time-window.ts';

/** multiscaler.go `tickInterval`: how often `Scale` runs (s). */
export const KPA_TICK_SECONDS = 2;

/** scaling.DeciderSpec as resources/decider.go `MakeDecider` builds it (the fields `Scale` reads). */
export interface KpaDeciderSpec {
  maxScaleUpRate: number;
  maxScaleDownRate: number;
  /** The metric per pod the KPA aims for: target × utilization (ResolveMetricTarget), at least 0.01. */
  targetValue: number;
  /** The metric one pod can take (the target before utilization): what burst capacity is counted in. */
  totalValue: number;
  /** target-burst-capacity: -1 unlimited, 0 none. */
  targetBurstCapacity: number;
  /** panic-threshold-percentage ÷ 100. */
  panicThreshold: number;
  stableWindowSeconds: number;
  /** scale-down-delay (0: none). */
  scaleDownDelaySeconds: number;
  /** activation-scale (0 or 1: not set). */
  activationScale: number;
  /** The revision takes traffic (routingState active): scale-down limits and the delay apply only then. */
  reachable: boolean;
}

/** What one `Scale` decided, with the figures behind it. */
export interface KpaScaleResult {
  desiredPodCount: number;
  /** floor(ready × totalValue − targetBurstCapacity − panic value); 0 with TBC 0, -1 with TBC -1. */
  excessBurstCapacity: number;
  panicking: boolean;
  /** ceil(stable ÷ target) and ceil(panic ÷ target) before the rate limits. */
  desiredStable: number;
  desiredPanic: number;
}

export class KpaDecider {
  /** When panic mode was entered or last extended (s); null when not panicking. */
  private panicTime: number | null;
  private maxPanicPods: number;
  private readonly delayWindow: MaxTimeWindow | null;

  /**
   * `newAutoscaler`: an autoscaler created over more than one ready pod starts in panic mode (it has no history and
   * must not scale down before it has some), holding that count.
   */
  constructor(
    private readonly spec: KpaDeciderSpec,
    readyPodsAtStart: number,
    now: number,
  ) {
    this.panicTime = readyPodsAtStart > 1 ? now : null;
    this.maxPanicPods = readyPodsAtStart;
    this.delayWindow = spec.scaleDownDelaySeconds > 0 ? new MaxTimeWindow(spec.scaleDownDelaySeconds, KPA_TICK_SECONDS) : null;
  }

  /** In panic mode now. */
  get panicking(): boolean {
    return this.panicTime !== null;
  }

  /** `Scale` at `now` over `readyPods` ready pods and the two window averages of the metric (the revision's totals). */
  scale(now: number, readyPods: number, observedStable: number, observedPanic: number): KpaScaleResult {
    const spec = this.spec;
    const ready = Math.max(1, readyPods);
    // At least one more pod whatever the rate, and at most a halving (rate 2) per decision, only while reachable.
    const maxScaleUp = Math.ceil(spec.maxScaleUpRate * ready);
    const maxScaleDown = spec.reachable ? Math.floor(ready / spec.maxScaleDownRate) : 0;
    const dspc = Math.ceil(observedStable / spec.targetValue);
    const dppc = Math.ceil(observedPanic / spec.targetValue);
    let desiredStable = Math.trunc(Math.min(Math.max(dspc, maxScaleDown), maxScaleUp));
    let desiredPanic = Math.trunc(Math.min(Math.max(dppc, maxScaleDown), maxScaleUp));
    if (spec.activationScale > 1) {
      if (dspc > 0 && spec.activationScale > desiredStable) desiredStable = spec.activationScale;
      if (dppc > 0 && spec.activationScale > desiredPanic) desiredPanic = spec.activationScale;
    }
    const overThreshold = dppc / ready >= spec.panicThreshold;
    // Enter panic, or extend it, on every decision over the threshold.
    if (overThreshold) this.panicTime = now;
    else if (this.panicTime !== null && this.panicTime + spec.stableWindowSeconds < now) {
      // Un-panic once the surge has been in the stable window a whole window (time.Before: strictly after).
      this.panicTime = null;
      this.maxPanicPods = 0;
    }
    let desired = desiredStable;
    if (this.panicTime !== null) {
      // In panic the larger of the two, and never below the most wanted since panic began: no scale-down.
      if (desired < desiredPanic) desired = desiredPanic;
      if (desired > this.maxPanicPods) this.maxPanicPods = desired;
      desired = this.maxPanicPods;
    }
    if (spec.reachable && this.delayWindow !== null) {
      this.delayWindow.record(now, desired);
      desired = this.delayWindow.current();
    }
    let ebc = -1;
    if (spec.targetBurstCapacity === 0) ebc = 0;
    else if (spec.targetBurstCapacity > 0) ebc = Math.floor(readyPods * spec.totalValue - spec.targetBurstCapacity - observedPanic);
    return { desiredPodCount: desired, excessBurstCapacity: ebc, panicking: this.panicTime !== null, desiredStable: dspc, desiredPanic: dppc };
  }
}
