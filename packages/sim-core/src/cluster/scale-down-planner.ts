/**
 * Which nodes the cluster autoscaler removes, ported from kubernetes/autoscaler cluster-autoscaler 1.34:
 * - core/scaledown/planner/planner.go `Planner.UpdateClusterState` → `categorizeNodes`: every loop, each candidate
 *   at or under the utilization threshold (eligibility/eligibility.go `FilterOutUnremovable`) is simulated away
 *   with simulator/cluster.go `RemovalSimulator.SimulateNodeRemoval` → `findPlaceFor`: each of its pods must be
 *   placed on ONE other destination node that fits it (HintingSimulator, first fit). A success is persisted for
 *   the rest of the loop (the node leaves the destinations, its pods occupy their new places), a failure
 *   (NoPlaceToMovePods) is not rechecked for `--unremovable-node-recheck-timeout` (5m). Not-underutilized nodes
 *   are rechecked every loop.
 * - core/scaledown/unneeded/nodes.go `Nodes.Update` keeps each removable node's first-unneeded time and drops
 *   nodes that stop being removable; at every update `lookupAndSetRemovalThreshold` sets the node's threshold
 *   from its readiness now (`kube_util.GetNodeReadiness`): `ScaleDownUnneededTime` (10m) when Ready,
 *   `ScaleDownUnreadyTime` (20m) when not, the first-unneeded time kept across the change. `RemovableAt` →
 *   `unremovableReason` requires `since + threshold < now` (strict `Before`; a threshold of 0 skips the wait) and
 *   keeps each group above its min size (`verifyMinSize`, counting deletions in progress). An unready node is a
 *   candidate like any other (`--scale-down-unready-enabled`, default true, eligibility.go
 *   `unremovableReasonAndNodeUtilization`); its utilization is that of the pods bound to it, which in design-sim
 *   is none, since a failed node's pods are lost at once (engine/simulation.ts `crashNodes`), so it is empty.
 * - core/scaledown/budgets/budgets.go `CropNodes`: empty nodes up to `--max-scale-down-parallelism` (10) minus
 *   deletions in progress, then nodes to drain up to `--max-drain-parallelism` (1) minus drains in progress and
 *   within what parallelism is left; both kinds in the same loop.
 * - PodDisruptionBudgets (core/scaledown/planner/planner.go `categorizeNodes` with the loop's
 *   core/scaledown/pdb/basic.go `RemainingPdbTracker`, set from the budgets' status at the start of `RunOnce`): a
 *   candidate with a pod whose budget has no disruption left is unremovable (BlockedByPod, rechecked after the
 *   recheck timeout); a removable node spends one disruption per pod it moves (`RemovePods`), so the next candidate
 *   in the same loop sees what is left.
 * Candidates come sorted as processors/scaledowncandidates sorts them: empty nodes first, then last loop's
 * unneeded nodes, otherwise in node order (emptycandidates, previouscandidates). A removable node whose pods the
 * budgets let move only one after another (`CanRemovePods` → inParallel false) is risky, and `NodesToDelete` puts the
 * risky nodes to drain after the others (`sortByRisk`), so with one drain at a time a drain that would wait on a budget
 * does not hold up one that would not.
 */
import type { Pod } from '../engine/pod.ts';
import { HintingSimulator, indexByUid, type NodeCursor, type SimNode, type SimPod } from './scheduling-simulator.ts';
import { type NodeRuntime, NodeState } from './node-runtime.ts';

/** A destination node in the planner's snapshot, with the pods moved onto it during this loop. */
export interface PlannerNode extends SimNode {
  readonly node: NodeRuntime;
  movedIn: SimPod[];
}

/** What the planner needs of a node group. */
export interface PlannerGroup {
  minNodes: number;
  /** Target size: nodes requested and not deleted. */
  targetSize: number;
  utilizationThreshold: number;
  scaleDownUnneededSeconds: number;
  /** `ScaleDownUnreadyTime`: the threshold of a node that is not Ready. */
  scaleDownUnreadySeconds: number;
}

/** Planner settings (seconds, counts). */
export interface PlannerConfig {
  maxScaleDownParallelism: number;
  maxDrainParallelism: number;
  unremovableNodeRecheckSeconds: number;
  /** `NodeGroupDefaults.ScaleDownUnneededTime`, bounding how many nodes are simulated per loop. */
  defaultUnneededSeconds: number;
}

