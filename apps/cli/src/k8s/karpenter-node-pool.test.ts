import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseScenarioText, type Scenario } from '@design-sim/sim-core';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { k8sSchemaErrors } from '../testing/k8s-schema-validator.ts';
import { exportK8s, manifestsYaml, type ExportOptions } from './export-k8s.ts';
import { importK8s } from './import-k8s.ts';
import type { K8sObject } from './k8s-object.ts';

const contentFile = fileURLToPath(new URL('../../../../content/gpu-fleet-diurnal-karpenter.yaml', import.meta.url));
const base = readFileSync(contentFile, 'utf8');
const ca: ExportOptions = { provisioner: 'cluster-autoscaler', port: 8000, healthPath: '/health', image: 'vllm/vllm-openai:v0.9.2' };

/** The content scenario with its pool's karpenter block (and the lines after it up to `expect:`) replaced by `pool`. */
function withPool(pool: string): { text: string; scenario: Scenario } {
  const text = base.replace(/ {4}- name: gpu\n[\s\S]*?(?=\n {2}expect:)/, pool.replace(/\n$/, ''));
  const r = parseScenarioText(text, 'pool.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return { text, scenario: r.scenario };
}

function roundTrip(s: { text: string; scenario: Scenario }, keep: (o: K8sObject) => boolean = () => true) {
  const exported = exportK8s(s.scenario, parse(s.text) as Record<string, unknown>, ca);
  const docs = parseAllDocuments(manifestsYaml(exported.objects.filter(keep))).map((d) => ({ file: 'k8s.yaml', doc: d.toJS() as unknown }));
  const imported = importK8s(docs);
  const back = parseScenarioText(stringify(imported.scenario), 'imported.yaml');
  return { exported, imported, back };
}
const nodePool = (objs: K8sObject[]) => objs.find((o) => o.kind === 'NodePool') as K8sObject & { spec: Record<string, unknown> };
const withoutConfigMap = (o: K8sObject) => !(o.kind === 'ConfigMap' && o.metadata.name.startsWith('design-sim-'));

const FULL = `    - name: gpu
      provisioner: karpenter
      instance: aws/us-east-1/g5.xlarge
      maxNodes: 30
      karpenter:
        instanceTypes: [aws/us-east-1/g5.2xlarge, aws/us-east-1/g5.xlarge]
        capacityTypes: [spot]
        zones: [us-east-1a, us-east-1b]
        limits: { gpus: 24, nodes: 20 }
        weight: 25
        disruption:
          consolidationPolicy: WhenEmpty
          consolidateAfter: Never
          budgets: [{ nodes: 3, reasons: [Empty] }, { nodes: "20%" }]
      stockouts:
        - { capacityType: spot, zone: us-east-1a, from: 1h, duration: 2h }
`;

describe('a Karpenter pool exports as a Karpenter v1 NodePool', () => {
  it('writes requirements, limits, disruption and nodeClassRef from the karpenter block, valid against the CRD, whatever --node-pools says', () => {
    const s = withPool(FULL);
    const { objects, notes } = exportK8s(s.scenario, parse(s.text) as Record<string, unknown>, ca);
    const np = nodePool(objects);
    expect(np.metadata.annotations).toEqual({ 'design-sim.io/provisioner': 'karpenter' });
    expect(np.spec).toEqual({
      template: {
        spec: {
          nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'gpu' },
          requirements: [
            { key: 'node.kubernetes.io/instance-type', operator: 'In', values: ['g5.2xlarge', 'g5.xlarge'] },
            { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot'] },
            { key: 'topology.kubernetes.io/region', operator: 'In', values: ['us-east-1'] },
            { key: 'topology.kubernetes.io/zone', operator: 'In', values: ['us-east-1a', 'us-east-1b'] },
          ],
          taints: [{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }],
          expireAfter: '720h',
        },
      },
      limits: { 'nvidia.com/gpu': '24', nodes: '20' },
      weight: 25,
      disruption: { consolidationPolicy: 'WhenEmpty', consolidateAfter: 'Never', budgets: [{ nodes: '3', reasons: ['Empty'] }, { nodes: '20%' }] },
    });
    for (const o of objects) expect(k8sSchemaErrors(o), `${o.kind}/${o.metadata.name}`).toEqual([]);
    // No node-group hint for it, and the Deployment lands on it by Karpenter's own node label.
    expect(objects.filter((o) => o.kind === 'ConfigMap').map((o) => o.metadata.name)).toEqual(['design-sim-gpu-fleet-diurnal-karpenter']);
    const dep = objects.find((o) => o.kind === 'Deployment') as unknown as { spec: { template: { spec: { nodeSelector: unknown; tolerations: unknown } } } };
    expect(dep.spec.template.spec.nodeSelector).toEqual({ 'karpenter.sh/nodepool': 'gpu' });
    expect(dep.spec.template.spec.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]);
    expect(notes.filter((n) => n.startsWith('NodePool/'))).toEqual([
      'NodePool/gpu: nodeClassRef names the EC2NodeClass "gpu" (not written: its role, subnets, security groups and images are your cluster\'s): create it',
      'NodePool/gpu: stock-outs and spot interruptions are simulation inputs, not NodePool fields: kept in the design-sim ConfigMap',
    ]);
  });

  it('a pool\'s rollouts and a Drifted budget round-trip: the budget in the NodePool, the rollouts (no NodePool field) in the ConfigMap', () => {
    const s = withPool(FULL.replace('{ nodes: "20%" }]', '{ nodes: "20%" }, { nodes: "1", reasons: [Drifted] }]') + '      rollouts: [{ at: 2h }, { at: 6h }]\n');
    expect(s.scenario.spec.nodePools[0]!.rollouts).toEqual([{ at: 7200 }, { at: 21_600 }]);
    const { exported, back } = roundTrip(s);
    expect((nodePool(exported.objects).spec.disruption as { budgets: unknown[] }).budgets).toContainEqual({ nodes: '1', reasons: ['Drifted'] });
    expect(back.ok && back.scenario).toEqual(s.scenario);
  });

  it('nodeAnnotations are the template\'s metadata.annotations both ways', () => {
    const annotations = { 'karpenter.sh/do-not-disrupt': 'true', 'example.com/team': 'serving' };
    const s = withPool(FULL.replace('        weight: 25\n', `        weight: 25\n        nodeAnnotations: ${JSON.stringify(annotations)}\n`));
    const { exported, imported, back } = roundTrip(s, withoutConfigMap);
    expect((nodePool(exported.objects).spec.template as { metadata: unknown }).metadata).toEqual({ annotations });
    for (const o of exported.objects) expect(k8sSchemaErrors(o)).toEqual([]);
    expect(imported.notes.filter((n) => n.message.includes('metadata'))).toEqual([]);
    expect(back.ok && back.scenario.spec.nodePools[0]?.karpenter?.nodeAnnotations).toEqual(annotations);
  });

  it('writes Karpenter v1 defaults explicitly for a pool that gives only instance types', () => {
    const s = withPool('    - name: gpu\n      provisioner: karpenter\n      karpenter:\n        instanceTypes: [aws/us-east-1/g5.xlarge]\n');
    const np = nodePool(exportK8s(s.scenario, parse(s.text) as Record<string, unknown>, ca).objects);
    expect(np.spec.limits).toBeUndefined();
    expect(np.spec.disruption).toEqual({ consolidationPolicy: 'WhenEmptyOrUnderutilized', consolidateAfter: '0s', budgets: [{ nodes: '10%' }] });
    expect((np.spec.template as { spec: { requirements: unknown[] } }).spec.requirements[1]).toEqual({ key: 'karpenter.sh/capacity-type', operator: 'In', values: ['on-demand'] });
  });

  it('on a CPU pool writes the vCPU limit as cpu and no GPU taint, and reads it back', () => {
    const pool = '    - name: gpu\n      provisioner: karpenter\n      karpenter:\n        instanceTypes: [aws/us-east-1/m6i.large, aws/us-east-1/m6i.xlarge]\n        limits: { gpus: 64 }\n';
    const s0 = withPool(pool);
    const text = s0.text.replace('      gpusPerReplica: 1\n', '      cpuPerReplica: 1\n');
    const r = parseScenarioText(text, 'cpu.yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const s = { text, scenario: r.scenario };
    const { exported, back } = roundTrip(s);
    const np = nodePool(exported.objects);
    expect(np.spec.limits).toEqual({ cpu: '64' });
    expect((np.spec.template as { spec: Record<string, unknown> }).spec.taints).toBeUndefined();
    expect(k8sSchemaErrors(np)).toEqual([]);
    expect(back.ok && back.scenario).toEqual(s.scenario);
  });

  it('refuses a Karpenter pool on a cloud Karpenter has no provider for, with the pool named', () => {
    const s = withPool('    - name: gpu\n      provisioner: karpenter\n      karpenter:\n        instanceTypes: [gcp/us-central1/g2-standard-8]\n');
    expect(() => exportK8s(s.scenario, parse(s.text) as Record<string, unknown>, ca)).toThrow('node pool gpu: Karpenter has no provider for gcp (only aws and azure): this Karpenter pool cannot be exported');
  });
});

describe('import reads the NodePool back', () => {
  const cases: [string, string][] = [
    ['every field set', FULL],
    ['defaults only', '    - name: gpu\n      provisioner: karpenter\n      karpenter:\n        instanceTypes: [aws/us-east-1/g5.xlarge, aws/us-east-1/g5.2xlarge]\n'],
    ['the content scenario', base.match(/ {4}- name: gpu\n[\s\S]*?(?=\n {2}expect:)/)![0]],
  ];
  it.each(cases)('export → import gives an equal spec (%s)', (_, pool) => {
    const s = withPool(pool);
    const { back, imported } = roundTrip(s);
    expect(back.ok && back.scenario).toEqual(s.scenario);
    expect(imported.notes.filter((n) => n.object === 'NodePool/gpu')).toEqual([]);
  });

  it.each(cases)('without the design-sim ConfigMap, the karpenter block still comes back whole from the NodePool (%s)', (_, pool) => {
    const s = withPool(pool);
    const { back } = roundTrip(s, withoutConfigMap);
    const got = back.ok ? back.scenario.spec.nodePools[0] : undefined;
    expect(got?.provisioner).toBe('karpenter');
    expect(got?.karpenter).toEqual(s.scenario.spec.nodePools[0]?.karpenter);
    expect(back.ok && back.scenario.spec.services[0]?.nodePool).toBe('gpu');
  });

  it('reads an edited NodePool natively: the manifest, not the ConfigMap, holds the karpenter block', () => {
    const s = withPool(FULL);
    const { back } = roundTrip(s, (o) => {
      if (o.kind === 'NodePool') {
        const spec = o.spec as { limits: Record<string, string>; disruption: Record<string, unknown> };
        spec.limits['nvidia.com/gpu'] = '8';
        spec.disruption.consolidateAfter = '1m30s';
      }
      return true;
    });
    expect(back.ok && back.scenario.spec.nodePools[0]?.karpenter).toMatchObject({ limits: { gpus: 8, nodes: 20 }, disruption: { consolidateAfter: 90 } });
  });

  it('reports each field it does not simulate at its path, and keeps the rest', () => {
    const s = withPool(FULL);
    const { imported, back } = roundTrip(s, (o) => {
      if (o.kind === 'NodePool') {
        const spec = o.spec as Record<string, unknown> & { template: { spec: Record<string, unknown> & { requirements: unknown[] } }; limits: Record<string, string>; disruption: Record<string, unknown> };
        spec.weight = 10;
        spec.template.spec.expireAfter = '36h';
        spec.template.spec.requirements.push({ key: 'karpenter.k8s.aws/instance-family', operator: 'NotIn', values: ['g4dn'] });
        spec.limits.memory = '1000Gi';
        spec.disruption.consolidationPolicy = 'Balanced';
        spec.disruption.budgets = [{ nodes: '0', schedule: '0 9 * * mon-fri' }, { nodes: '2', reasons: ['Drifted', 'Empty'] }];
      }
      return true;
    });
    expect(imported.notes.filter((n) => n.object === 'NodePool/gpu').map((n) => `${n.file} ${n.message}`)).toEqual([
      'k8s.yaml spec.template.spec.requirements[4] (karpenter.k8s.aws/instance-family NotIn): design-sim reads In on node.kubernetes.io/instance-type, karpenter.sh/capacity-type, topology.kubernetes.io/region, topology.kubernetes.io/zone: ignored',
      'k8s.yaml spec.limits.memory: design-sim limits nvidia.com/gpu and nodes, in whole units: ignored',
      'k8s.yaml spec.disruption.consolidationPolicy Balanced: not simulated: WhenEmptyOrUnderutilized (the default) is used',
      "k8s.yaml spec.disruption.budgets[0]: 'schedule' must be set with 'duration' (the NodePool CRD refuses one without the other): left out",
    ]);
    // Drifted is simulated (karpenter/drift.ts): kept with the other reasons.
    expect(back.ok && back.scenario.spec.nodePools[0]?.karpenter?.disruption).toEqual({ consolidationPolicy: 'WhenEmptyOrUnderutilized', consolidateAfter: null, budgets: [{ nodes: { count: 2 }, reasons: ['Drifted', 'Empty'] }] });
    // weight and expireAfter are simulated (karpenter/node-pool-order.ts, expiration.ts): read, not noted.
    expect(back.ok && back.scenario.spec.nodePools[0]?.karpenter?.weight).toBe(10);
    expect(back.ok && back.scenario.spec.nodePools[0]?.karpenter?.expireAfter).toBe(36 * 3600);
  });

  it('writes scheduled budgets (schedule, duration in hours and minutes) and reads them back', () => {
    const s = withPool(
      '    - name: gpu\n      provisioner: karpenter\n      karpenter:\n        instanceTypes: [aws/us-east-1/g5.xlarge]\n' +
        '        disruption: { budgets: [{ nodes: "0", schedule: "0 9 * * mon-fri", duration: 1h30m }, { nodes: "0", reasons: [Empty], schedule: "@daily", duration: 0m }, { nodes: "20%" }] }\n',
    );
    const { exported, imported, back } = roundTrip(s);
    expect((nodePool(exported.objects).spec.disruption as { budgets: unknown[] }).budgets).toEqual([
      { nodes: '0', schedule: '0 9 * * mon-fri', duration: '1h30m' },
      { nodes: '0', reasons: ['Empty'], schedule: '@daily', duration: '0m' },
      { nodes: '20%' },
    ]);
    // The vendored NodePool CRD's schedule and duration patterns accept what is written (ajv; the CEL rules are not run).
    expect(k8sSchemaErrors(nodePool(exported.objects))).toEqual([]);
    expect(imported.notes.filter((n) => n.object === 'NodePool/gpu').map((n) => n.message)).toEqual([
      'spec.disruption.budgets: schedules are read in UTC, the run starting at 00:00 UTC of spec.startDate (default 2024-01-01, a Monday)',
    ]);
    expect(back.ok && back.scenario.spec.nodePools[0]?.karpenter?.disruption.budgets).toEqual([
      { nodes: { count: 0 }, schedule: '0 9 * * mon-fri', duration: 5400 },
      { nodes: { count: 0 }, reasons: ['Empty'], schedule: '@daily', duration: 0 },
      { nodes: { percent: 20 } },
    ]);
  });

  it('writes spec.weight and reads it back (NodePoolSpec.Weight, the order OrderByWeight sorts NodePools in)', () => {
    const s = withPool('    - name: gpu\n      provisioner: karpenter\n      karpenter:\n        instanceTypes: [aws/us-east-1/g5.xlarge]\n        weight: 40\n');
    const { exported, back } = roundTrip(s);
    expect(nodePool(exported.objects).spec.weight).toBe(40);
    expect(k8sSchemaErrors(nodePool(exported.objects))).toEqual([]);
    expect(back.ok && back.scenario.spec.nodePools[0]?.karpenter?.weight).toBe(40);
  });

  it('writes expireAfter (Never as Never) and reads it back', () => {
    const s = withPool('    - name: gpu\n      provisioner: karpenter\n      karpenter:\n        instanceTypes: [aws/us-east-1/g5.xlarge]\n        expireAfter: Never\n');
    const { exported, back } = roundTrip(s);
    expect((nodePool(exported.objects).spec.template as { spec: { expireAfter: string } }).spec.expireAfter).toBe('Never');
    expect(back.ok && back.scenario.spec.nodePools[0]?.karpenter?.expireAfter).toBeNull();
  });

  it('writes template.spec.terminationGracePeriod when set (none by default) and reads it back', () => {
    const pool = (extra: string) => withPool(`    - name: gpu\n      provisioner: karpenter\n      karpenter:\n        instanceTypes: [aws/us-east-1/g5.xlarge]\n${extra}`);
    const set = roundTrip(pool('        terminationGracePeriod: 1h30m\n'));
    const spec = (nodePool(set.exported.objects).spec.template as { spec: Record<string, unknown> }).spec;
    expect(spec.terminationGracePeriod).toBe('1h30m');
    expect(k8sSchemaErrors(nodePool(set.exported.objects))).toEqual([]);
    expect(set.imported.notes.filter((n) => n.object === 'NodePool/gpu')).toEqual([]);
    expect(set.back.ok && set.back.scenario.spec.nodePools[0]?.karpenter?.terminationGracePeriod).toBe(5400);
    const unset = roundTrip(pool(''));
    expect('terminationGracePeriod' in (nodePool(unset.exported.objects).spec.template as { spec: Record<string, unknown> }).spec).toBe(false);
    expect(unset.back.ok && unset.back.scenario.spec.nodePools[0]?.karpenter?.terminationGracePeriod).toBeUndefined();
  });

  it('skips a NodePool none of whose instance types is in the catalog, saying so', () => {
    const s = withPool(FULL);
    const { imported } = roundTrip(s, (o) => {
      if (o.kind === 'NodePool') ((o.spec as { template: { spec: { requirements: { values: string[] }[] } } }).template.spec.requirements[0]!.values = ['x9.huge']);
      return true;
    });
    expect(imported.notes.filter((n) => n.object === 'NodePool/gpu').map((n) => n.message)).toEqual([
      'spec.template.spec.requirements: instance type x9.huge is not in the catalog in us-east-1: left out',
      'no node.kubernetes.io/instance-type requirement names an instance type in the catalog: the pool cannot be priced: skipped',
    ]);
  });
});
