/**
 * The cluster autoscaler's scheduling simulation, reduced to what this simulator models (GPUs and node-pool
 * affinity), ported from kubernetes/autoscaler cluster-autoscaler 1.34:
 * - simulator/scheduling/hinting_simulator.go `HintingSimulator.TrySchedulePods`: each pod first tries the node
 *   it was placed on in the previous simulation (its hint), then any acceptable node; a pod whose
 *   controller already failed in this call is not tried again (similar_pods.go `SimilarPodsScheduling`).
 * - simulator/scheduling/hints.go `Hints`: two generations, `DropOld` once per loop.
 * - simulator/clustersnapshot/predicate/plugin_runner.go `RunFiltersUntilPassingNode`: first fit over the node
 *   list starting after the last node that fitted (`lastIndex`), shared by every simulation on one snapshot.
 *   Upstream the list comes from a Go map (unordered); here it is the nodes' creation order.
 */

/** A node in a simulation snapshot: a real node or an upcoming one; `free` is GPUs, changed by placements. */
export interface SimNode {
  readonly uid: number;
  readonly pool: number;
  free: number;
}

/** A pod to place: its uid (hint key), owner (service, for similar-pod skipping), GPUs and allowed pools. */
export interface SimPod {
  readonly uid: number;
  readonly owner: number;
  readonly gpus: number;
  readonly pools: readonly number[];
  /**
   * Its `cluster-autoscaler.kubernetes.io/safe-to-evict` annotation (scenario/pod-annotations-schema.ts): true "true",
   * false "false"; omitted or null when absent. Read by the drainability rules (scale-down-planner.ts `drainBlocker`).
   */
  readonly safeToEvict?: boolean | null;
}

/** The rotating start of the first-fit scan, one per snapshot (`SchedulerPluginRunner.lastIndex`). */
export class NodeCursor {
  index = 0;
}

export class HintingSimulator {
  private current = new Map<number, number>();
  private old = new Map<number, number>();

  constructor(private readonly cursor: NodeCursor) {}

  /**
   * Places `pods` in order on `nodes` (mutating their `free`), returning each pod's node or null. With
   * `breakOnFailure` the scan stops at the first pod that fits nowhere (the rest stay null).
   */
  trySchedulePods(
    nodes: readonly SimNode[],
    pods: readonly SimPod[],
    accept: (n: SimNode) => boolean,
    breakOnFailure: boolean,
    byUid?: ReadonlyMap<number, SimNode>,
  ): (SimNode | null)[] {
    const out: (SimNode | null)[] = pods.map(() => null);
    const failedOwners = new Set<number>();
    let index = byUid;
    const lookup = (uid: number): SimNode | undefined => (index ??= indexByUid(nodes)).get(uid);
    for (let i = 0; i < pods.length; i++) {
      const pod = pods[i]!;
      let placed = this.tryHint(lookup, pod, accept);
      if (placed === null && !failedOwners.has(pod.owner)) {
        placed = this.firstFit(nodes, pod, accept);
        if (placed === null) failedOwners.add(pod.owner);
        else this.current.set(pod.uid, placed.uid);
      }
      if (placed !== null) {
        placed.free -= pod.gpus;
        out[i] = placed;
      } else if (breakOnFailure) break;
    }
    return out;
  }

  /** Forgets hints older than the previous call to this method. */
  dropOldHints(): void {
    this.old = this.current;
    this.current = new Map();
  }

  private tryHint(lookup: (uid: number) => SimNode | undefined, pod: SimPod, accept: (n: SimNode) => boolean): SimNode | null {
    const hinted = this.current.get(pod.uid) ?? this.old.get(pod.uid);
    if (hinted === undefined) return null;
    const node = lookup(hinted);
    if (node === undefined || !accept(node) || !fits(node, pod)) return null;
    this.current.set(pod.uid, node.uid);
    return node;
  }

  private firstFit(nodes: readonly SimNode[], pod: SimPod, accept: (n: SimNode) => boolean): SimNode | null {
    const n = nodes.length;
    for (let i = 0; i < n; i++) {
      const node = nodes[(this.cursor.index + i) % n]!;
      if (!accept(node) || !fits(node, pod)) continue;
      this.cursor.index = (this.cursor.index + i + 1) % n;
      return node;
    }
    return null;
  }
}

/** Nodes by uid, for hint look-ups; build once per snapshot and pass it to every call on that snapshot. */
export function indexByUid(nodes: readonly SimNode[]): Map<number, SimNode> {
  const byUid = new Map<number, SimNode>();
  for (const n of nodes) byUid.set(n.uid, n);
  return byUid;
}

/** The filters this simulator models: GPU capacity (NodeResourcesFit) and the pod's node-pool affinity. */
export function fits(node: SimNode, pod: SimPod): boolean {
  return node.free >= pod.gpus && pod.pools.includes(node.pool);
}
