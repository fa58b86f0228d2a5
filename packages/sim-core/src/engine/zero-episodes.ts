/**
 * What a service that scales to zero did over a run, whoever scales it (a KEDA ScaledObject, Knative's KPA): the time
 * it spent at zero replicas and each cold start, from the first request that found no replica to the first ready one.
 * Both drivers report these figures and the activator's, and the summary reads them the same way (api/scale-to-zero.ts).
 */
import type { ActivatorBuffer } from './activator-buffer.ts';
import type { Pod } from './pod.ts';

/** One cold start: a scale from zero until the first replica is ready (s). */
export interface ColdStart {
  /** The first request that found no ready replica in this episode (null when none came before the activation). */
  firstRequestAt: number | null;
  /** The decision that set replicas 0 → 1 (a KEDA poll, a KPA reconcile). */
  activatedAt: number;
  /** The first pod bound to a node (its containers start), and ready; null when not reached by the end. */
  startedAt: number | null;
  readyAt: number | null;
  /** Scaled back to zero before any replica was ready (KEDA's cooldown ran out during the cold start); null otherwise. */
  abandonedAt: number | null;
}

/** Time at zero and cold starts over a run (s). */
export interface ZeroEpisodesResult {
  /** Seconds with spec.replicas = 0. */
  secondsAtZero: number;
  coldStarts: ColdStart[];
  /** Scales 0 → N and N → 0. */
  activations: number;
  deactivations: number;
}

/** The requests that found no ready replica (the activator buffer's figures), and their waits (s). */
export interface HeldRequests {
  /** Held by the buffer, refused (no buffer, or it was full), timed out in it. */
  held: number;
  refused: number;
  timedOut: number;
  /** Waits of held requests released to a replica. */
  released: number;
  waitSumSeconds: number;
  waitMaxSeconds: number;
}

/** A buffer's figures; `refusedElsewhere` adds requests refused without it (KEDA with no buffer). */
export function heldRequests(b: ActivatorBuffer | null, refusedElsewhere = 0): HeldRequests {
  return {
    held: b?.held ?? 0,
    refused: (b?.refused ?? 0) + refusedElsewhere,
    timedOut: b?.timedOut ?? 0,
    released: b?.released ?? 0,
    waitSumSeconds: b?.waitSum ?? 0,
    waitMaxSeconds: b?.waitMax ?? 0,
  };
}

/** The episodes of one service, recorded as its driver changes spec.replicas and its requests and pods come. */
export class ZeroEpisodes {
  private zeroSince: number | null;
  private secondsAtZero = 0;
  private firstRequestAt: number | null = null;
  private pending: ColdStart | null = null;
  private readonly coldStarts: ColdStart[] = [];
  private activations = 0;
  private deactivations = 0;

  /** `atZero`: the service starts the run with spec.replicas 0. */
  constructor(atZero: boolean) {
    this.zeroSince = atZero ? 0 : null;
  }

  /** spec.replicas went from `from` to `to` at `now`: an episode at zero begins, or a cold start does. */
  scaled(from: number, to: number, now: number): void {
    if (to === 0) {
      this.deactivations++;
      this.zeroSince = now;
      if (this.pending !== null) this.pending.abandonedAt = now;
      this.pending = null;
    } else if (from === 0) {
      this.activations++;
      if (this.zeroSince !== null) this.secondsAtZero += now - this.zeroSince;
      this.zeroSince = null;
      this.pending = { firstRequestAt: this.firstRequestAt, activatedAt: now, startedAt: null, readyAt: null, abandonedAt: null };
      this.coldStarts.push(this.pending);
    }
  }

  /** The next cold start counts from the next request that finds no replica, not from an earlier one. */
  forgetFirstRequest(): void {
    this.firstRequestAt = null;
  }

  /** A request found no ready replica. */
  requestAtZero(now: number): void {
    if (this.firstRequestAt === null) this.firstRequestAt = now;
  }

  /** A replica became ready: a pending cold start ends (its pod started when bound, or now). */
  podReady(pod: Pod, now: number): void {
    const p = this.pending;
    if (p !== null) {
      p.readyAt = now;
      p.startedAt = pod.startedAt >= 0 ? pod.startedAt : now;
      this.pending = null;
    }
    this.firstRequestAt = null;
  }

  /** The run's figures, with an episode at zero still open counted up to `end`. */
  result(end: number): ZeroEpisodesResult {
    return {
      secondsAtZero: this.secondsAtZero + (this.zeroSince !== null ? Math.max(0, end - this.zeroSince) : 0),
      coldStarts: this.coldStarts.map((c) => ({ ...c })),
      activations: this.activations,
      deactivations: this.deactivations,
    };
  }
}
