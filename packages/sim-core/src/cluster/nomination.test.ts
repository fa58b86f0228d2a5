/**
 * The nomination rule shared by serving pods and jobs, against kubernetes/kubernetes
 * pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go @ e4d77d9256504b95df4fd35f9b2e4308707951d7
 * `PodEligibleToPreemptOthers` (a pod waits while its nominated node holds a lower-priority pod terminating by
 * preemption, unless that node is now UnschedulableAndUnresolvable or gone), Karpenter's `IsPreempting`
 * (kubernetes-sigs/karpenter @ 2266468104f36373ed002241afaee2d3bbc26078 pkg/utils/pod/scheduling.go) and the cluster
 * autoscaler's `FilterOutExpendableAndSplit` (kubernetes/autoscaler @ cb2123ed13148c38fbdb1ede42d8e99761ee2909).
 */
import { describe, expect, it } from 'vitest';
import { Pod, PodState } from '../engine/pod.ts';
import { NodeRuntime, NodeState } from './node-runtime.ts';
import { isPreempting, NOT_NOMINATED, waitsForVictims, waitsOnNominatedNode } from './nomination.ts';

/** Priority by service index: service 0 at 100, service 1 at 1000. */
const priorityOf = (pod: Pod): number => (pod.service === 0 ? 100 : 1000);

function nodeWith(state: PodState, preempted: boolean, service = 0): { node: NodeRuntime; victim: Pod } {
  const node = new NodeRuntime(1, 0, 8, false, 0);
  node.state = NodeState.Ready;
  const victim = new Pod(1, service, 0, 1);
  victim.state = state;
  victim.preempted = preempted;
  victim.node = node;
  node.pods.add(victim);
  return { node, victim };
}

describe('waitsForVictims (PodEligibleToPreemptOthers negated)', () => {
  it('holds while a lower-priority pod terminates by preemption on the Ready nominated node', () => {
    const { node } = nodeWith(PodState.Terminating, true);
    expect(waitsForVictims([node], 1000, priorityOf)).toBe(true);
  });

  it('does not hold for a pod terminating for another reason (scale-in), or of the preemptor\'s priority or higher', () => {
    expect(waitsForVictims([nodeWith(PodState.Terminating, false).node], 1000, priorityOf)).toBe(false);
    expect(waitsForVictims([nodeWith(PodState.Terminating, true, 1).node], 1000, priorityOf)).toBe(false);
    expect(waitsForVictims([nodeWith(PodState.Terminating, true).node], 100, priorityOf)).toBe(false);
  });

  it('does not hold once the victim is gone, or when the node is cordoned, NotReady or deleted', () => {
    const { node, victim } = nodeWith(PodState.Terminating, true);
    node.pods.delete(victim);
    expect(waitsForVictims([node], 1000, priorityOf)).toBe(false);
    for (const state of [NodeState.Draining, NodeState.NotReady, NodeState.Gone]) {
      const n = nodeWith(PodState.Terminating, true).node;
      n.state = state;
      expect(waitsForVictims([n], 1000, priorityOf)).toBe(false);
    }
    expect(waitsForVictims(NOT_NOMINATED, 1000, priorityOf)).toBe(false);
  });
});

describe('what the autoscalers read', () => {
  it('IsPreempting: any nominated node; FilterOutExpendableAndSplit: a nominated node that still exists', () => {
    const { node } = nodeWith(PodState.Terminating, true);
    expect(isPreempting([node])).toBe(true);
    expect(isPreempting(NOT_NOMINATED)).toBe(false);
    expect(waitsOnNominatedNode([node])).toBe(true);
    node.state = NodeState.Gone;
    expect(isPreempting([node])).toBe(true);
    expect(waitsOnNominatedNode([node])).toBe(false);
  });
});
