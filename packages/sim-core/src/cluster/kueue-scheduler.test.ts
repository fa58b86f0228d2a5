/**
 * Kueue's quota arithmetic, preemption targets and cycle order, worked by hand from kubernetes-sigs/kueue
 * @ff69552e79ad21652c36caa97038382e55625cf7 (pkg/cache/scheduler/resource_node.go `available`,
 * `potentialAvailable`, `localQuota`; pkg/scheduler/preemption/preemption.go `classicalPreemptions`,
 * `fillBackWorkloads`; preemption/common/ordering.go `CandidatesOrdering`; pkg/scheduler/scheduler.go
 * `makeClassicalIterator`).
 */
import { describe, expect, it } from 'vitest';
import { getTargets, type KueueWorkload, type QueuePreemption } from './kueue-preemption.ts';
import { CohortQuota, type QueueQuota } from './kueue-quota.ts';
import { KueueScheduler } from './kueue-scheduler.ts';

const q = (nominal: number, o: Partial<QueueQuota> = {}): QueueQuota => ({ nominal, borrowingLimit: null, lendingLimit: null, cohort: 0, ...o });
let seq = 0;
const wl = (queue: number, units: number, o: Partial<KueueWorkload> = {}): KueueWorkload => ({ queue, units, priority: 0, createdAt: 0, admittedAt: -1, seq: seq++, ...o });
const any: QueuePreemption = { reclaimWithinCohort: 'Any', withinClusterQueue: 'Never' };

describe('ClusterQueue quota in a cohort (resource_node.go)', () => {
  it('borrows the cohort\'s unused quota: A (nominal 8) using 8 of a 16 cohort may take 8 more', () => {
    const c = new CohortQuota([q(8), q(8)]);
    c.usage[0] = 8;
    // available = LocalAvailable (no lendingLimit: localQuota 0) + cohort SubtreeQuota 16 − cohort Usage 8 = 8.
    expect(c.available(0)).toBe(8);
    expect(c.potentialAvailable(0)).toBe(16);
    expect(c.borrowingWith(0, 1)).toBe(true);
  });

  it('borrowingLimit 4 caps A at 12: stored in parent 8 − used in parent 12 + 4 = 0 left', () => {
    const c = new CohortQuota([q(8, { borrowingLimit: 4 }), q(8)]);
    c.usage[0] = 8;
    expect(c.available(0)).toBe(4); // min(8 − 8 + 4, 16 − 8)
    c.usage[0] = 12;
    expect(c.available(0)).toBe(0);
    expect(c.potentialAvailable(0)).toBe(12); // min(nominal 8 + 4, 16)
  });

  it('lendingLimit 2 on B keeps 6 for B: the cohort holds 8 + 2, so A reaches at most 10 and B still has its 6', () => {
    const c = new CohortQuota([q(8), q(8, { lendingLimit: 2 })]);
    expect(c.localQuota(1)).toBe(6);
    expect(c.potentialAvailable(0)).toBe(10);
    c.usage[0] = 10;
    expect(c.available(0)).toBe(0);
    // B: LocalAvailable 6 − 0 plus the cohort's 10 − 10.
    expect(c.available(1)).toBe(6);
  });

  it('a queue without a cohort has its nominal quota only', () => {
    const c = new CohortQuota([q(8, { cohort: null })]);
    c.usage[0] = 4;
    expect(c.available(0)).toBe(4);
    expect(c.potentialAvailable(0)).toBe(8);
  });
});

