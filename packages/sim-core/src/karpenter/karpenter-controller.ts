/**
 * Karpenter for the simulator's Karpenter pools: the provisioner (a batching window over pending pods, then one
 * scheduling round and a launch per NodeClaim) and the disruption controller (emptiness, then drift after a rollout,
 * then multi-node, then single-node consolidation, within budgets). Upstream: kubernetes-sigs/karpenter at commit
 * 2266468104f36373ed002241afaee2d3bbc26078 and aws/karpenter-provider-aws at 1d927085dd81a9df9301e613f371dac5b4d16bfe:
 * - pkg/controllers/provisioning/batcher.go `Batcher.Wait`: a window opens at the first trigger and closes
 *   after BATCH_IDLE_DURATION (1 s) with no new one, or BATCH_MAX_DURATION (10 s) after it opened; `Batcher.Trigger`
 *   ignores an element already triggered in the open window. controller.go: `PodController.Reconcile` triggers for
 *   every provisionable pod (`pod.IsProvisionable`, of any owner) and requeues it after 10 s for as long as it stays
 *   provisionable; `NodeController.Reconcile` does the same for a node with the disrupted taint (being drained). These
 *   are the only triggers: a failed launch, an expired insufficient-capacity entry, a deleted node or NodeClaim
 *   trigger nothing, and the pods still pending provision again at their next requeue.
 * - provisioning-solver.ts for the round, offerings.ts for the launch (capacity type, price order, fallback on
 *   insufficient capacity with the 3-minute cache). A launch that finds no offering fails (the NodeClaim is
 *   deleted, as pkg/controllers/nodeclaim/lifecycle/launch.go does on InsufficientCapacityError) and the pods go
 *   to the batch their next requeue opens.
 * - pkg/controllers/disruption/controller.go: every `pollingPeriod` (10 s) the methods run in order (`NewMethods`) —
 *   Emptiness, drift (drift.ts: after a NodePool rollout; no validation delay, its replacement checked every 1 s),
 *   multi-node consolidation, single-node consolidation — and the first that yields a command acts.
 *   emptiness.go `Emptiness.ComputeCommands` deletes every empty, consolidatable node the "Empty" budget allows; multinodeconsolidation.go deletes several candidates at once or replaces them by one
 *   node (multi-node-consolidation.ts); singlenodeconsolidation.go takes the first candidate with a command
 *   (consolidation.ts) within the "Underutilized" budget. A command is re-validated after `commandValidationDelay`
 *   (15 s) and dropped if a node gained pods (emptiness) or the simulation no longer holds. A replacement is
 *   launched and must be Ready before the old nodes are tainted and drained (pkg/controllers/disruption/queue.go).
 * - A node that never registers is deleted after the registration TTL (15 min,
 *   pkg/controllers/nodeclaim/lifecycle/liveness.go `registrationTimeout`) and its pods provisioned again.
 * - Expiration (expiration.ts, pkg/controllers/nodeclaim/expiration/controller.go): every node of a pool with
 *   `expireAfter` is deleted at its launch + expireAfter, forcefully: outside the disruption loop, whatever the
 *   budgets allow and whether consolidation is on or not, with no replacement pre-spun. A Ready node is
 *   cordoned and drained, a node still launching or NotReady is deleted at once.
 * - A provisioning round schedules the pods still running on nodes being deleted with the pending ones
 *   (provisioner.go `Schedule`: `nodes.Deleting().CurrentlyReschedulablePods`), so a node whose eviction a
 *   PodDisruptionBudget holds back gets its pods' capacity launched at the drain's first round; an existing node a
 *   round puts a pod on is nominated for 20 s, and a disruption command on it fails validation (node-nomination.ts).
 * - A drain evicts through the Eviction API: a pod whose PodDisruptionBudget allows no disruption (or that carries
 *   `karpenter.sh/do-not-disrupt: "true"`, never evicted) is retried with the
 *   eviction queue's backoff (`evict`), and a node holding such a pod is no consolidation candidate (`podsDisruptable`).
 *   With the NodePool's `terminationGracePeriod` the node has a deadline, and a pod is deleted anyway once its own
 *   grace would run past it (node-termination-grace.ts).
 * - Budgets with a `schedule` are active from each hit for `duration` (disruption-budget.ts `isBudgetActive`) on the
 *   controller's clock, `settings.startEpochSeconds` + simulated time; no event marks a window's edges, as upstream:
 *   the next 10 s poll after a window closes (Emptiness does not mark the cluster consolidated while a budget
 *   blocked a candidate) sees the budget gone.
 * Not ported: the interruption queue; drift other than the template hash's (requirements, instance types, the provider's).
 */
import type { EngineKarpenterSettings } from '../engine/engine-config.ts';
import { DEFAULT_START_DATE, startEpochSeconds } from '../engine/wall-clock.ts';
import type { Pod } from '../engine/pod.ts';
import { PodState } from '../engine/pod.ts';
import { type NodeRuntime, NodeState } from '../cluster/node-runtime.ts';
import type { JobPod } from '../cluster/job-queue.ts';
import { isPreempting } from '../cluster/nomination.ts';
import type { PoolRuntime } from '../cluster/pool-runtime.ts';
import { commandStillHolds } from './command-validation.ts';
import { orderByWeight } from './node-pool-order.ts';
import { type CandidateNode, computeConsolidation, type ConsolidationCommand, type Destination, type PoolLookup, savingsRatio, simulateRemoval } from './consolidation.ts';
import { type DisruptionReason, disruptionsLeft } from './disruption-budget.ts';
import { COMMAND_RETRY_SECONDS, DISRUPTION_QUEUE_SECONDS, driftedAt, orderDriftCandidates } from './drift.ts';
import { expirationTime, isExpired } from './expiration.ts';
import { computeMultiNodeConsolidation } from './multi-node-consolidation.ts';
import { isNominated, nominationWindowSeconds } from './node-nomination.ts';
import { forcedGraceSeconds, needsForceDelete, nodeTerminationTime } from './node-termination-grace.ts';
import { DEFAULT_TERMINATION_GRACE_SECONDS } from '../engine/termination-grace.ts';
import { chooseCapacityType, isStockedOut, launchOrder, type Offering, UnavailableOfferings } from './offerings.ts';
import { type ActiveNode, type PoolCaps, type PoolLimits } from './pool-limits.ts';
import { solve, type SolverNode, type SolverPod, type SolverPool } from './provisioning-solver.ts';
import type { OtherSimPods, SimPod } from './simulation-queue.ts';

/** `pollingPeriod` of the disruption controller (controller.go), s. */
export const DISRUPTION_POLLING_SECONDS = 10;
/** `commandValidationDelay` (consolidation.go): a command is checked again this long after it was computed, s. */
export const COMMAND_VALIDATION_SECONDS = 15;
/**
 * `RequeueAfter` of the provisioner's pod and node triggers (provisioning/controller.go `PodController.Reconcile`,
 * `NodeController.Reconcile`): a pod still provisionable, or a node still tainted for disruption, triggers again
 * this long after its last reconcile, s.
 */
export const PROVISIONER_REQUEUE_SECONDS = 10;
/** The eviction queue's `evictionQueueBaseDelay` and `evictionQueueMaxDelay` (termination/terminator/eviction.go), s. */
export const EVICTION_QUEUE_BASE_SECONDS = 0.1;
export const EVICTION_QUEUE_MAX_SECONDS = 10;

/**
 * `workqueue.ItemExponentialFailureRateLimiter.When`: the delay before a pod's next eviction attempt after its
 * `failures`-th refusal (0-based): base × 2^failures, at most the max.
 */
