import { describe, expect, it } from 'vitest';
import type { HpaPodSample } from './hpa-pod-sample.ts';
import { pendingPod, readyPod } from './hpa-test-harness.ts';
import { calcPlainMetricReplicas, getResourceReplicas, type MetricProposal } from './replica-calculator.ts';

const timing = { cpuInitializationPeriodSeconds: 300, initialReadinessDelaySeconds: 30 };
const DEFAULT_TOL = { scaleDown: 0.1, scaleUp: 0.1 };

function ctx(currentReplicas: number, pods: HpaPodSample[], tolerances = DEFAULT_TOL) {
  return { currentReplicas, pods, tolerances, now: 0, timing };
}
/** A CPU pod using `cores` against a request of `requestMilli`. */
function cpuPod(cores: number | undefined, requestMilli = 1000, extra: Partial<HpaPodSample> = {}): HpaPodSample {
  return readyPod(cores, { requestMilli, ...extra });
}
function replicas(p: MetricProposal): number {
  if (!p.ok) throw new Error(p.error);
  return p.replicas;
}

describe('TC3: tolerance band and integer truncation (CPU Utilization 80 %, 10 pods × 1000m)', () => {
  it('Σusage = 8899m → trunc(88.99 %) = 88 % → r = 1.1 → inside the band: stay at 10', () => {
    const pods = [...Array.from({ length: 9 }, () => cpuPod(0.889)), cpuPod(0.898)];
    const p = getResourceReplicas(ctx(10, pods), 80, 'cpu');
    expect(p).toEqual({ ok: true, replicas: 10, currentValue: 88 });
  });

  it('all pods at 900m → 90 % → r = 1.125 → ceil(11.25) = 12', () => {
    const pods = Array.from({ length: 10 }, () => cpuPod(0.9));
    expect(replicas(getResourceReplicas(ctx(10, pods), 80, 'cpu'))).toBe(12);
  });

  it('all pods at 850m → r = 1.0625: 10 with the default tolerance, 11 with scaleUp.tolerance 0.05', () => {
    const pods = Array.from({ length: 10 }, () => cpuPod(0.85));
    expect(replicas(getResourceReplicas(ctx(10, pods), 80, 'cpu'))).toBe(10);
    expect(replicas(getResourceReplicas(ctx(10, pods, { scaleDown: 0.1, scaleUp: 0.05 }), 80, 'cpu'))).toBe(11);
  });
});

describe('TC8: Pending pods dampen scale-up (CPU Utilization 100 %, spec 8 = 4 Running + 4 Pending)', () => {
  const pending = () => Array.from({ length: 4 }, () => pendingPod({ requestMilli: 1000 }));

  it('4 pods at 200 % with 4 Pending filled as 0 → 100 % → within tolerance → stay at 8', () => {
    const pods = [...Array.from({ length: 4 }, () => cpuPod(2)), ...pending()];
    expect(getResourceReplicas(ctx(8, pods), 100, 'cpu')).toEqual({ ok: true, replicas: 8, currentValue: 200 });
  });

  it('at 300 % the adjusted ratio is 1.5 → ceil(1.5 × 8) = 12', () => {
    const pods = [...Array.from({ length: 4 }, () => cpuPod(3)), ...pending()];
    expect(replicas(getResourceReplicas(ctx(8, pods), 100, 'cpu'))).toBe(12);
  });
});

describe('TC10: missing metrics (Pods metric, target 10 QPS, 4 pods)', () => {
  it('scale-down: 3 pods at 2 QPS and one missing (assumed at target) → 0.4 → ceil(1.6) = 2, not the naive 1', () => {
    const pods = [readyPod(2), readyPod(2), readyPod(2), readyPod(undefined)];
    expect(calcPlainMetricReplicas(ctx(4, pods), 10, '')).toEqual({ ok: true, replicas: 2, currentValue: 2 });
  });

  it('scale-up: 3 pods at 20 QPS and one missing (assumed idle) → 1.5 → 6', () => {
    const pods = [readyPod(20), readyPod(20), readyPod(20), readyPod(undefined)];
    expect(replicas(calcPlainMetricReplicas(ctx(4, pods), 10, ''))).toBe(6);
  });
});

