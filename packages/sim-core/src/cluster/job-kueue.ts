/**
 * The ClusterQueues of the teams with `kueue`: each job run of such a team is a Kueue Workload, admitted by
 * kueue-scheduler.ts instead of the namespace's ResourceQuota. Keeps the team ledger's borrowed GPU-hours and
 * reclaim counts. Serving pods are not Kueue-managed (Kueue's default integrations are batch/job only and
 * manageJobsWithoutQueueName is false): they use the nodes but not the ClusterQueue's quota.
 */
import type { EngineJob, EngineTeam, EngineWaitForPodsReady } from '../engine/engine-config.ts';
import type { Rng } from '../random/rng.ts';
import type { KueueWorkload, PreemptionReason } from './kueue-preemption.ts';
import { PodsReadyWatch, type PodsReadyCause, type PodsReadyState } from './kueue-pods-ready.ts';
import { CohortQuota } from './kueue-quota.ts';
import { KueueScheduler } from './kueue-scheduler.ts';
import type { TeamLedger } from './team-ledger.ts';

/** A job run as a Kueue Workload. */
export class RunWorkload<R> implements KueueWorkload, PodsReadyState {
  admittedAt = -1;
  podsReady = false;
  podsReadyEpoch = 0;
  requeueCount = 0;
  constructor(
    readonly run: R,
    readonly queue: number,
    readonly units: number,
    readonly priority: number,
    /** The queue order timestamp: creation, or the last PodsReady eviction with requeuingStrategy.timestamp Eviction. */
    public createdAt: number,
    readonly seq: number,
  ) {}
}

/** What the job queue does when Kueue admits or evicts one of its runs. */
export interface JobKueueActions<R> {
  admitted(run: R, now: number): void;
  evicted(run: R, by: R, reason: PreemptionReason, now: number): void;
  schedule(at: number, run: (now: number) => void): void;
  /**
   * waitForPodsReady evicted the run (reason PodsReadyTimeout: suspended, pods deleted, quota released), to be requeued at
   * `requeueAt`; or, with `requeueAt` null, deactivated for good.
   */
  timedOut(run: R, cause: PodsReadyCause, requeueAt: number | null, now: number): void;
  /** Pending workloads may be admitted now (a backoff ended, or admitted workloads became ready): run the cycles. */
  reschedule(now: number): void;
}

export class JobKueue<R> {
  /** Queue index per team, or -1 for a team without `kueue`. */
  private readonly queueOf: number[];
  private readonly teamOf: number[] = [];
  private readonly scheduler: KueueScheduler<RunWorkload<R>>;
  private readonly workloads = new Map<R, RunWorkload<R>>();
  /** Units per GPU of each queue's resource (its first job's pool): borrowed units shown as GPUs. */
  private readonly unitsPerGpu: number[];
  private seq = 0;
  /** The workload controller's PodsReady timers, with waitForPodsReady; null without. */
  private readonly podsReady: PodsReadyWatch<RunWorkload<R>> | null;

  constructor(
    teams: readonly EngineTeam[],
    jobs: readonly EngineJob[],
    unitsPerGpuOfPool: (pool: number) => number,
    private readonly ledger: TeamLedger,
    private readonly actions: JobKueueActions<R>,
    waitForPodsReady: EngineWaitForPodsReady | null = null,
    /** Draws the requeuing backoff's jitter (needed with waitForPodsReady). */
    rng: Rng | null = null,
  ) {
    this.queueOf = teams.map((t, i) => (t.kueue ? this.teamOf.push(i) - 1 : -1));
    const qs = this.teamOf.map((i) => teams[i]!.kueue!);
    this.unitsPerGpu = this.teamOf.map((team) => {
      const job = jobs.find((j) => j.team === team);
      return job === undefined ? 1 : unitsPerGpuOfPool(job.pool);
    });
    this.podsReady =
      waitForPodsReady === null || rng === null
        ? null
        : new PodsReadyWatch<RunWorkload<R>>(waitForPodsReady, rng, {
            schedule: (at, run) => actions.schedule(at, run),
            timedOut: (w, cause, requeueAt, now) => this.timedOut(w, cause, requeueAt, now),
          });
    const quota = new CohortQuota(qs.map((k) => ({ nominal: k.nominalQuota, borrowingLimit: k.borrowingLimit, lendingLimit: k.lendingLimit, cohort: k.cohort })));
    this.scheduler = new KueueScheduler(
      quota,
      qs.map((k) => ({ reclaimWithinCohort: k.reclaimWithinCohort, withinClusterQueue: k.withinClusterQueue })),
      qs.map((k) => k.queueingStrategy === 'StrictFIFO'),
      {
        admitted: (w, now) => {
          this.podsReady?.admitted(w, now);
          actions.admitted(w.run, now);
        },
        evicted: (w, by, reason, now) => {
          this.podsReady?.released(w);
          if (reason === 'InCohortReclamation') {
            this.ledger.reclaims[this.teamOf[by.queue]!]! += 1;
            this.ledger.reclaimed[this.teamOf[w.queue]!]! += 1;
          }
          actions.evicted(w.run, by.run, reason, now);
        },
      },
      waitForPodsReady?.blockAdmission === true ? (w) => !w.podsReady : null,
    );
  }

