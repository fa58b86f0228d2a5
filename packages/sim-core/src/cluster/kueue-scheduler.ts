/**
 * Kueue's scheduler over ClusterQueues (one resource, one flavor, classical preemption, no fair sharing): each
 * cycle takes the head of every queue, orders the heads, and admits (reserves quota for) those that fit, or
 * evicts what `getTargets` names for those that fit only by preemption. A port of kubernetes-sigs/kueue
 * @ff69552e79ad21652c36caa97038382e55625cf7: pkg/scheduler/scheduler.go (`schedule`, `processEntry`,
 * `makeClassicalIterator`: workloads that do not borrow before those that do, then priority, then creation time),
 * flavorassigner/flavorassigner.go (`fitsResourceQuota`: above `PotentialAvailable` never fits, up to `Available`
 * fits, otherwise preemption is tried when the request is within nominal), and pkg/cache/queue/cluster_queue.go
 * (heads by priority then creation time; a StrictFIFO head that does not fit stays the head, a BestEffortFIFO one
 * is set aside as inadmissible until quota is released in the cohort).
 *
 * Quota admission is not placement: an admitted workload's pods still go through kube-scheduler (job-queue.ts).
 *
 * With waitForPodsReady.blockAdmission, `processEntry` calls `waitForPodsReadyIfNeeded` before admitting a workload
 * that fits: while any admitted workload is not PodsReady (cache.go `podsReadyForAllAdmittedWorkloads`) the scheduler
 * waits, that workload held, and admits it once they all are (or were evicted); no other cycle runs meanwhile.
 */
import { getTargets, type KueueWorkload, type PreemptionReason, type QueuePreemption } from './kueue-preemption.ts';
import type { CohortQuota } from './kueue-quota.ts';

/** What the scheduler does to the workloads' owners. */
export interface KueueActions<W extends KueueWorkload> {
  /** Quota reserved: the Job is unsuspended and its pods are created. */
  admitted(w: W, now: number): void;
  /** Preempted (`Evicted`): the Job is suspended, its pods deleted; the workload is pending again. */
  evicted(w: W, by: W, reason: PreemptionReason, now: number): void;
}

export class KueueScheduler<W extends KueueWorkload> {
  /** Pending workloads of each queue, in queue order (priority, then creation time, then identity). */
  private readonly pending: W[][];
  /** Admitted (quota reserved) workloads. */
  readonly admitted: W[] = [];
  /** BestEffortFIFO heads that did not fit, set aside until quota frees in the cohort. */
  private readonly inadmissible = new Set<W>();
  /** With blockAdmission: the workload that fits and waits for every admitted one to be PodsReady; null = none. */
  private waiting: W | null = null;

  constructor(
    readonly quota: CohortQuota,
    private readonly policies: readonly QueuePreemption[],
    /** StrictFIFO per queue (false: BestEffortFIFO, the default). */
    private readonly strict: readonly boolean[],
    private readonly actions: KueueActions<W>,
    /** With waitForPodsReady.blockAdmission: whether an admitted workload is not PodsReady; null = no gate. */
    private readonly notPodsReady: ((w: W) => boolean) | null = null,
  ) {
    this.pending = quota.queues.map(() => []);
  }

  /** A workload that fits waits for the admitted ones to be PodsReady (blockAdmission). */
  get waitsForPodsReady(): boolean {
    return this.waiting !== null;
  }

  /** A workload created (or evicted and requeued): pending in its queue. */
  submit(w: W): void {
    const q = this.pending[w.queue]!;
    let i = q.length;
    while (i > 0 && before(w, q[i - 1]!)) i--;
    q.splice(i, 0, w);
  }

  /** A workload finished: its quota is released and the cohort's inadmissible workloads are requeued. */
  finished(w: W): void {
    const i = this.admitted.indexOf(w);
    if (i < 0) return;
    this.admitted.splice(i, 1);
    this.quota.usage[w.queue]! -= w.units;
    w.admittedAt = -1;
    this.inadmissible.clear();
  }

  /** Runs scheduling cycles at `now` until one admits, evicts or sets aside nothing. */
  schedule(now: number): void {
    for (let cycle = 0; cycle < 100_000; cycle++) if (!this.cycle(now)) return;
  }

  private cycle(now: number): boolean {
    if (this.waiting !== null) {
      if (this.blocked()) return false;
      const w = this.waiting;
      this.waiting = null;
      this.admit(w, now);
    }
    const heads = this.pending.flatMap((q, i) => {
      const head = this.strict[i] ? q[0] : q.find((w) => !this.inadmissible.has(w));
      return head === undefined || this.inadmissible.has(head) ? [] : [head];
    });
    if (heads.length === 0) return false;
    const borrows = new Map(heads.map((w) => [w, this.quota.borrowingWith(w.queue, w.units)]));
    heads.sort((a, b) => Number(borrows.get(a)) - Number(borrows.get(b)) || b.priority - a.priority || a.createdAt - b.createdAt || a.seq - b.seq);
    let progress = false;
    // A preemptor's request is held for the rest of the cycle (upstream adds its usage to the snapshot after issuing
    // the preemptions), so a later head cannot take the quota its victims free.
    const held: W[] = [];
    for (const w of heads) {
      const q = w.queue;
      if (w.units <= this.quota.available(q)) {
        if (this.blocked()) {
          // `waitForPodsReadyIfNeeded`: the scheduler stops here until the admitted workloads are ready.
          this.waiting = w;
          break;
        }
        this.admit(w, now);
        progress = true;
        continue;
      }
      const canPreempt = w.units <= this.quota.potentialAvailable(q) && this.quota.queues[q]!.nominal >= w.units;
      const targets = canPreempt ? getTargets(w, this.admitted, this.quota, this.policies) : [];
      if (targets.length > 0) {
        // Evicted workloads give their quota back when their pods are gone (at once here); the preemptor is admitted
        // by a later cycle, as upstream's is once the evictions are observed.
        for (const t of targets) this.evict(t.workload, w, t.reason, now);
        this.inadmissible.clear();
        this.quota.usage[q]! += w.units;
        held.push(w);
        progress = true;
        continue;
      }
      if (!this.strict[q]) {
        this.inadmissible.add(w);
        progress = true;
      }
    }
    for (const w of held) this.quota.usage[w.queue]! -= w.units;
    return progress;
  }

  private blocked(): boolean {
    return this.notPodsReady !== null && this.admitted.some(this.notPodsReady);
  }

  private admit(w: W, now: number): void {
    const q = this.pending[w.queue]!;
    q.splice(q.indexOf(w), 1);
    this.quota.usage[w.queue]! += w.units;
    w.admittedAt = now;
    this.admitted.push(w);
    this.actions.admitted(w, now);
  }

  private evict(w: W, by: W, reason: PreemptionReason, now: number): void {
    this.admitted.splice(this.admitted.indexOf(w), 1);
    this.quota.usage[w.queue]! -= w.units;
    w.admittedAt = -1;
    this.submit(w);
    this.actions.evicted(w, by, reason, now);
  }
}

/** Queue order: higher priority, then earlier creation, then identity. */
function before(a: KueueWorkload, b: KueueWorkload): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt;
  return a.seq < b.seq;
}
