/**
 * Worked cases of kube-scheduler's default preemption (preemption.ts cites the upstream functions): the
 * lowest-priority pods go first, as few as the reprieve order allows, and the node is picked by upstream's
 * criteria in order.
 */
import { describe, expect, it } from 'vitest';
import { pickOneNodeForPreemption, selectVictimsOnNode, type PreemptionPod } from './preemption.ts';

type Named = PreemptionPod & { name: string };
const pod = (name: string, priority: number, units: number, startedAt: number): Named => ({ name, priority, units, startedAt });
const names = (v: Named[] | null) => (v === null ? null : v.map((p) => p.name));

describe('selectVictimsOnNode', () => {
  // A full 8-GPU node: a (priority 100, 4 GPUs), b (50, 2, started at 10), c (50, 2, started at 5).
  const node = { free: 0, pods: [pod('a', 100, 4, 0), pod('b', 50, 2, 10), pod('c', 50, 2, 5)] };

  it('reprieves the most important pods first: a priority-200 pod needing 2 GPUs evicts only b (lowest priority, started last)', () => {
    // All three are below 200 and removed (8 free); a is reprieved (4 free), then c (2 free); b would leave 0.
    expect(names(selectVictimsOnNode(200, 2, node))).toEqual(['b']);
  });

  it('never evicts a pod of equal or higher priority: a priority-60 pod needing 4 GPUs evicts c and b, not a', () => {
    expect(names(selectVictimsOnNode(60, 4, node))).toEqual(['c', 'b']);
  });

  it('is not a candidate when even every lower-priority pod is not enough, or there is none', () => {
    expect(selectVictimsOnNode(60, 6, node)).toBeNull();
    expect(selectVictimsOnNode(50, 2, node)).toBeNull();
  });

  it('counts free units: 1 free + one 1-GPU victim is enough for 2', () => {
    expect(names(selectVictimsOnNode(10, 2, { free: 1, pods: [pod('x', 0, 1, 0), pod('y', 0, 1, 1)] }))).toEqual(['y']);
  });
});

describe('pickOneNodeForPreemption', () => {
  it('picks the node whose highest-priority victim is lowest, even with more victims', () => {
    expect(pickOneNodeForPreemption([[pod('p', 10, 8, 0)], [pod('q', 5, 4, 0), pod('r', 5, 4, 0)]])).toBe(1);
  });

  it('then the smaller sum of priorities (offset by 2^31 each, so fewer victims win at equal priority)', () => {
    expect(pickOneNodeForPreemption([[pod('p', 5, 8, 0), pod('q', 1, 8, 0)], [pod('r', 5, 8, 0)]])).toBe(1);
  });

  it('then the node whose highest-priority victims started latest, then the first node', () => {
    expect(pickOneNodeForPreemption([[pod('p', 5, 8, 100)], [pod('q', 5, 8, 200)]])).toBe(1);
    expect(pickOneNodeForPreemption([[pod('p', 5, 8, 100)], [pod('q', 5, 8, 100)]])).toBe(0);
  });
});