  /** Whether `team`'s jobs are admitted by a ClusterQueue. */
  manages(team: number): boolean {
    return this.queueOf[team] !== undefined && this.queueOf[team]! >= 0;
  }

  /** A run of a managed team was created: its Workload is pending in the team's ClusterQueue. */
  submit(run: R, team: number, units: number, priority: number, now: number): void {
    const w = new RunWorkload(run, this.queueOf[team]!, units, priority, now, this.seq++);
    this.workloads.set(run, w);
    this.scheduler.submit(w);
  }

  /** A run finished: its quota goes back to its queue (and the cohort). */
  finished(run: R, now: number): void {
    const w = this.workloads.get(run);
    if (w === undefined) return;
    this.podsReady?.released(w);
    this.scheduler.finished(w);
    this.workloads.delete(run);
    this.record(now);
  }

  /** Every pod of the run is ready or done (a Job's `PodsReady`): the workload's PodsReady condition is True. */
  podsReadyNow(run: R, now: number): void {
    const w = this.workloads.get(run);
    if (w === undefined || this.podsReady === null || w.admittedAt < 0 || w.podsReady) return;
    this.podsReady.ready(w);
    // cache.go broadcasts `podsReadyCond`: a scheduler waiting in `waitForPodsReadyIfNeeded` wakes up.
    if (this.scheduler.waitsForPodsReady) this.actions.schedule(now, (t) => this.actions.reschedule(t));
  }

  /** A pod of the ready run is gone and being replaced: PodsReady=False, waiting for recovery. */
  podsNotReady(run: R, now: number): void {
    const w = this.workloads.get(run);
    if (w === undefined || this.podsReady === null || w.admittedAt < 0) return;
    this.podsReady.notReady(w, now);
  }

  // `reconcileNotReadyTimeout`: the workload's quota is released and its Job suspended; it is requeued after the
  // backoff (its queue order from the eviction, with timestamp Eviction), or never again once deactivated.
  private timedOut(w: RunWorkload<R>, cause: PodsReadyCause, requeueAt: number | null, now: number): void {
    const team = this.teamOf[w.queue]!;
    this.scheduler.finished(w);
    this.record(now);
    if (requeueAt === null) {
      this.ledger.deactivated[team]! += 1;
      this.workloads.delete(w.run);
    } else {
      this.ledger.podsReadyEvictions[team]! += 1;
      if (this.podsReady!.config.requeuingTimestamp === 'Eviction') w.createdAt = now;
      this.actions.schedule(requeueAt, (t) => {
        this.scheduler.submit(w);
        this.actions.reschedule(t);
      });
    }
    this.actions.timedOut(w.run, cause, requeueAt, now);
  }

  /** Scheduling cycles at `now`; then the ledger's borrowed GPUs. */
  schedule(now: number): void {
    this.scheduler.schedule(now);
    this.record(now);
  }

  private record(now: number): void {
    const q = this.scheduler.quota;
    this.teamOf.forEach((team, i) => this.ledger.borrowing(team, Math.max(0, q.usage[i]! - q.queues[i]!.nominal) / this.unitsPerGpu[i]!, now));
  }
}