export interface ScaleDownInput {
  /** Scale-down candidates: Ready and unready (NotReady) nodes of autoscaled groups above their min size, not being deleted, in node order. */
  candidates: readonly NodeRuntime[];
  /** Every Ready node (any group) as a destination, with its free GPUs after pending pods were simulated (built on demand). */
  destinations: () => readonly PlannerNode[];
  groups: readonly PlannerGroup[];
  /** The pods a node would have to move: its pods that are not long-terminating. */
  podsToMove: (node: NodeRuntime) => SimPod[];
  /** GPUs those pods request and how many they are (utilization.Calculate; GetPodsToMove's count), without building them. */
  load: (node: NodeRuntime) => { gpus: number; pods: number };
  /**
   * The PodDisruptionBudgets' `disruptionsAllowed` at the start of the loop, keyed by the pod owner (service) each
   * selects (`RemainingPdbTracker.SetPdbs`); omitted or empty without budgets.
   */
  disruptionsAllowed?: ReadonlyMap<number, number>;
}

interface Unneeded {
  since: number;
  empty: boolean;
  /**
   * `NodeToBeRemoved.IsRisky`: the loop's tracker allowed its pods to move, but not all at once (`CanRemovePods` →
   * inParallel false: a budget with fewer disruptions left than the node's pods of it). Its drain goes after the others.
   */
  risky: boolean;
}

/**
 * `lookupAndSetRemovalThreshold`: the group's unneeded time, or its unready time for a node not Ready. Upstream
 * sets it at each update; `nodesToDelete` runs in the same loop right after the update, so it reads the node's
 * readiness then.
 */
function removalThreshold(node: NodeRuntime, group: PlannerGroup): number {
  return node.state === NodeState.NotReady ? group.scaleDownUnreadySeconds : group.scaleDownUnneededSeconds;
}

export class ScaleDownPlanner {
  private unneeded = new Map<NodeRuntime, Unneeded>();
  private recheckAt = new Map<NodeRuntime, number>();
  private readonly sim: HintingSimulator;
  private latestUpdate = Number.NEGATIVE_INFINITY;
  private minUpdateInterval: number;

  constructor(
    private readonly config: PlannerConfig,
    cursor: NodeCursor,
  ) {
    this.sim = new HintingSimulator(cursor);
    this.minUpdateInterval = config.defaultUnneededSeconds > 0 ? config.defaultUnneededSeconds : 1e-9;
  }

  /** Nodes currently unneeded (for tests and events). */
  unneededSince(node: NodeRuntime): number | undefined {
    return this.unneeded.get(node)?.since;
  }

  /** `CleanUpUnneededNodes`: forget every node considered unneeded so far (an unhealthy cluster's loop). */
  cleanUpUnneededNodes(): void {
    this.unneeded = new Map();
  }

