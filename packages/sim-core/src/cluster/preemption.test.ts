/**
 * Worked cases of kube-scheduler's default preemption (preemption.ts cites the upstream functions): the
 * lowest-priority pods go first, as few as the reprieve order allows, and the node is picked by upstream's
 * criteria in order.
 */
import { describe, expect, it } from 'vitest';
import { filterPodsWithPdbViolation, pickOneNodeForPreemption, selectVictimsOnNode, type PreemptionPod, type Victims } from './preemption.ts';

type Named = PreemptionPod & { name: string };
const pod = (name: string, priority: number, units: number, startedAt: number, budget: number | null = null): Named => ({ name, priority, units, startedAt, budget });
const names = (v: Victims<Named> | null) => (v === null ? null : v.pods.map((p) => p.name));
/** A candidate without budget violations, for the criteria after the first. */
const cand = (...pods: Named[]): Victims<Named> => ({ pods, pdbViolations: 0 });

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

// PodDisruptionBudgets in SelectVictimsOnNode (default_preemption.go @ e4d77d9, filterPodsWithPDBViolation): a full
// 8-GPU node of four priority-10, 2-GPU pods, a (started at 0) and b (5) without a budget, c (10) and d (15) under
// budget 7; the preemptor (priority 100) needs 4 GPUs. By importance the order is a, b, c, d.
describe('selectVictimsOnNode with PodDisruptionBudgets', () => {
  const node = { free: 0, pods: [pod('a', 10, 2, 0), pod('b', 10, 2, 5), pod('c', 10, 2, 10, 7), pod('d', 10, 2, 15, 7)] };

  it('without a budget the least important go: c and d', () => {
    // Reprieve a (8 → 6 free), b (6 → 4), then c and d would leave 2 < 4.
    expect(names(selectVictimsOnNode(100, 4, node))).toEqual(['c', 'd']);
  });

  it('with 1 disruption allowed, d (the second of the budget in importance order) would violate it and is reprieved first: b and c go, no violation', () => {
    // filter: c takes the one allowed (1 − 1 = 0), d finds −1: violating [d], others [a, b, c]. Reprieve d (8 → 6),
    // a (6 → 4); b and c would leave 2: victims b, c, sorted by importance.
    expect(selectVictimsOnNode(100, 4, node, () => 1)).toEqual({ pods: [node.pods[1], node.pods[2]], pdbViolations: 0 });
  });

  it('with none allowed, c and d are both reprieved first and the unbudgeted a and b go', () => {
    expect(selectVictimsOnNode(100, 4, node, () => 0)).toEqual({ pods: [node.pods[0], node.pods[1]], pdbViolations: 0 });
  });

  it('a budget does not stop preemption: needing all 8 GPUs, every pod goes and the 2 budgeted ones are counted', () => {
    expect(selectVictimsOnNode(100, 8, node, () => 0)).toEqual({ pods: node.pods, pdbViolations: 2 });
  });

  it('filterPodsWithPdbViolation walks in the given order and keeps it in each group', () => {
    const pods = [pod('x', 0, 1, 0, 1), pod('y', 0, 1, 1, 2), pod('z', 0, 1, 2, 1), pod('w', 0, 1, 3)];
    const out = filterPodsWithPdbViolation(pods, (b) => (b === 1 ? 1 : 0));
    expect(out.violating.map((p) => p.name)).toEqual(['y', 'z']);
    expect(out.nonViolating.map((p) => p.name)).toEqual(['x', 'w']);
  });
});

describe('pickOneNodeForPreemption', () => {
  it('first picks the node with the fewest PDB violations, even with higher-priority victims', () => {
    expect(pickOneNodeForPreemption([{ pods: [pod('p', 1, 8, 0)], pdbViolations: 1 }, { pods: [pod('q', 50, 8, 0)], pdbViolations: 0 }])).toBe(1);
  });

  it('picks the node whose highest-priority victim is lowest, even with more victims', () => {
    expect(pickOneNodeForPreemption([cand(pod('p', 10, 8, 0)), cand(pod('q', 5, 4, 0), pod('r', 5, 4, 0))])).toBe(1);
  });

  it('then the smaller sum of priorities (offset by 2^31 each, so fewer victims win at equal priority)', () => {
    expect(pickOneNodeForPreemption([cand(pod('p', 5, 8, 0), pod('q', 1, 8, 0)), cand(pod('r', 5, 8, 0))])).toBe(1);
  });

  it('then the node whose highest-priority victims started latest, then the first node', () => {
    expect(pickOneNodeForPreemption([cand(pod('p', 5, 8, 100)), cand(pod('q', 5, 8, 200))])).toBe(1);
    expect(pickOneNodeForPreemption([cand(pod('p', 5, 8, 100)), cand(pod('q', 5, 8, 100))])).toBe(0);
  });
});
