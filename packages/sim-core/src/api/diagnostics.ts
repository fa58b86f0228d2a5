/**
 * What the run itself says is wrong, whatever the scenario's expectations: a verdict is a promise, so a
 * design that leaves requests unserved is never reported as passing. Errors fail the run; warnings are
 * shown beside the result.
 */
import type { EngineResult } from '../engine/engine-result.ts';
import type { TrainingSummary } from './run-result.ts';
import { formatInteger, formatNumber } from '../scenario/describe-value.ts';
import { formatClock } from '../scenario/units.ts';
import { detectOverload } from './overload.ts';

/** One finding about a run. */
export interface Diagnostic {
  /** `error` fails the run (as a failed expectation does); `warning` is shown only. */
  severity: 'error' | 'warning';
  code: 'overloaded' | 'nothing-served' | 'requests-failed' | 'unserved' | 'nothing-offered' | 'in-flight-limit' | 'unfinished' | 'unscheduled' | 'failed-at-zero' | 'failed-by-faults' | 'killed-at-termination' | 'jobs-waiting' | 'training-does-not-fit' | 'stale-prices' | 'too-long-for-kv';
  /** One plain sentence, with the numbers. */
  message: string;
  /** Simulated time the finding starts, s, when it has one. */
  atSeconds?: number;
}

/**
 * A share of unfinished requests above which a run that is not overloaded still gets a warning, and above which they
 * count as unserved (api/unserved.ts): below it they are the run's edge, requests in flight when it stopped.
 */
export const UNFINISHED_WARNING_SHARE = 0.01;
/**
 * Without an availability expectation, a run whose measured requests were dropped or timed out above this
 * share fails: the same 1% as the unfinished warning. A design that refused 97% of its requests said
 * "PASS: no expectations to check". An `availability` expectation (end to end or of a service) states the
 * bar instead, so a design meant to shed load (a cascade's fix that fails 15% by design) still passes.
 */
const FAILED_ERROR_SHARE = 0.01;
/** Replicas pending this long at the end fail the run: longer than a GPU node takes to come up (docs/limits.md). */
const UNSCHEDULED_WARNING_SECONDS = 15 * 60;
/** Services named one by one in the never-scheduled diagnostic; past this many, one line for them all. */
const MAX_UNSCHEDULED_LINES = 3;

const rate = (x: number): string => formatNumber(Number(x.toPrecision(x >= 10 ? 3 : 2)));

