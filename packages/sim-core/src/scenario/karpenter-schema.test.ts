/** `nodePools[].provisioner`, `karpenter` and `stockouts` at the parsing edge: upstream defaults and located errors. */
import { describe, expect, it } from 'vitest';
import { createSimApi } from '../api/sim-api.ts';
import { compileScenario } from '../api/compile-scenario.ts';
import { formatIssue } from './scenario-issue.ts';

const api = createSimApi();

function doc(pool: string): string {
  return `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: karpenter-parse }
spec:
  duration: 1h
  traffic: { profile: { type: constant, qps: 1 } }
  services:
    - { name: api, latency: { distribution: constant, ms: 100 }, nodePool: gpu }
  nodePools:
    - name: gpu
${pool}`;
}

function report(text: string): string {
  const v = api.validate(text, 'k.yaml');
  return v.ok ? 'ok' : v.issues.map(formatIssue).join('\n');
}

describe('a Karpenter pool', () => {
  it('takes Karpenter v1 defaults: on-demand, WhenEmptyOrUnderutilized, consolidateAfter 0s, one budget of 10%, batching 1 s / 10 s', () => {
    const v = api.validate(doc('      provisioner: karpenter\n      karpenter: { instanceTypes: [aws/us-east-1/g5.xlarge, aws/us-east-1/g5.12xlarge] }\n'), 'k.yaml');
    if (!v.ok) throw new Error(v.issues.map(formatIssue).join('\n'));
    const cfg = compileScenario(v.scenario);
    const pool = cfg.pools[0]!;
    expect(pool.autoscaler.enabled).toBe(false);
    expect(pool.instanceId).toBe('aws/us-east-1/g5.xlarge');
    expect(pool.karpenter).toMatchObject({
      capacityTypes: ['on-demand'],
      zones: ['default'],
      consolidationPolicy: 'WhenEmptyOrUnderutilized',
      consolidateAfterSeconds: 0,
      budgets: [{ percent: 10, count: null, reasons: null, schedule: null }],
      limitUnits: null,
      limitNodes: null,
    });
    expect(pool.karpenter!.types.map((t) => [t.instanceId, t.gpus])).toEqual([
      ['aws/us-east-1/g5.xlarge', 1],
      ['aws/us-east-1/g5.12xlarge', 4],
    ]);
    // No spec.startDate: time 0 is 2024-01-01T00:00:00Z = 1 704 067 200 Unix s (19 723 days × 86 400).
    expect(cfg.karpenter).toEqual({ batchIdleSeconds: 1, batchMaxSeconds: 10, spotToSpotConsolidation: false, startEpochSeconds: 1_704_067_200 });
  });

  it('reads Never, budget counts and reasons', () => {
    const v = api.validate(doc('      provisioner: karpenter\n      karpenter:\n        instanceTypes: [aws/us-east-1/g5.xlarge]\n        disruption: { consolidateAfter: Never, budgets: [{ nodes: "20%" }, { nodes: "0", reasons: [Underutilized] }] }\n'), 'k.yaml');
    if (!v.ok) throw new Error(v.issues.map(formatIssue).join('\n'));
    expect(compileScenario(v.scenario).pools[0]!.karpenter).toMatchObject({
      consolidateAfterSeconds: null,
      budgets: [
        { percent: 20, count: null, reasons: null },
        { percent: null, count: 0, reasons: ['Underutilized'] },
      ],
    });
  });

  it('refuses what Karpenter has no notion of, each at its field', () => {
    expect(report(doc('      provisioner: karpenter\n      minNodes: 1\n      spotShare: 0.5\n      karpenter: { instanceTypes: [aws/us-east-1/g5.xlarge] }\n      stockouts: [{ capacityType: spot, zone: a, from: 0s, duration: 1h }]\n'))).toMatchInlineSnapshot(`
      "k.yaml:12:17 spec.nodePools[0].minNodes: Karpenter keeps no minimum pool size (pods, not pools, hold nodes up): use initialNodes
      k.yaml:13:18 spec.nodePools[0].spotShare: a Karpenter pool has no spot share: list spot in karpenter.capacityTypes
      k.yaml:15:35 spec.nodePools[0].stockouts[0].capacityType: the pool launches only on-demand
      k.yaml:15:47 spec.nodePools[0].stockouts[0].zone: a zone-scoped stock-out needs karpenter.zones"
    `);
    expect(report(doc('      provisioner: karpenter\n'))).toContain('spec.nodePools[0].karpenter: provisioner: karpenter needs a karpenter block with instanceTypes');
    expect(report(doc('      provisioner: karpenter\n      karpenter: { instanceTypes: [aws/us-east-1/g5.xlarge], disruption: { budgets: [{ nodes: "110%" }] } }\n'))).toContain('must be a percentage like "10%" or a node count like "5"');
  });

  it('a cluster-autoscaler pool keeps its required fields and takes only node-group stock-outs', () => {
    expect(report(doc('      instance: aws/us-east-1/g5.xlarge\n      maxNodes: 2\n      stockouts: [{ instance: aws/us-east-1/g5.2xlarge, from: 0s, duration: 1h }]\n'))).toBe(
      "k.yaml:13:31 spec.nodePools[0].stockouts[0].instance: the pool's only instance type is aws/us-east-1/g5.xlarge",
    );
    expect(report(doc('      instance: aws/us-east-1/g5.xlarge\n      maxNodes: 2\n      karpenter: { instanceTypes: [aws/us-east-1/g5.xlarge] }\n'))).toContain('karpenter settings need provisioner: karpenter');
  });

  it('one mistake is one line: a list already refused is not compared again, a type is not also a length', () => {
    // Found by the CLI fuzzer (content/gpu-fleet-diurnal-karpenter.yaml): each of these printed two or three lines.
    const pool = (karpenter: string, extra = '') => report(doc(`      provisioner: karpenter\n      instance: aws/us-east-1/g5.xlarge\n      karpenter: ${karpenter}\n${extra}`));
    // Was also "instance: must be one of karpenter.instanceTypes ()".
    expect(pool('{ instanceTypes: [] }')).toMatchInlineSnapshot(`"k.yaml:13:35 spec.nodePools[0].karpenter.instanceTypes: must have at least 1 item, got 0"`);
    // Was also "instance: must be one of karpenter.instanceTypes (, aws/us-east-1/g5.xlarge)".
    expect(pool('{ instanceTypes: ["", aws/us-east-1/g5.xlarge] }')).toMatchInlineSnapshot(`"k.yaml:13:36 spec.nodePools[0].karpenter.instanceTypes[0]: must not be empty, got """`);
    // Was also 'must not be empty, got ""' (and for [[]] "must have at least 1 item, got 0") at the same field.
    expect(pool('{ instanceTypes: "" }')).toMatchInlineSnapshot(`"k.yaml:13:35 spec.nodePools[0].karpenter.instanceTypes: expected a list, got """`);
    expect(pool('{ instanceTypes: [[]] }')).toMatchInlineSnapshot(`"k.yaml:13:36 spec.nodePools[0].karpenter.instanceTypes[0]: expected a string, got a list"`);
    // Was also "stockouts[0].capacityType: the pool launches only " (an empty list).
    expect(pool('{ instanceTypes: [aws/us-east-1/g5.xlarge], capacityTypes: [] }', '      stockouts: [{ capacityType: spot, from: 0s, duration: 1h }]\n')).toMatchInlineSnapshot(`"k.yaml:13:77 spec.nodePools[0].karpenter.capacityTypes: must have at least 1 item, got 0"`);
    // minNodes on a Karpenter pool is refused, not also compared with maxNodes ("must be at least minNodes (5), got 2").
    expect(report(doc('      provisioner: karpenter\n      minNodes: 5\n      maxNodes: 2\n      karpenter: { instanceTypes: [aws/us-east-1/g5.xlarge] }\n'))).toMatchInlineSnapshot(`"k.yaml:12:17 spec.nodePools[0].minNodes: Karpenter keeps no minimum pool size (pods, not pools, hold nodes up): use initialNodes"`);
    // A ceiling refused is not compared with: limits.nodes -1 also gave "maxNodes: must be at least minNodes (0), got -1" and "initialNodes: must be between … and maxNodes (-1)".
    expect(report(doc('      provisioner: karpenter\n      initialNodes: 3\n      karpenter: { instanceTypes: [aws/us-east-1/g5.xlarge], limits: { nodes: -1 } }\n'))).toMatchInlineSnapshot(`"k.yaml:13:79 spec.nodePools[0].karpenter.limits.nodes: must be at least 0, got -1"`);
    // Requirement values are sets: a zone or capacity type listed twice was accepted silently (an instance type was already refused).
    expect(pool('{ instanceTypes: [aws/us-east-1/g5.xlarge], capacityTypes: [spot, spot], zones: [us-east-1a, us-east-1b, us-east-1a] }')).toMatchInlineSnapshot(`
      "k.yaml:13:84 spec.nodePools[0].karpenter.capacityTypes[1]: spot is listed twice
      k.yaml:13:123 spec.nodePools[0].karpenter.zones[2]: us-east-1a is listed twice"
    `);
    // A karpenter block without provisioner: karpenter was also "maxNodes: missing required field" (and instance).
    expect(report(doc('      karpenter: { instanceTypes: [aws/us-east-1/g5.xlarge] }\n'))).toMatchInlineSnapshot(`"k.yaml:11:18 spec.nodePools[0].karpenter: karpenter settings need provisioner: karpenter"`);
  });
});

