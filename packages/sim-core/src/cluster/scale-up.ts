/**
 * One scale-up decision, ported from kubernetes/autoscaler cluster-autoscaler 1.34
 * core/scaleup/orchestrator/orchestrator.go `ScaleUpOrchestrator.ScaleUp`: every node group that may grow
 * (not backed off, below its max size; `filterValidScaleUpNodeGroups`) gets an expansion option from the
 * bin-packing estimator; the expander picks ONE option; the group grows by its node count capped at the group's
 * max (`balanceScaleUps`). Pods the chosen group cannot take wait for a later loop.
 *
 * The estimator is estimator/binpacking_estimator.go `BinpackingNodeEstimator.Estimate`: pods are grouped by
 * owner (equivalence groups), the groups ordered by decreasing size relative to the node (decreasing_pod_orderer.go;
 * GPUs here), each group first packed onto the new nodes already added, then onto new nodes one at a time, trying
 * only the last added node; a pod that does not fit an empty new node stops the group. The node count is limited
 * by `--max-nodes-per-scaleup` (1000) and the group's room to its max size (sng_capacity_threshold.go).
 */
import { bestOption, type ExpanderGroup, type ExpanderName, type ExpansionOption } from './expander.ts';
import { fits, type SimNode, type SimPod } from './scheduling-simulator.ts';
import type { Rng } from '../random/rng.ts';

/** `--max-nodes-per-scaleup` default. */
export const MAX_NODES_PER_SCALE_UP = 1000;

/** A node group as the scale-up sees it. */
export interface ScaleUpGroup extends ExpanderGroup {
  index: number;
  maxNodes: number;
  /** Nodes requested and not deleted (the group's target size). */
  targetSize: number;
  /** Autoscaled (a pool with the autoscaler disabled is never grown) and not backed off. */
  canScale: boolean;
}

/** The group to grow and by how many nodes, or null when no group can help any pod. */
export interface ScaleUpPlan {
  pool: number;
  nodes: number;
  option: ExpansionOption;
}

/** `ScaleUp`: options for every valid group, one chosen by the expander chain. */
export function planScaleUp(pods: readonly SimPod[], groups: readonly ScaleUpGroup[], chain: readonly ExpanderName[], rng: Rng): ScaleUpPlan | null {
  const options: ExpansionOption[] = [];
  for (const g of groups) {
    if (!g.canScale || g.targetSize >= g.maxNodes) continue;
    const option = estimate(g, pods);
    if (option.pods.length > 0 && option.nodeCount > 0) options.push(option);
  }
  if (options.length === 0) return null;
  const best = bestOption(chain, options, groups, rng);
  if (best === null || best.nodeCount <= 0) return null;
  const g = groups[best.pool]!;
  return { pool: best.pool, nodes: Math.min(best.nodeCount, g.maxNodes - g.targetSize), option: best };
}

/** `ComputeExpansionOption` → `BinpackingNodeEstimator.Estimate` for one group. */
export function estimate(g: ScaleUpGroup, pods: readonly SimPod[]): ExpansionOption {
  const limit = Math.min(MAX_NODES_PER_SCALE_UP, g.maxNodes - g.targetSize);
  const template: SimNode = { uid: -1, pool: g.index, free: g.gpusPerNode };
  const newNodes: SimNode[] = [];
  const withPods = new Set<SimNode>();
  const scheduled: SimPod[] = [];
  let newNodesAvailable = true;
  for (const group of equivalenceGroups(pods, g)) {
    // tryToScheduleOnExistingNodes: first fit over the new nodes, stopping at the first pod that does not fit.
    let i = 0;
    for (; i < group.length; i++) {
      const pod = group[i]!;
      const node = newNodes.find((n) => fits(n, pod));
      if (node === undefined) break;
      place(node, pod);
    }
    if (!newNodesAvailable) continue;
    // tryToScheduleOnNewNodes: only the last added node, else a new one.
    for (; i < group.length; i++) {
      const pod = group[i]!;
      const last = newNodes.at(-1);
      if (last !== undefined && fits(last, pod)) {
        place(last, pod);
        continue;
      }
      if (last !== undefined && !withPods.has(last)) break; // an empty new node did not take it: none will
      if (newNodes.length >= limit) {
        newNodesAvailable = false;
        break;
      }
      const node: SimNode = { ...template, uid: -1 - newNodes.length };
      newNodes.push(node);
      if (!fits(node, pod)) break;
      place(node, pod);
    }
  }
  return { pool: g.index, nodeCount: withPods.size, pods: scheduled };

  function place(node: SimNode, pod: SimPod): void {
    node.free -= pod.gpus;
    withPods.add(node);
    scheduled.push(pod);
  }
}

// `SchedulablePodGroups`: the owners whose pods fit an empty node of the group, largest share of a node first
// (ties keep first-seen order; Go's sort.Slice leaves them unspecified).
function equivalenceGroups(pods: readonly SimPod[], g: ScaleUpGroup): SimPod[][] {
  const byOwner = new Map<number, SimPod[]>();
  for (const p of pods) {
    if (!fits({ uid: -1, pool: g.index, free: g.gpusPerNode }, p)) continue;
    const list = byOwner.get(p.owner);
    if (list) list.push(p);
    else byOwner.set(p.owner, [p]);
  }
  return [...byOwner.values()].sort((a, b) => b[0]!.gpus - a[0]!.gpus);
}
