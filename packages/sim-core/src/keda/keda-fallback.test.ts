import { describe, expect, it } from 'vitest';
import { doFallback, type KedaFallback, TriggerHealth } from './keda-fallback.ts';

// Cases of kedacore/keda@8b4f083ca8c8c2baf8477e322bd4d16ac4dfa09a pkg/fallback/fallback_test.go, worked from
// fallback.go (GetMetricsWithFallback, doFallback, fallbackExceededThreshold). Their metric spec is an External
// AverageValue target of 10 (`createMetricSpec(10)`).
const fallback = (o: Partial<KedaFallback> = {}): KedaFallback => ({ failureThreshold: 3, replicas: 10, behavior: 'static', ...o });
const avg10 = { type: 'AverageValue', value: 10 } as const;
const deployment = (currentReplicas: number, readyReplicas = currentReplicas) => ({ currentReplicas, readyReplicas });

describe('GetMetricsWithFallback', () => {
  it('"should bump the number of failures when metrics call fails": 0 → 1, Failing, the error goes through', () => {
    const h = new TriggerHealth(fallback());
    expect(h.read('m', true, avg10, deployment(5))).toEqual({ kind: 'error' });
    expect(h.failures('m')).toBe(1);
    expect(h.fallbackActive()).toBe(false);
  });

  it('"should return a normalised metric when number of failures are beyond threshold": the 4th failure with threshold 3 answers 10 × 10 = 100', () => {
    const h = new TriggerHealth(fallback());
    for (let i = 0; i < 3; i++) expect(h.read('m', true, avg10, deployment(5)).kind).toBe('error');
    expect(h.read('m', true, avg10, deployment(5))).toEqual({ kind: 'fallback', valueMilli: 100_000 });
    expect(h.failures('m')).toBe(4);
    expect(h.fallbackActive()).toBe(true);
  });

  it('"should reset the health status when scaler metrics are available": a good read sets 0, Happy, and the condition goes False', () => {
    const h = new TriggerHealth(fallback({ failureThreshold: 0 }));
    expect(h.read('m', true, avg10, deployment(5)).kind).toBe('fallback');
    expect(h.read('m', false, avg10, deployment(5))).toEqual({ kind: 'ok' });
    expect(h.failures('m')).toBe(0);
    expect(h.fallbackActive()).toBe(false);
  });

  it('"should propagate the error when fallback is disabled" and leave the health alone', () => {
    const h = new TriggerHealth(null);
    for (let i = 0; i < 5; i++) expect(h.read('m', true, avg10, deployment(5))).toEqual({ kind: 'error' });
    expect(h.failures('m')).toBe(0);
    expect(h.fallbackActive()).toBe(false);
  });

  it('counts each metric name on its own; the condition is True while any one is above the threshold', () => {
    const h = new TriggerHealth(fallback({ failureThreshold: 1 }));
    h.read('a', true, avg10, deployment(5));
    h.read('b', true, avg10, deployment(5));
    expect(h.fallbackActive()).toBe(false);
    expect(h.read('a', true, avg10, deployment(5)).kind).toBe('fallback');
    expect(h.fallbackActive()).toBe(true);
    expect(h.failures('b')).toBe(1);
  });
});

describe('doFallback', () => {
  it('behaviors (fallback_test.go): currentReplicasIfHigher with 5 current → 10 × 10 = 100; currentReplicas with 6 → 60; static with 15 current → 100', () => {
    expect(doFallback(fallback({ behavior: 'currentReplicasIfHigher' }), avg10, deployment(5))).toBe(100_000);
    expect(doFallback(fallback({ behavior: 'currentReplicas' }), avg10, deployment(6))).toBe(60_000);
    expect(doFallback(fallback({ behavior: 'static' }), avg10, deployment(15))).toBe(100_000);
  });

  it('currentReplicasIfHigher with 15 current → 150; currentReplicasIfLower: min(15, 10) → 100, min(6, 10) → 60', () => {
    expect(doFallback(fallback({ behavior: 'currentReplicasIfHigher' }), avg10, deployment(15))).toBe(150_000);
    expect(doFallback(fallback({ behavior: 'currentReplicasIfLower' }), avg10, deployment(15))).toBe(100_000);
    expect(doFallback(fallback({ behavior: 'currentReplicasIfLower' }), avg10, deployment(6))).toBe(60_000);
  });

  it('a Value target is divided by the Running and Ready pods: 10 replicas × target 50 ÷ 4 ready = 125; none ready: no fallback', () => {
    expect(doFallback(fallback(), { type: 'Value', value: 50 }, deployment(6, 4))).toBe(125_000);
    expect(doFallback(fallback(), { type: 'Value', value: 50 }, deployment(6, 0))).toBeNull();
    const h = new TriggerHealth(fallback({ failureThreshold: 0 }));
    expect(h.read('m', true, { type: 'Value', value: 50 }, deployment(6, 0))).toEqual({ kind: 'error' });
  });

  it('the milli-quantity is truncated as Go converts a float: target 1.005 × 1000 × 10 is 10049.999… in binary floating point → 10049 milli', () => {
    expect(doFallback(fallback(), { type: 'AverageValue', value: 1.005 }, deployment(1))).toBe(10_049);
  });
});
