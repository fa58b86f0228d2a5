/**
 * Kueue ClusterQueue quota in a flat cohort, for one resource and one flavor: what a queue may still take
 * (borrowing the cohort's unused quota within its borrowingLimit and the lenders' lendingLimit), the largest
 * workload it could ever admit, and whether it is borrowing. A port of kubernetes-sigs/kueue
 * @ff69552e79ad21652c36caa97038382e55625cf7, pkg/cache/scheduler/resource_node.go (`localQuota`, `available`,
 * `potentialAvailable`, `accumulateFromChild`, `QuantitiesFitInQuota`, `IsWithinNominalInResources`) and
 * clusterqueue_snapshot.go (`Available` clamps at 0, `BorrowingWith`). A queue without a cohort is its own root.
 */

/** A ClusterQueue's quota (spec.resourceGroups[].flavors[].resources[]: nominalQuota, borrowingLimit, lendingLimit). */
export interface QueueQuota {
  nominal: number;
  /** Most it may borrow above nominal from the cohort; null = no limit. */
  borrowingLimit: number | null;
  /** Most of its unused nominal it lends to the cohort; null = all of it. */
  lendingLimit: number | null;
  /** Cohort index, or null for a queue on its own. */
  cohort: number | null;
}

/** Quota of every ClusterQueue and the usage of their admitted workloads, in the pool's units. */
export class CohortQuota {
  /** Units reserved by each queue's admitted workloads (`ResourceNode.Usage`). */
  readonly usage: number[];

  constructor(readonly queues: readonly QueueQuota[]) {
    this.usage = queues.map(() => 0);
  }

  /** `localQuota`: capacity kept for the queue alone (nominal − lendingLimit), never lent to the cohort. */
  localQuota(q: number): number {
    const { nominal, lendingLimit } = this.queues[q]!;
    return lendingLimit === null ? 0 : Math.max(0, nominal - lendingLimit);
  }

  /** The cohort's `SubtreeQuota` (what its queues put in: nominal less local) and `Usage` (usage above local). */
  private cohortNode(cohort: number): { quota: number; usage: number } {
    let quota = 0;
    let usage = 0;
    this.queues.forEach((x, i) => {
      if (x.cohort !== cohort) return;
      const lq = this.localQuota(i);
      quota += x.nominal - lq;
      usage += Math.max(0, this.usage[i]! - lq);
    });
    return { quota, usage };
  }

  /** `Available`: what the queue can admit now without preempting (local quota left plus the cohort's, capped by borrowingLimit), ≥ 0. */
  available(q: number): number {
    const x = this.queues[q]!;
    const used = this.usage[q]!;
    if (x.cohort === null) return Math.max(0, x.nominal - used);
    const lq = this.localQuota(q);
    const root = this.cohortNode(x.cohort);
    let parent = root.quota - root.usage;
    if (x.borrowingLimit !== null) {
      const storedInParent = x.nominal - lq;
      const usedInParent = Math.max(0, used - lq);
      parent = Math.min(storedInParent - usedInParent + x.borrowingLimit, parent);
    }
    return Math.max(0, Math.max(0, lq - used) + parent);
  }

  /** `PotentialAvailable`: the largest workload the queue could admit with no usage anywhere (more is never admitted). */
  potentialAvailable(q: number): number {
    const x = this.queues[q]!;
    if (x.cohort === null) return x.nominal;
    const all = this.localQuota(q) + this.cohortNode(x.cohort).quota;
    return x.borrowingLimit === null ? all : Math.min(x.nominal + x.borrowingLimit, all);
  }

  /** `BorrowingWith`: the queue's usage plus `extra` is above its nominal quota. */
  borrowingWith(q: number, extra: number): boolean {
    return this.queues[q]!.nominal < this.usage[q]! + extra;
  }

  /** The cohort (root) itself would be over its quota with `extra` more above the queues' local quotas. */
  cohortBorrowingWith(cohort: number, extra: number): boolean {
    const root = this.cohortNode(cohort);
    return root.quota < root.usage + extra;
  }
}
