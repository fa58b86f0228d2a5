/**
 * The KPA's PodAutoscaler reconcile: what turns the decider's desired scale into `spec.replicas`, a port of
 * knative/serving@98e5ef90 pkg/reconciler/autoscaling/kpa/scaler.go (`scale`, `applyBounds`, `handleScaleToZero`) and
 * kpa.go (`ReconcileKind`'s SKS mode, `computeActiveCondition`, `activeThreshold`). Pure: it keeps the PA's Active
 * condition, whether the scale target was initialized, and the ServerlessService's mode (Proxy: the activator is in
 * the path), and returns what to apply and when to reconcile again.
 */

/** The PA's Active condition: Unknown (activating), True (active), False (inactive). */
export type PaActivity = 'Activating' | 'Active' | 'Inactive';

/** The ServerlessService's mode: Proxy puts the activator in front of the pods, Serve routes to them directly. */
export type SksMode = 'Proxy' | 'Serve';

/** The bounds and scale-to-zero settings the reconcile reads (resolved from the annotations and config-autoscaler). */
export interface PaSpec {
  minScale: number;
  /** 0: no limit. */
  maxScale: number;
  /** GetInitialScale: initial-scale, or the cluster's. */
  initialScale: number;
  enableScaleToZero: boolean;
  stableWindowSeconds: number;
  scaleToZeroGracePeriodSeconds: number;
  scaleToZeroPodRetentionSeconds: number;
  /** -1: the activator is always in the path (no probe needed, no scrape target). */
  targetBurstCapacity: number;
  /** progressDeadline (the Deployment's, 600 s by default) + activationTimeoutBuffer 30 s. */
  activationTimeoutSeconds: number;
}

/** What one reconcile decided. */
export interface PaReconcileResult {
  /** The scale the PA wants (-1: unknown); status.desiredScale. */
  want: number;
  /** spec.replicas to set, or null to leave it. */
  apply: number | null;
  /** Reconcile again after this long (enqueueCB), or null. */
  requeueAfter: number | null;
  /** Why, for the scale event. */
  reason: string;
}

/** scaler.go's `scaleUnknown`. */
const SCALE_UNKNOWN = -1;
/** scaler.go: re-enqueue 3 s after a deactivation while the SKS is already in proxy mode; 1 s after an async probe. */
const PROXY_REQUEUE_SECONDS = 3;
const PROBE_REQUEUE_SECONDS = 1;

/** `applyBounds`: pre 0 <= min <= max && 0 <= x; a max of 0 is no limit. */
export function applyBounds(min: number, max: number, x: number): number {
  if (x < min) return min;
  if (max !== 0 && x > max) return max;
  return x;
}

export class PaReconciler {
  activity: PaActivity = 'Activating';
  /** The Active condition's lastTransitionTime (s). */
  private activitySince: number;
  /** ScaleTargetInitialized: the revision has once had its initial scale ready. */
  initialized = false;
  mode: SksMode = 'Proxy';
  /** When the SKS last entered Proxy mode (ProxyFor counts from it). */
  private proxySince: number;

  constructor(
    private readonly spec: PaSpec,
    now: number,
  ) {
    // A new revision's PA starts Activating, its SKS in Proxy mode (ReconcileSKS before the private service exists).
    this.activitySince = now;
    this.proxySince = now;
  }

  /**
   * One `ReconcileKind` at `now`: the decider's desired scale (-1 before its first valid decision) and excess burst
   * capacity, the ready pods and the Deployment's spec.replicas.
   */
  reconcile(now: number, desiredScale: number, excessBurstCapacity: number, readyPods: number, currentReplicas: number): PaReconcileResult {
    const r = this.scale(now, desiredScale, currentReplicas);
    // SKS mode: the activator leaves the path only when pods are wanted and there is spare burst capacity.
    let mode: SksMode = 'Proxy';
    if (r.want > 0 && excessBurstCapacity >= 0) mode = 'Serve';
    if (mode !== this.mode) {
      this.mode = mode;
      if (mode === 'Proxy') this.proxySince = now;
    }
    this.computeActiveCondition(now, r.want, readyPods);
    return r;
  }

