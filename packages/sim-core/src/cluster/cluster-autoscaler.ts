/**
 * The cluster autoscaler's loop over the whole cluster, a port of kubernetes/autoscaler cluster-autoscaler 1.34
 * core/static_autoscaler.go `StaticAutoscaler.RunOnce`, for GPU node groups. Each scan (`--scan-interval`):
 *
 * 1. Cluster state (cluster-state.ts, clusterstate/clusterstate.go `updateScaleRequests`): a scale-up request whose nodes are not
 *    all up by `requestTime + max-node-provision-time` (strictly after) times out and backs its node group off
 *    (node-group-backoff.ts); nodes still unregistered that long after they were first seen are deleted
 *    (`removeOldUnregisteredNodes`, never below the group's min size).
 *    If more registered nodes are unready than `--ok-total-unready-count` (3) and than
 *    `--max-total-unready-percentage` (45 %) of them, the cluster is unhealthy (`IsClusterHealthy`): the loop stops
 *    there, and the planner forgets its unneeded nodes (`CleanUpUnneededNodes`).
 * 2. Expendable pending pods are dropped and pods waiting for their preemption victims set aside, a serving one
 *    counted on its nominated node (`FilterOutExpendableAndSplit`, `addPreemptingPodsToSnapshot`:
 *    cluster/expendable.ts, cluster/nomination.ts). Pending pods that fit on free capacity of ready nodes or on
 *    upcoming nodes are not helped (core/podlistprocessor/filter_out_schedulable.go). If every remaining pod is new — the oldest was created
 *    less than 2 s ago, or the oldest GPU pod less than 30 s ago (`allPodsAreNew`,
 *    `unschedulablePodWithGpuTimeBuffer`) — the loop neither scales up nor down. Otherwise ONE node group
 *    grows (scale-up.ts, chosen by the expander).
 * 3. Scale-down planning runs every loop (scale-down-planner.ts), over Ready and unready nodes (an unready node
 *    waits `--scale-down-unready-time`, 20 min, instead of the unneeded time); deletion only outside the cool-down: a
 *    scale-up in this loop or within `--scale-down-delay-after-add` anywhere (`isScaleDownInCooldown`).
 *    Empty nodes go at once; nodes to drain are cordoned, their pods evicted, and deleted once empty. A pod whose
 *    PodDisruptionBudget refuses its eviction is retried every 10 s for up to 2 min, then the drain fails and the
 *    node is untainted (`startDrain`).
 *
 * Defaults follow cluster-autoscaler 1.34 (config/flags/flags.go); the engine owns nodes and pods and acts on
 * requests through {@link ClusterActions}.
 */
import type { Pod } from '../engine/pod.ts';
import { PodState } from '../engine/pod.ts';
import type { EngineClusterAutoscaler } from '../engine/engine-config.ts';
import type { Rng } from '../random/rng.ts';
import { DEFAULT_EXPENDABLE_PODS_PRIORITY_CUTOFF, isExpendable } from './expendable.ts';
import type { JobPod, JobRun } from './job-queue.ts';
import { waitsOnNominatedNode } from './nomination.ts';
import { ClusterStateRegistry } from './cluster-state.ts';
import { DEFAULT_NODE_GROUP_BACKOFF } from './node-group-backoff.ts';
import { type NodeRuntime, NodeState } from './node-runtime.ts';
import type { PoolRuntime } from './pool-runtime.ts';
import { planScaleUp, type ScaleUpGroup } from './scale-up.ts';
import { drainBlocker, type PlannerGroup, type PlannerNode, ScaleDownPlanner, simPod } from './scale-down-planner.ts';
import { HintingSimulator, NodeCursor, type SimNode, type SimPod } from './scheduling-simulator.ts';