export function evictionBackoffSeconds(failures: number): number {
  return Math.min(EVICTION_QUEUE_BASE_SECONDS * 2 ** failures, EVICTION_QUEUE_MAX_SECONDS);
}
/** NodeClaim registration TTL (lifecycle/liveness.go), s. */
export const REGISTRATION_TTL_SECONDS = 15 * 60;

/** Karpenter's settings at their upstream defaults (pkg/operator/options/options.go), on the default start day. */
export const DEFAULT_KARPENTER_SETTINGS: Readonly<EngineKarpenterSettings> = Object.freeze({
  batchIdleSeconds: 1,
  batchMaxSeconds: 10,
  spotToSpotConsolidation: false,
  startEpochSeconds: startEpochSeconds(DEFAULT_START_DATE),
});

/** What Karpenter asks the simulation to do. */
export interface KarpenterActions {
  /** Launch a node of this offering (ready after the pool's provisioning delay, or never). */
  launch(pool: PoolRuntime, offering: Offering, now: number): NodeRuntime;
  /** Evict a pod (its Deployment replaces it). */
  evictPod(pod: Pod, now: number): void;
  /**
   * Delete a pod with `DeleteOptions.GracePeriodSeconds` (no Eviction API, so no PodDisruptionBudget): the forced
   * deletion at a node's terminationGracePeriod. A pod already terminating gets the shorter grace.
   */
  deletePod(pod: Pod, graceSeconds: number, now: number): void;
  /** The pod's own `terminationGracePeriodSeconds`, s. */
  terminationGraceOf(pod: Pod): number;
  /**
   * The Eviction API's verdict on a pod now: false is a 429, its PodDisruptionBudget allowing no disruption
   * (cluster/pod-disruption-budget.ts). Omitted: every eviction is accepted.
   */
  evictionAllowed?(pod: Pod): boolean;
  /** `status.disruptionsAllowed` of the PodDisruptionBudget over this pod now; null when none selects it. */
  disruptionsAllowed?(pod: Pod): number | null;
  /** Whether the pod's PodDisruptionBudget blocks every eviction by its spec (cluster/pod-disruption-budget.ts `isFullyBlocking`). Omitted: none does. */
  fullyBlockingBudget?(pod: Pod): boolean;
  /**
   * The pod carries `karpenter.sh/do-not-disrupt: "true"` (pkg/utils/pod/scheduling.go `IsDoNotDisruptActive`): its
   * node is no candidate of a graceful method, and a drain never evicts it. Omitted: no pod does.
   */
  doNotDisrupt?(pod: Pod): boolean;
  /** Evict a job's pod (the job loses its node: it is requeued, from its last checkpoint). */
  evictJobPod(pod: JobPod, now: number): void;
  /** Delete a node (empty or drained). */
  deleteNode(pool: PoolRuntime, node: NodeRuntime, now: number): void;
  gpusOf(pod: Pod): number;
  poolsOf(pod: Pod): readonly number[];
  /** Job pods that are unschedulable now (job-queue.ts `unschedulablePods`); none without jobs. */
  unschedulableJobPods?(): readonly JobPod[];
  /** Whether this job pod is one of `unschedulableJobPods` now (job-queue.ts `isUnschedulable`). */
  jobPodUnschedulable?(pod: JobPod): boolean;
  /** Run `fn` at simulated time `t`. */
  schedule(t: number, fn: (now: number) => void): void;
  /** Record an event on the pool. */
  event(now: number, kind: 'insufficient-capacity' | 'consolidation' | 'drift', pool: PoolRuntime, detail: string): void;
}

/** Per pool: what Karpenter did. */
export interface KarpenterPoolStats {
  /** Launch attempts refused for insufficient capacity (each moved on to the next offering or failed the launch). */
  insufficientCapacity: number;
  /** Launches that found no offering left. */
  failedLaunches: number;
  empty: number;
  deleted: number;
  replaced: number;
  /** Nodes deleted because they reached `expireAfter`. */
  expired: number;
  /** Drifted nodes deleted by a drift command (replaced first when their pods needed a node). */
  drifted: number;
}

export class KarpenterController {
  readonly ice = new UnavailableOfferings();
  readonly stats = new Map<number, KarpenterPoolStats>();
  private windowStart = -1;
  private lastTrigger = -1;
  /** `Batcher.elems`: what triggered the open window (pods, job pods, nodes); a second trigger of one is ignored. */
  private readonly batched = new Set<object>();
  /** Provisioning rounds run so far (batch windows closed): what the triggers cost, for tests. */
  rounds = 0;
  /** Nodes a command is pending on (validation, or waiting for a replacement): not candidates again. */
  private readonly marked = new Set<NodeRuntime>();
  /**
   * Nodes of a started replace command waiting for their replacement: `MarkedForDeletion` upstream from the command's
   * start (disruption/queue.go `StartCommand`), so no longer active nodes against the NodePool's limits.
   */
  private readonly deleting = new Set<NodeRuntime>();
  private readonly karpenterPools: PoolRuntime[];
  /** Each Karpenter pool's place in `OrderByWeight` (node-pool-order.ts): where a new NodeClaim is tried first. */
  private readonly weightRank: Map<number, number>;

  constructor(
    private readonly pools: readonly PoolRuntime[],
    /** Unscheduled pods, oldest first (entries that left phase Pending are skipped). */
    private readonly pending: readonly Pod[],
    private readonly settings: EngineKarpenterSettings,
    private readonly actions: KarpenterActions,
  ) {
    this.karpenterPools = pools.filter((p) => p.config.karpenter);
    const order = orderByWeight(this.karpenterPools.map((p) => ({ index: p.index, name: p.config.name, weight: p.config.karpenter!.weight })));
    this.weightRank = new Map(order.map((index, rank) => [index, rank]));
    for (const p of this.karpenterPools) this.stats.set(p.index, { insufficientCapacity: 0, failedLaunches: 0, empty: 0, deleted: 0, replaced: 0, expired: 0, drifted: 0 });
  }

  /**
   * Starts the disruption loop (t = 0) for pools with consolidation on. As controller.go `Reconcile` runs it, the
   * methods in order (`c.disrupt(ctx, m)` for each): a method that computes a command is blocked in its validator for
   * `commandValidationDelay` (15 s, validation.go `Validate` waits on the clock); a command that still holds is
   * started and the loop comes back at once (`RequeueImmediately`) while the command's nodes still count as
   * disrupting; a command that no longer holds makes its method return no command, and the NEXT method runs at that
   * time (emptiness → multi-node → single-node; after single-node there is none). When no method started a command
   * the loop comes back after `pollingPeriod` (10 s).
   */
  start(): void {
    // The expiration controller reconciles every NodeClaim, whatever the disruption settings.
    for (const p of this.karpenterPools) for (const n of p.nodes) this.watchExpiration(p, n);
    // The disruption controller always runs upstream; here only when a method can act: consolidation on, or a rollout
    // to drift nodes (Drift.ShouldDisrupt reads no consolidation setting).
    const consolidates = this.karpenterPools.some((p) => p.config.karpenter!.consolidateAfterSeconds !== null);
    if (!consolidates && !this.karpenterPools.some((p) => (p.config.rollouts?.length ?? 0) > 0)) return;
    const reconcile = (now: number): void => this.runMethods(0, now, reconcile);
    this.actions.schedule(0, reconcile);
  }

