import { describe, expect, it } from 'vitest';
import { groupPods } from './group-pods.ts';
import { pendingPod, readyPod } from './hpa-test-harness.ts';

// Controller defaults (§1.1): CPU initialization period 300 s, initial readiness delay 30 s.
const timing = { cpuInitializationPeriodSeconds: 300, initialReadinessDelaySeconds: 30 };
const NOW = 1000;

describe('groupPods (replica_calculator.go, §1.4)', () => {
  it('ignores deleting and Failed pods, counts Pending as unready, a pod without metric as missing', () => {
    const g = groupPods(
      [readyPod(5), readyPod(5, { deleting: true }), readyPod(5, { phase: 'Failed' }), pendingPod(), readyPod(undefined)],
      '',
      NOW,
      timing,
    );
    expect(g.groups).toEqual(['ready', 'ignored', 'ignored', 'unready', 'missing']);
    expect([g.readyPodCount, g.unreadyCount, g.missingCount, g.ignoredCount]).toEqual([1, 1, 1, 2]);
  });

  it('treats a non-finite value as no metric', () => {
    expect(groupPods([readyPod(Number.NaN)], '', NOW, timing).groups).toEqual(['missing']);
  });

  it('for Pods metrics a NotReady Running pod that exports a value counts as ready (no readiness check)', () => {
    const notReady = readyPod(0, { ready: false, startTime: NOW - 5, readyTransitionTime: NOW - 5 });
    expect(groupPods([notReady], '', NOW, timing).groups).toEqual(['ready']);
    expect(groupPods([notReady], 'memory', NOW, timing).groups).toEqual(['ready']);
  });

  describe('CPU-only readiness rules', () => {
    it('counts a pod with no Ready condition or no start time as unready', () => {
      const noCondition = { phase: 'Running', deleting: false, ready: true, startTime: 0, value: 1 } as const;
      const noStart = { phase: 'Running', deleting: false, ready: true, readyTransitionTime: 0, value: 1 } as const;
      expect(groupPods([noCondition, noStart], 'cpu', NOW, timing).groups).toEqual(['unready', 'unready']);
    });

    it('inside the initialization period: unready if NotReady, or if the sample window began before becoming Ready', () => {
      const start = NOW - 100; // 100 s old < 300 s
      const pods = [
        readyPod(1, { startTime: start, ready: false, readyTransitionTime: start }),
        // Ready at NOW − 30, 15 s window sampled at NOW − 10: NOW − 10 < NOW − 30 + 15? no → ready
        readyPod(1, { startTime: start, readyTransitionTime: NOW - 30, metricTimestamp: NOW - 10, metricWindowSeconds: 15 }),
        // sampled at NOW − 10 but Ready only at NOW − 20 with a 30 s window: NOW − 10 < NOW + 10 → unready
        readyPod(1, { startTime: start, readyTransitionTime: NOW - 20, metricTimestamp: NOW - 10, metricWindowSeconds: 30 }),
        // exactly one window after the transition: Before is strict, so the sample is usable
        readyPod(1, { startTime: start, readyTransitionTime: NOW - 25, metricTimestamp: NOW - 10, metricWindowSeconds: 15 }),
      ];
      expect(groupPods(pods, 'cpu', NOW, timing).groups).toEqual(['unready', 'ready', 'unready', 'ready']);
    });

    it('defaults the sample to the reconcile time and a 15 s window', () => {
      const start = NOW - 100;
      const pods = [
        readyPod(1, { startTime: start, readyTransitionTime: NOW - 15 }), // NOW < NOW − 15 + 15? no → ready
        readyPod(1, { startTime: start, readyTransitionTime: NOW - 14 }),
      ];
      expect(groupPods(pods, 'cpu', NOW, timing).groups).toEqual(['ready', 'unready']);
    });

    it('at exactly start + 300 s the pod is past initialization (After is strict)', () => {
      const start = NOW - 300;
      // Ready condition flipped at NOW − 1: inside the period that sample would be unready.
      expect(groupPods([readyPod(1, { startTime: start, readyTransitionTime: NOW - 1 })], 'cpu', NOW, timing).groups).toEqual(['ready']);
    });

    it('after initialization: NotReady is unready only if it never became Ready within 30 s of start', () => {
      const start = NOW - 600;
      const pods = [
        readyPod(1, { startTime: start, ready: false, readyTransitionTime: start + 10 }), // never became ready
        readyPod(1, { startTime: start, ready: false, readyTransitionTime: start + 200 }), // was ready, flipped later
        readyPod(1, { startTime: start, ready: false, readyTransitionTime: start + 30 }), // start + 30 > start + 30? no
      ];
      expect(groupPods(pods, 'cpu', NOW, timing).groups).toEqual(['unready', 'ready', 'ready']);
    });
  });
});