/** `unschedulablePodTimeBuffer` (core/static_autoscaler.go): any pod younger than this is "new". */
export const UNSCHEDULABLE_POD_BUFFER_SECONDS = 2;
/** `unschedulablePodWithGpuTimeBuffer`: a GPU pod younger than this is "new" (wait for more pods). */
export const UNSCHEDULABLE_GPU_POD_BUFFER_SECONDS = 30;
/** drain.go `DefaultEvictionRetryTime`: a refused eviction is tried again this long after, s. */
export const EVICTION_RETRY_SECONDS = 10;
/** `--max-pod-eviction-time` (config/flags/flags.go, 2m): how long a drain keeps retrying a refused eviction, s. */
export const MAX_POD_EVICTION_SECONDS = 120;
/** `apiv1.DefaultTerminationGracePeriodSeconds` + `drain.PodLongTerminatingExtraThreshold`: 30 s + 30 s. */
export const LONG_TERMINATING_SECONDS = 60;

/** The global flags at their cluster-autoscaler 1.34 defaults (config/flags/flags.go). */
export const DEFAULT_CLUSTER_AUTOSCALER: Readonly<EngineClusterAutoscaler> = Object.freeze<EngineClusterAutoscaler>({
  scanIntervalSeconds: 10,
  scaleDownDelayAfterAddSeconds: 600,
  expander: ['least-waste'],
  maxScaleDownParallelism: 10,
  maxDrainParallelism: 1,
  unremovableNodeRecheckSeconds: 300,
  defaultScaleDownUnneededSeconds: 600,
  backoff: DEFAULT_NODE_GROUP_BACKOFF,
  expendablePodsPriorityCutoff: DEFAULT_EXPENDABLE_PODS_PRIORITY_CUTOFF,
});

/** What the autoscaler asks the cluster to do, and what it reads of pods. */
export interface ClusterActions {
  /** Launch one node in the pool (it becomes ready after a provisioning delay, or never). */
  requestNode(pool: PoolRuntime, now: number): void;
  /** Evict a pod for a drain (its Deployment replaces it). */
  evictPod(pod: Pod, now: number): void;
  /**
   * The Eviction API's verdict on a pod now: false is a 429, its PodDisruptionBudget allowing no disruption
   * (cluster/pod-disruption-budget.ts). Omitted: every eviction is accepted.
   */
  evictionAllowed?(pod: Pod): boolean;
  /** Each PodDisruptionBudget's `status.disruptionsAllowed` now, keyed by the service (a pod's owner) it selects. */
  disruptionsAllowed?(): ReadonlyMap<number, number>;
  /** The pod's `cluster-autoscaler.kubernetes.io/safe-to-evict` annotation: true, false, or null when absent. Omitted: absent on every pod. */
  safeToEvictOf?(pod: Pod): boolean | null;
  /** Run `fn` at simulated time `t` (a drain's eviction retries); needed only when evictions can be refused. */
  schedule?(t: number, fn: (now: number) => void): void;
  /** A drain failed (an eviction refused for `--max-pod-eviction-time`) and the node was untainted: pods may bind to it again. */
  nodeUncordoned?(node: NodeRuntime, now: number): void;
  /** Evict a job's pod for a drain (the job loses its node: it is requeued, from its last checkpoint). */
  evictJobPod(pod: JobPod, now: number): void;
  /** Delete a node: empty, drained, or never registered. */
  deleteNode(pool: PoolRuntime, node: NodeRuntime, now: number): void;
  /** GPUs a pod requests. */
  gpusOf(pod: Pod): number;
  /** Node pools a pod may run on (its node affinity). */
  poolsOf(pod: Pod): readonly number[];
  /** A pod's priority (its PriorityClass value); 0 when omitted. */
  priorityOf?(pod: Pod): number;
  /** Job pods that are unschedulable now (job-queue.ts `unschedulablePods`); none without jobs. */
  unschedulableJobPods?(): readonly JobPod[];
  /** A scale-up timed out; the group is backed off until `until` (s). */
  scaleUpTimedOut(pool: PoolRuntime, now: number, until: number): void;
  /** The cloud could not create `nodes` nodes of a scale-up (insufficient capacity); backed off until `until` (s). */
  scaleUpFailed?(pool: PoolRuntime, now: number, until: number, nodes: number): void;
}