  /** Reconcile's loop over the methods from `from` on (see `start`). */
  private runMethods(from: number, now: number, reconcile: (now: number) => void): void {
    // `NewMethods` order (static drift is for static NodePools, which design-sim has not). Each method's delay before
    // its command starts: the consolidation methods' validation; drift has none.
    const methods: [(t: number) => Command | null, number][] = [
      [(t) => this.emptiness(t), COMMAND_VALIDATION_SECONDS],
      [(t) => this.drift(t), 0],
      [(t) => this.multiNode(t), COMMAND_VALIDATION_SECONDS],
      [(t) => this.singleNode(t), COMMAND_VALIDATION_SECONDS],
    ];
    for (let i = from; i < methods.length; i++) {
      const [method, delay] = methods[i]!;
      const command = method(now);
      if (command === null) continue;
      const after = (t: number) => (started: boolean) => (started ? reconcile(t) : this.runMethods(i + 1, t, reconcile));
      // No delay: the command starts within this reconcile (`StartCommand` in `disrupt`), before anything else due now.
      if (delay === 0) command(now, after(now));
      else this.actions.schedule(now + delay, (t) => command(t, after(t)));
      return;
    }
    this.actions.schedule(now + DISRUPTION_POLLING_SECONDS, reconcile);
  }

  /**
   * A serving pod became pending (kube-scheduler marked it Unschedulable): `PodController.Reconcile` triggers the
   * batcher for it, then again every `PROVISIONER_REQUEUE_SECONDS` while it stays provisionable.
   */
  trigger(pod: Pod, now: number): void {
    if (!this.provisionable(pod)) return;
    this.touch(pod, now);
    // The work queue holds one delayed requeue per pod (the earliest): a pod update while one is pending adds none.
    const pending = this.requeueAt.get(pod);
    if (pending !== undefined && pending > now) return;
    const at = now + PROVISIONER_REQUEUE_SECONDS;
    this.requeueAt.set(pod, at);
    this.actions.schedule(at, (t) => {
      this.requeueAt.delete(pod);
      this.trigger(pod, t);
    });
  }

  /** Each serving pod's pending requeue time (see `trigger`). */
  private readonly requeueAt = new WeakMap<Pod, number>();

  // `IsProvisionable` for a serving pod as `provision` lists it: unbound (phase Pending), not preempting (no nominated
  // node: cluster/nomination.ts) and able to use a Karpenter pool.
  private provisionable(pod: Pod): boolean {
    return pod.state === PodState.Pending && !isPreempting(pod.nominated) && this.actions.poolsOf(pod).some((i) => this.pools[i]!.config.karpenter);
  }

  /**
   * A job's pods were just marked unschedulable: provisionable pods of every owner trigger the batcher
   * (`PodController.Reconcile`), and each is requeued every `PROVISIONER_REQUEUE_SECONDS` while it stays so. Pods
   * marked together share their requeue times, so they are followed together.
   */
  triggerJob(pods: readonly JobPod[], now: number): void {
    const mine = pods.filter((jp) => this.pools[jp.run.job.pool]!.config.karpenter);
    for (const pod of mine) this.touch(pod, now);
    // As for a serving pod, one delayed requeue per pod: one still pending for this pod (not a replacement) covers it.
    const fresh = mine.filter((pod) => {
      const r = this.jobRequeueAt.get(pod);
      return r === undefined || !(r.at > now) || r.createdAt !== pod.createdAt;
    });
    if (fresh.length > 0) this.requeueJobPods(fresh.map((pod) => ({ pod, createdAt: pod.createdAt })), now);
  }

  // A JobPod object is reused for its replacement (createdAt changes): that is another pod, with its own requeues.
  private requeueJobPods(pods: readonly { pod: JobPod; createdAt: number }[], now: number): void {
    for (const { pod } of pods) this.touch(pod, now);
    const at = now + PROVISIONER_REQUEUE_SECONDS;
    for (const { pod, createdAt } of pods) this.jobRequeueAt.set(pod, { at, createdAt });
    this.actions.schedule(at, (t) => {
      const still = pods.filter(({ pod, createdAt }) => pod.createdAt === createdAt && this.jobRequeueAt.get(pod)?.at === at && (this.actions.jobPodUnschedulable?.(pod) ?? false));
      if (still.length > 0) this.requeueJobPods(still, t);
    });
  }

  /** Each job pod's pending requeue: when, and for which pod (its creation time). */
  private readonly jobRequeueAt = new WeakMap<JobPod, { at: number; createdAt: number }>();

  /**
   * `NodeController.Reconcile`: a node carrying the disrupted NoSchedule taint (drained here) triggers the batcher,
   * then every `PROVISIONER_REQUEUE_SECONDS` until it is gone.
   */
  private triggerDisrupted(node: NodeRuntime, now: number): void {
    const tainted = node.state === NodeState.Draining || (node.state === NodeState.NotReady && node.stateBeforeFailure === NodeState.Draining);
    if (!tainted) return;
    this.touch(node, now);
    this.actions.schedule(now + PROVISIONER_REQUEUE_SECONDS, (t) => this.triggerDisrupted(node, t));
  }

  /** `Batcher.Trigger`: opens the window, or extends it unless `elem` already triggered it. */
  private touch(elem: object, now: number): void {
    if (this.batched.has(elem)) return;
    this.batched.add(elem);
    this.lastTrigger = now;
    if (this.windowStart >= 0) return;
    this.windowStart = now;
    this.actions.schedule(now + this.settings.batchIdleSeconds, (t) => this.checkWindow(t));
  }

  private checkWindow(now: number): void {
    if (this.windowStart < 0) return;
    const closeAt = Math.min(this.lastTrigger + this.settings.batchIdleSeconds, this.windowStart + this.settings.batchMaxSeconds);
    if (now + 1e-9 < closeAt) {
      this.actions.schedule(closeAt, (t) => this.checkWindow(t));
      return;
    }
    this.windowStart = -1;
    this.batched.clear();
    this.rounds++;
    this.provision(now);
  }

  /**
   * One provisioning round (provisioner.go `Provisioner.Schedule`): the pending pods that may use a Karpenter pool,
   * and the pods still running on Karpenter nodes being deleted (`nodes.Deleting().CurrentlyReschedulablePods`,
   * `movingPods`), so that a drained or expiring node's pods get their capacity launched while they still run rather
   * than once evicted. The deleting nodes are not existing nodes for the round (`nodes.Active()`); the existing nodes
   * the round puts a pod on are nominated (node-nomination.ts).
   */
  provision(now: number): void {
    // The deleting nodes' pods after the pending ones, as upstream's `append(pendingPods, deletingNodePods...)`; the
    // solver's queue orders them all (larger first, then older, then uid). A round places on Karpenter pools only.
    const pods: SolverPod[] = [...this.pendingPods(), ...this.movingPods()].map((p) => ({ ...p, pools: p.pools.filter((i) => this.pools[i]!.config.karpenter) }));
    if (pods.length === 0) return;
    const { nodes, runtimes } = this.existingNodes();
    const before = nodes.map((n) => n.free);
    const { claims } = solve(pods, this.solverPools(), nodes, this.ice, now);
    // `Results.Record`: an existing node that took a pod in this round is nominated for the window.
    const until = now + nominationWindowSeconds(this.settings.batchMaxSeconds);
    nodes.forEach((n, i) => {
      if (n.free < before[i]!) this.nominatedUntil.set(runtimes[i]!, until);
    });
    // Pods left pending (a failed launch, no offering left until a cached one expires, a pool at its limits) are
    // provisioned again when their requeue next triggers the batcher: nothing else does.
    for (const claim of claims) this.launchFirstAvailable(this.pools[claim.pool]!, claim.types, null, now);
  }