  /** `UpdateClusterState` (runs every loop, in cool-down too). */
  update(input: ScaleDownInput, now: number): void {
    this.minUpdateInterval = Math.min(this.minUpdateInterval, now - this.latestUpdate);
    this.latestUpdate = now;
    for (const [node, ttl] of this.recheckAt) if (!(ttl > now) || !isAlive(node)) this.recheckAt.delete(node);
    const loads = new Map(input.candidates.map((n) => [n, input.load(n)]));
    const candidates = this.sortCandidates(input.candidates, loads);
    const eligible: NodeRuntime[] = [];
    for (const node of candidates) {
      if (this.recheckAt.has(node)) continue; // RecentlyUnremovable
      if (node.gpus === 0) continue; // UnexpectedError: no allocatable GPU
      if (loads.get(node)!.gpus / node.gpus > input.groups[node.pool]!.utilizationThreshold) continue; // NotUnderutilized
      eligible.push(node);
    }
    const removable = new Map<NodeRuntime, Unneeded>();
    if (eligible.length === 0) return this.finishUpdate(removable);
    // A fork of the snapshot for this loop: placements persist across candidates, then are dropped.
    const dests = input.destinations().map((d) => ({ ...d, movedIn: [...d.movedIn] }));
    const destOf = new Map<NodeRuntime, PlannerNode>(dests.map((d) => [d.node, d]));
    const byUid = indexByUid(dests);
    const open = new Set<PlannerNode>(dests);
    const limit = this.unneededNodesLimit();
    // The loop's RemainingPdbTracker: each node found removable spends its pods' disruptions, so a later candidate
    // holding a pod of a spent budget is blocked.
    const remaining = new Map(input.disruptionsAllowed ?? []);
    for (const node of eligible) {
      if (removable.size >= limit) break;
      const self = destOf.get(node);
      const own = input.podsToMove(node);
      const pods = self && self.movedIn.length > 0 ? [...own, ...self.movedIn] : own;
      if (drainBlocker(pods, remaining) !== null) {
        this.recheckAt.set(node, now + this.config.unremovableNodeRecheckSeconds); // BlockedByPod (NotSafeToEvictAnnotation, NotEnoughPdb)
        continue;
      }
      const placed = this.sim.trySchedulePods(dests, pods, (d) => d !== self && open.has(d as PlannerNode), true, byUid);
      if (placed.every((p) => p !== null)) {
        placed.forEach((d, i) => (d as PlannerNode).movedIn.push(pods[i]!));
        if (self) open.delete(self);
        const risky = remaining.size > 0 && !movesInParallel(pods, remaining);
        for (const p of pods) if (remaining.has(p.owner)) remaining.set(p.owner, remaining.get(p.owner)! - 1); // RemovePods
        removable.set(node, { since: this.unneeded.get(node)?.since ?? now, empty: pods.length === 0, risky });
      } else {
        placed.forEach((d, i) => d !== null && (d.free += pods[i]!.gpus)); // revert this simulation only
        this.recheckAt.set(node, now + this.config.unremovableNodeRecheckSeconds); // NoPlaceToMovePods
      }
    }
    this.finishUpdate(removable);
  }

  // unneeded.Nodes.Update (the unneeded nodes are also next loop's "previous candidates") and the hints'
  // generation change.
  private finishUpdate(removable: Map<NodeRuntime, Unneeded>): void {
    this.unneeded = removable;
    this.sim.dropOldHints();
  }

  /**
   * `NodesToDelete` + `CropNodes`: the unneeded nodes whose time is up, empty ones and ones to drain, within the
   * groups' min sizes and the parallelism budgets. `drainsInProgress` counts drains not finished per group.
   */
  nodesToDelete(groups: readonly PlannerGroup[], drainsInProgress: readonly number[], now: number): { empty: NodeRuntime[]; drain: NodeRuntime[] } {
    const size = groups.map((g, i) => g.targetSize - (drainsInProgress[i] ?? 0));
    const empty: NodeRuntime[] = [];
    const drain: NodeRuntime[] = [];
    for (const wantEmpty of [true, false]) {
      for (const [node, u] of this.unneeded) {
        if (u.empty !== wantEmpty || !isAlive(node)) continue;
        const group = groups[node.pool]!;
        const threshold = removalThreshold(node, group);
        if (threshold > 0 && !(u.since + threshold < now)) continue; // NotUnneededLongEnough / NotUnreadyLongEnough
        if (size[node.pool]! <= group.minNodes) continue; // NodeGroupMinSizeReached
        size[node.pool]!--;
        (wantEmpty ? empty : drain).push(node);
      }
    }
    // planner.go `sortByRisk`: nodes to drain that are not risky first, each part in its order (a stable partition).
    drain.sort((a, b) => +this.unneeded.get(a)!.risky - +this.unneeded.get(b)!.risky);
    const inProgress = drainsInProgress.reduce((a, b) => a + b, 0);
    let parallelism = this.config.maxScaleDownParallelism - inProgress;
    const emptyOut = byGroup(empty).flat().slice(0, Math.max(0, parallelism));
    parallelism -= emptyOut.length;
    const drainBudget = Math.min(parallelism, this.config.maxDrainParallelism - inProgress);
    return { empty: emptyOut, drain: byGroup(drain).flat().slice(0, Math.max(0, drainBudget)) };
  }