export class ClusterAutoscaler {
  /** Global, as CA's delays are unless --scale-down-delay-type-local: a scale-up anywhere pauses scale-down everywhere. */
  lastScaleUp = Number.NEGATIVE_INFINITY;
  private readonly state: ClusterStateRegistry;
  private readonly drains = new Set<NodeRuntime>();
  private readonly cursor = new NodeCursor();
  private readonly filterSim: HintingSimulator;
  readonly planner: ScaleDownPlanner;
  /** Simulation ids of job pods (negative, apart from serving pods' uids) and of their runs (the pods' owner). */
  private readonly jobPodIds = new WeakMap<JobPod, number>();
  private readonly jobRunIds = new WeakMap<JobRun, number>();
  private nextJobId = -1;

  constructor(
    private readonly pools: readonly PoolRuntime[],
    /** Unscheduled pods, oldest first (entries may have left phase Pending; they are skipped). */
    private readonly pending: readonly Pod[],
    private readonly config: EngineClusterAutoscaler,
    private readonly actions: ClusterActions,
    private readonly rng: Rng,
  ) {
    this.state = new ClusterStateRegistry(pools, config.backoff, actions);
    this.filterSim = new HintingSimulator(this.cursor);
    this.planner = new ScaleDownPlanner(
      {
        maxScaleDownParallelism: config.maxScaleDownParallelism,
        maxDrainParallelism: config.maxDrainParallelism,
        unremovableNodeRecheckSeconds: config.unremovableNodeRecheckSeconds,
        defaultUnneededSeconds: config.defaultScaleDownUnneededSeconds,
      },
      this.cursor,
    );
  }

  /** Whether scale-up of a pool is backed off at `now`. */
  isBackedOff(pool: number, now: number): boolean {
    return this.state.isBackedOff(pool, now);
  }

  /** One `RunOnce` over every pool. */
  scan(now: number): void {
    this.state.updateScaleRequests(now);
    for (const n of this.drains) if (n.state === NodeState.Gone) this.drains.delete(n);
    this.state.removeOldUnregisteredNodes(now);
    if (!this.state.isClusterHealthy(now)) {
      this.planner.cleanUpUnneededNodes();
      return;
    }

    // The scheduling snapshot is built on first use: most loops have no pending pod and no candidate to simulate.
    let snapshot: SimNode[] | null = null;
    const getSnapshot = (): SimNode[] => (snapshot ??= this.snapshot(now));
    const pending: SimPod[] = [];
    const created = new Map<number, number>();
    let preempting: Pod[] | null = null;
    for (const pod of this.pending) {
      // FilterOutExpendableAndSplit: expendable pods are dropped, pods waiting for their victims set aside.
      if (pod.state !== PodState.Pending || this.expendable(pod)) continue;
      if (waitsOnNominatedNode(pod.nominated)) {
        (preempting ??= []).push(pod);
        continue;
      }
      pending.push(simPod(pod, this.actions.gpusOf(pod), this.actions.poolsOf(pod)));
      created.set(pod.uid, pod.createdAt);
    }
    if (preempting !== null) this.addPreemptingPodsToSnapshot(getSnapshot(), preempting);
    this.addJobPods(pending, created);
    // filter_out_schedulable: placements stay in the snapshot for the rest of the loop.
    const placed = pending.length === 0 ? [] : this.filterSim.trySchedulePods(getSnapshot(), pending, () => true, false);
    placed.forEach((node, i) => node !== null && 'movedIn' in node && (node as PlannerNode).movedIn.push(pending[i]!));
    this.filterSim.dropOldHints();
    const unschedulable = pending.filter((_, i) => placed[i] === null);

    let disableScaleDown = false;
    if (unschedulable.length > 0) {
      // gpu.PodRequestsGpu: units on a CPU pool are vCPUs, not nvidia.com/gpu.
      const requestsGpu = (p: SimPod): boolean => p.gpus > 0 && p.pools.some((i) => this.pools[i]!.config.unit !== 'cpu');
      if (allPodsAreNew(unschedulable, created, now, requestsGpu)) disableScaleDown = true;
      else this.scaleUp(unschedulable, now);
    }

    const groups = this.plannerGroups();
    const candidates = this.candidates();
    this.planner.update(
      {
        candidates,
        destinations: () => getSnapshot().filter((n): n is PlannerNode => 'movedIn' in n),
        groups,
        podsToMove: (node) => this.podsToMove(node, now),
        load: (node) => this.load(node, now),
        ...(this.actions.disruptionsAllowed ? { disruptionsAllowed: this.actions.disruptionsAllowed() } : {}),
      },
      now,
    );
    const inCooldown = disableScaleDown || this.lastScaleUp + this.config.scaleDownDelayAfterAddSeconds > now;
    if (inCooldown || candidates.length === 0) return;
    const inProgress = this.pools.map(() => 0);
    for (const n of this.drains) inProgress[n.pool]!++;
    const { empty, drain } = this.planner.nodesToDelete(groups, inProgress, now);
    for (const node of empty) this.actions.deleteNode(this.pools[node.pool]!, node, now);
    for (const node of drain) this.startDrain(node, now);
  }