  /**
   * One launch (`CloudProvider.Create` → `getCapacityType` → CreateFleet): offerings in price order; each one that
   * is stocked out is cached as unavailable and the next is tried. `spot` forces a capacity type (replacements).
   */
  launchFirstAvailable(pool: PoolRuntime, types: readonly number[], spot: boolean | null, now: number): NodeRuntime | null {
    const k = pool.config.karpenter!;
    const stats = this.stats.get(pool.index)!;
    const capacity = spot ?? chooseCapacityType(pool.index, k, types, this.ice, now);
    if (capacity !== null) {
      for (const o of launchOrder(pool.index, k, types, capacity, this.ice, now)) {
        const type = k.types[o.type]!;
        if (isStockedOut(pool.config.stockouts, type.instanceId, o.spot, k.zones[o.zone]!, now)) {
          this.ice.mark(pool.index, o, now);
          stats.insufficientCapacity++;
          this.actions.event(now, 'insufficient-capacity', pool, `${type.instanceId} ${o.spot ? 'spot' : 'on-demand'} ${k.zones[o.zone]}: trying the next offering`);
          continue;
        }
        const node = this.actions.launch(pool, o, now);
        this.watchExpiration(pool, node);
        if (node.failed) this.actions.schedule(now + REGISTRATION_TTL_SECONDS, (t) => this.registrationTimeout(pool, node, t));
        return node;
      }
    }
    stats.failedLaunches++;
    return null;
  }

  // Reconcile's `RequeueAfter: expirationTime − now`: one timer per NodeClaim, at its expiration time.
  private watchExpiration(pool: PoolRuntime, node: NodeRuntime): void {
    const at = expirationTime(node.requestedAt, pool.config.karpenter!.expireAfterSeconds);
    if (at < Infinity) this.actions.schedule(at, (t) => this.expire(pool, node, t));
  }

  /** The NodeClaim reached expireAfter: delete it (forceful: no budget, no replacement first). */
  private expire(pool: PoolRuntime, node: NodeRuntime, now: number): void {
    // Reconcile's own test (the timer is set for the expiration time, so it holds; it is the rule, kept in one place).
    if (!isExpired(now, node.requestedAt, pool.config.karpenter!.expireAfterSeconds)) return;
    // Already being deleted (DeletionTimestamp set): gone, draining, or failed while draining.
    if (beingDeleted(node)) return;
    this.stats.get(pool.index)!.expired++;
    if (node.state === NodeState.Ready) {
      this.drain(pool, node, now);
      return;
    }
    // Launching or NotReady: no pods to drain; pending pods counted on a launching node get a new NodeClaim at their
    // next requeue (a NodeClaim's deletion triggers no provisioning).
    this.marked.delete(node);
    this.actions.deleteNode(pool, node, now);
  }

  // liveness.go: the NodeClaim is deleted; its pods, still pending, provision again at their next requeue.
  private registrationTimeout(pool: PoolRuntime, node: NodeRuntime, now: number): void {
    if (node.state !== NodeState.Provisioning) return;
    this.actions.deleteNode(pool, node, now);
  }

  // The round counts the active nodes against the limits (provisioner.go `Schedule` hands `NewScheduler`
  // `nodes.Active()`): a node being deleted is credited back, as in a consolidation simulation.
  private solverPools(): SolverPool[] {
    const { active } = this.poolLimits();
    return this.karpenterPools.map((p) => {
      const mine = active.filter((n) => n.pool === p.index);
      return { index: p.index, config: p.config.karpenter!, nodes: mine.length, units: mine.reduce((a, n) => a + n.units, 0), maxNodes: p.config.maxNodes };
    });
  }

  /**
   * Each Karpenter pool's caps (`limits.nodes` with the pool's maxNodes, the unit's limit) and the active nodes they
   * are counted against (pool-limits.ts): every node not gone nor being deleted (`StateNodes.Active`: not
   * `MarkedForDeletion`, i.e. not draining nor waiting for a command's replacement), in flight ones included.
   */
  private poolLimits(): PoolLimits {
    const caps = new Map<number, PoolCaps>();
    const active: ActiveNode[] = [];
    for (const p of this.karpenterPools) {
      const k = p.config.karpenter!;
      caps.set(p.index, { nodes: Math.min(p.config.maxNodes, k.limitNodes ?? Infinity), units: k.limitUnits ?? Infinity });
      for (const n of p.nodes) if (!beingDeleted(n) && !this.deleting.has(n)) active.push({ uid: n.uid, pool: p.index, units: n.gpus });
    }
    return { caps, active };
  }

  // scheduler.go `calculateExistingNodeClaims` / `sortExistingNodes`: the pools' nodes not being deleted (Draining
  // here, or waiting for a command's replacement: `nodes.Active()` leaves out `MarkedForDeletion`), initialized
  // (Ready) ones first, then in-flight ones (launched, not yet Ready), with what their pods take.
  // An in-flight node that will never register counts too: Karpenter cannot know it until the registration TTL
  // deletes its NodeClaim (otherwise every requeue of its pods would launch another node).
  // A pending pod fits a Ready node only when the scheduler held it back for another reason: a gang whose other pods
  // do not fit.
  private existingNodes(): { nodes: SolverNode[]; runtimes: NodeRuntime[] } {
    const nodes: SolverNode[] = [];
    const runtimes: NodeRuntime[] = [];
    for (const p of this.karpenterPools)
      for (const n of p.nodes)
        if (n.state === NodeState.Ready && !this.deleting.has(n)) {
          nodes.push({ pool: p.index, free: n.freeGpus });
          runtimes.push(n);
        }
    for (const p of this.karpenterPools)
      for (const n of p.nodes)
        if (n.state === NodeState.Provisioning) {
          nodes.push({ pool: p.index, free: n.gpus - n.gpusUsed });
          runtimes.push(n);
        }
    return { nodes, runtimes };
  }

  /** Each node's `nominatedUntil` (node-nomination.ts), set by `provision`. */
  private readonly nominatedUntil = new WeakMap<NodeRuntime, number>();

  private nominated(node: NodeRuntime, now: number): boolean {
    return isNominated(this.nominatedUntil.get(node) ?? -Infinity, now);
  }

  // ---- disruption ----

  /**
   * The first command of a pass (emptiness, else multi-node, else single-node consolidation), for tests: null when
   * there is none.
   * The command validates at `t` and calls `next(started)`: when started, before the nodes it deletes are gone.
   */
  disrupt(now: number): Command | null {
    return this.emptiness(now) ?? this.drift(now) ?? this.multiNode(now) ?? this.singleNode(now);
  }

  /**
   * disruption/drift.go `Drift.ComputeCommands` (karpenter/drift.ts): the drifted candidates in order, each within its
   * pool's "Drifted" budget, simulated away with `SimulateScheduling` (a drift simulation is no consolidation
   * simulation: consolidateAfter holds nothing back); the first whose pods all schedule is the command: deleted when
   * they fit elsewhere, else replaced by the one NodeClaim they need (a candidate needing more than one is skipped
   * here, see docs/fidelity.md). The command starts at once (`startDrift`).
   */
  private drift(now: number): Command | null {
    const candidates = this.driftCandidates(now);
    if (candidates.length === 0) return null;
    const destinations = this.destinations(now).map((d) => ({ ...d, underConsolidateAfter: false }));
    const limits = this.poolLimits();
    const pods = this.simulationPods();
    for (const c of candidates) {
      // One candidate per command, so the mapping built once per pass is this pool's left budget.
      if (this.budgetLeft(c.pool, 'Drifted', now) <= 0) continue;
      const sim = simulateRemoval([c.view], this.poolOf, destinations, this.ice, now, limits, pods);
      // Not all pods scheduled (`AllNonPendingPodsScheduled` false): a Blocked event upstream, the next candidate.
      if (sim === null) continue;
      this.marked.add(c.node);
      return (t, next) => next(this.startDrift(c, sim, t));
    }
    return null;
  }

