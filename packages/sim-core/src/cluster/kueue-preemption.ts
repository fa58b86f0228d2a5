/**
 * Kueue's classical preemption in a flat cohort (one resource, one flavor): which admitted workloads a pending
 * one evicts to fit its ClusterQueue. A port of kubernetes-sigs/kueue @ff69552e79ad21652c36caa97038382e55625cf7:
 * pkg/scheduler/preemption/preemption.go (`classicalPreemptions`, `fillBackWorkloads`, `workloadFits`,
 * `queueUnderNominalInResourcesNeedingPreemption`), preemption/classical/hierarchical_preemption.go
 * (`collectCandidatesForHierarchicalReclaim`, `classifyPreemptionVariant`, `collectSameQueueCandidates`),
 * classical/candidate_generator.go (`NewCandidateIterator`, `candidateIsValid`), preemption/common/ordering.go
 * (`CandidatesOrdering`) and common/preemption_policy.go (`SatisfiesPreemptionPolicy`). borrowWithinCohort is
 * not modelled (its default, Never: a candidate of another queue is taken only if the preemptor then stays within
 * its nominal quota, unless the preemptor fits its nominal quota outright: "hierarchical advantage").
 */
import type { CohortQuota } from './kueue-quota.ts';

export type ReclaimWithinCohort = 'Never' | 'LowerPriority' | 'Any';
export type WithinClusterQueue = 'Never' | 'LowerPriority' | 'LowerOrNewerEqualPriority';

/** A ClusterQueue's `spec.preemption` (CRD defaults: both Never). */
export interface QueuePreemption {
  reclaimWithinCohort: ReclaimWithinCohort;
  withinClusterQueue: WithinClusterQueue;
}

/** A Kueue Workload as admission and preemption see it. */
export interface KueueWorkload {
  queue: number;
  /** Units it requests (all its pods). */
  units: number;
  priority: number;
  /** Creation time, s: the queue order timestamp (FIFO within a priority). */
  createdAt: number;
  /** When its quota was reserved (QuotaReserved's lastTransitionTime), s; -1 while pending. */
  admittedAt: number;
  /** A stable identity for the last tie-break (upstream compares UIDs: arbitrary but deterministic). */
  seq: number;
}

/** Why a target is evicted: `InClusterQueue` (withinClusterQueue) or `InCohortReclamation` (reclaimWithinCohort). */
export type PreemptionReason = 'InClusterQueue' | 'InCohortReclamation';

export interface Target<W extends KueueWorkload> {
  workload: W;
  reason: PreemptionReason;
}

type Variant = 'WithinCQ' | 'HierarchicalReclaim' | 'ReclaimWithoutBorrowing';

/** `SatisfiesPreemptionPolicy`: may `preemptor` evict `candidate` under `policy`. */
export function satisfiesPolicy(preemptor: KueueWorkload, candidate: KueueWorkload, policy: ReclaimWithinCohort | WithinClusterQueue): boolean {
  const lower = preemptor.priority > candidate.priority;
  if (policy === 'LowerPriority') return lower;
  if (policy === 'LowerOrNewerEqualPriority') return lower || (preemptor.priority === candidate.priority && preemptor.createdAt < candidate.createdAt);
  return policy === 'Any';
}

/**
 * `CandidatesOrdering`: other queues' workloads before the preemptor's own, lower priority first, the most
 * recently admitted first, then identity.
 */
function candidatesOrdering(preemptorQueue: number): (a: KueueWorkload, b: KueueWorkload) => number {
  return (a, b) => {
    const own = Number(a.queue === preemptorQueue) - Number(b.queue === preemptorQueue);
    if (own !== 0) return own;
    if (a.priority !== b.priority) return a.priority - b.priority;
    if (a.admittedAt !== b.admittedAt) return b.admittedAt - a.admittedAt;
    return a.seq - b.seq;
  };
}

/**
 * `GetTargets` (classical): the admitted workloads to evict so that `preemptor` fits its queue, or [] if none
 * would do. `quota.usage` is left as it was.
 */