/** The findings of one serving run, most serious first. */
export function servingDiagnostics(r: EngineResult, serviceNames: readonly string[] = [], options: { availabilityExpected?: boolean } = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  const m = r.measured;
  if (m.offered === 0) {
    out.push({ severity: 'warning', code: 'nothing-offered', message: 'no request arrived after the warm-up: the run shows nothing about serving (its latency and availability have no value)' });
  }
  if (m.offered > 0 && m.served === 0) {
    out.push({ severity: 'error', code: 'nothing-served', message: `no request was served: ${formatInteger(m.offered)} offered, ${formatInteger(m.dropped + m.timedOut)} dropped or timed out, ${formatInteger(m.unfinished)} unfinished at the end` });
  }
  const overload = detectOverload(r.timeseries);
  if (overload !== null) {
    out.push({
      severity: 'error',
      code: 'overloaded',
      // With calls the backlog series count visits (requests, their calls and async events): said so.
      message:
        r.breakdown === null
          ? `overloaded from ${formatClock(overload.fromSeconds)}: the backlog grows by ${rate(overload.growthPerSecond)} req/s (${formatInteger(overload.backlogAtEnd)} requests in flight at the end)`
          : `overloaded from ${formatClock(overload.fromSeconds)}: the work in flight grows by ${rate(overload.growthPerSecond)} visits/s (${formatInteger(overload.backlogAtEnd)} visits in flight at the end: requests, their calls and async events)`,
      atSeconds: overload.fromSeconds,
    });
  } else if (m.offered > 0 && m.unfinished > UNFINISHED_WARNING_SHARE * m.offered) {
    out.push({ severity: 'warning', code: 'unfinished', message: `${formatInteger(m.unfinished)} requests (${formatNumber(Number(((100 * m.unfinished) / m.offered).toPrecision(3)))}% of those offered) were still in flight at the end: they count as not served` });
  }
  // Pending longer than a node takes to come up, or the whole of a shorter run (since t = 0: a 10 min run whose pool
  // could never hold its replicas said only "nothing served"): the pool did not make room.
  const unscheduled = r.services
    .map((svc, i) => ({ name: serviceNames[i] ?? `service ${i}`, u: svc.unscheduled }))
    .filter(({ u }) => u.replicas > 0 && u.longestSeconds >= Math.min(UNSCHEDULED_WARNING_SECONDS, r.durationSeconds));
  const never = (list: typeof unscheduled): string => {
    const replicas = list.reduce((a, x) => a + x.u.replicas, 0);
    const longest = Math.max(...list.map((x) => x.u.longestSeconds));
    const full = [...new Set(list.flatMap((x) => x.u.pools.filter((p) => p.nodes >= p.maxNodes).map((p) => `${p.name} at its maxNodes, ${formatInteger(p.maxNodes)}`)))];
    return `${formatInteger(replicas)} ${replicas === 1 ? 'replica' : 'replicas'} never got a node (pending for up to ${formatInteger(Math.round(longest / 60))} min at the end${full.length > 0 ? `: pool ${full.join(', pool ')}` : ''}); the run served with the replicas that did`;
  };
  // An error: capacity that never came (a full pool, a stock-out, Karpenter limits) is a failed design, not a footnote.
  // One line a service, or one for them all past three (a 50-service chain on a small pool gave 42 lines).
  if (unscheduled.length <= MAX_UNSCHEDULED_LINES) {
    for (const x of unscheduled) out.push({ severity: 'error', code: 'unscheduled', message: `${x.name}: ${never([x])}` });
  } else {
    const named = unscheduled.slice(0, MAX_UNSCHEDULED_LINES).map((x) => x.name).join(', ');
    out.push({ severity: 'error', code: 'unscheduled', message: `${formatInteger(unscheduled.length)} services (${named} and ${formatInteger(unscheduled.length - MAX_UNSCHEDULED_LINES)} more): ${never(unscheduled)}` });
  }
  // Scale to zero: a request that finds no replica and is refused or gives up waiting is unserved, whatever the expectations.
  let refused = 0;
  let timedOut = 0;
  let atKeda = 0;
  for (const s of r.services) {
    refused += (s.keda?.refused ?? 0) + (s.knative?.refused ?? 0);
    timedOut += (s.keda?.timedOut ?? 0) + (s.knative?.timedOut ?? 0);
    atKeda += (s.keda?.refused ?? 0) + (s.keda?.timedOut ?? 0);
  }
  // Knative's activator holds them with no limit by default: only a knative.buffer limit refuses or times out.
  const fix = atKeda > 0 ? 'give keda a buffer with room and a timeout longer than a cold start, or keep a warm replica (minReplicaCount 1)' : "raise knative.buffer's capacity and timeout above a cold start, or keep a warm replica (minScale 1)";
  if (refused + timedOut > 0) {
    const why = [refused > 0 ? `${formatInteger(refused)} refused (no buffer, or it was full)` : '', timedOut > 0 ? `${formatInteger(timedOut)} waited past the buffer's timeout` : ''].filter((x) => x !== '').join(', ');
    out.push({ severity: 'error', code: 'failed-at-zero', message: `${formatInteger(refused + timedOut)} requests failed at zero replicas (${why}): ${fix}` });
  }
  // A resilience drill passes only if no request was lost with a failed node (retries and spares must absorb it).
  const lost = r.faults?.visitsFailed ?? 0;
  if (lost > 0) {
    const first = r.events.find((e) => e.kind === 'node-failed' || e.kind === 'fault-start');
    out.push({
      severity: 'error',
      code: 'failed-by-faults',
      message: `${formatInteger(lost)} requests or calls failed with their node (${formatInteger(r.faults!.podsLost)} pods lost to node failures or faults): add retries, spare replicas or spread the replicas over pools or zones`,
      ...(first ? { atSeconds: first.t } : {}),
    });
  }
  // Requests cut by the kubelet's SIGKILL at the end of a terminating pod's grace period (scale-down, drain, eviction,
  // spot notice): failed, so availability and the unserved caveat count them; this line says why they failed.
  const kills = r.graceKills;
  if (kills.length > 0) {
    const visits = kills.reduce((a, k) => a + k.visits, 0);
    const pods = kills.reduce((a, k) => a + k.pods, 0);
    const first = r.events.find((e) => e.kind === 'pod-killed');
    const where = kills.map((k) => `${serviceNames[k.service] ?? `service ${k.service}`} ${formatInteger(k.visits)} on ${formatInteger(k.pods)} pod${k.pods === 1 ? '' : 's'}`).join(', ');
    out.push({
      severity: 'warning',
      code: 'killed-at-termination',
      message: `${formatInteger(visits)} ${visits === 1 ? 'request or call was' : 'requests or calls were'} still in service on ${formatInteger(pods)} terminating pod${pods === 1 ? '' : 's'} (scale-down, drain, eviction or spot notice) when the termination grace period ran out, and failed (${where}): raise services[].terminationGracePeriod above the longest request, or scale down less eagerly`,
      ...(first ? { atSeconds: first.t } : {}),
    });
  }
  // A request longer than a whole replica's KV cache is dropped at admission; the count said only "N dropped" without why.
  for (const [name, t] of Object.entries(r.llm?.tooLongForKv ?? {})) {
    out.push({
      severity: 'warning',
      code: 'too-long-for-kv',
      message: `${name}: ${formatInteger(t.requests)} requests were dropped over the run because each needed more KV (prompt + output tokens) than one replica holds (${formatInteger(t.kvTokens)} tokens): cap the lengths' tail (max), give the replica more GPU memory, or split the model over more GPUs`,
    });
  }
  // Jobs still queued at the end did not get the cluster: a shared-cluster answer must say so.
  const w = r.shared?.jobsWaitingAtEnd;
  if (w !== undefined && w.queued + w.quotaBlocked > 0) {
    out.push({ severity: 'warning', code: 'jobs-waiting', message: `${formatInteger(w.queued + w.quotaBlocked)} job runs were still waiting at the end (${formatInteger(w.quotaBlocked)} blocked by their team's quota), the longest for ${formatInteger(Math.round(w.oldestWaitSeconds / 60))} min` });
  }
  if (r.inFlightLimitDrops > 0) {
    const first = r.events.find((e) => e.kind === 'in-flight-limit');
    out.push({
      severity: 'error',
      code: 'in-flight-limit',
      message: `${formatInteger(r.inFlightLimitDrops)} arrivals were dropped because ${first?.detail ?? 'the in-flight limit was reached'} (docs/limits.md)`,
      ...(first ? { atSeconds: first.t } : {}),
    });
  }
  // The catch-all for failed requests, when no error above already names their cause (failed at zero, faults,
  // the in-flight limit, an overload): one finding per cause.
  // Unfinished ones count too: a run cut with 31% of its requests in flight, not overloaded, said PASS.
  const failed = m.dropped + m.timedOut + m.unfinished;
  if (m.served > 0 && !options.availabilityExpected && failed > FAILED_ERROR_SHARE * m.offered && !out.some((d) => d.severity === 'error')) {
    const share = formatNumber(Number(((100 * failed) / m.offered).toPrecision(3)));
    out.push({ severity: 'error', code: 'requests-failed', message: `${formatInteger(failed)} requests (${share}% of those offered) were not served (dropped, timed out or unfinished), and no availability expectation says how many may fail: add one (availability >= 99%) to set the bar` });
  }
  return out;
}