describe('conservative fill-in and direction guards (§1.5)', () => {
  it('Resource scale-down fills a missing pod with 100 % of its request, or the target when the target exceeds 100 %', () => {
    // target 150 %: 3 pods at 30 % (r = 0.2); missing filled with 150 % → (90 + 150) / 4 = 60 % → 0.4 → ceil(1.6) = 2
    const pods = [cpuPod(0.3), cpuPod(0.3), cpuPod(0.3), cpuPod(undefined)];
    expect(replicas(getResourceReplicas(ctx(4, pods), 150, 'memory'))).toBe(2);
    // target 50 %: 3 pods at 10 % (r = 0.2); missing filled with 100 % → 130 / 4 = 32 % → 0.64 → ceil(2.56) = 3
    const light = [cpuPod(0.1), cpuPod(0.1), cpuPod(0.1), cpuPod(undefined)];
    expect(replicas(getResourceReplicas(ctx(4, light), 50, 'memory'))).toBe(3);
  });

  it('holds current when the fill-in flips a scale-down into a scale-up', () => {
    // target 50 %: 1 pod at 40 % (r = 0.8), 3 missing at 100 % → (40 + 300) / 4 = 85 % → 1.7: direction flipped
    const pods = [cpuPod(0.4), cpuPod(undefined), cpuPod(undefined), cpuPod(undefined)];
    expect(replicas(getResourceReplicas(ctx(4, pods), 50, 'memory'))).toBe(4);
  });

  it('holds current when the adjusted count would move opposite to the adjusted ratio', () => {
    // spec 10, 2 pods at 20 QPS (r = 2) and 1 Pending → (40 + 0) / 3 = 13.333 → 1.3333 > 1 but ceil(4) < 10
    const pods = [readyPod(20), readyPod(20), pendingPod()];
    expect(replicas(calcPlainMetricReplicas(ctx(10, pods), 10, ''))).toBe(10);
    // spec 1 while 4 pods still run: 3 at 2 QPS + 1 missing → 0.4 < 1 but ceil(1.6) = 2 > 1
    const extra = [readyPod(2), readyPod(2), readyPod(2), readyPod(undefined)];
    expect(replicas(calcPlainMetricReplicas(ctx(1, extra), 10, ''))).toBe(1);
  });

  it('does not fill unready pods on a scale-down: they are just dropped', () => {
    // 2 pods at 2 QPS (r = 0.2), 2 Pending → no adjustment path → ceil(0.2 × 2) = 1
    const pods = [readyPod(2), readyPod(2), pendingPod(), pendingPod()];
    expect(replicas(calcPlainMetricReplicas(ctx(4, pods), 10, ''))).toBe(1);
  });

  it('uses ready pods, not spec replicas, as the multiplier when nothing needs filling', () => {
    // spec 10 but only 3 pods exist, all at 2 × target → ceil(2 × 3) = 6
    expect(replicas(calcPlainMetricReplicas(ctx(10, [readyPod(20), readyPod(20), readyPod(20)]), 10, ''))).toBe(6);
  });

  it('applies CPU readiness to Resource AverageValue targets for cpu only', () => {
    const young = readyPod(0.1, { startTime: -10, ready: false, readyTransitionTime: -10 });
    const pods = [readyPod(2), young];
    // cpu: the NotReady pod is unready → r = 2 (2 cores vs 1 core) → filled with 0 → 1.05 → within → 2
    expect(replicas(calcPlainMetricReplicas(ctx(2, pods), 1, 'cpu'))).toBe(2);
    // memory: no readiness rule → avg 1.05 → within → 2 as well, but through the plain path
    expect(calcPlainMetricReplicas(ctx(2, pods), 1, 'memory')).toEqual({ ok: true, replicas: 2, currentValue: 1.05 });
  });
});

describe('errors that invalidate the metric', () => {
  it('fails with no pods, with no usable metric, and on a missing request', () => {
    expect(calcPlainMetricReplicas(ctx(1, []), 10, '').ok).toBe(false);
    expect(calcPlainMetricReplicas(ctx(2, [pendingPod(), readyPod(undefined)]), 10, '').ok).toBe(false);
    expect(getResourceReplicas(ctx(2, [cpuPod(1), pendingPod()]), 80, 'cpu')).toEqual({ ok: false, error: 'missing request for cpu' });
  });
});
