/**
 * The ClusterQueues of the teams with `kueue`: each job run of such a team is a Kueue Workload, admitted by
 * kueue-scheduler.ts instead of the namespace's ResourceQuota. Keeps the team ledger's borrowed GPU-hours and
 * reclaim counts. Serving pods are not Kueue-managed (Kueue's default integrations are batch/job only and
 * manageJobsWithoutQueueName is false): they use the nodes but not the ClusterQueue's quota.
 */
import type { EngineJob, EngineTeam } from '../engine/engine-config.ts';
import type { KueueWorkload, PreemptionReason } from './kueue-preemption.ts';
import { CohortQuota } from './kueue-quota.ts';
import { KueueScheduler } from './kueue-scheduler.ts';
import type { TeamLedger } from './team-ledger.ts';

/** A job run as a Kueue Workload. */
export class RunWorkload<R> implements KueueWorkload {
  admittedAt = -1;
  constructor(
    readonly run: R,
    readonly queue: number,
    readonly units: number,
    readonly priority: number,
    readonly createdAt: number,
    readonly seq: number,
  ) {}
}

/** What the job queue does when Kueue admits or evicts one of its runs. */
export interface JobKueueActions<R> {
  admitted(run: R, now: number): void;
  evicted(run: R, by: R, reason: PreemptionReason, now: number): void;
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

  constructor(
    teams: readonly EngineTeam[],
    jobs: readonly EngineJob[],
    unitsPerGpuOfPool: (pool: number) => number,
    private readonly ledger: TeamLedger,
    actions: JobKueueActions<R>,
  ) {
    this.queueOf = teams.map((t, i) => (t.kueue ? this.teamOf.push(i) - 1 : -1));
    const qs = this.teamOf.map((i) => teams[i]!.kueue!);
    this.unitsPerGpu = this.teamOf.map((team) => {
      const job = jobs.find((j) => j.team === team);
      return job === undefined ? 1 : unitsPerGpuOfPool(job.pool);
    });
    const quota = new CohortQuota(qs.map((k) => ({ nominal: k.nominalQuota, borrowingLimit: k.borrowingLimit, lendingLimit: k.lendingLimit, cohort: k.cohort })));
    this.scheduler = new KueueScheduler(
      quota,
      qs.map((k) => ({ reclaimWithinCohort: k.reclaimWithinCohort, withinClusterQueue: k.withinClusterQueue })),
      qs.map((k) => k.queueingStrategy === 'StrictFIFO'),
      {
        admitted: (w, now) => actions.admitted(w.run, now),
        evicted: (w, by, reason, now) => {
          if (reason === 'InCohortReclamation') {
            this.ledger.reclaims[this.teamOf[by.queue]!]! += 1;
            this.ledger.reclaimed[this.teamOf[w.queue]!]! += 1;
          }
          actions.evicted(w.run, by.run, reason, now);
        },
      },
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
    this.scheduler.finished(w);
    this.workloads.delete(run);
    this.record(now);
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