  /**
   * `GetCandidates` with `Drift.ShouldDisrupt` (the Drifted condition True) and the eventual class: a Karpenter node of
   * a pool with rollouts, initialized (Ready), in no command, not nominated (`ValidateNodeDisruptable`), drifted by
   * now; its pods must pass `ValidatePodsDisruptable` (do-not-disrupt, PodDisruptionBudgets) unless the NodePool has a
   * terminationGracePeriod (`NewCandidate`: an eventual method then ignores a `PodBlockEvictionError`). Its view holds
   * the pods the simulation moves: `IsCurrentlyReschedulable` ones (not do-not-disrupt, not under a fully blocking
   * budget). In `orderDriftCandidates` order.
   */
  private driftCandidates(now: number): (Chosen & { view: CandidateNode; driftedAt: number; uid: number; empty: boolean })[] {
    const out: (Chosen & { view: CandidateNode; driftedAt: number; uid: number; empty: boolean })[] = [];
    for (const pool of this.karpenterPools) {
      const rollouts = pool.config.rollouts;
      // `ValidateNodeDisruptable` (the node's do-not-disrupt annotation) is no PodBlockEvictionError: eventual or not.
      if (rollouts === undefined || rollouts.length === 0 || pool.config.karpenter!.doNotDisrupt === true) continue;
      const eventual = pool.config.karpenter!.terminationGracePeriodSeconds != null;
      for (const n of pool.nodes) {
        const at = driftedAt(n.requestedAt, rollouts);
        if (!(at <= now) || n.state !== NodeState.Ready || this.marked.has(n) || this.nominated(n, now)) continue;
        if (!eventual && this.podBlockingEviction(n) !== null) continue;
        const view = this.candidateView(pool, n);
        // A job's pods (uid −1 in the view, do-not-disrupt ones left out) are reschedulable; a serving pod only if currently so.
        const moving = new Set([...n.pods].filter((p) => this.currentlyReschedulable(p)).map((p) => p.uid));
        view.pods = view.pods.filter((p) => p.uid < 0 || moving.has(p.uid));
        out.push({ pool, node: n, view, driftedAt: at, uid: n.uid, empty: isEmpty(n) });
      }
    }
    return orderDriftCandidates(out);
  }

  /**
   * queue.go `StartCommand` at once, then `Reconcile` every `queueBaseDelay` (1 s): a delete drains the node now; a
   * replace launches the replacement (the provisioner's capacity-type choice, as any NodeClaim), marks the candidate for
   * deletion, and drains it once the replacement is Ready; a replacement that fails or is not Ready within the retry
   * duration (10 min) fails the command and frees the candidate. Returns whether the command started.
   */
  private startDrift(c: Chosen, sim: NonNullable<ReturnType<typeof simulateRemoval>>, now: number): boolean {
    const { pool, node } = c;
    this.marked.delete(node);
    const what = describeNode(pool, node);
    if (!sim.replacement) {
      this.stats.get(pool.index)!.drifted++;
      this.actions.event(now, 'drift', pool, `drifted node ${node.uid} (${what}) drained: its pods fit elsewhere`);
      this.drain(pool, node, now);
      return true;
    }
    const target = this.pools[sim.pool]!;
    const replacement = this.launchFirstAvailable(target, sim.types, null, now);
    if (replacement === null) return false;
    this.marked.add(node);
    this.deleting.add(node);
    this.actions.event(now, 'drift', pool, `drifted node ${node.uid} (${what}): replacement node ${replacement.uid} (${describeNode(target, replacement)}) launched`);
    this.awaitReplacement(
      replacement,
      now,
      (t) => {
        this.stats.get(pool.index)!.drifted++;
        this.actions.event(t, 'drift', pool, `drifted node ${node.uid} (${what}) drained: replacement node ${replacement.uid} is Ready`);
        this.drain(pool, node, t);
      },
      [node],
    );
    return true;
  }

  /**
   * The orchestration queue's wait for a command's replacement (queue.go `Reconcile` → `waitOrTerminate`): checked
   * every `queueBaseDelay` (1 s) after the command starts; once it is initialized (Ready here) the candidates are
   * drained (`ready`); a replacement that failed, or is still not Ready past the retry duration (`minRetryDuration`,
   * 10 min, for a queue of fewer than 7,500 commands), fails the command: the `candidates` are disruptable again. A
   * replacement that will never register is not known as such: the command waits out the retry duration (the
   * registration TTL, 15 min, deletes the NodeClaim later).
   */
  private awaitReplacement(replacement: NodeRuntime, started: number, ready: (t: number) => void, candidates: readonly NodeRuntime[]): void {
    const wait = (t: number): void => {
      if (replacement.state === NodeState.Ready) ready(t);
      else if (replacement.state === NodeState.Provisioning && !(t - started > COMMAND_RETRY_SECONDS)) this.actions.schedule(t + DISRUPTION_QUEUE_SECONDS, wait);
      else
        for (const n of candidates) {
          this.marked.delete(n);
          this.deleting.delete(n);
        }
    };
    this.actions.schedule(started + DISRUPTION_QUEUE_SECONDS, wait);
  }

  /**
   * The candidate filter's `Consolidatable` condition (nodeclaim/disruption/consolidation.go `Reconcile`,
   * `IsUnderConsolidateAfter`): initialized (Ready here), not already in a command, and `consolidateAfter` passed
   * since the last pod event (karpenter/pod-events.ts) or, with none, since the node was initialized.
   */
  private consolidatable(pool: PoolRuntime, node: NodeRuntime, now: number): boolean {
    const after = pool.config.karpenter!.consolidateAfterSeconds;
    // A do-not-disrupt node annotation (the NodePool template's): `ValidateNodeDisruptable` fails for every method.
    if (after === null || node.state !== NodeState.Ready || this.marked.has(node) || pool.config.karpenter!.doNotDisrupt === true) return false;
    return now - lastPodEventOrInit(node) >= after && this.podsDisruptable(node);
  }

  /**
   * pkg/utils/disruption/disruption.go `IsUnderConsolidateAfter` as the scheduler reads it for a destination
   * (scheduling/scheduler.go `calculateExistingNodeClaims` with `IsConsolidationSimulation`, `addToExistingNode`): a
   * Karpenter node, initialized (Ready here), whose pool has a `consolidateAfter` above 0 and whose last pod event (or
   * initialization) is less than that ago. `Never` (a nil duration) and 0 are never "under"; nodes of the cluster
   * autoscaler's pools have no NodePool and are never "under" either.
   */
  private underConsolidateAfter(pool: PoolRuntime, node: NodeRuntime, now: number): boolean {
    const after = pool.config.karpenter?.consolidateAfterSeconds ?? null;
    if (after === null || after === 0 || node.state !== NodeState.Ready) return false;
    return now - lastPodEventOrInit(node) < after;
  }

  /**
   * disruption/types.go `NewCandidate` → state/statenode.go `ValidatePodsDisruptable` → pkg/utils/pdb/pdb.go
   * `Limits.CanEvictPods`: a node is no candidate (nor still one at validation) while one of its pods is selected by a
   * PodDisruptionBudget whose `disruptionsAllowed` is 0. Pods that would not be evicted (terminating) do not count
   * (`isEvictable` → `podutil.IsEvictable`). One allowed disruption is enough for a node holding 8 of the budget's
   * pods: they are not all evictable at once, and the termination controller's eviction queue waits for each.
   */
  private podsDisruptable(node: NodeRuntime): boolean {
    return this.podBlockingEviction(node) === null;
  }