  /** scaler.go `scale`: bounds (initial scale until initialized), then scale-to-zero, then spec.replicas if it differs. */
  private scale(now: number, desiredScale: number, currentReplicas: number): PaReconcileResult {
    if (desiredScale < 0 && this.activity !== 'Activating') return { want: desiredScale, apply: null, requeueAfter: null, reason: 'no metrics yet' };
    const s = this.spec;
    let min = s.minScale;
    if (s.initialScale > 1 && !this.initialized) min = Math.max(s.initialScale, min);
    const bounded = applyBounds(min, s.maxScale, desiredScale);
    const z = this.handleScaleToZero(now, bounded);
    // A negative scale is refused by the API server (the reconcile errors and retries): nothing is applied.
    const apply = z.apply && z.scale >= 0 && z.scale !== currentReplicas ? z.scale : null;
    const reason = bounded !== desiredScale ? `${z.reason}; bounds [${min}, ${s.maxScale === 0 ? '∞' : s.maxScale}] from ${desiredScale}` : z.reason;
    return { want: z.scale, apply, requeueAfter: z.requeueAfter, reason };
  }

  /**
   * `handleScaleToZero`: to zero only when scale to zero is enabled, the PA has been active a whole stable window
   * (then it is marked inactive instead), and the activator has been in the path for the grace period and the
   * revision inactive for the pod retention period; or when activation timed out.
   */
  private handleScaleToZero(now: number, desired: number): { scale: number; apply: boolean; requeueAfter: number | null; reason: string } {
    const s = this.spec;
    if (desired !== 0) return { scale: desired, apply: true, requeueAfter: null, reason: desired < 0 ? 'no metrics yet' : 'decider' };
    if (!s.enableScaleToZero) return { scale: 1, apply: true, requeueAfter: null, reason: 'enable-scale-to-zero false' };
    const since = now - this.activitySince;
    switch (this.activity) {
      case 'Activating':
        if (since > s.activationTimeoutSeconds) return { scale: 0, apply: true, requeueAfter: null, reason: 'activation timed out' };
        return { scale: SCALE_UNKNOWN, apply: false, requeueAfter: s.activationTimeoutSeconds, reason: 'activating' };
      case 'Active':
        if (since >= s.stableWindowSeconds) return { scale: 0, apply: false, requeueAfter: this.mode === 'Proxy' ? PROXY_REQUEUE_SECONDS : null, reason: 'idle: marked inactive' };
        return { scale: 1, apply: true, requeueAfter: s.stableWindowSeconds - since, reason: `active ${since}s < stable window: at most 1` };
      case 'Inactive': {
        // The activator probe succeeds once the SKS is in Proxy mode (network programming taken as instant).
        const probed = s.targetBurstCapacity === -1 || this.mode === 'Proxy';
        if (!probed) return { scale: 0, apply: false, requeueAfter: PROBE_REQUEUE_SECONDS, reason: 'activator not yet in the path' };
        const lastPod = s.scaleToZeroPodRetentionSeconds;
        if (since >= Math.max(s.scaleToZeroGracePeriodSeconds, lastPod)) return { scale: 0, apply: true, requeueAfter: null, reason: `inactive ${since}s: scale to zero` };
        if (lastPod > 0 && since < lastPod) return { scale: 0, apply: false, requeueAfter: lastPod - since, reason: 'scale-to-zero-pod-retention-period' };
        const to = s.scaleToZeroGracePeriodSeconds - (now - this.proxySince);
        if (to <= 0) return { scale: 0, apply: true, requeueAfter: null, reason: `activator in the path ${now - this.proxySince}s: scale to zero` };
        return { scale: 0, apply: false, requeueAfter: to, reason: 'scale-to-zero-grace-period' };
      }
    }
  }

  /** `computeActiveCondition` over `activeThreshold`: the table in kpa.go. */
  private computeActiveCondition(now: number, want: number, ready: number): void {
    const s = this.spec;
    const minReady = this.initialized ? Math.max(s.minScale, 1) : Math.max(s.minScale, s.initialScale);
    if (ready >= minReady) this.initialized = true;
    if (want === 0 || minReady === 0) this.mark(now, 'Inactive');
    else if (ready < minReady) this.mark(now, want > 0 || this.activity !== 'Inactive' ? 'Activating' : 'Inactive');
    else if (want > 0 || this.activity !== 'Inactive') this.mark(now, 'Active');
  }

  private mark(now: number, a: PaActivity): void {
    if (a === this.activity) return;
    this.activity = a;
    this.activitySince = now;
  }
}