  /**
   * `kube_util.UnschedulablePods` lists every pod with PodScheduled=False (Unschedulable), whatever owns it: a Job's
   * pending pods are helped like a Deployment's, each pod on its own (N pods of a gang are N unschedulable pods; the
   * ones that fit free capacity are filtered out and the rest drive the scale-up), grouped by their run (the
   * estimator's equivalence group: one controller). The list is kept oldest first (stable by creation).
   */
  private addJobPods(pending: SimPod[], created: Map<number, number>): void {
    const jobs = this.actions.unschedulableJobPods?.() ?? [];
    if (jobs.length === 0) return;
    for (const jp of jobs) {
      if (this.expendableJob(jp)) continue; // FilterOutExpendableAndSplit
      const p = this.jobSimPod(jp);
      pending.push(p);
      created.set(p.uid, jp.createdAt);
    }
    pending.sort((a, b) => created.get(a.uid)! - created.get(b.uid)!);
  }

  /**
   * filter_out_expendable.go `addPreemptingPodsToSnapshot`: a pod waiting for its victims is force-added to its
   * nominated node (no fit check; its victims are still there too), so other pending pods find that room taken and a
   * scale-down of the node must move it as well. Only a Ready node is in this snapshot; a Job's nominated pods are
   * not added (set aside only: a gang is nominated to several nodes, pod by pod upstream).
   */
  private addPreemptingPodsToSnapshot(snapshot: readonly SimNode[], pods: readonly Pod[]): void {
    for (const pod of pods) {
      const node = pod.nominated[0]!;
      const dest = snapshot.find((d): d is PlannerNode => 'movedIn' in d && (d as PlannerNode).node === node);
      if (dest === undefined) continue;
      const p = simPod(pod, this.actions.gpusOf(pod), this.actions.poolsOf(pod));
      dest.free -= p.gpus;
      dest.movedIn.push(p);
    }
  }