  /**
   * `ValidatePodsDisruptable`'s verdict: the first active pod (not terminating: `IsActive`) that blocks the node's
   * disruption, by its do-not-disrupt annotation (`IsDisruptable`) or by a PodDisruptionBudget allowing 0 disruptions
   * (`CanEvictPods`); null when none does. Either is a `PodBlockEvictionError`, which an eventual method ignores when
   * the NodeClaim has a terminationGracePeriod (disruption/types.go `NewCandidate`).
   */
  private podBlockingEviction(node: NodeRuntime): Pod | JobPod | null {
    // A Job's pods have no PodDisruptionBudget here; their annotation is the job's (`jobs[].podAnnotations`).
    for (const jp of node.jobPods) if (jobDoNotDisrupt(jp)) return jp;
    const dnd = this.actions.doNotDisrupt;
    const allowed = this.actions.disruptionsAllowed;
    if (dnd === undefined && allowed === undefined) return null;
    for (const p of node.pods) {
      if (p.state === PodState.Terminating || p.state === PodState.Gone) continue;
      if ((dnd?.(p) ?? false) || allowed?.(p) === 0) return p;
    }
    return null;
  }

  private budgetLeft(pool: PoolRuntime, reason: DisruptionReason, now: number): number {
    let num = 0;
    let disrupting = 0;
    for (const n of pool.nodes) {
      // Initialized nodes count toward the total; one NotReady (failed) or being deleted uses the budget.
      if (n.state !== NodeState.Ready && n.state !== NodeState.Draining && n.state !== NodeState.NotReady) continue;
      num++;
      if (n.state !== NodeState.Ready || this.marked.has(n)) disrupting++;
    }
    // The controller's clock (`c.clock` upstream) is the scenario's start instant plus the simulated time.
    return disruptionsLeft(pool.config.karpenter!.budgets, num, disrupting, reason, this.settings.startEpochSeconds + now);
  }

  private emptiness(now: number): Command | null {
    const chosen: [PoolRuntime, NodeRuntime][] = [];
    for (const pool of this.karpenterPools) {
      const k = pool.config.karpenter!;
      const empty = pool.nodes.filter((n) => isEmpty(n) && this.consolidatable(pool, n, now));
      if (empty.length === 0) continue;
      // sortCandidates: the dearest node first (an empty node's disruption cost is the base cost).
      empty.sort((a, b) => (priceOfNode(k, b) ?? 0) - (priceOfNode(k, a) ?? 0) || a.uid - b.uid);
      let left = this.budgetLeft(pool, 'Empty', now);
      for (const n of empty) {
        if (left-- <= 0) break;
        chosen.push([pool, n]);
      }
    }
    if (chosen.length === 0) return null;
    for (const [, n] of chosen) this.marked.add(n);
    // EmptinessValidator.validateCandidates: each node must still pass Emptiness.ShouldDisrupt (empty AND
    // Consolidatable: a pod that came and went during the delay restarts consolidateAfter), then fit the budget
    // mapping built again now (the command's own nodes are not marked for deletion yet, so they do not count).
    // Some nodes valid: the command goes on with those; none: the method yields nothing.
    return (t, next) => {
      for (const [, n] of chosen) this.marked.delete(n);
      const left = new Map<PoolRuntime, number>();
      const valid = chosen.filter(([pool, n]) => {
        if (!isEmpty(n) || !this.consolidatable(pool, n, t)) return false;
        // A node a provisioning round put a pod on within the nomination window is dropped (node-nomination.ts).
        if (this.nominated(n, t)) return false;
        const budget = left.get(pool) ?? this.budgetLeft(pool, 'Empty', t);
        left.set(pool, budget - 1);
        return budget > 0;
      });
      if (valid.length === 0) return next(false);
      for (const [, n] of valid) this.marked.add(n);
      // The requeued pass sees the started command's nodes still marked for deletion (counted against the budget).
      next(true);
      for (const [pool, n] of valid) {
        this.marked.delete(n);
        this.stats.get(pool.index)!.empty++;
        this.actions.event(t, 'consolidation', pool, `empty node ${n.uid} (${pool.config.karpenter!.types[n.instanceType]!.instanceId}) deleted`);
        this.drain(pool, n, t);
      }
    };
  }

  /** Consolidation's candidates (`consolidation.ShouldDisrupt`) in `sortCandidates` order (ties: node order). */
  private consolidationCandidates(now: number): (Chosen & { view: CandidateNode })[] {
    const candidates: (Chosen & { view: CandidateNode; ratio: number })[] = [];
    for (const pool of this.karpenterPools) {
      const k = pool.config.karpenter!;
      if (k.consolidationPolicy !== 'WhenEmptyOrUnderutilized') continue;
      for (const n of pool.nodes) {
        if (isEmpty(n) || !this.consolidatable(pool, n, now)) continue;
        const view = this.candidateView(pool, n);
        candidates.push({ pool, node: n, view, ratio: savingsRatio(k, view) });
      }
    }
    return candidates.sort((a, b) => b.ratio - a.ratio || a.node.uid - b.node.uid);
  }

  private readonly poolOf: PoolLookup = (i) => this.pools[i]!.config.karpenter ?? undefined;

  /** multinodeconsolidation.go `ComputeCommands` (multi-node-consolidation.ts), then the same validation as single-node. */
  private multiNode(now: number): Command | null {
    const candidates = this.consolidationCandidates(now);
    if (candidates.length < 2) return null;
    const budgets = new Map(this.karpenterPools.map((p) => [p.index, this.budgetLeft(p, 'Underutilized', now)]));
    const cmd = computeMultiNodeConsolidation(
      candidates.map((c) => c.view),
      budgets,
      this.poolOf,
      this.destinations(now),
      this.settings.spotToSpotConsolidation,
      this.ice,
      now,
      this.poolLimits(),
      this.simulationPods(),
    );
    if (cmd === null) return null;
    const chosen = candidates.filter((c) => cmd.nodes.includes(c.node.uid));
    for (const c of chosen) this.marked.add(c.node);
    // A validation error ends the method with nothing (ComputeCommands returns no command); single-node runs next.
    return (t, next) => next(this.execute(chosen, cmd, t));
  }

  private singleNode(now: number): Command | null {
    const candidates = this.consolidationCandidates(now);
    if (candidates.length === 0) return null;
    const destinations = this.destinations(now);
    const limits = this.poolLimits();
    const pods = this.simulationPods();
    for (const c of candidates) {
      if (this.budgetLeft(c.pool, 'Underutilized', now) <= 0) continue;
      const cmd = computeConsolidation([c.view], this.poolOf, destinations, this.settings.spotToSpotConsolidation, this.ice, now, limits, pods);
      if (cmd === null) continue;
      this.marked.add(c.node);
      // A command that no longer holds ends the method with nothing (SingleNodeConsolidation.ComputeCommands returns
      // no command on a validation error; it does not try the next candidate).
      return (t, next) => next(this.execute([c], cmd, t));
    }
    return null;
  }

