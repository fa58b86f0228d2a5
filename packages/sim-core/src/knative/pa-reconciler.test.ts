/**
 * The PodAutoscaler reconcile (knative/serving@98e5ef90 pkg/reconciler/autoscaling/kpa/scaler.go `scale`,
 * `handleScaleToZero`; kpa.go `computeActiveCondition`), each step worked from those functions in the comments.
 */
import { describe, expect, it } from 'vitest';
import { applyBounds, PaReconciler, type PaSpec } from './pa-reconciler.ts';

const base: PaSpec = { minScale: 0, maxScale: 0, initialScale: 1, enableScaleToZero: true, stableWindowSeconds: 60, scaleToZeroGracePeriodSeconds: 30, scaleToZeroPodRetentionSeconds: 0, targetBurstCapacity: 211, activationTimeoutSeconds: 630 };

describe('PaReconciler (scaler.go, kpa.go)', () => {
  it('applyBounds: below min → min, above a non-zero max → max', () => {
    expect([applyBounds(2, 5, 1), applyBounds(2, 5, 7), applyBounds(2, 0, 70), applyBounds(0, 0, 3)]).toEqual([2, 5, 70, 3]);
  });

  it('with the activator in the path for longer than the grace period, scale to zero 3 s after the PA is marked inactive', () => {
    const pa = new PaReconciler(base, 0);
    // No metrics yet while Activating: bounds make it 0, handleScaleToZero answers scaleUnknown; 1 ready ≥ initial 1: Active.
    expect(pa.reconcile(0, -1, -201, 1, 1)).toMatchObject({ want: -1, apply: null });
    expect(pa.activity).toBe('Active');
    expect(pa.reconcile(2, 1, -201, 1, 1)).toMatchObject({ want: 1, apply: null });
    expect(pa.mode).toBe('Proxy'); // EBC < 0: the activator stays in the path
    // Active 100 s ≥ the stable window: want 0 is not applied, the PA goes Inactive; SKS already proxying: requeue 3 s.
    expect(pa.reconcile(100, 0, -201, 1, 1)).toMatchObject({ want: 0, apply: null, requeueAfter: 3 });
    expect(pa.activity).toBe('Inactive');
    // Inactive 3 s < 30 s, but proxying since 0: grace − 103 ≤ 0 → scale to zero now.
    expect(pa.reconcile(103, 0, -201, 1, 1)).toMatchObject({ want: 0, apply: 0 });
  });

  it('with the activator out of the path (TBC 0), the grace period runs from the deactivation: 30 s', () => {
    const pa = new PaReconciler({ ...base, targetBurstCapacity: 0 }, 0);
    pa.reconcile(0, -1, 0, 1, 1);
    pa.reconcile(2, 1, 0, 1, 1);
    expect(pa.mode).toBe('Serve'); // want 1 > 0 and EBC 0 ≥ 0
    pa.reconcile(100, 0, 0, 1, 1);
    expect(pa.mode).toBe('Proxy');
    expect(pa.reconcile(103, 0, 0, 1, 1)).toMatchObject({ apply: null, requeueAfter: 27 }); // 30 − (103 − 100)
    expect(pa.reconcile(130, 0, 0, 1, 1)).toMatchObject({ apply: 0 }); // inactive 30 ≥ max(30, 0)
  });

  it('active for less than a stable window: at most 1, reconcile again when the window is up', () => {
    const pa = new PaReconciler(base, 0);
    pa.reconcile(0, -1, -201, 1, 1);
    expect(pa.reconcile(20, 0, -201, 2, 2)).toMatchObject({ want: 1, apply: 1, requeueAfter: 40 });
  });

  it('scale-to-zero-pod-retention-period holds the last pod; enable-scale-to-zero false keeps 1', () => {
    const pa = new PaReconciler({ ...base, scaleToZeroPodRetentionSeconds: 60 }, 0);
    pa.reconcile(0, -1, -201, 1, 1);
    pa.reconcile(100, 0, -201, 1, 1);
    expect(pa.reconcile(103, 0, -201, 1, 1)).toMatchObject({ apply: null, requeueAfter: 57 }); // 60 − 3
    expect(pa.reconcile(160, 0, -201, 1, 1)).toMatchObject({ apply: 0 }); // 60 ≥ max(30, 60)
    const keep = new PaReconciler({ ...base, enableScaleToZero: false }, 0);
    keep.reconcile(0, -1, -201, 1, 1);
    expect(keep.reconcile(100, 0, -201, 2, 2)).toMatchObject({ want: 1, apply: 1 });
  });

  it('initial-scale is a floor until reached; from zero a request makes it Activating until a pod is ready', () => {
    const pa = new PaReconciler({ ...base, initialScale: 3 }, 0);
    expect(pa.reconcile(0, 1, -201, 0, 3)).toMatchObject({ want: 3, apply: null });
    expect(pa.activity).toBe('Activating'); // 0 ready < max(0, 3)
    pa.reconcile(10, 1, -201, 3, 3); // initialized
    expect(pa.reconcile(12, 1, -201, 3, 3)).toMatchObject({ want: 1, apply: 1 });
    const z = new PaReconciler(base, 0);
    z.reconcile(0, -1, -201, 1, 1);
    z.reconcile(100, 0, -201, 1, 1);
    z.reconcile(103, 0, -201, 1, 1); // to zero
    expect(z.reconcile(200, 1, -201, 0, 0)).toMatchObject({ want: 1, apply: 1 });
    expect(z.activity).toBe('Activating');
    z.reconcile(230, 1, -201, 1, 1);
    expect(z.activity).toBe('Active');
  });
});