/** GB to three significant figures, thousands grouped: 1,120 · 140 · 38.5. */
export const formatGB = (x: number): string => (x >= 1000 ? formatInteger(x) : formatNumber(Number(x.toPrecision(3))));
const gb = formatGB;

/**
 * A training run whose model states (plus stated activations) cannot fit in its GPUs' memory fails, with
 * the numbers: the total, what each GPU must hold under the ZeRO stage checked, and what would fit.
 */
export function trainingDiagnostics(t: Pick<TrainingSummary, 'memoryGB' | 'gpuCount' | 'memoryFit'>): Diagnostic[] {
  const f = t.memoryFit;
  if (f.fits) return [];
  const stage = f.zeroStage === 0 ? 'unsharded (ZeRO-0, plain data parallel)' : `sharded with ZeRO-${f.zeroStage} over ${formatInteger(t.gpuCount)} GPUs`;
  const act = f.activationGBPerGpu > 0 ? ` + ${gb(f.activationGBPerGpu)} GB of activations` : '';
  const fixes: string[] = [];
  if (f.lowestFittingStage !== null && f.lowestFittingStage > f.zeroStage) fixes.push(`ZeRO-${f.lowestFittingStage} fits`);
  if (f.minGpus !== null) fixes.push(`at ZeRO-${f.zeroStage} it needs at least ${formatInteger(f.minGpus)} × ${f.gpu} (${gb(f.gpuMemoryGB)} GB each)`);
  else fixes.push(`at ZeRO-${f.zeroStage} no number of ${gb(f.gpuMemoryGB)} GB GPUs fits: use a higher ZeRO stage or larger GPUs`);
  return [
    {
      severity: 'error',
      code: 'training-does-not-fit',
      message:
        `training does not fit in GPU memory: ${gb(t.memoryGB)} GB of model states (16 bytes per parameter, mixed-precision Adam) against ${gb(f.totalGpuMemoryGB)} GB on ${formatInteger(t.gpuCount)} × ${gb(f.gpuMemoryGB)} GB GPUs; ` +
        `${stage}, each GPU holds ${gb(f.statesGBPerGpu)} GB${act} > ${gb(f.gpuMemoryGB)} GB; ${fixes.join('; ')}`,
    },
  ];
}
