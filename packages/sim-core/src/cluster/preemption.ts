/**
 * kube-scheduler's default preemption, for one resource (GPUs, or MIG slices on a MIG pool), as pure
 * functions over plain records so the worked cases can be tested without a cluster.
 *
 * - `selectVictimsOnNode` ports `DefaultPreemption.SelectVictimsOnNode` (kubernetes/kubernetes
 *   pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go @ e4d77d9256504b95df4fd35f9b2e4308707951d7):
 *   remove every pod of lower priority than the preemptor; if the preemptor still does not fit, the node is
 *   not a candidate; otherwise sort the removed pods by importance (`util.MoreImportantPod`: higher priority,
 *   then the earlier start), split them with `filterPodsWithPDBViolation` into the pods whose eviction would
 *   violate their PodDisruptionBudget and the others, and add each back ("reprieve") while the preemptor still
 *   fits, the violating ones first; the rest are the victims, and the violating ones among them are counted.
 * - `pickOneNodeForPreemption` ports the function of that name (pkg/scheduler/framework/preemption/preemption.go
 *   @ 98be7dfc5da8533f62c063206c5751e884d6294d): the node with the fewest PDB violations, then the node whose
 *   highest-priority victim is lowest, then the smallest sum of victim priorities (each offset by MaxInt32 + 1,
 *   so more victims cost more), then the fewest victims, then the node whose highest-priority victims started
 *   latest, then the first node.
 *
 * A PDB does not stop preemption: a node whose every candidate violates one is still picked, as upstream. Not
 * modelled: `DisruptedPods` (an eviction the API server has admitted but the pod not yet gone: design-sim's
 * budgets count a terminating pod as unhealthy at once), the candidate-node sampling
 * (`minCandidateNodesPercentage` 10% / `minCandidateNodesAbsolute` 100: every node is evaluated, which is what
 * upstream does below 100 nodes), nominated pods.
 */

/** A pod that may be preempted: its priority, the units it holds and when it started. */
export interface PreemptionPod {
  priority: number;
  units: number;
  startedAt: number;
  /** The PodDisruptionBudget that selects the pod (any key; design-sim's budgets are one per service), or null. */
  budget?: number | null;
}

/** upstream `extenderv1.Victims`: the pods to evict, most important first, and how many of them violate a budget. */
export interface Victims<P extends PreemptionPod> {
  pods: P[];
  pdbViolations: number;
}

/** A budget's `status.disruptionsAllowed` now, by its key. */
export type DisruptionsAllowed = (budget: number) => number;

/** A node as preemption sees it: free units and the pods bound to it. */
export interface PreemptionNode<P extends PreemptionPod> {
  free: number;
  pods: readonly P[];
}

/** `util.MoreImportantPod`: higher priority first, then the pod that started earlier. */
export function moreImportant(a: PreemptionPod, b: PreemptionPod): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  return a.startedAt < b.startedAt;
}

/**
 * The victims on `node` that make room for a preemptor of `priority` needing `units`, most important first, and
 * how many of them violate their budget; null if no set of lower-priority pods makes room.
 */
export function selectVictimsOnNode<P extends PreemptionPod>(priority: number, units: number, node: PreemptionNode<P>, allowed: DisruptionsAllowed = () => Infinity): Victims<P> | null {
  const potential = node.pods.filter((p) => p.priority < priority);
  if (potential.length === 0) return null;
  let free = node.free;
  for (const p of potential) free += p.units;
  if (free < units) return null;
  potential.sort((a, b) => (moreImportant(a, b) ? -1 : moreImportant(b, a) ? 1 : 0));
  const { violating, nonViolating } = filterPodsWithPdbViolation(potential, allowed);
  const pods: P[] = [];
  let pdbViolations = 0;
  // Reprieve: a pod goes back on the node if the preemptor still fits with it there; the violating ones first.
  for (const p of violating) {
    if (free - p.units >= units) free -= p.units;
    else {
      pods.push(p);
      pdbViolations++;
    }
  }
  for (const p of nonViolating) {
    if (free - p.units >= units) free -= p.units;
    else pods.push(p);
  }
  if (violating.length > 0 && nonViolating.length > 0) pods.sort((a, b) => (moreImportant(a, b) ? -1 : moreImportant(b, a) ? 1 : 0));
  return { pods, pdbViolations };
}

/**
 * upstream `filterPodsWithPDBViolation`: walking the pods in the given order, each takes one of its budget's allowed
 * disruptions; a pod that finds none left would violate it. Stable: each group keeps the input's order.
 */
export function filterPodsWithPdbViolation<P extends PreemptionPod>(pods: readonly P[], allowed: DisruptionsAllowed): { violating: P[]; nonViolating: P[] } {
  const left = new Map<number, number>();
  const violating: P[] = [];
  const nonViolating: P[] = [];
  for (const p of pods) {
    const b = p.budget;
    if (b == null) {
      nonViolating.push(p);
      continue;
    }
    const n = (left.get(b) ?? allowed(b)) - 1;
    left.set(b, n);
    (n < 0 ? violating : nonViolating).push(p);
  }
  return { violating, nonViolating };
}

const MAX_INT32_PLUS_ONE = 2 ** 31;

/** Index of the candidate upstream picks; each candidate's victims are ordered most important first. */
export function pickOneNodeForPreemption(candidates: readonly Victims<PreemptionPod>[]): number {
  if (candidates.length === 0) return -1;
  let best = candidates.map((_, i) => i);
  const keep = (score: (v: Victims<PreemptionPod>) => number): void => {
    if (best.length <= 1) return;
    let top = -Infinity;
    for (const i of best) top = Math.max(top, score(candidates[i]!));
    best = best.filter((i) => score(candidates[i]!) === top);
  };
  // Higher scores win, as upstream's score functions: each criterion negated where "minimum" wins.
  keep((v) => -v.pdbViolations);
  keep((v) => -(v.pods[0]?.priority ?? -Infinity));
  keep((v) => -v.pods.reduce((s, p) => s + p.priority + MAX_INT32_PLUS_ONE, 0));
  keep((v) => -v.pods.length);
  keep((v) => earliestStartOfHighestPriority(v.pods));
  return best[0]!;
}

// upstream GetEarliestPodStartTime: the earliest start among the victims of the highest priority.
function earliestStartOfHighestPriority(victims: readonly PreemptionPod[]): number {
  if (victims.length === 0) return Infinity;
  const top = victims[0]!.priority;
  let earliest = Infinity;
  for (const v of victims) if (v.priority === top) earliest = Math.min(earliest, v.startedAt);
  return earliest;
}