  // The scheduling snapshot: ready nodes (destinations for scale-down) and upcoming nodes (provisioning and
  // not long unregistered, as empty template nodes), in node order.
  private snapshot(now: number): SimNode[] {
    const out: (SimNode & { order: number })[] = [];
    for (const pool of this.pools) {
      for (const node of pool.nodes) {
        if (node.state === NodeState.Ready) out.push({ uid: node.uid, pool: pool.index, free: node.freeGpus + this.expendableGpus(node), node, movedIn: [], order: node.uid } as PlannerNode & { order: number });
        else if (node.state === NodeState.Provisioning && !node.createError && !this.state.isLongUnregistered(node, pool, now)) out.push({ uid: node.uid, pool: pool.index, free: node.gpus, order: node.uid });
      }
    }
    // Each pool's nodes are in creation order already; only several pools need merging.
    return this.pools.length > 1 ? out.sort((a, b) => a.order - b.order) : out;
  }

  private scaleUp(pods: readonly SimPod[], now: number): void {
    const groups: ScaleUpGroup[] = this.pools.map((p) => ({
      index: p.index,
      gpusPerNode: p.config.gpusPerNode,
      maxNodes: p.config.maxNodes,
      targetSize: p.aliveCount,
      canScale: p.config.autoscaler.enabled && !this.state.isBackedOff(p.index, now),
      priority: p.config.autoscaler.priority,
      nodeUsdPerHour: nodePrice(p),
    }));
    const plan = planScaleUp(pods, groups, this.config.expander, this.rng);
    if (plan === null || plan.nodes <= 0) return;
    const pool = this.pools[plan.pool]!;
    for (let i = 0; i < plan.nodes; i++) this.actions.requestNode(pool, now);
    this.state.registerScaleUp(pool, plan.nodes, now);
    this.lastScaleUp = now;
  }

  // PreFilteringScaleDownNodeProcessor `GetScaleDownCandidates`: registered nodes of autoscaled groups whose size is
  // above the min, unready ones included (static_autoscaler.go `scaleDown` passes allNodes); a node being deleted
  // (drained, or failed while draining) is not (eligibility.go: CurrentlyBeingDeleted).
  private candidates(): NodeRuntime[] {
    const out: NodeRuntime[] = [];
    for (const pool of this.pools) {
      if (!pool.config.autoscaler.enabled || pool.aliveCount <= pool.config.minNodes) continue;
      for (const n of pool.nodes) if (n.state === NodeState.Ready || (n.state === NodeState.NotReady && n.stateBeforeFailure === NodeState.Ready)) out.push(n);
    }
    return this.pools.length > 1 ? out.sort((a, b) => a.uid - b.uid) : out;
  }

  private plannerGroups(): PlannerGroup[] {
    return this.pools.map((p) => ({
      minNodes: p.config.minNodes,
      targetSize: p.aliveCount,
      utilizationThreshold: p.config.autoscaler.utilizationThreshold,
      scaleDownUnneededSeconds: p.config.autoscaler.scaleDownUnneededSeconds,
      scaleDownUnreadySeconds: p.config.autoscaler.scaleDownUnreadySeconds,
    }));
  }

  // GetPodsToMove: every pod on the node except long-terminating ones (LongTerminating drainability rule). A job's
  // pods are replicated pods too (simulator/drainability: a controller of kind Job), so they must fit elsewhere and
  // are evicted by a drain. Expendable pods are not in the snapshot, so not listed (cluster/expendable.ts).
  private podsToMove(node: NodeRuntime, now: number): SimPod[] {
    const out: SimPod[] = [];
    for (const pod of node.pods) {
      if (isLongTerminating(pod, now) || this.expendable(pod)) continue;
      out.push(simPod(pod, this.actions.gpusOf(pod), this.actions.poolsOf(pod), this.actions.safeToEvictOf?.(pod) ?? null));
    }
    for (const jp of node.jobPods) if (!this.expendableJob(jp)) out.push(this.jobSimPod(jp));
    return out;
  }

