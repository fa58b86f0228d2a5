/**
 * Node-group backoff after a failed scale-up, a port of kubernetes/autoscaler cluster-autoscaler 1.34
 * utils/backoff/exponential_backoff.go `exponentialBackoff` (keyed by node group id): the first failure backs the
 * group off for the initial duration; a failure after that backoff expired doubles it (capped at the maximum); a
 * failure during a backoff keeps its duration; data older than the reset timeout since the last failure is
 * dropped. Defaults are the flags `--initial-node-group-backoff-duration` 5m, `--max-node-group-backoff-duration`
 * 30m, `--node-group-backoff-reset-timeout` 3h (config/flags/flags.go).
 */

/** Backoff durations, seconds. */
export interface BackoffConfig {
  initialSeconds: number;
  maxSeconds: number;
  resetTimeoutSeconds: number;
}

/** The upstream flag defaults (cluster-autoscaler 1.34). */
export const DEFAULT_NODE_GROUP_BACKOFF: Readonly<BackoffConfig> = Object.freeze({ initialSeconds: 300, maxSeconds: 1800, resetTimeoutSeconds: 3 * 3600 });

interface BackoffInfo {
  durationSeconds: number;
  until: number;
  lastFailure: number;
}

export class NodeGroupBackoff {
  private readonly info = new Map<number, BackoffInfo>();

  constructor(private readonly config: BackoffConfig = DEFAULT_NODE_GROUP_BACKOFF) {}

  /** `Backoff`: records a failure of `group` at `now` (s); returns the time the backoff ends. */
  backoff(group: number, now: number): number {
    let duration = this.config.initialSeconds;
    const prev = this.info.get(group);
    if (prev) {
      duration = prev.durationSeconds;
      // Go's backoffUntil.Before(now): strictly expired.
      if (prev.until < now) duration = Math.min(2 * prev.durationSeconds, this.config.maxSeconds);
    }
    const until = now + duration;
    this.info.set(group, { durationSeconds: duration, until, lastFailure: now });
    return until;
  }

  /** `BackoffStatus`: backed off unless never failed or `until` is strictly before `now`. */
  isBackedOff(group: number, now: number): boolean {
    const b = this.info.get(group);
    return b !== undefined && !(b.until < now);
  }

  /** `RemoveStaleBackoffData`: forgets groups whose last failure is older than the reset timeout. */
  removeStale(now: number): void {
    for (const [group, b] of this.info) if (b.lastFailure + this.config.resetTimeoutSeconds < now) this.info.delete(group);
  }
}
