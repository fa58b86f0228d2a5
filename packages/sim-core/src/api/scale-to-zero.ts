/**
 * The scale-to-zero part of a run's summary: what each KEDA ScaledObject or Knative Pod Autoscaler did (time at zero,
 * cold starts and their parts, requests that waited or failed at zero) and what it saved against the same design
 * kept at one replica or more (a second run with minReplicaCount raised to the HPA's floor, or minScale 1: same seed,
 * same traffic).
 */
import type { EngineConfig, EngineKnative, EngineService } from '../engine/engine-config.ts';
import type { EngineResult, EngineServiceResult } from '../engine/engine-result.ts';
import type { HeldRequests, ZeroEpisodesResult } from '../engine/zero-episodes.ts';
import { scalesToZero } from '../keda/scaled-object-controller.ts';

/** Scale to zero over the whole run (warm-up included), summed over the services with a ScaledObject. Times as named. */
export interface ScaleToZeroSummary {
  services: string[];
  /** Of those, the services on the Knative Pod Autoscaler (the rest are on KEDA). */
  knative: string[];
  /** Hours with spec.replicas = 0, and that as a share of the run (per service, averaged). */
  hoursAtZero: number;
  zeroShare: number;
  /** Scale-ups from zero (KEDA activations) and how long each took: the first request that found no replica (or the activation, when none came first) to the first ready replica. */
  coldStarts: number;
  coldStartMinutes: { p50: number; mean: number; max: number } | null;
  /** Mean parts of a cold start, minutes: waiting for KEDA's next poll (or the KPA's next decision), scheduling (node provisioning when no node is free), and the containers (image pull, weight load, engine start, readiness). */
  coldStartParts: { pollWait: number; scheduling: number; containers: number } | null;
  /** Cold starts still not ready at the end (counted at their age in coldStartMinutes). */
  unfinishedColdStarts: number;
  /** Cold starts KEDA gave up on: its cooldown ran out before a replica was ready and it scaled back to zero (counted until then). */
  abandonedColdStarts: number;
  /** Requests that found no ready replica and waited in the buffer; their mean and longest wait (s) among those released to a replica. */
  waited: number;
  waitSeconds: { mean: number; max: number } | null;
  /** Requests that failed at zero: refused (no buffer, or it was full) and timed out in the buffer. */
  failed: number;
  refused: number;
  timedOut: number;
  /** GPU-hours (or vCPU-hours on a CPU service) not requested while at zero, against the floor the design would keep with minReplicaCount 1. */
  gpuHoursAtZero: number;
  /** The same design with minReplicaCount at the HPA floor: its bill, and this run's saving against it (USD); null when not run or priced. */
  baselineCostUsd: number | null;
  savedUsd: number | null;
  /** Start-up stages per service, s: what a new replica takes once bound to a node. */
  startup: { service: string; imagePullSeconds: number; weightLoadSeconds: number; engineStartSeconds: number; readinessSeconds: number; weights: string | null }[];
}

const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;

/** What a service's scale to zero did, from its ScaledObject or its KPA; null for a service with neither. */
interface ZeroRecord extends ZeroEpisodesResult, HeldRequests {
  /** Replicas the design would keep with a floor of 1 while this one is at zero. */
  floorReplicas: number;
}

function zeroRecord(svc: EngineService, r: EngineServiceResult): ZeroRecord | null {
  if (svc.keda) return r.keda;
  const k = r.knative;
  if (!svc.knative || k === undefined) return null;
  return { ...k, floorReplicas: 1 };
}

/** The KPA can reach zero: min-scale 0 and scale to zero enabled. */
function kpaScalesToZero(k: EngineKnative): boolean {
  return k.pa.minScale === 0 && k.pa.enableScaleToZero;
}

