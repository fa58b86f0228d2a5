/**
 * Shared test builders for the HPA (STYLE.md §11): pods, load-driven metric inputs, and a loop that reconciles every
 * 15 s and feeds the decision back as the next spec.replicas, the way the engine will. Not exported from index.ts.
 */
import type { HpaController, HpaDecision } from './hpa-controller.ts';
import type { HpaMetricInput, HpaPodSample } from './hpa-pod-sample.ts';
import { toMilli } from './milli-quantity.ts';

/** A Running, Ready pod that started long ago (past every readiness period) with metric `value` (base units). */
export function readyPod(value: number | undefined, extra: Partial<HpaPodSample> = {}): HpaPodSample {
  const pod: HpaPodSample = { phase: 'Running', deleting: false, ready: true, startTime: -10_000, readyTransitionTime: -9_990 };
  if (value !== undefined) pod.value = value;
  return { ...pod, ...extra };
}

/** A Pending pod (waiting for a node): no start time, no metric. */
export function pendingPod(extra: Partial<HpaPodSample> = {}): HpaPodSample {
  return { phase: 'Pending', deleting: false, ready: false, ...extra };
}

/**
 * Splits `total` (base units) over `n` pods in whole milli-units that sum exactly to `toMilli(total)`, the way real
 * per-pod counters would, so the controller's integer average is exact and no float residue leaks into a ceil.
 */
export function spreadLoad(total: number, n: number): number[] {
  const totalMilli = toMilli(total);
  const base = Math.floor(totalMilli / n);
  const remainder = totalMilli - base * n;
  return Array.from({ length: n }, (_, i) => (base + (i < remainder ? 1 : 0)) / 1000);
}

/**
 * A `Pods` metric for a load expressed as "pods' worth at target" (TC2's convention: load 10 means 10 × target in
 * total), spread over `readyReplicas` Ready pods.
 */
export function podsMetricForLoad(load: number, readyReplicas: number, target: number): HpaMetricInput {
  return { source: 'Pods', targetAverageValue: target, pods: spreadLoad(load * target, readyReplicas).map((v) => readyPod(v)) };
}

/** One reconcile of {@link runSyncs}: time (s), spec.replicas before it, and the decision. */
export interface SyncRecord {
  t: number;
  specBefore: number;
  decision: HpaDecision;
}

/** Options of {@link runSyncs}; times in seconds. */
export interface RunOptions {
  from: number;
  to: number;
  step?: number;
  initialReplicas: number;
  /** Metric inputs at time `t` given the current spec.replicas. */
  metrics: (t: number, specReplicas: number) => HpaMetricInput[];
}

/** Reconciles at t = from, from + step, … ≤ to (default step 15 s), applying each decision to spec.replicas. */
export function runSyncs(controller: HpaController, opts: RunOptions): SyncRecord[] {
  const step = opts.step ?? 15;
  const records: SyncRecord[] = [];
  let spec = opts.initialReplicas;
  for (let k = 0; opts.from + k * step <= opts.to; k++) {
    const t = opts.from + k * step;
    const decision = controller.reconcile(t, spec, opts.metrics(t, spec));
    records.push({ t, specBefore: spec, decision });
    spec = decision.desiredReplicas;
  }
  return records;
}

/** spec.replicas after each sync whose time is in `times`, in that order. */
export function replicasAt(records: readonly SyncRecord[], times: readonly number[]): number[] {
  return times.map((t) => {
    const r = records.find((x) => x.t === t);
    if (r === undefined) throw new RangeError(`no sync at t=${t}`);
    return r.decision.desiredReplicas;
  });
}

/** The syncs that changed spec.replicas, as [t, newReplicas] pairs. */
export function changes(records: readonly SyncRecord[]): [number, number][] {
  return records.filter((r) => r.decision.changed).map((r) => [r.t, r.decision.desiredReplicas]);
}