export function getTargets<W extends KueueWorkload>(preemptor: KueueWorkload, admitted: readonly W[], quota: CohortQuota, policies: readonly QueuePreemption[]): Target<W>[] {
  const cq = preemptor.queue;
  const policy = policies[cq]!;
  const req = preemptor.units;
  const cohort = quota.queues[cq]!.cohort;
  const order = candidatesOrdering(cq);
  // `collectSameQueueCandidates`
  const same: { wl: W; variant: Variant }[] = policy.withinClusterQueue === 'Never' ? [] : admitted.filter((w) => w.queue === cq && satisfiesPolicy(preemptor, w, policy.withinClusterQueue)).map((wl) => ({ wl, variant: 'WithinCQ' as const }));
  // `collectCandidatesForHierarchicalReclaim`: a flat cohort has one subtree, the root; the preemptor has the
  // advantage when it would be within its own nominal quota (`QuantitiesFitInQuota` on the queue).
  const hierarchy: { wl: W; variant: Variant }[] = [];
  const byPriority: { wl: W; variant: Variant }[] = [];
  if (cohort !== null && policy.reclaimWithinCohort !== 'Never') {
    const advantage = quota.queues[cq]!.nominal >= quota.usage[cq]! + req;
    quota.queues.forEach((x, i) => {
      if (i === cq || x.cohort !== cohort || quota.usage[i]! <= x.nominal) return; // only queues above nominal
      for (const wl of admitted) {
        if (wl.queue !== i || !satisfiesPolicy(preemptor, wl, policy.reclaimWithinCohort)) continue;
        (advantage ? hierarchy : byPriority).push({ wl, variant: advantage ? 'HierarchicalReclaim' : 'ReclaimWithoutBorrowing' });
      }
    });
  }
  for (const list of [same, hierarchy, byPriority]) list.sort((a, b) => order(a.wl, b.wl));
  const all = [...hierarchy, ...byPriority, ...same];
  // Which runs to try, with and without letting the preemptor borrow (`classicalPreemptions`' switch, with
  // borrowWithinCohort forbidden).
  const noOther = hierarchy.length === 0 && byPriority.length === 0;
  const underNominal = quota.queues[cq]!.nominal > quota.usage[cq]!;
  const attempts = noOther || !underNominal ? [true] : hierarchy.length === 0 ? [false, true] : [true, false];
  const fits = (allowBorrowing: boolean): boolean => !(!allowBorrowing && quota.borrowingWith(cq, req)) && req <= quota.available(cq);
  for (const allowBorrowing of attempts) {
    const targets: { wl: W; variant: Variant }[] = [];
    for (const c of all) {
      if (!valid(c, allowBorrowing)) continue;
      quota.usage[c.wl.queue]! -= c.wl.units;
      targets.push(c);
      if (fits(allowBorrowing)) {
        fillBack(targets, allowBorrowing);
        for (const t of targets) quota.usage[t.wl.queue]! += t.wl.units;
        return targets.map((t) => ({ workload: t.wl, reason: t.variant === 'WithinCQ' ? 'InClusterQueue' : 'InCohortReclamation' }));
      }
    }
    for (const t of targets) quota.usage[t.wl.queue]! += t.wl.units;
  }
  return [];

  // `candidateIsValid`: the preemptor's own are always valid; another queue's only while that queue is still above
  // its nominal quota, and a ReclaimWithoutBorrowing one only in a run that does not let the preemptor borrow.
  function valid(c: { wl: W; variant: Variant }, allowBorrowing: boolean): boolean {
    if (c.wl.queue === cq) return true;
    if (allowBorrowing && c.variant === 'ReclaimWithoutBorrowing') return false;
    return quota.usage[c.wl.queue]! > quota.queues[c.wl.queue]!.nominal;
  }

  // `fillBackWorkloads`: from the second-to-last target backwards, give back each one the preemptor fits without
  // (upstream's O(1) delete: the last target moves into its slot).
  function fillBack(targets: { wl: W; variant: Variant }[], allowBorrowing: boolean): void {
    for (let i = targets.length - 2; i >= 0; i--) {
      const t = targets[i]!;
      quota.usage[t.wl.queue]! += t.wl.units;
      if (fits(allowBorrowing)) {
        targets[i] = targets[targets.length - 1]!;
        targets.pop();
      } else {
        quota.usage[t.wl.queue]! -= t.wl.units;
      }
    }
  }
}
