/**
 * The cluster autoscaler's view of its node groups between loops, a port of kubernetes/autoscaler
 * cluster-autoscaler clusterstate/clusterstate.go `ClusterStateRegistry` (1.34.5 @ cb2123ed, and f7bb0c36 for
 * `IsClusterHealthy`): the scale-up requests in flight and their deadlines, the node groups' backoff, the nodes
 * not yet registered, and whether the cluster is healthy enough to act at all. The loop itself is
 * cluster-autoscaler.ts.
 */
import { type BackoffConfig, NodeGroupBackoff } from './node-group-backoff.ts';
import { type NodeRuntime, NodeState } from './node-runtime.ts';
import type { PoolRuntime } from './pool-runtime.ts';

/** `--max-total-unready-percentage` and `--ok-total-unready-count` (config/flags/flags.go defaults). */
export const MAX_TOTAL_UNREADY_PERCENTAGE = 45;
export const OK_TOTAL_UNREADY_COUNT = 3;
/** clusterstate.go `MaxNodeStartupTime`: a node not Ready this soon after it was created is NotStarted, not Unready. */
export const MAX_NODE_STARTUP_SECONDS = 15 * 60;

/** What the registry asks of the cluster: deleting nodes, and saying when a group is backed off. */
export interface ClusterStateActions {
  deleteNode(pool: PoolRuntime, node: NodeRuntime, now: number): void;
  /** A scale-up timed out; the group is backed off until `until` (s). */
  scaleUpTimedOut(pool: PoolRuntime, now: number, until: number): void;
  /** The cloud could not create `nodes` nodes of a scale-up (insufficient capacity); backed off until `until` (s). */
  scaleUpFailed?(pool: PoolRuntime, now: number, until: number, nodes: number): void;
}

/** clusterstate.go `ScaleUpRequest`. */
interface ScaleUpRequest {
  increase: number;
  time: number;
  expectedAddTime: number;
}

export class ClusterStateRegistry {
  private readonly requests = new Map<number, ScaleUpRequest>();
  private readonly backoff: NodeGroupBackoff;
  private readonly unregisteredSince = new Map<NodeRuntime, number>();

  constructor(
    private readonly pools: readonly PoolRuntime[],
    backoff: BackoffConfig,
    private readonly actions: ClusterStateActions,
  ) {
    this.backoff = new NodeGroupBackoff(backoff);
  }

  /** Whether scale-up of a pool is backed off at `now`. */
  isBackedOff(pool: number, now: number): boolean {
    return this.backoff.isBackedOff(pool, now);
  }

  // updateScaleRequests: done when no node of the group is still coming, timed out when not done strictly after
  // ExpectedAddTime. Also the loop's other bookkeeping of nodes: stale backoffs, creation errors, unregistered nodes.
  updateScaleRequests(now: number): void {
    this.backoff.removeStale(now);
    this.handleInstanceCreationErrors(now);
    for (const n of this.unregisteredSince.keys()) if (n.state !== NodeState.Provisioning) this.unregisteredSince.delete(n);
    for (const pool of this.pools) for (const n of pool.nodes) if (n.state === NodeState.Provisioning && !this.unregisteredSince.has(n)) this.unregisteredSince.set(n, now);
    for (const [i, req] of this.requests) {
      const pool = this.pools[i]!;
      if (pool.countIn(NodeState.Provisioning) === 0) this.requests.delete(i);
      else if (req.expectedAddTime < now) {
        this.actions.scaleUpTimedOut(pool, now, this.backoff.backoff(i, now));
        this.requests.delete(i);
      }
    }
  }

  // registerOrUpdateScaleUpNoLock: a new request, or a larger one whose clock restarts.
  registerScaleUp(pool: PoolRuntime, delta: number, now: number): void {
    const expectedAddTime = now + pool.config.autoscaler.maxNodeProvisionSeconds;
    const req = this.requests.get(pool.index);
    if (req === undefined) this.requests.set(pool.index, { increase: delta, time: now, expectedAddTime });
    else {
      req.increase += delta;
      req.time = now;
      req.expectedAddTime = expectedAddTime;
    }
  }

  // `handleInstanceCreationErrorsForNodeGroup` (read from the public index, unpinned): nodes the cloud reports it
  // could not create (an out-of-resources error such as a stock-out) decrease the scale-up request and back the
  // group off at once; static_autoscaler.go `deleteCreatedNodesWithErrors` then deletes them. Only pools with
  // stock-outs can have such nodes.
  private handleInstanceCreationErrors(now: number): void {
    for (const pool of this.pools) {
      if (pool.config.stockouts === undefined || pool.config.stockouts.length === 0) continue;
      const errored = pool.nodes.filter((n) => n.createError && n.state === NodeState.Provisioning);
      if (errored.length === 0) continue;
      const until = this.backoff.backoff(pool.index, now);
      this.actions.scaleUpFailed?.(pool, now, until, errored.length);
      const req = this.requests.get(pool.index);
      if (req !== undefined && (req.increase -= errored.length) <= 0) this.requests.delete(pool.index);
      for (const n of errored) this.actions.deleteNode(pool, n, now);
    }
  }

  /**
   * `IsClusterHealthy` over `updateReadinessStats` (@ f7bb0c36): unhealthy when the unready registered nodes (every
   * pool's, autoscaled or not) are more than `--ok-total-unready-count` and more than
   * `--max-total-unready-percentage` of the registered nodes. A node not Ready within `MaxNodeStartupTime` of its
   * creation is NotStarted, not Unready; design-sim has no registration stage, so a node's first Ready time
   * stands for its creation (nodes present at t = 0 count from 0).
   */
  isClusterHealthy(now: number): boolean {
    let registered = 0;
    let unready = 0;
    for (const pool of this.pools) {
      for (const n of pool.nodes) {
        if (n.state === NodeState.Provisioning || n.state === NodeState.Gone) continue;
        registered++;
        if (n.state === NodeState.NotReady && !(n.readyAt + MAX_NODE_STARTUP_SECONDS > now)) unready++;
      }
    }
    return !(unready > OK_TOTAL_UNREADY_COUNT && unready > (MAX_TOTAL_UNREADY_PERCENTAGE / 100) * registered);
  }

  // static_autoscaler.go removeOldUnregisteredNodes: a node first seen unregistered more than
  // max-node-provision-time ago is deleted, keeping the group at or above its min size.
  removeOldUnregisteredNodes(now: number): void {
    if (this.unregisteredSince.size === 0) return;
    for (const pool of this.pools) {
      const old = pool.nodes.filter((n) => this.isLongUnregistered(n, pool, now));
      const room = pool.aliveCount - pool.config.minNodes;
      for (const n of old.slice(0, Math.max(0, room))) this.actions.deleteNode(pool, n, now);
    }
  }

  /** A node still unregistered max-node-provision-time after it was first seen (the loop leaves it out of upcoming capacity). */
  isLongUnregistered(n: NodeRuntime, pool: PoolRuntime, now: number): boolean {
    const since = this.unregisteredSince.get(n);
    return n.state === NodeState.Provisioning && since !== undefined && since + pool.config.autoscaler.maxNodeProvisionSeconds < now;
  }
}
