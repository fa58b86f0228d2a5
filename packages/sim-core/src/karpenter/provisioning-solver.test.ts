import { describe, expect, it } from 'vitest';
import { A10G_POOL } from './test-pools.ts';
import { launchOrder, UnavailableOfferings } from './offerings.ts';
import { solve, type SolverPod } from './provisioning-solver.ts';

const pods = (n: number, gpus = 1, uid0 = 0): SolverPod[] => Array.from({ length: n }, (_, i) => ({ uid: uid0 + i, createdAt: 0, gpus, pools: [0] }));
const pool = (config = A10G_POOL) => ({ index: 0, config, nodes: 0, units: 0, maxNodes: 100 });
const onDemand = { ...A10G_POOL, capacityTypes: ['on-demand'] as const };

describe('a provisioning round (Scheduler.Solve, NodeClaim.CanAdd)', () => {
  it('one 1-GPU pod on on-demand: a claim of every type, launched as the cheapest (g5.xlarge at $1.006)', () => {
    const ice = new UnavailableOfferings();
    const r = solve(pods(1), [pool(onDemand)], [], ice, 0);
    expect(r.claims.map((c) => c.types)).toEqual([[0, 1, 2]]);
    expect(A10G_POOL.types[launchOrder(0, onDemand, r.claims[0]!.types, false, ice, 0)[0]!.type]!.instanceId).toBe('aws/us-east-1/g5.xlarge');
  });

  it('three 1-GPU pods pack onto one NodeClaim while a type still holds them all: one g5.12xlarge, not three g5.xlarge', () => {
    const r = solve(pods(3), [pool(onDemand)], [], new UnavailableOfferings(), 0);
    expect(r.claims).toHaveLength(1);
    expect(r.claims[0]!.types).toEqual([2]);
    expect(r.claims[0]!.units).toBe(3);
  });

  it('five pods: a full 4-GPU claim, then a new one for the fifth (cheapest type for one pod)', () => {
    const r = solve(pods(5), [pool(onDemand)], [], new UnavailableOfferings(), 0);
    expect(r.claims.map((c) => [c.units, c.types])).toEqual([
      [4, [2]],
      [1, [0, 1, 2]],
    ]);
  });

  it('pods nominated to an in-flight node with room are not provisioned again', () => {
    const r = solve(pods(3), [pool(onDemand)], [{ pool: 0, free: 2 }], new UnavailableOfferings(), 0);
    expect(r.claims.map((c) => c.units)).toEqual([1]);
  });

  it('limits: instance types that would exceed the GPUs left are dropped; past the limit pods stay pending', () => {
    const limited = { ...onDemand, limitUnits: 6 };
    const r = solve(pods(6), [{ ...pool(limited), nodes: 1, units: 1 }], [], new UnavailableOfferings(), 0);
    // 5 GPUs left: the first claim may use the 4-GPU type (counted at 4), the second only 1-GPU types, then nothing.
    expect(r.claims.map((c) => [c.units, c.types])).toEqual([
      [4, [2]],
      [1, [0, 1]],
    ]);
    expect(r.unschedulable).toHaveLength(1);
  });
});