  // What utilization.Calculate (the requests of every pod on the node's snapshot NodeInfo) and the empty-node check
  // count: GPUs and number of the non-long-terminating, non-expendable pods, a job's pods included.
  private load(node: NodeRuntime, now: number): { gpus: number; pods: number } {
    let gpus = 0;
    let pods = 0;
    for (const pod of node.pods) {
      if (isLongTerminating(pod, now) || this.expendable(pod)) continue;
      gpus += this.actions.gpusOf(pod);
      pods++;
    }
    for (const jp of node.jobPods) {
      if (this.expendableJob(jp)) continue;
      gpus += jp.units;
      pods++;
    }
    return { gpus, pods };
  }

  // `IsExpendablePod` (cluster/expendable.ts) for a serving pod and a job's pod.
  private expendable(pod: Pod): boolean {
    return isExpendable(this.actions.priorityOf?.(pod) ?? 0, this.config.expendablePodsPriorityCutoff);
  }

  private expendableJob(jp: JobPod): boolean {
    return isExpendable(jp.priority, this.config.expendablePodsPriorityCutoff);
  }

  // Units of the expendable pods bound to a node: free in the snapshot, which does not hold them (FilterOutExpendablePods).
  private expendableGpus(node: NodeRuntime): number {
    let units = 0;
    for (const pod of node.pods) if (pod.state !== PodState.Gone && this.expendable(pod)) units += this.actions.gpusOf(pod);
    for (const jp of node.jobPods) if (this.expendableJob(jp)) units += jp.units;
    return units;
  }

  private jobSimPod(jp: JobPod): SimPod {
    let uid = this.jobPodIds.get(jp);
    if (uid === undefined) this.jobPodIds.set(jp, (uid = this.nextJobId--));
    let owner = this.jobRunIds.get(jp.run);
    if (owner === undefined) this.jobRunIds.set(jp.run, (owner = this.nextJobId--));
    // The job's `cluster-autoscaler.kubernetes.io/safe-to-evict` (`jobs[].podAnnotations`), read by `drainBlocker`.
    const safe = jp.run.job.safeToEvict;
    return safe == null ? { uid, owner, gpus: jp.units, pools: [jp.run.job.pool] } : { uid, owner, gpus: jp.units, pools: [jp.run.job.pool], safeToEvict: safe };
  }

  // actuator.go `deleteNodesAsync` → `GetPodsToMove` over a snapshot without expendable pods: those are neither evicted
  // nor waited for, and go with the node once the evicted pods are gone.
  //
  // With PodDisruptionBudgets: `GetPodsToMove` runs again at actuation over a fresh tracker, and a pod whose budget
  // allows no disruption now aborts the deletion before the node is tainted (`AbortNodeDeletion`). Then
  // drain.go `Evictor.initiateEviction` evicts every pod at once, one goroutine per pod (`evictPod`), each retrying a
  // refused eviction every `EvictionRetryTime` (10 s) while before `retryUntil` = start + `--max-pod-eviction-time`
  // (2 min). A pod still not evicted then fails the drain: the deletion is aborted and the node untainted
  // (`CleanUpAndRecordFailedScaleDownEvent` → `taints.CleanToBeDeleted`); the pods already evicted stay evicted.
  private startDrain(node: NodeRuntime, now: number): void {
    const leaves = new Set<Pod | JobPod>([...[...node.pods].filter((p) => this.expendable(p)), ...[...node.jobPods].filter((jp) => this.expendableJob(jp))]);
    const toEvict = [...node.pods].filter((p) => !leaves.has(p));
    // The same rules as the planner's (`drainBlocker`): a safe-to-evict "false" pod that came since, or a budget spent.
    const jobsToEvict = [...node.jobPods].filter((jp) => !leaves.has(jp)).map((jp) => this.jobSimPod(jp));
    if (drainBlocker([...toEvict.map((p) => simPod(p, 0, [], this.actions.safeToEvictOf?.(p) ?? null)), ...jobsToEvict], this.actions.disruptionsAllowed?.() ?? new Map()) !== null) return;
    this.drains.add(node);
    node.state = NodeState.Draining;
    node.drainLeaves = leaves.size > 0 ? leaves : null;
    for (const jp of [...node.jobPods]) if (!leaves.has(jp)) this.actions.evictJobPod(jp, now);
    const refused = toEvict.filter((pod) => !this.evict(pod, now));
    if (refused.length > 0) this.retryEvictions(node, refused, now + EVICTION_RETRY_SECONDS, now + MAX_POD_EVICTION_SECONDS);
    if (node.drained) this.actions.deleteNode(this.pools[node.pool]!, node, now);
  }