describe('nodePools[].rollouts', () => {
  it('a Karpenter pool takes template changes, sorted, in seconds; none compiles to no field', () => {
    const v = api.validate(doc('      provisioner: karpenter\n      rollouts: [{ at: 2h }, { at: 30m }]\n      karpenter: { instanceTypes: [aws/us-east-1/g5.xlarge] }\n'), 'k.yaml');
    if (!v.ok) throw new Error(v.issues.map(formatIssue).join('\n'));
    expect(compileScenario(v.scenario).pools[0]!.rollouts).toEqual([1800, 7200]);
    const none = api.validate(doc('      provisioner: karpenter\n      karpenter: { instanceTypes: [aws/us-east-1/g5.xlarge] }\n'), 'k.yaml');
    if (!none.ok) throw new Error('parse');
    expect('rollouts' in compileScenario(none.scenario).pools[0]!).toBe(false);
  });

  it('a cluster-autoscaler pool refuses it at the field, saying why; a bad time is refused at its field', () => {
    expect(report(doc('      instance: aws/us-east-1/g5.xlarge\n      maxNodes: 2\n      rollouts: [{ at: 1h }]\n'))).toBe(
      "k.yaml:13:17 spec.nodePools[0].rollouts: the cluster autoscaler has no drift: a node group's nodes are replaced by the cloud provider's rolling update (ASG instance refresh, GKE surge upgrade, AKS node-image upgrade), which design-sim does not model; use provisioner: karpenter, or spec.faults to take nodes down",
    );
    expect(report(doc('      provisioner: karpenter\n      rollouts: [{ at: soon }]\n      karpenter: { instanceTypes: [aws/us-east-1/g5.xlarge] }\n'))).toContain('spec.nodePools[0].rollouts[0].at');
  });

  it('accepts reasons: [Drifted] in a budget', () => {
    expect(report(doc('      provisioner: karpenter\n      karpenter: { instanceTypes: [aws/us-east-1/g5.xlarge], disruption: { budgets: [{ nodes: "1", reasons: [Drifted] }] } }\n'))).toBe('ok');
  });
});
