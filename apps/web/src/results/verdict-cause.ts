/**
 * The verdict line's "why": the headline failure with its number, then the cause the run itself
 * shows — when the ready replicas could not serve the offered load (from the series), how long
 * scale-ups took to become capacity (summary.scaleUp), and the run's own error diagnostics
 * (overload, nothing served) from sim-core. E.g. "p99 2,050 ms: 23 ready replicas could serve
 * 460 req/s against 900 req/s offered at 0:52 (short of capacity 0:40–1:31); scale-ups took 8–12 min".
 */
import { verdictOf, type ExpectationResult, type RunResult, type Scenario } from '@design-sim/sim-core';
import { formatClock, formatCount, formatMs, formatPercent, formatUsd } from './format.ts';
import { replicaCapacityQps } from './service-capacity.ts';

/** A failed expectation as "<metric> <actual with unit>" ("p99 2,050 ms", "availability 94.7%"). */
export function headline(e: ExpectationResult): string {
  const name = e.metric.replace(/^latency\./, '').replace(/^cost\./, 'cost ');
  if (e.actual === null) return `${e.metric}: ${e.reason ?? 'no value'}`;
  const v = e.actual;
  const value =
    e.unit === 'ms'
      ? formatMs(v).replace(/^(\d+)(\d{3})\b/, '$1,$2')
      : e.unit === 'fraction'
        ? formatPercent(v)
        : e.unit === 'USD' || e.unit.startsWith('USD')
          ? formatUsd(v)
          : `${formatCount(v)}${e.unit && e.unit !== 'count' ? ` ${e.unit}` : ''}`;
  return `${name} ${value}`;
}

/** When capacity was short of the offered load: the worst interval and the span. Null when it never was. */
export function capacityShortfall(result: RunResult, scenario: Scenario | null): { worstAt: number; ready: number; capacity: number; offered: number; from: number; to: number } | null {
  const ts = result.timeseries;
  const services = scenario?.spec.services ?? [];
  if (ts === null || services.length !== 1) return null;
  const svc = services[0]!;
  const perReplica = replicaCapacityQps(svc);
  if (perReplica === null) return null;
  const hit = svc.cache?.hitRatio ?? 0;
  const scale = hit < 1 ? 1 / (1 - hit) : Infinity;
  let worst = -1;
  let worstGap = 0;
  let from = -1;
  let to = -1;
  for (let i = 0; i < ts.t.length; i++) {
    const cap = ts.readyReplicas[i]! * perReplica * scale;
    const gap = ts.offeredQps[i]! - cap;
    // Under 2% short is noise of the Poisson arrivals around a target, not a shortfall worth naming.
    if (gap > 0.02 * ts.offeredQps[i]!) {
      if (from < 0) from = i;
      to = i;
      if (gap > worstGap) {
        worstGap = gap;
        worst = i;
      }
    }
  }
  if (worst < 0) return null;
  const ready = ts.readyReplicas[worst]!;
  const stepStart = (i: number) => (i > 0 ? ts.t[i - 1]! : 0);
  return { worstAt: ts.t[worst]!, ready, capacity: ready * perReplica * scale, offered: ts.offeredQps[worst]!, from: stepStart(from), to: ts.t[to]! };
}

const qps = (v: number) => `${formatCount(v)} req/s`;

/** The verdict's cause for a failing run, or null when it passes (or has nothing to explain). */
export function verdictCause(result: RunResult, scenario: Scenario | null): string | null {
  if (result.pass) return null;
  const failed = result.expectations.filter((e) => !e.pass);
  const head = failed.length > 0 ? failed.slice(0, 2).map(headline).join(', ') : 'the run failed';
  const causes: string[] = [];
  const short = capacityShortfall(result, scenario);
  if (short !== null) {
    const span = short.to > short.from ? ` (short of capacity ${formatClock(short.from)}–${formatClock(short.to)})` : '';
    causes.push(`${formatCount(short.ready)} ready replicas could serve ${qps(short.capacity)} against ${qps(short.offered)} offered at ${formatClock(short.worstAt)}${span}`);
  }
  const up = result.summary?.scaleUp;
  if (up && short !== null) {
    const lo = Math.round(up.p50Minutes);
    const hi = Math.round(up.maxMinutes);
    causes.push(`scale-ups took ${lo === hi ? `${lo}` : `${lo}–${hi}`} min from HPA decision to ready replicas`);
  }
  for (const d of result.diagnostics) if (d.severity === 'error' && !(short !== null && d.code === 'overloaded')) causes.push(d.message);
  if (causes.length === 0) return null;
  return `${head}: ${causes.join('; ')}`;
}

/**
 * The verdict's reason to print under a cause: sim-core's reason is the run's errors then its checks, and a cause
 * that names every one of those errors said them a line above (a scale-to-zero run printed its 60-word
 * failed-at-zero sentence twice). Then only the checks; else the whole reason.
 */
export function reasonBesideCause(result: RunResult, cause: string | null): string {
  const { reason } = verdictOf(result);
  if (cause === null) return reason;
  const errors = result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
  if (errors.length === 0 || !errors.every((m) => cause.includes(m))) return reason;
  const prefix = `${errors.join('; ')}; `;
  return reason.startsWith(prefix) ? reason.slice(prefix.length) : reason;
}