  /**
   * ConsolidationValidator.isValid after the delay, then the start (queue.go `StartCommand`): `validateCandidates`
   * (every node still passes ShouldDisrupt: Ready, not empty, Consolidatable; the Underutilized budget, built again
   * now, has room for each, one disruption per node) and `validateCommand` (command-validation.ts); the second
   * `validateCandidates` runs at the same instant, so it cannot differ. A replace launches the command's own
   * instance types and drains the nodes once the replacement is Ready. Returns whether the command started.
   */
  private execute(chosen: readonly Chosen[], cmd: ConsolidationCommand, now: number): boolean {
    for (const c of chosen) this.marked.delete(c.node);
    const left = new Map<PoolRuntime, number>();
    for (const { pool, node } of chosen) {
      if (isEmpty(node) || !this.consolidatable(pool, node, now)) return false;
      // One nominated candidate fails the whole command (node-nomination.ts).
      if (this.nominated(node, now)) return false;
      const budget = left.get(pool) ?? this.budgetLeft(pool, 'Underutilized', now);
      if (budget <= 0) return false;
      left.set(pool, budget - 1);
    }
    const views = chosen.map((c) => this.candidateView(c.pool, c.node));
    // validateCommand simulates again (`SimulateScheduling`), limits and the pods pending now included.
    if (!commandStillHolds(cmd, simulateRemoval(views, this.poolOf, this.destinations(now), this.ice, now, this.poolLimits(), this.simulationPods()))) return false;
    // Multi-node commands name their other nodes in each node's event (one event per node, as emptiness).
    const along = (node: NodeRuntime): string => {
      const rest = chosen.filter((c) => c.node !== node).map((c) => c.node.uid);
      return rest.length === 0 ? '' : ` with node${rest.length > 1 ? 's' : ''} ${rest.join(', ')} (multi-node)`;
    };
    if (cmd.kind === 'delete') {
      for (const { pool, node } of chosen) {
        this.stats.get(pool.index)!.deleted++;
        this.actions.event(now, 'consolidation', pool, `underutilized node ${node.uid} (${describeNode(pool, node)}) drained${along(node)}: ${chosen.length > 1 ? 'their' : 'its'} pods fit elsewhere`);
        this.drain(pool, node, now);
      }
      return true;
    }
    const target = this.pools[cmd.pool]!;
    const replacement = this.launchFirstAvailable(target, cmd.types, cmd.spot, now);
    if (replacement === null) return false;
    for (const c of chosen) {
      this.marked.add(c.node);
      this.deleting.add(c.node);
    }
    // Pre-spin: drain the old nodes once the replacement is Ready (or give up if it never is).
    this.awaitReplacement(
      replacement,
      now,
      (t) => {
        for (const { pool, node } of chosen) {
          this.stats.get(pool.index)!.replaced++;
          this.actions.event(t, 'consolidation', pool, `node ${node.uid} (${describeNode(pool, node)})${along(node)} replaced by node ${replacement.uid} (${describeNode(target, replacement)})`);
          this.drain(pool, node, t);
        }
      },
      chosen.map((c) => c.node),
    );
    return true;
  }

  private drain(pool: PoolRuntime, node: NodeRuntime, now: number): void {
    this.marked.delete(node);
    this.deleting.delete(node);
    if (node.state !== NodeState.Ready) return;
    node.state = NodeState.Draining;
    this.triggerDisrupted(node, now);
    // The NodeClaim is deleted now: its deadline is now + the pool's terminationGracePeriod (none when unset).
    const deadline = nodeTerminationTime(now, pool.config.karpenter!.terminationGracePeriodSeconds);
    for (const jp of [...node.jobPods]) this.evictJobPod(node, jp, 0, deadline, now);
    // `Terminator.Drain` enqueues every pod waiting eviction, the terminating ones included (a terminating pod whose
    // grace runs past the deadline is deleted again with less).
    for (const pod of [...node.pods]) this.evict(node, pod, 0, deadline, now);
    // The node goes once no pod is left on it: terminating pods finish first (the termination controller's drain).
    if (node.pods.size === 0 && node.jobPods.size === 0) this.actions.deleteNode(pool, node, now);
  }

  /**
   * The termination controller's eviction queue (pkg/controllers/node/termination/terminator/eviction.go
   * `Queue.Reconcile`): first `needsForceDelete` against the node's `deadline` (node-termination-grace.ts): a pod whose
   * own grace would run past it is deleted with what is left (`forceDelete`, no PodDisruptionBudget). Else a pod already
   * gone or terminating leaves the queue (`!podutils.IsActive`), and an active one is evicted through the Eviction API
   * (`evict`); a 429 (its PodDisruptionBudget allows no disruption) requeues it with the queue's per-item exponential
   * backoff, `evictionQueueBaseDelay` (100 ms) doubling per failure up to `evictionQueueMaxDelay` (10 s): nothing else
   * re-drives it, so the deadline is seen at the first retry past it, and without one the node waits for ever.
   */
  private evict(node: NodeRuntime, pod: Pod, failures: number, deadline: number | null, now: number): void {
    if (pod.node !== node || pod.state === PodState.Gone) return;
    const terminating = pod.state === PodState.Terminating;
    if (needsForceDelete({ terminating, deletedAt: pod.deletedAt, graceSeconds: this.actions.terminationGraceOf(pod) }, deadline, now)) {
      this.actions.deletePod(pod, forcedGraceSeconds(deadline!, now), now);
      return;
    }
    if (terminating) return;
    // Active but not evictable (`IsEvictable`: an active do-not-disrupt annotation): it stays in the queue under the
    // same per-item backoff (`Requeue: true`), until the deadline makes `needsForceDelete` true, or for ever without one.
    if (this.actions.doNotDisrupt?.(pod) ?? false) {
      this.actions.schedule(now + evictionBackoffSeconds(failures), (t) => this.evict(node, pod, failures + 1, deadline, t));
      return;
    }
    if (this.actions.evictionAllowed?.(pod) ?? true) {
      this.actions.evictPod(pod, now);
      return;
    }
    this.actions.schedule(now + evictionBackoffSeconds(failures), (t) => this.evict(node, pod, failures + 1, deadline, t));
  }

  /**
   * A Job's pod in the eviction queue (`Queue.Reconcile`, as `evict`): evicted at once (a Job has no PodDisruptionBudget
   * here), unless it carries do-not-disrupt (`IsEvictable` false). Then it is requeued with the queue's backoff and runs
   * on: to its end (the job finishing frees the node, `jobPodsLeft` in the simulation), or to the first retry past the
   * node's deadline − its grace (`needsForceDelete`; a Job's pods keep Kubernetes' default 30 s grace), when it is
   * deleted and the job interrupted as by any eviction (its GPUs free at once: the grace is not simulated for a job).
   * Without a deadline the retries change nothing, so none is scheduled.
   */
  private evictJobPod(node: NodeRuntime, jp: JobPod, failures: number, deadline: number | null, now: number): void {
    if (jp.node !== node) return;
    if (!jobDoNotDisrupt(jp) || needsForceDelete({ terminating: false, deletedAt: -1, graceSeconds: DEFAULT_TERMINATION_GRACE_SECONDS }, deadline, now)) {
      this.actions.evictJobPod(jp, now);
      return;
    }
    if (deadline === null) return;
    this.actions.schedule(now + evictionBackoffSeconds(failures), (t) => this.evictJobPod(node, jp, failures + 1, deadline, t));
  }

  /**
   * A pod's pools with the Karpenter ones in `OrderByWeight` order (the order its affinity lists them in plays no
   * part upstream); pools of the cluster autoscaler keep their place after them.
   */
  private byWeight(pools: readonly number[]): readonly number[] {
    // A pod's pools are its service's list (the same array for every pod of it): ordered once per service, not per
    // pod at every provisioning round and consolidation poll.
    let ordered = this.weightOrdered.get(pools);
    if (ordered === undefined) {
      const rank = (i: number): number => this.weightRank.get(i) ?? Infinity;
      ordered = [...pools].sort((a, b) => rank(a) - rank(b));
      this.weightOrdered.set(pools, ordered);
    }
    return ordered;
  }

  /** `byWeight`'s answers, by the pool list they order. */
  private readonly weightOrdered = new Map<readonly number[], readonly number[]>();

  private candidateView(pool: PoolRuntime, node: NodeRuntime): CandidateNode {
    const pods = [...node.pods].filter((p) => p.state !== PodState.Terminating && p.state !== PodState.Gone).map((p) => this.simPod(p));
    // A job pod's uid only breaks creation-time ties (as in a provisioning round): below every serving pod's. A
    // do-not-disrupt one is not currently reschedulable: it stays (only an eventual drift candidate can hold one).
    for (const jp of node.jobPods) if (!jobDoNotDisrupt(jp)) pods.push({ gpus: jp.units, pools: [jp.run.job.pool], createdAt: jp.createdAt, uid: -1 });
    return { uid: node.uid, pool: pool.index, type: node.instanceType, spot: node.spot, pods };
  }