  // One eviction request: true when the pod is evicted (or already gone: a 404 counts as success).
  private evict(pod: Pod, now: number): boolean {
    if (pod.state === PodState.Terminating || pod.state === PodState.Gone) return true;
    if (!(this.actions.evictionAllowed?.(pod) ?? true)) return false;
    this.actions.evictPod(pod, now);
    return true;
  }

  // `evictPod`'s loop: `for first := true; first || time.Now().Before(retryUntil); time.Sleep(EvictionRetryTime)`.
  private retryEvictions(node: NodeRuntime, pods: readonly Pod[], at: number, retryUntil: number): void {
    // After the sleep, a time not before retryUntil ends the loop: the pod's eviction failed, and with it the drain.
    if (!(at < retryUntil)) {
      this.actions.schedule!(at, (t) => this.abortDrain(node, t));
      return;
    }
    this.actions.schedule!(at, (t) => {
      if (node.state === NodeState.Gone) return;
      const refused = pods.filter((pod) => pod.node === node && !this.evict(pod, t));
      if (refused.length > 0) this.retryEvictions(node, refused, t + EVICTION_RETRY_SECONDS, retryUntil);
    });
  }

  // The drain failed: the deletion is aborted and the node untainted, Ready for pods again (a node that failed
  // meanwhile comes back Ready after its repair).
  private abortDrain(node: NodeRuntime, now: number): void {
    if (node.state === NodeState.Gone) return;
    this.drains.delete(node);
    node.drainLeaves = null;
    if (node.state === NodeState.NotReady) node.stateBeforeFailure = NodeState.Ready;
    else node.state = NodeState.Ready;
    this.actions.nodeUncordoned?.(node, now);
  }
}

/** drain.IsPodLongTerminating: deleted longer ago than the grace period (30 s) plus 30 s. */
function isLongTerminating(pod: Pod, now: number): boolean {
  return pod.deletedAt >= 0 && pod.deletedAt + LONG_TERMINATING_SECONDS < now;
}

/**
 * `allPodsAreNew`: the oldest pod is younger than 2 s, or the oldest pod requesting GPUs (`requestsGpu`,
 * gpu.PodRequestsGpu) younger than 30 s (strict After).
 */
export function allPodsAreNew(pods: readonly SimPod[], createdAt: ReadonlyMap<number, number>, now: number, requestsGpu: (pod: SimPod) => boolean): boolean {
  let oldest = Infinity;
  let oldestGpu = Infinity;
  for (const p of pods) {
    const t = createdAt.get(p.uid) ?? now;
    oldest = Math.min(oldest, t);
    if (requestsGpu(p)) oldestGpu = Math.min(oldestGpu, t);
  }
  return oldest + UNSCHEDULABLE_POD_BUFFER_SECONDS > now || (oldestGpu < Infinity && oldestGpu + UNSCHEDULABLE_GPU_POD_BUFFER_SECONDS > now);
}

// USD per hour of the pool's next node at its spot share; unknown when a needed price is missing.
function nodePrice(p: PoolRuntime): number | null {
  const { spotShare, spotUsdPerHour, regularUsdPerHour } = p.config;
  if (spotShare > 0 && spotUsdPerHour === null) return null;
  if (spotShare < 1 && regularUsdPerHour === null) return null;
  return spotShare * (spotUsdPerHour ?? 0) + (1 - spotShare) * (regularUsdPerHour ?? 0);
}