describe('getTargets (classical preemption)', () => {
  it('reclaims from the borrowing queue its most recently admitted workload', () => {
    // A (nominal 8) holds three 4-GPU workloads admitted at 10, 20, 30 (12: borrowing 4); B needs 8 with 0 used.
    const c = new CohortQuota([q(8), q(8)]);
    const adm = [wl(0, 4, { admittedAt: 10 }), wl(0, 4, { admittedAt: 20 }), wl(0, 4, { admittedAt: 30 })];
    c.usage[0] = 12;
    const t = getTargets(wl(1, 8), adm, c, [any, any]);
    // Removing the newest (30) leaves A at 8 and the cohort at 8 of 16: B's 8 fit.
    expect(t.map((x) => [x.workload.admittedAt, x.reason])).toEqual([[30, 'InCohortReclamation']]);
    expect(c.usage).toEqual([12, 0]); // the snapshot is restored
  });

  it('fills back a target it did not need (`fillBackWorkloads`)', () => {
    // A holds 2 GPUs @30, 6 @20, 4 @10 (12); B uses 2 and needs 6: the cohort has 16 − 14 = 2.
    // Newest first: the 2 (cohort 12 used: 4 free), then the 6 (6 used: 10 free, fits); giving the 2 back still fits.
    const c = new CohortQuota([q(8), q(8)]);
    const adm = [wl(0, 2, { admittedAt: 30 }), wl(0, 6, { admittedAt: 20 }), wl(0, 4, { admittedAt: 10 })];
    c.usage[0] = 12;
    c.usage[1] = 2;
    const t = getTargets(wl(1, 6), adm, c, [any, any]);
    expect(t.map((x) => x.workload.units)).toEqual([6]);
  });

  it('takes nothing from a queue within its nominal quota, and nothing with reclaimWithinCohort Never', () => {
    const c = new CohortQuota([q(8), q(8)]);
    c.usage[0] = 8;
    c.usage[1] = 8;
    expect(getTargets(wl(1, 4), [wl(0, 8, { admittedAt: 0 })], c, [any, any])).toEqual([]);
    c.usage[1] = 0;
    c.usage[0] = 16;
    const never: QueuePreemption = { reclaimWithinCohort: 'Never', withinClusterQueue: 'Never' };
    expect(getTargets(wl(1, 8), [wl(0, 16, { admittedAt: 0 })], c, [never, never])).toEqual([]);
  });

  it('LowerPriority reclaims only lower priorities; withinClusterQueue LowerPriority evicts the queue\'s own lower one', () => {
    const c = new CohortQuota([q(8), q(8)]);
    c.usage[0] = 16;
    const lower: QueuePreemption = { reclaimWithinCohort: 'LowerPriority', withinClusterQueue: 'LowerPriority' };
    expect(getTargets(wl(1, 8, { priority: 5 }), [wl(0, 16, { priority: 5, admittedAt: 0 })], c, [lower, lower])).toEqual([]);
    expect(getTargets(wl(1, 8, { priority: 6 }), [wl(0, 16, { priority: 5, admittedAt: 0 })], c, [lower, lower])).toHaveLength(1);
    const alone = new CohortQuota([q(8, { cohort: null })]);
    alone.usage[0] = 8;
    const own = getTargets(wl(0, 4, { priority: 10 }), [wl(0, 8, { priority: 1, admittedAt: 0 })], alone, [lower]);
    expect(own.map((x) => x.reason)).toEqual(['InClusterQueue']);
  });
});

describe('a scheduling cycle (`makeClassicalIterator`)', () => {
  it('admits a head that needs no borrowing before an older, higher-priority head that would borrow', () => {
    // Cohort 16 = A 8 + B 8; A already uses its 8. Heads: A's (8, priority 100, created 0) would borrow; B's
    // (8, priority 0, created 10) would not: B's goes first and takes the cohort's last 8; A's no longer fits.
    const order: string[] = [];
    const s = new KueueScheduler<KueueWorkload & { name: string }>(new CohortQuota([q(8), q(8)]), [any, any], [false, false], {
      admitted: (w) => order.push(w.name),
      evicted: () => order.push('evicted'),
    });
    s.quota.usage[0] = 8;
    s.submit({ ...wl(0, 8, { priority: 100, createdAt: 0 }), name: 'a' });
    s.submit({ ...wl(1, 8, { priority: 0, createdAt: 10 }), name: 'b' });
    s.schedule(10);
    expect(order).toEqual(['b']);
  });

  it('holds a preemptor\'s quota for the rest of the cycle: a later borrowing head does not take what its victims free', () => {
    // A (nominal 8) holds a1 @0 and a2 @10 (16: borrowing 8) and has a3 pending; B submits b1 (8). The cycle orders
    // b1 (within nominal) before a3 (borrowing): b1 evicts a2, the newest; a3 must not take the 8 freed, and b1 is
    // admitted by the next cycle. a2 and a3 then wait (A at nominal, B within nominal: nothing to reclaim).
    const log: string[] = [];
    type Named = KueueWorkload & { name: string };
    const s = new KueueScheduler<Named>(new CohortQuota([q(8), q(8)]), [any, any], [false, false], {
      admitted: (w) => log.push(`admitted ${w.name}`),
      evicted: (w, by) => log.push(`${by.name} evicted ${w.name}`),
    });
    const a1: Named = { ...wl(0, 8, { createdAt: 0, admittedAt: 0 }), name: 'a1' };
    const a2: Named = { ...wl(0, 8, { createdAt: 10, admittedAt: 10 }), name: 'a2' };
    s.admitted.push(a1, a2);
    s.quota.usage[0] = 16;
    s.submit({ ...wl(0, 8, { createdAt: 20 }), name: 'a3' });
    s.submit({ ...wl(1, 8, { createdAt: 30 }), name: 'b1' });
    s.schedule(30);
    expect(log).toEqual(['b1 evicted a2', 'admitted b1']);
    expect(s.quota.usage).toEqual([8, 8]);
  });
});