  private simPod(p: Pod): SimPod {
    return { gpus: this.actions.gpusOf(p), pools: this.byWeight(this.actions.poolsOf(p)), createdAt: p.createdAt, uid: p.uid };
  }

  /** The pods `SimulateScheduling` schedules besides the candidates': the pending ones and those of deleting nodes. */
  private simulationPods(): OtherSimPods {
    return { moving: this.movingPods(), pending: this.pendingPods() };
  }

  /**
   * helpers.go `SimulateScheduling`'s `provisioner.GetPendingPods`: the provisionable pods, as a provisioning round
   * lists them (`provision`): serving pods unbound and not preempting that may use a Karpenter pool, and the Job pods
   * marked unschedulable in a Karpenter pool (their uids below every serving pod's, in queue order). An in-flight node
   * has no pod bound until it is Ready (kube-scheduler binds then), so without these the node launched for them would
   * look empty to the simulation.
   */
  private pendingPods(): SimPod[] {
    const out: SimPod[] = [];
    for (const pod of this.pending) if (this.provisionable(pod)) out.push(this.simPod(pod));
    // `GetPendingPods` lists provisionable pods of every owner: a Job's pending pods too, each on its own (a gang's N
    // pods are N pods to pack). Their uids only break creation-time ties: negative, in queue order.
    const jobs = (this.actions.unschedulableJobPods?.() ?? []).filter((jp) => this.pools[jp.run.job.pool]!.config.karpenter);
    jobs.forEach((jp, i) => out.push({ gpus: jp.units, pools: [jp.run.job.pool], createdAt: jp.createdAt, uid: i - jobs.length }));
    return out;
  }

  /**
   * The deleting nodes' `CurrentlyReschedulablePods`, read by helpers.go `SimulateScheduling` and by provisioner.go
   * `Schedule`: the pods still running on the Karpenter nodes being deleted (draining, or waiting for a command's
   * replacement) are scheduled with the others, so they take the room they will need (their replacement's,
   * typically, or a new NodeClaim in a provisioning round); pods already terminating are not
   * (`IsReschedulable`), nor do-not-disrupt pods (`IsDisruptable`), nor pods whose PodDisruptionBudget blocks every eviction by its spec (pkg/utils/pdb/pdb.go
   * `IsCurrentlyReschedulable`, `isFullyBlocking`).
   */
  private movingPods(): SimPod[] {
    const out: SimPod[] = [];
    for (const p of this.karpenterPools) {
      for (const n of p.nodes) {
        if (n.state === NodeState.Gone || !(beingDeleted(n) || this.deleting.has(n))) continue;
        for (const pod of n.pods) {
          if (!this.currentlyReschedulable(pod)) continue;
          out.push(this.simPod(pod));
        }
        for (const jp of n.jobPods) if (!jobDoNotDisrupt(jp)) out.push({ gpus: jp.units, pools: [jp.run.job.pool], createdAt: jp.createdAt, uid: -1 });
      }
    }
    return out;
  }

  /**
   * pkg/utils/pdb/pdb.go `IsCurrentlyReschedulable`: not terminating (`IsReschedulable`), no active do-not-disrupt
   * annotation (`IsDisruptable`: Karpenter will not evict it, so it launches no capacity for it), and no
   * PodDisruptionBudget blocking every eviction by its spec (`isFullyBlocking`).
   */
  private currentlyReschedulable(pod: Pod): boolean {
    if (pod.state === PodState.Terminating || pod.state === PodState.Gone) return false;
    return !(this.actions.doNotDisrupt?.(pod) ?? false) && !(this.actions.fullyBlockingBudget?.(pod) ?? false);
  }

  /**
   * Where a consolidation simulation may move the candidates' pods: Ready nodes of every pool that are not being
   * disrupted, then the Karpenter pools' NodeClaims launched but not yet Ready (in flight: the cluster state's active
   * nodes, `sortExistingNodes` putting initialized ones first), each in node order. A pod the simulation puts on an
   * in-flight node makes it fail (consolidation.ts `simulateRemoval`). Since kubernetes-sigs/karpenter #3006 (c129d43c,
   * in 2266468104f3) consolidateAfter applies to destinations too: the candidates' pods (neither pending nor on a node
   * marked for deletion) may not go to a node still under its consolidateAfter (`addToExistingNode`; the flag), both
   * when the command is computed and at validation; an uninitialized node is never under it (`IsUnderConsolidateAfter`).
   */
  private destinations(now: number): Destination[] {
    const ready: Destination[] = [];
    const inFlight: Destination[] = [];
    for (const p of this.pools) {
      for (const n of p.nodes) {
        if (this.marked.has(n)) continue;
        if (n.state === NodeState.Ready) ready.push({ uid: n.uid, pool: p.index, free: n.freeGpus, initialized: true, underConsolidateAfter: this.underConsolidateAfter(p, n, now) });
        // A cluster-autoscaler node is in Karpenter's state only once it registers (no NodeClaim while it launches).
        else if (n.state === NodeState.Provisioning && p.config.karpenter) inFlight.push({ uid: n.uid, pool: p.index, free: n.freeGpus, initialized: false, underConsolidateAfter: false });
      }
    }
    const byUid = (a: Destination, b: Destination): number => a.uid - b.uid;
    return [...ready.sort(byUid), ...inFlight.sort(byUid)];
  }
}

/** `IsDisruptable` for a Job's pod: its template's `karpenter.sh/do-not-disrupt: "true"` (`jobs[].podAnnotations`). */
function jobDoNotDisrupt(jp: JobPod): boolean {
  return jp.run.job.doNotDisrupt === true;
}

/** A node as the events name it: its instance type and capacity type ("g5.xlarge spot"). */
function describeNode(pool: PoolRuntime, n: NodeRuntime): string {
  return `${pool.config.karpenter!.types[n.instanceType]!.instanceId} ${n.spot ? 'spot' : 'on-demand'}`;
}

/**
 * `Candidate.IsEmpty`: no reschedulable pods (pkg/utils/pod `IsReschedulable`: not terminating, not terminal, not a
 * DaemonSet's). A pod already terminating (draining its requests after a scale-in) does not keep its node from being
 * empty; a job's running pods (owned by a Job) do, and they are simulated and evicted.
 */
function isEmpty(node: NodeRuntime): boolean {
  if (node.jobPods.size > 0) return false;
  for (const p of node.pods) if (p.state !== PodState.Terminating && p.state !== PodState.Gone) return false;
  return true;
}

/** Being deleted (a DeletionTimestamp): draining, failed while draining, or gone. */
function beingDeleted(node: NodeRuntime): boolean {
  return node.state === NodeState.Gone || node.state === NodeState.Draining || (node.state === NodeState.NotReady && node.stateBeforeFailure === NodeState.Draining);
}

/** When consolidateAfter counts from: the node's last pod event (pod-events.ts), or its initialization without one. */
function lastPodEventOrInit(node: NodeRuntime): number {
  return node.lastPodEventAt >= 0 ? node.lastPodEventAt : node.readyAt;
}

/** A consolidation candidate: a node and its pool. */
interface Chosen {
  pool: PoolRuntime;
  node: NodeRuntime;
}

/** A computed disruption command: validates it at `t` and calls `next(started)` (started: before its nodes are gone). */
type Command = (t: number, next: (started: boolean) => void) => void;

function priceOfNode(k: NonNullable<PoolRuntime['config']['karpenter']>, n: NodeRuntime): number | null {
  const t = k.types[n.instanceType]!;
  return n.spot ? t.spotUsdPerHour : t.onDemandUsdPerHour;
}