/** The summary, or null when no service has a ScaledObject or a KPA. */
export function scaleToZeroSummary(cfg: EngineConfig, r: EngineResult, costUsd: number, baselineCostUsd: number | null): ScaleToZeroSummary | null {
  const idx = cfg.services.flatMap((s, i) => (s.keda || s.knative ? [i] : []));
  if (idx.length === 0) return null;
  const end = r.endSeconds;
  let seconds = 0;
  let gpuSeconds = 0;
  const durations: number[] = [];
  const parts = { pollWait: 0, scheduling: 0, containers: 0, n: 0 };
  let unfinished = 0;
  let abandoned = 0;
  let held = 0;
  let refused = 0;
  let timedOut = 0;
  let released = 0;
  let waitSum = 0;
  let waitMax = 0;
  for (const i of idx) {
    const svc = cfg.services[i]!;
    const k = zeroRecord(svc, r.services[i]!)!;
    seconds += k.secondsAtZero;
    gpuSeconds += k.secondsAtZero * k.floorReplicas * svc.gpusPerReplica;
    for (const c of k.coldStarts) {
      const from = c.firstRequestAt !== null ? Math.min(c.firstRequestAt, c.activatedAt) : c.activatedAt;
      if (c.abandonedAt !== null) {
        abandoned++;
        durations.push(c.abandonedAt - from);
        continue;
      }
      if (c.readyAt === null) {
        unfinished++;
        durations.push(end - from);
        continue;
      }
      durations.push(c.readyAt - from);
      const started = c.startedAt ?? c.readyAt;
      parts.pollWait += c.activatedAt - from;
      parts.scheduling += started - c.activatedAt;
      parts.containers += c.readyAt - started;
      parts.n++;
    }
    held += k.held;
    refused += k.refused;
    timedOut += k.timedOut;
    released += k.released;
    waitSum += k.waitSumSeconds;
    waitMax = Math.max(waitMax, k.waitMaxSeconds);
  }
  durations.sort((a, b) => a - b);
  const min = (s: number): number => s / 60;
  return {
    services: idx.map((i) => cfg.services[i]!.name),
    knative: idx.flatMap((i) => (cfg.services[i]!.knative ? [cfg.services[i]!.name] : [])),
    hoursAtZero: seconds / 3600,
    zeroShare: end > 0 ? seconds / (end * idx.length) : 0,
    coldStarts: durations.length,
    coldStartMinutes: durations.length === 0 ? null : { p50: min(quantile(durations, 0.5)), mean: min(durations.reduce((a, b) => a + b, 0) / durations.length), max: min(durations[durations.length - 1]!) },
    coldStartParts: parts.n === 0 ? null : { pollWait: min(parts.pollWait / parts.n), scheduling: min(parts.scheduling / parts.n), containers: min(parts.containers / parts.n) },
    unfinishedColdStarts: unfinished,
    abandonedColdStarts: abandoned,
    waited: held,
    waitSeconds: released === 0 ? null : { mean: waitSum / released, max: waitMax },
    failed: refused + timedOut,
    refused,
    timedOut,
    gpuHoursAtZero: gpuSeconds / 3600,
    baselineCostUsd,
    savedUsd: baselineCostUsd === null ? null : baselineCostUsd - costUsd,
    startup: idx.map((i) => {
      const s = cfg.services[i]!;
      const st = s.startup.stages;
      return {
        service: s.name,
        imagePullSeconds: s.startup.imagePullSeconds,
        weightLoadSeconds: st?.weightLoadSeconds ?? s.startup.modelLoadSeconds,
        engineStartSeconds: st?.engineStartSeconds ?? 0,
        readinessSeconds: s.startup.readinessSeconds,
        weights: st?.weightsSource ? `${formatGb(st.weightsGB)} GB from ${st.weightsSource} at ${st.weightsMBps} MB/s` : null,
      };
    }),
  };
}

const formatGb = (x: number | null): string => (x === null ? '?' : String(Number(x.toPrecision(4))));

/**
 * The comparison design: every ScaledObject that can reach zero (minReplicaCount 0, or idleReplicaCount 0) keeps its
 * floor instead: minReplicaCount raised to its HPA floor (≥ 1), idleReplicaCount removed, so it never goes to zero;
 * every KPA that can reach zero gets min-scale 1 (and starts with at least 1).
 */
export function withoutScaleToZero(cfg: EngineConfig): EngineConfig | null {
  if (!cfg.services.some((s) => (s.keda && scalesToZero(s.keda)) || (s.knative && kpaScalesToZero(s.knative)))) return null;
  return {
    ...cfg,
    services: cfg.services.map((s) => {
      if (s.knative && kpaScalesToZero(s.knative)) {
        const pa = { ...s.knative.pa, minScale: 1, initialScale: Math.max(1, s.knative.pa.initialScale) };
        return { ...s, initialReplicas: Math.max(1, s.initialReplicas), knative: { ...s.knative, pa } };
      }
      if (!s.keda || !scalesToZero(s.keda)) return s;
      const floor = Math.max(1, s.keda.minReplicaCount, s.hpa?.controller.minReplicas ?? 1);
      return { ...s, initialReplicas: Math.max(floor, s.initialReplicas), keda: { ...s.keda, minReplicaCount: floor, idleReplicaCount: null, buffer: null } };
    }),
  };
}