  // Empty first, then last loop's unneeded nodes (previouscandidates is fed planner.UnneededNodes()), else node
  // order (a stable sort; Go's is not).
  private sortCandidates(nodes: readonly NodeRuntime[], loads: ReadonlyMap<NodeRuntime, { pods: number }>): NodeRuntime[] {
    const rank = (n: NodeRuntime): number => (loads.get(n)!.pods === 0 ? 0 : 2) + (this.unneeded.has(n) ? 0 : 1);
    return [...nodes].sort((a, b) => rank(a) - rank(b));
  }

  // `unneededNodesLimit`: no point simulating more nodes than can be deleted before they are rechecked.
  private unneededNodesLimit(): number {
    const n = this.config.maxScaleDownParallelism;
    const limit = this.unneeded.size + 2 * n;
    const u = Math.max(this.config.defaultUnneededSeconds, this.minUpdateInterval);
    const upperBound = n * Math.trunc(u / this.minUpdateInterval) + n;
    return Math.min(limit, upperBound);
  }
}

/** Why `GetPodsToMove` refuses a node (drain.go `BlockingPodReason`), of the reasons design-sim's pods can give. */
export type DrainBlocker = 'NotSafeToEvictAnnotation' | 'NotEnoughPdb';

/**
 * simulator/drain.go `GetPodsToMove` over the node's pods with the default rules in their order (drainability/rules/
 * rules.go `Default`, kubernetes/autoscaler @ cb2123ed), of which three apply to design-sim's pods (all replicated, none
 * a DaemonSet's, mirror, kube-system or with local storage): `SafeToEvict` (annotation "true": drainable, and the rules
 * after it are not asked — for design-sim's pods that skips only the PDB rule), then `NotSafeToEvict` (annotation
 * "false": blocks), then `PDB` (`blockedByPdb`, with the loop's `remaining` disruptions; empty: no budgets). Null: the
 * node's pods may move.
 */
export function drainBlocker(pods: readonly SimPod[], remaining: ReadonlyMap<number, number>): DrainBlocker | null {
  if (pods.some((p) => p.safeToEvict === false)) return 'NotSafeToEvictAnnotation';
  if (remaining.size > 0 && blockedByPdb(pods.filter((p) => p.safeToEvict !== true), remaining)) return 'NotEnoughPdb';
  return null;
}

/**
 * The drainability rule simulator/drainability/rules/pdb/rule.go `Drainable` over GetPodsToMove's pods: a pod whose
 * budget has fewer than 1 disruption left (in the loop's tracker) blocks the node. Fewer left than the node's pods of
 * that budget does not block: the node is only "risky" (`CanRemovePods` → inParallel false), and its drain will wait.
 */
export function blockedByPdb(pods: readonly SimPod[], remaining: ReadonlyMap<number, number>): boolean {
  for (const p of pods) {
    const left = remaining.get(p.owner);
    if (left !== undefined && left < 1) return true;
  }
  return false;
}

/**
 * pdb/basic.go `CanRemovePods`'s `inParallel`: every budget has at least as many disruptions left as the pods of it
 * that would move (the caller has already checked that none is below 1, `blockedByPdb`).
 */
export function movesInParallel(pods: readonly SimPod[], remaining: ReadonlyMap<number, number>): boolean {
  const count = new Map<number, number>();
  for (const p of pods) {
    const left = remaining.get(p.owner);
    if (left === undefined) continue;
    const n = (count.get(p.owner) ?? 0) + 1;
    count.set(p.owner, n);
    if (left < n) return false;
  }
  return true;
}

function isAlive(node: NodeRuntime): boolean {
  return node.state !== NodeState.Gone;
}

/** Groups nodes by node group, in order of each group's first node (budgets.go `group`). */
function byGroup(nodes: readonly NodeRuntime[]): NodeRuntime[][] {
  const out = new Map<number, NodeRuntime[]>();
  for (const n of nodes) {
    const list = out.get(n.pool);
    if (list) list.push(n);
    else out.set(n.pool, [n]);
  }
  return [...out.values()];
}

/** The pod a real pod is in a simulation. */
export function simPod(pod: Pod, gpus: number, pools: readonly number[], safeToEvict: boolean | null = null): SimPod {
  return safeToEvict === null ? { uid: pod.uid, owner: pod.service, gpus, pools } : { uid: pod.uid, owner: pod.service, gpus, pools, safeToEvict };
}
