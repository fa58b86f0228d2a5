/**
 * Per team (namespace): its ResourceQuota on GPUs and what it holds. Quota counts what pods request from the
 * moment they exist, Pending included (the quota admission plugin charges `requests.nvidia.com/gpu` at pod
 * creation and frees it when the pod is gone), in the pool's units; GPU-hours integrate the GPUs bound to
 * nodes (MIG slices converted to GPUs), which is what showback charges.
 */
import type { EngineTeam } from '../engine/engine-config.ts';

export class TeamLedger {
  /** Units requested by the team's live pods (the ResourceQuota's `used`). */
  readonly used: number[];
  /** Creations refused by the quota (a pod, or a whole job at admission). */
  readonly refusals: number[];
  /** GPU-seconds bound to nodes, and the GPUs bound now. */
  readonly gpuSeconds: number[];
  private readonly boundGpus: number[];
  private readonly since: number[];
  /** Most GPUs bound at once. */
  readonly peakGpus: number[];
  /** The team's pods (serving or job) evicted by preemption. */
  readonly preempted: number[];
  /** Kueue: GPU-seconds its ClusterQueue held above its nominal quota (borrowed from the cohort), and the GPUs now. */
  readonly borrowedGpuSeconds: number[];
  private readonly borrowedGpus: number[];
  private readonly borrowedSince: number[];
  /** Kueue: workloads of other queues its ClusterQueue evicted to reclaim its quota (reclaimWithinCohort). */
  readonly reclaims: number[];
  /** Kueue: its workloads evicted by another queue reclaiming quota it had lent. */
  readonly reclaimed: number[];
  /** Kueue waitForPodsReady: its workloads evicted by PodsReadyTimeout (and requeued after the backoff). */
  readonly podsReadyEvictions: number[];
  /** Kueue waitForPodsReady: its workloads deactivated after backoffLimitCount requeues. */
  readonly deactivated: number[];

  constructor(readonly teams: readonly EngineTeam[]) {
    this.used = teams.map(() => 0);
    this.refusals = teams.map(() => 0);
    this.gpuSeconds = teams.map(() => 0);
    this.boundGpus = teams.map(() => 0);
    this.since = teams.map(() => 0);
    this.peakGpus = teams.map(() => 0);
    this.preempted = teams.map(() => 0);
    this.borrowedGpuSeconds = teams.map(() => 0);
    this.borrowedGpus = teams.map(() => 0);
    this.borrowedSince = teams.map(() => 0);
    this.reclaims = teams.map(() => 0);
    this.reclaimed = teams.map(() => 0);
    this.podsReadyEvictions = teams.map(() => 0);
    this.deactivated = teams.map(() => 0);
  }

  /** Kueue: the team's ClusterQueue now uses `gpus` above its nominal quota (0 when within it). */
  borrowing(team: number, gpus: number, now: number): void {
    this.accrueBorrowed(team, now);
    this.borrowedGpus[team] = gpus;
  }

  private accrueBorrowed(team: number, now: number): void {
    const dt = now - this.borrowedSince[team]!;
    if (dt > 0) this.borrowedGpuSeconds[team]! += dt * this.borrowedGpus[team]!;
    this.borrowedSince[team] = Math.max(this.borrowedSince[team]!, now);
  }

  /**
   * Charges `units` to the team's quota if they fit (always, without a quota or a team). `countRefusal` false for a
   * retry of a creation already refused (the Job or ReplicaSet controller retrying), so each refused pod or job counts once.
   */
  tryReserve(team: number | null, units: number, _now: number, countRefusal = true): boolean {
    if (team === null) return true;
    const quota = this.teams[team]!.gpuQuota;
    if (quota !== null && this.used[team]! + units > quota) {
      if (countRefusal) this.refusals[team]!++;
      return false;
    }
    this.used[team]! += units;
    return true;
  }

  /** Gives back quota of a pod (or a job) that is gone. */
  release(team: number | null, units: number, _now: number): void {
    if (team !== null) this.used[team]! -= units;
  }

  bound(team: number | null, gpus: number, now: number): void {
    if (team === null) return;
    this.accrue(team, now);
    this.boundGpus[team]! += gpus;
    this.peakGpus[team] = Math.max(this.peakGpus[team]!, this.boundGpus[team]!);
  }

  unbound(team: number | null, gpus: number, now: number): void {
    if (team === null) return;
    this.accrue(team, now);
    this.boundGpus[team]! -= gpus;
  }

  /** Brings every team's GPU-seconds up to `now`. */
  accrueAll(now: number): void {
    for (let t = 0; t < this.teams.length; t++) {
      this.accrue(t, now);
      this.accrueBorrowed(t, now);
    }
  }

  private accrue(team: number, now: number): void {
    const dt = now - this.since[team]!;
    if (dt > 0) this.gpuSeconds[team]! += dt * this.boundGpus[team]!;
    this.since[team] = Math.max(this.since[team]!, now);
  }
}
