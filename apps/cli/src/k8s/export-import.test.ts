import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseScenarioText, type Scenario } from '@design-sim/sim-core';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { CliError } from '../cli-error.ts';
import { indexedJobManifest } from '../shard/k8s-job.ts';
import { k8sSchemaErrors } from '../testing/k8s-schema-validator.ts';
import { exportK8s, manifestsYaml, type ExportOptions } from './export-k8s.ts';
import { importK8s } from './import-k8s.ts';
import type { K8sObject } from './k8s-object.ts';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const files = ['examples', 'content'].flatMap((d) => readdirSync(join(root, d)).filter((f) => f.endsWith('.yaml')).map((f) => join(d, f)));
const scenarios = files
  .map((f) => {
    const text = readFileSync(join(root, f), 'utf8');
    const r = parseScenarioText(text, f);
    return r.ok && r.scenario.spec.services.length > 0 ? { file: f, text, scenario: r.scenario } : undefined;
  })
  .filter((x): x is { file: string; text: string; scenario: Scenario } => x !== undefined);

const ca: ExportOptions = { provisioner: 'cluster-autoscaler', port: 8000, healthPath: '/health', image: 'vllm/vllm-openai:v0.9.2' };
const onAwsOrAzure = (s: Scenario) => s.spec.nodePools.every((p) => /^(aws|azure)\//.test(p.instance));

/** Export, write as YAML text, read back as a team would (text, not objects), import, parse. */
function roundTrip(scenario: Scenario, text: string, o: ExportOptions, edit: (objs: K8sObject[]) => K8sObject[] = (x) => x) {
  const exported = exportK8s(scenario, parse(text) as Record<string, unknown>, o);
  const yaml = manifestsYaml(edit(exported.objects));
  const docs = parseAllDocuments(yaml).map((d) => ({ file: 'k8s.yaml', doc: d.toJS() as unknown }));
  const imported = importK8s(docs);
  const back = parseScenarioText(stringify(imported.scenario), 'imported.yaml');
  return { exported, imported, back };
}

describe('export k8s', () => {
  it(`writes manifests valid against the Kubernetes 1.36 OpenAPI schema and the Karpenter CRD, for all ${scenarios.length} serving scenarios`, () => {
    expect(scenarios.length).toBeGreaterThan(10);
    for (const { file, text, scenario } of scenarios) {
      const modes: ExportOptions[] = [ca, ...(onAwsOrAzure(scenario) ? [{ ...ca, provisioner: 'karpenter' as const }] : [])];
      for (const o of modes) {
        const { objects } = exportK8s(scenario, parse(text) as Record<string, unknown>, o);
        for (const obj of objects) expect(k8sSchemaErrors(obj), `${file} ${o.provisioner} ${obj.kind}/${obj.metadata.name}`).toEqual([]);
      }
    }
  });

  it('the validator catches what the API server would refuse (so the check above has teeth)', () => {
    expect(k8sSchemaErrors({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { replicas: 'two', selector: {}, template: {} } })).toEqual(['Deployment /spec/replicas: must be integer']);
    expect(k8sSchemaErrors({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'x' }, spec: { maxReplicas: 3, scaleTargetRef: { kind: 'Deployment', name: 'x' }, behaviour: {} } })).toEqual([
      'HorizontalPodAutoscaler /spec: must NOT have additional properties (behaviour)',
    ]);
    expect(k8sSchemaErrors({ apiVersion: 'karpenter.sh/v1', kind: 'NodePool', metadata: { name: 'x' }, spec: { template: { spec: { requirements: [], nodeClassRef: { group: 'g', kind: 'k', name: 'n' } } }, disruption: { consolidateAfter: '10 minutes' } } })[0]).toContain('/spec/disruption/consolidateAfter: must match pattern');
  });

  it('keeps the HPA behavior exactly as written, field presence included', () => {
    const text = readFileSync(join(root, 'examples/serving-autoscaling.yaml'), 'utf8');
    const scenario = scenarios.find((s) => s.file === 'examples/serving-autoscaling.yaml')!.scenario;
    const hpa = exportK8s(scenario, parse(text) as Record<string, unknown>, ca).objects.find((o) => o.kind === 'HorizontalPodAutoscaler') as unknown as { spec: { behavior: unknown } };
    const written = (parse(text) as { spec: { services: { hpa: { behavior: unknown } }[] } }).spec.services[0]!.hpa.behavior;
    expect(hpa.spec.behavior).toEqual(written);
  });
});

describe('import k8s', () => {
  it('gives back the same scenario after export, for every serving scenario and both node-pool forms', () => {
    for (const { file, text, scenario } of scenarios) {
      for (const o of [ca, ...(onAwsOrAzure(scenario) ? [{ ...ca, provisioner: 'karpenter' as const }] : [])]) {
        const { back } = roundTrip(scenario, text, o);
        expect(back.ok && back.scenario, `${file} ${o.provisioner}`).toEqual(scenario);
      }
    }
  });

  it('round-trips a service on several pools (node affinity) with an External total target, and reads them natively', () => {
    const text = readFileSync(join(root, 'examples/hpa-step.yaml'), 'utf8')
      .replace('      nodePool: l4\n', '      nodePool: [l4, l4-spot]\n')
      .replace('          - type: concurrency        # in-flight requests per replica\n            target: 3', '          - type: concurrency\n            source: External\n            targetType: Value\n            target: 60')
      .replace('  expect:', '    - name: l4-spot\n      instance: gcp/us-central1/g2-standard-8\n      maxNodes: 20\n      spotShare: 1\n  expect:');
    const parsed = parseScenarioText(text, 'multi.yaml');
    expect(parsed.ok, parsed.ok ? '' : JSON.stringify(parsed.issues)).toBe(true);
    const scenario = parsed.ok ? parsed.scenario : (undefined as never);
    const { exported, back } = roundTrip(scenario, text, ca);
    for (const obj of exported.objects) expect(k8sSchemaErrors(obj)).toEqual([]);
    const dep = exported.objects.find((o) => o.kind === 'Deployment') as unknown as { spec: { template: { spec: { affinity: unknown } } } };
    expect(dep.spec.template.spec.affinity).toEqual({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'cloud.google.com/gke-nodepool', operator: 'In', values: ['l4', 'l4-spot'] }] }] } } });
    expect(back.ok && back.scenario).toEqual(scenario);
    const native = roundTrip(scenario, text, ca, (objs) => objs.filter((o) => !(o.kind === 'ConfigMap' && o.metadata.name.startsWith('design-sim-')))).back;
    expect(native.ok && native.scenario.spec.services[0]).toMatchObject({ nodePool: ['l4', 'l4-spot'], hpa: { metrics: [{ type: 'concurrency', source: 'External', targetType: 'Value', target: 60 }] } });
  });

  it('writes a PodDisruptionBudget only for a service with disruptionBudget, as written, and reads it back natively', () => {
    const { text: plain, scenario: without } = scenarios.find((s) => s.file === 'examples/hpa-step.yaml')!;
    expect(exportK8s(without, parse(plain) as Record<string, unknown>, ca).objects.filter((o) => o.kind === 'PodDisruptionBudget')).toEqual([]);
    const text = plain.replace('      nodePool: l4\n', '      nodePool: l4\n      disruptionBudget: { maxUnavailable: "25%" }\n');
    const parsed = parseScenarioText(text, 'pdb.yaml');
    const scenario = parsed.ok ? parsed.scenario : (undefined as never);
    expect(scenario.spec.services[0]!.disruptionBudget).toEqual({ maxUnavailable: '25%' });
    const { exported, back } = roundTrip(scenario, text, ca);
    const pdbs = exported.objects.filter((o) => o.kind === 'PodDisruptionBudget') as unknown as { apiVersion: string; spec: Record<string, unknown> }[];
    expect(pdbs).toHaveLength(1);
    expect(pdbs[0]!.apiVersion).toBe('policy/v1');
    expect(pdbs[0]!.spec.maxUnavailable).toBe('25%');
    for (const obj of exported.objects) expect(k8sSchemaErrors(obj)).toEqual([]);
    expect(back.ok && back.scenario).toEqual(scenario);
    // The PDB, not the ConfigMap, carries the budget: an edited one changes the scenario, a deleted one removes it.
    const edited = roundTrip(scenario, text, ca, (objs) =>
      objs.map((o) => (o.kind === 'PodDisruptionBudget' ? ({ ...o, spec: { minAvailable: 2, selector: (o as unknown as { spec: { selector: unknown } }).spec.selector } } as unknown as K8sObject) : o)),
    ).back;
    expect(edited.ok && edited.scenario.spec.services[0]!.disruptionBudget).toEqual({ minAvailable: 2 });
    const dropped = roundTrip(scenario, text, ca, (objs) => objs.filter((o) => o.kind !== 'PodDisruptionBudget')).back;
    expect(dropped.ok && dropped.scenario.spec.services[0]!.disruptionBudget).toBeUndefined();
  });

  it('writes services[].podAnnotations on the pod template as given, reads them back natively (an edited value too), and refuses a non-string or unreadable value', () => {
    const { text: plain } = scenarios.find((s) => s.file === 'examples/hpa-step.yaml')!;
    const annotations = { 'karpenter.sh/do-not-disrupt': 'true', 'cluster-autoscaler.kubernetes.io/safe-to-evict': 'false', 'prometheus.io/scrape': 'true' };
    const text = plain.replace('      nodePool: l4\n', `      nodePool: l4\n      podAnnotations: ${JSON.stringify(annotations)}\n`);
    const parsed = parseScenarioText(text, 'ann.yaml');
    const scenario = parsed.ok ? parsed.scenario : (undefined as never);
    expect(scenario.spec.services[0]!.podAnnotations).toEqual(annotations);
    const { exported, back } = roundTrip(scenario, text, ca);
    const deployment = exported.objects.find((o) => o.kind === 'Deployment') as unknown as { spec: { template: { metadata: { annotations?: Record<string, string> } } } };
    expect(deployment.spec.template.metadata.annotations).toEqual(annotations);
    for (const obj of exported.objects) expect(k8sSchemaErrors(obj)).toEqual([]);
    expect(back.ok && back.scenario).toEqual(scenario);
    // Native: the Deployment, not the ConfigMap, carries them; a scenario without them writes none.
    const editTo = (annotations: Record<string, unknown>) => (objs: K8sObject[]) =>
      objs.map((o) => {
        const c = structuredClone(o) as K8sObject & { spec: { template: { metadata: { annotations: Record<string, unknown> } } } };
        if (o.kind === 'Deployment') c.spec.template.metadata.annotations = annotations;
        return c;
      });
    const edited = roundTrip(scenario, text, ca, editTo({ 'cluster-autoscaler.kubernetes.io/safe-to-evict': 'true' }));
    expect(edited.back.ok && edited.back.scenario.spec.services[0]!.podAnnotations).toEqual({ 'cluster-autoscaler.kubernetes.io/safe-to-evict': 'true' });
    // A non-string value is the API server's refusal, at its field.
    expect(() => roundTrip(scenario, text, ca, editTo({ 'example.com/n': 3 }))).toThrow('k8s.yaml Deployment/model spec.template.metadata.annotations["example.com/n"]: expected a string, got 3');
    // A known key's value the simulation cannot read is the scenario's refusal, with what is expected.
    const bad = roundTrip(scenario, text, ca, editTo({ 'karpenter.sh/do-not-disrupt': 'yes' })).back;
    expect(bad.ok ? [] : bad.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'spec.services[0].podAnnotations["karpenter.sh/do-not-disrupt"]: expected "true" (the node is not disrupted voluntarily while the pod runs) or "false" (no effect; Karpenter ignores a value it cannot parse), got "yes"',
    ]);
    const none = exportK8s(parseScenarioText(plain, 'x.yaml').ok ? (parseScenarioText(plain, 'x.yaml') as { scenario: Scenario }).scenario : (undefined as never), parse(plain) as Record<string, unknown>, ca);
    expect((none.objects.find((o) => o.kind === 'Deployment') as unknown as { spec: { template: { metadata: Record<string, unknown> } } }).spec.template.metadata.annotations).toBeUndefined();
  });

  it('names a PodDisruptionBudget it cannot read: both fields set, or a selector that matches no Deployment', () => {
    const { text, scenario } = scenarios.find((s) => s.file === 'examples/hpa-step.yaml')!;
    const pdb = (spec: Record<string, unknown>) => ({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'x' }, spec }) as unknown as K8sObject;
    const labels = (exportK8s(scenario, parse(text) as Record<string, unknown>, ca).objects.find((o) => o.kind === 'Deployment') as unknown as { spec: { template: { metadata: { labels: Record<string, string> } } } }).spec.template.metadata.labels;
    const both = roundTrip(scenario, text, ca, (objs) => [...objs, pdb({ maxUnavailable: 1, minAvailable: 1, selector: { matchLabels: labels } })]);
    expect(both.imported.notes.map((n) => `${n.object}: ${n.message}`)).toContain('PodDisruptionBudget/x: give exactly one of maxUnavailable and minAvailable, each a pod count or a percentage ("25%"): skipped');
    expect(both.back.ok && both.back.scenario.spec.services[0]!.disruptionBudget).toBeUndefined();
    const none = roundTrip(scenario, text, ca, (objs) => [...objs, pdb({ maxUnavailable: 1, selector: { matchLabels: { app: 'other' } } })]);
    expect(none.imported.notes.map((n) => `${n.object}: ${n.message}`)).toContain('PodDisruptionBudget/x: its selector matches the pods of no Deployment given: skipped');
  });

  it('reads the native fields from the objects, not the ConfigMap: an edited Deployment and HPA change the scenario', () => {
    const { text, scenario } = scenarios.find((s) => s.file === 'examples/hpa-step.yaml')!;
    const { back } = roundTrip(scenario, text, ca, (objs) =>
      objs.map((o) => {
        const c = structuredClone(o) as K8sObject & { spec: Record<string, unknown> };
        if (o.kind === 'Deployment') c.spec.replicas = 9;
        if (o.kind === 'HorizontalPodAutoscaler') c.spec.maxReplicas = 77;
        return c;
      }),
    );
    expect(back.ok && back.scenario.spec.services[0]).toMatchObject({ replicas: 9, hpa: { maxReplicas: 77, minReplicas: 4 } });
  });

  it('writes terminationGracePeriodSeconds in every pod template (the 30 s default too), and reads an edited one back natively', () => {
    const { text, scenario } = scenarios.find((s) => s.file === 'examples/hpa-step.yaml')!;
    const exported = exportK8s(scenario, parse(text) as Record<string, unknown>, ca);
    const deployment = exported.objects.find((o) => o.kind === 'Deployment') as K8sObject & { spec: { template: { spec: Record<string, unknown> } } };
    expect(deployment.spec.template.spec.terminationGracePeriodSeconds).toBe(30);
    const { back } = roundTrip(scenario, text, ca, (objs) =>
      objs.map((o) => {
        const c = structuredClone(o) as K8sObject & { spec: { template: { spec: Record<string, unknown> } } };
        if (o.kind === 'Deployment') c.spec.template.spec.terminationGracePeriodSeconds = 120;
        return c;
      }),
    );
    expect(back.ok && back.scenario.spec.services[0]!.terminationGracePeriod).toBe(120);
  });

  it("sizes the startup probe from the model load the simulation runs, weights and engine start given as physics too", () => {
    // content/nim-llama3-8b-scale-to-zero-pv.yaml: 16.06 GB of weights at 335 MB/s (47.9 s) + engineStart 64 s = 111.9 s,
    // so the probe allows 2 × 111.9 = 223.8 s: 23 periods of 10 s. Sized from `startup.modelLoad` (0 there) it allowed
    // 30 s, and the kubelet would have restarted the container long before the engine was up.
    const { text, scenario } = scenarios.find((s) => s.file === 'content/nim-llama3-8b-scale-to-zero-pv.yaml')!;
    expect(scenario.spec.services[0]!.startup.modelLoad).toBe(0);
    const deployment = exportK8s(scenario, parse(text) as Record<string, unknown>, ca).objects.find((o) => o.kind === 'Deployment') as K8sObject & {
      spec: { template: { spec: { containers: { startupProbe: { periodSeconds: number; failureThreshold: number } }[] } } };
    };
    expect(deployment.spec.template.spec.containers[0]!.startupProbe).toMatchObject({ periodSeconds: 10, failureThreshold: 23 });
    // A modelLoad given as a time is the budget's base as before: examples/hpa-step.yaml's 75 s, 2 × 75 = 150 s, 15 periods.
    const step = scenarios.find((s) => s.file === 'examples/hpa-step.yaml')!;
    const d2 = exportK8s(step.scenario, parse(step.text) as Record<string, unknown>, ca).objects.find((o) => o.kind === 'Deployment') as typeof deployment;
    expect(d2.spec.template.spec.containers[0]!.startupProbe.failureThreshold).toBe(15);
  });

  it('says that a trace is kept as its path, not its rows (a round trip written elsewhere could not find it)', () => {
    const { text, scenario } = scenarios.find((s) => s.file.endsWith('llama3-8b-trace-replay-azure.yaml'))!;
    expect(exportK8s(scenario, parse(text) as Record<string, unknown>, ca).notes.filter((n) => n.includes('trace'))).toEqual([
      'ConfigMap/design-sim-llama3-8b-trace-replay-azure: traffic.trace.file traces/azure-llm-conv-synthetic.csv is kept as written, not its rows: a scenario imported from these manifests reads it relative to its own folder, so copy the trace there',
    ]);
  });

  it('a fractional grace is written rounded up (whole seconds), with a note; a stated 0 round-trips', () => {
    const { text } = scenarios.find((s) => s.file === 'examples/hpa-step.yaml')!;
    const raw = parse(text) as { spec: { services: Record<string, unknown>[] } };
    raw.spec.services[0]!.terminationGracePeriod = '2.5s';
    const r = parseScenarioText(stringify(raw), 'x.yaml');
    if (!r.ok) throw new Error('parse');
    const exported = exportK8s(r.scenario, raw as unknown as Record<string, unknown>, ca);
    const deployment = exported.objects.find((o) => o.kind === 'Deployment') as K8sObject & { spec: { template: { spec: Record<string, unknown> } } };
    expect(deployment.spec.template.spec.terminationGracePeriodSeconds).toBe(3);
    expect(exported.notes.some((n) => n.includes('terminationGracePeriod 2.5s is written as 3 s'))).toBe(true);
    raw.spec.services[0]!.terminationGracePeriod = '0s';
    const zero = parseScenarioText(stringify(raw), 'x.yaml');
    if (!zero.ok) throw new Error('parse');
    const { back } = roundTrip(zero.scenario, stringify(raw), ca);
    expect(back.ok && back.scenario.spec.services[0]!.terminationGracePeriod).toBe(0);
  });

  it('a keda service becomes a KEDA ScaledObject (no HPA object: KEDA creates it), read back natively: an edited cooldownPeriod changes the scenario', () => {
    const { text, scenario } = scenarios.find((s) => s.file === 'content/nim-llama3-8b-scale-to-zero-pv.yaml')!;
    const { exported, back } = roundTrip(scenario, text, ca, (objs) =>
      objs.map((o) => {
        const c = structuredClone(o) as K8sObject & { spec: Record<string, unknown> };
        if (o.kind === 'ScaledObject') c.spec.cooldownPeriod = 600;
        return c;
      }),
    );
    expect(exported.objects.map((o) => o.kind)).not.toContain('HorizontalPodAutoscaler');
    const so = exported.objects.find((o) => o.kind === 'ScaledObject')!;
    expect(so.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'nim' },
      minReplicaCount: 0,
      maxReplicaCount: 2,
      pollingInterval: 30,
      cooldownPeriod: 300,
      initialCooldownPeriod: 0,
      advanced: { horizontalPodAutoscalerConfig: { behavior: {} } },
      triggers: [{ type: 'prometheus', metadata: { serverAddress: 'http://prometheus.monitoring:9090', query: 'sum(vllm_num_requests_running)', threshold: '24' } }],
    });
    const svc = back.ok ? back.scenario.spec.services[0] : undefined;
    expect(svc?.keda).toEqual({ minReplicaCount: 0, pollingInterval: 30, cooldownPeriod: 600, initialCooldownPeriod: 0, triggers: [{ type: 'requestRate', activationThreshold: 0, window: 60 }], buffer: { capacity: 200, timeout: 900 } });
    expect(svc?.hpa).toMatchObject({ minReplicas: 1, maxReplicas: 2, metrics: [{ type: 'concurrency', target: 24 }] });
  });

  it('writes keda.fallback as the ScaledObject\'s spec.fallback and reads it back natively, with and without the ConfigMap; an edited one changes the scenario', () => {
    const { text } = scenarios.find((s) => s.file === 'content/nim-llama3-8b-scale-to-zero-pv.yaml')!;
    const raw = parse(text) as { spec: { services: { keda: Record<string, unknown> }[] } };
    raw.spec.services[0]!.keda.fallback = { failureThreshold: 3, replicas: 2 };
    const withFallback = parseScenarioText(stringify(raw), 'fallback.yaml');
    if (!withFallback.ok) throw new Error('the scenario with a fallback does not parse');
    const { exported, back } = roundTrip(withFallback.scenario, stringify(raw), ca);
    const so = exported.objects.find((o) => o.kind === 'ScaledObject')! as K8sObject & { spec: Record<string, unknown> };
    expect(so.spec.fallback).toEqual({ failureThreshold: 3, replicas: 2, behavior: 'static' });
    expect(k8sSchemaErrors(so)).toEqual([]);
    expect(back.ok && back.scenario.spec.services[0]!.keda?.fallback).toEqual({ failureThreshold: 3, replicas: 2, behavior: 'static' });
    const native = roundTrip(withFallback.scenario, stringify(raw), ca, (objs) =>
      objs
        .filter((o) => !(o.kind === 'ConfigMap' && o.metadata.name.startsWith('design-sim-')))
        .map((o) => (o.kind === 'ScaledObject' ? { ...o, spec: { ...(o as K8sObject & { spec: object }).spec, fallback: { failureThreshold: 5, replicas: 1, behavior: 'currentReplicasIfHigher' } } } : o)),
    ).back;
    expect(native.ok && native.scenario.spec.services[0]!.keda?.fallback).toEqual({ failureThreshold: 5, replicas: 1, behavior: 'currentReplicasIfHigher' });
  });

  it('an imported fallback the scenario cannot hold is a located error at the ScaledObject: behavior scalingModifiers', () => {
    const { text, scenario } = scenarios.find((s) => s.file === 'content/nim-llama3-8b-scale-to-zero-pv.yaml')!;
    const { back } = roundTrip(scenario, text, ca, (objs) =>
      objs.map((o) => (o.kind === 'ScaledObject' ? { ...o, spec: { ...(o as K8sObject & { spec: object }).spec, fallback: { failureThreshold: 3, replicas: 2, behavior: 'scalingModifiers' } } } : o)),
    );
    expect(back.ok).toBe(false);
    if (!back.ok) expect(back.issues.map((i) => i.path)).toContain('spec.services[0].keda.fallback.behavior');
  });

  it('without the design-sim ConfigMap, keeps every native field and says what is a placeholder', () => {
    const { text, scenario } = scenarios.find((s) => s.file === 'examples/serving-autoscaling.yaml')!;
    const { back, imported } = roundTrip(scenario, text, ca, (objs) => objs.filter((o) => !(o.kind === 'ConfigMap' && o.metadata.name.startsWith('design-sim-'))));
    const svc = scenario.spec.services[0]!;
    const got = back.ok ? back.scenario : undefined;
    expect(got?.spec.services[0]).toMatchObject({ name: svc.name, replicas: svc.replicas, gpusPerReplica: svc.gpusPerReplica, nodePool: svc.nodePool });
    expect(got?.spec.services[0]?.hpa?.behavior).toEqual(svc.hpa?.behavior);
    expect(got?.spec.services[0]?.hpa?.metrics.map((m) => [m.type, m.target])).toEqual(svc.hpa?.metrics.map((m) => [m.type, m.target]));
    expect(got?.spec.nodePools.map((p) => [p.name, p.instance, p.minNodes, p.maxNodes, p.spotShare])).toEqual(scenario.spec.nodePools.map((p) => [p.name, p.instance, p.minNodes, p.maxNodes, p.spotShare]));
    const messages = imported.notes.map((n) => n.message).join('\n');
    expect(messages).toContain('traffic is not in Kubernetes manifests: spec.traffic is 10 QPS constant (a placeholder');
    expect(messages).toContain('no service time in Kubernetes manifests: latency is exponential with mean 100 ms (a placeholder');
    expect(messages).toContain('start-up times are estimated from the probes');
  });

  it("maps a team's own manifests: Deployment, KEDA ScaledObject with behavior, Karpenter NodePool; names and skips the rest", () => {
    const team = readFileSync(fileURLToPath(new URL('./fixtures/team-manifests.yaml', import.meta.url)), 'utf8');
    const docs = parseAllDocuments(team).map((d) => ({ file: 'team.yaml', doc: d.toJS() as unknown }));
    for (const d of docs) if ((d.doc as { kind: string }).kind !== 'Service') expect(k8sSchemaErrors(d.doc as K8sObject)).toEqual([]);
    const r = importK8s(docs, { qps: 120, latencyMs: 250 });
    const back = parseScenarioText(stringify(r.scenario), 'imported.yaml');
    expect(back.ok).toBe(true);
    const s = back.ok ? back.scenario : undefined;
    expect(s?.spec.services[0]).toMatchObject({ name: 'llama-8b', replicas: 2, gpusPerReplica: 1, nodePool: 'gpu', latency: { distribution: 'exponential', meanMs: 250 } });
    expect(s?.spec.services[0]?.hpa).toMatchObject({ minReplicas: 1, maxReplicas: 12, metrics: [{ type: 'queueLength', target: 5 }] });
    // minReplicaCount omitted is KEDA's 0: scale to zero, activated by the prometheus trigger (activation above 0),
    // which queries the replicas' own queue: it reads nothing at zero, and the parser warns that it never wakes.
    expect(s?.spec.services[0]?.keda).toEqual({ minReplicaCount: 0, pollingInterval: 30, cooldownPeriod: 300, initialCooldownPeriod: 0, triggers: [{ type: 'prometheus', metric: 'queueLength', activationThreshold: 0, window: 120 }] });
    expect(s?.spec.services[0]?.hpa?.behavior).toEqual({ scaleUp: { stabilizationWindowSeconds: 0, policies: [{ type: 'Pods', value: 2, periodSeconds: 60 }] }, scaleDown: { stabilizationWindowSeconds: 600 } });
    expect(s?.spec.nodePools[0]).toMatchObject({ name: 'gpu', instance: 'aws/us-east-1/g5.xlarge', maxNodes: 16, spotShare: 1 });
    expect(s?.spec.traffic?.profile).toEqual({ type: 'constant', qps: 120 });
    const lines = r.notes.map((n) => `${n.object}: ${n.message}`);
    expect(lines).toContain('Service/llama-8b: unsupported kind Service (v1): skipped; design-sim reads Deployment (apps/v1), HorizontalPodAutoscaler (autoscaling/v2), ScaledObject (keda.sh/v1alpha1), Service (serving.knative.dev/v1, Knative) with the knative-serving ConfigMap config-autoscaler, NodePool (karpenter.sh/v1), PodDisruptionBudget, and the ConfigMaps of `design-sim export k8s`');
    expect(lines).toContain("ScaledObject/llama-8b: minReplicaCount 0: KEDA scales it to zero; its prometheus triggers query the replicas' own metrics, which read nothing at zero, so once at zero it never wakes (the KEDA HTTP add-on's interceptor counts requests at zero: add a requestRate trigger and a buffer to model it)");
    expect(lines).toContain('ScaledObject/llama-8b: trigger type "cpu" is not simulated (design-sim reads prometheus triggers on the metrics it models, and cpu Utilization on a CPU service): left out');
    expect(back.ok && back.warnings.map((w) => w.message)).toContainEqual(expect.stringContaining('once scaled to zero it never wakes'));
  });
});

describe('import k8s: External metrics with an AverageValue target, without the design-sim ConfigMap', () => {
  const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api' }, spec: { replicas: 2, template: { spec: { containers: [{ name: 'c', image: 'i' }] } } } };
  const imported = (doc: unknown) => {
    const r = importK8s([{ file: 'k.yaml', doc: deployment }, { file: 'k.yaml', doc }]);
    const back = parseScenarioText(stringify(r.scenario), 'imported.yaml');
    if (!back.ok) throw new Error(back.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
    return back.scenario.spec.services[0]!.hpa;
  };

  it('a KEDA prometheus trigger on requests per second imports as qpsPerReplica (it was "hpa.metrics[0].source: unknown field", exit 2)', () => {
    const so = { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 'api' }, spec: { scaleTargetRef: { name: 'api' }, minReplicaCount: 1, maxReplicaCount: 5, triggers: [{ type: 'prometheus', metadata: { query: 'sum(http_requests_per_second)', threshold: '5' } }] } };
    expect(imported(so)).toMatchObject({ minReplicas: 1, maxReplicas: 5, metrics: [{ type: 'qpsPerReplica', target: 5 }] });
    expect(imported(so)!.metrics[0]).not.toHaveProperty('source');
    const notes = importK8s([{ file: 'k.yaml', doc: deployment }, { file: 'k.yaml', doc: so }]).notes.map((n) => `${n.object}: ${n.message}`);
    expect(notes).toContain('ScaledObject/api: the External metric "requests_per_second" (AverageValue) is simulated as qpsPerReplica, a per-replica (Pods) metric: the same ceil(total ÷ target) replicas while every replica is ready, but with the Pods readiness rules, which the External form does not apply');
    // A queue trigger keeps its External source: the scenario models one.
    const queue = structuredClone(so);
    queue.spec.triggers[0]!.metadata.query = 'sum(vllm:num_requests_waiting)';
    expect(imported(queue)!.metrics[0]).toMatchObject({ type: 'queueLength', source: 'External', target: 5 });
  });

  it('so does an autoscaling/v2 External AverageValue metric on requests per second; a threshold past a double is left out with a note', () => {
    const hpa = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'api' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' }, minReplicas: 1, maxReplicas: 8, metrics: [{ type: 'External', external: { metric: { name: 'requests_per_second' }, target: { type: 'AverageValue', averageValue: '20' } } }] } };
    expect(imported(hpa)).toMatchObject({ minReplicas: 1, maxReplicas: 8, metrics: [{ type: 'qpsPerReplica', target: 20 }] });
    // "1e400" was Infinity, and the imported scenario's target "must be a finite number, got Infinity".
    const so = { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 'api' }, spec: { scaleTargetRef: { name: 'api' }, minReplicaCount: 1, triggers: [{ type: 'prometheus', metadata: { query: 'sum(http_requests_per_second)', threshold: '1e400' } }] } };
    const r = importK8s([{ file: 'k.yaml', doc: deployment }, { file: 'k.yaml', doc: so }]);
    expect(r.notes.map((n) => n.message)).toContain('prometheus trigger "sum(http_requests_per_second)": no metric design-sim simulates, or no threshold: left out');
  });
});

describe('import k8s: --qps and --latency beside the design-sim ConfigMap', () => {
  it('says they are not used, since the ConfigMap carries the traffic and service times', () => {
    // A fuzzed `import k8s exported.yaml --qps 1e308` exited 0 with the ConfigMap's traffic and no word about --qps.
    const { text, scenario } = scenarios.find((s) => s.file === 'examples/hpa-step.yaml')!;
    const yaml = manifestsYaml(exportK8s(scenario, parse(text) as Record<string, unknown>, ca).objects);
    const docs = parseAllDocuments(yaml).map((d) => ({ file: 'k8s.yaml', doc: d.toJS() as unknown }));
    const r = importK8s(docs, { qps: 1e308, latencyMs: 250 });
    expect((r.scenario.spec as { traffic: unknown }).traffic).toEqual(scenario.spec.traffic === undefined ? undefined : (parse(text) as { spec: { traffic: unknown } }).spec.traffic);
    const lines = r.notes.map((n) => `${n.file} ${n.object}: ${n.message}`);
    expect(lines).toContain("k8s.yaml ConfigMap/design-sim-hpa-step: --qps 1e+308 is not used: the design-sim ConfigMap carries the scenario's own spec.traffic; edit it in the written file");
    expect(lines).toContain("k8s.yaml Deployment/model: --latency 250ms is not used: the design-sim ConfigMap carries this service's own service time; edit it in the written file");
  });
});

describe('import k8s: objects of the same kind and name', () => {
  it('keeps the first Deployment of a name and names the others, instead of merging them into one service', () => {
    // `kubectl get deploy -A -o yaml`: the same Deployment in two namespaces. The second overwrote the first's replicas.
    const deploy = (namespace: string, replicas: number) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace }, spec: { replicas, template: { spec: { containers: [{ name: 'c', image: 'i' }] } } } });
    const r = importK8s([{ file: 'prod.yaml', doc: deploy('prod', 3) }, { file: 'all.yaml', doc: { apiVersion: 'v1', kind: 'List', items: [deploy('staging', 2)] } }]);
    expect(r.scenario).toMatchObject({ spec: { services: [{ name: 'api', replicas: 3 }] } });
    expect((r.scenario.spec as { services: unknown[] }).services).toHaveLength(1);
    expect(r.notes).toContainEqual({ file: 'all.yaml', object: 'Deployment/api', message: 'a second Deployment named "api" (namespace staging; the first, in prod.yaml, has namespace prod): objects are matched by name, so only the first is imported; import each namespace on its own' });
  });
});

describe('import k8s: a damaged design-sim ConfigMap', () => {
  const configMap = (key: string, text: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', labels: { 'app.kubernetes.io/managed-by': 'design-sim' } }, data: { [key]: text } });
  const importOne = (key: string, text: string) => () => importK8s([{ file: 'cm.yaml', doc: configMap(key, text) }]);

  it('names the file, object, key and place of a syntax error, an alias bomb or absurd nesting in its embedded YAML', () => {
    // Each was "internal error: …" followed by the YAML library's multi-line excerpt.
    expect(importOne('scenario.yaml', 'spec:\n  a: [unclosed\n')).toThrow(new CliError('cm.yaml ConfigMap/x data["scenario.yaml"]: at line 3, column 1: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]'));
    expect(importOne('node-groups.yaml', 'a: [unclosed')).toThrow(/^cm\.yaml ConfigMap\/x data\["node-groups\.yaml"\]: at line 1, column \d+: YAML syntax error: /);
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdef'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcde'[i]}`).join(', ')}]`)].join('\n');
    // The first *c of d crosses the limit (yaml-alias-limit.test.ts derives it): line 4, after "d: &d [".
    expect(importOne('scenario.yaml', bomb)).toThrow(new CliError('cm.yaml ConfigMap/x data["scenario.yaml"]: at line 4, column 8: too many YAML alias expansions at *c (limit 100): refusing a possible "billion laughs" document'));
    expect(importOne('scenario.yaml', `spec:\n  x: ${'['.repeat(2000)}`)).toThrow(new CliError(`cm.yaml ConfigMap/x data["scenario.yaml"]: at line 2, column ${6 + 256}: the document nests too deeply: more than 256 levels of [ or { (docs/limits.md)`));
  });
});

describe('import k8s: values the API server would refuse are not read as defaults', () => {
  const deploy = (replicas: unknown, resources: unknown) => [{ file: 'd.yaml', doc: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api' }, spec: { replicas, template: { spec: { containers: [{ name: 'c', image: 'i', resources }] } } } } }];
  const services = (r: ReturnType<typeof importK8s>) => (r.scenario.spec as { services: Record<string, unknown>[] }).services;

  it('names the scenario after the first Deployment only as a DNS label: web.v2 gave a second, unlocated error for one cause', () => {
    const named = (name: string) => (importK8s([{ file: 'd.yaml', doc: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name }, spec: { replicas: 1 } } }]).scenario.metadata as { name: string }).name;
    expect(named('web.v2')).toBe('web-v2');
    expect(named(`${'a'.repeat(62)}.b`)).toBe('a'.repeat(62));
    expect(named('api')).toBe('api');
  });

  it('refuses a resource quantity Kubernetes cannot read, or a negative one, at its field', () => {
    // Each was counted as none: the service imported with gpusPerReplica 0 and no CPUs, exit 0.
    expect(() => importK8s(deploy(3, { requests: { cpu: '1e9m' } }))).toThrow(new CliError('d.yaml Deployment/api spec.template.spec.containers[0].resources.requests.cpu: expected a non-negative Kubernetes quantity such as 2, 500m or 1.5, got "1e9m"'));
    expect(() => importK8s(deploy(3, { limits: { 'nvidia.com/gpu': 'two' } }))).toThrow(/containers\[0\]\.resources\.limits\["nvidia\.com\/gpu"\]: expected .*, got "two"$/);
    expect(() => importK8s(deploy(3, { requests: { cpu: '-1' } }))).toThrow(/resources\.requests\.cpu: .*, got "-1"$/);
    // An unquoted 1e400 is a YAML number past a double (Infinity), which JSON writes as null: it was shown as "got null".
    expect(() => importK8s(deploy(Infinity, {}))).toThrow(new CliError('d.yaml Deployment/api spec.replicas: expected an integer from 0 to 2147483647, got infinity (a number past a double, such as 1e400 or .inf)'));
    expect(() => importK8s(deploy(3, { requests: { cpu: NaN } }))).toThrow(/resources\.requests\.cpu: expected a non-negative Kubernetes quantity such as 2, 500m or 1\.5, got NaN \(\.nan\)$/);
    // Readable ones are read: 1500m is 1.5 CPUs, the limit when there is no request.
    expect(services(importK8s(deploy(3, { limits: { cpu: '1500m' } })))[0]).toMatchObject({ cpuPerReplica: 1.5, replicas: 3 });
  });

  it('counts a CPU request as kube-scheduler does: whole millicores, rounded up (1n is 1m, not 1e-9 CPUs)', () => {
    // The API server accepts 1n (a quantity is kept to 1n); the scheduler adds it as MilliValue() = ceil(q × 1000) = 1.
    // It was imported as cpuPerReplica 1e-9: a replica that took no room on a node.
    const cpu = (q: string | number) => services(importK8s(deploy(3, { requests: { cpu: q } })))[0]!.cpuPerReplica;
    expect(cpu('1n')).toBe(0.001);
    expect(cpu('100u')).toBe(0.001);
    expect(cpu('1001u')).toBe(0.002);
    expect(cpu('0.0015')).toBe(0.002);
    // Whole millicores as written stay what they are (0.1 × 1000 is 100.00000000000001 in floats, not 101m).
    expect(cpu('0.1')).toBe(0.1);
    expect(cpu('250m')).toBe(0.25);
    expect(cpu(2)).toBe(2);
    const r = importK8s(deploy(3, { requests: { cpu: '1n' } }));
    expect(r.notes.map((n) => n.message)).toContain("a pod's cpu request of 1e-9 CPUs is 1m as kube-scheduler counts it (whole millicores, rounded up): cpuPerReplica 0.001");
  });

  it('refuses a replicas the API server would not decode (a string, a fraction, a negative), and defaults an absent one to 1', () => {
    // "3" was read as 1, exit 0; then handed to the scenario, which named the imported scenario, not the manifest.
    expect(() => importK8s(deploy('3', {}))).toThrow(new CliError('d.yaml Deployment/api spec.replicas: expected an integer (a number, not a quoted string), got "3"'));
    expect(() => importK8s(deploy(2.5, {}))).toThrow(new CliError('d.yaml Deployment/api spec.replicas: expected an integer (a number, not a quoted string), got 2.5'));
    expect(() => importK8s(deploy(-1, {}))).toThrow(new CliError('d.yaml Deployment/api spec.replicas: expected an integer from 0 to 2147483647, got -1'));
    expect(services(importK8s(deploy(undefined, {})))[0]!.replicas).toBe(1);
    // null is an absent field to the API server.
    expect(services(importK8s(deploy(null, {})))[0]!.replicas).toBe(1);
  });

  it('reads terminationGracePeriodSeconds: refuses a string, keeps an absent one at the default, caps one past an hour with a note', () => {
    const withGrace = (g: unknown) => deploy(2, {}).map((d) => {
      const doc = structuredClone(d.doc) as { spec: { template: { spec: Record<string, unknown> } } };
      doc.spec.template.spec.terminationGracePeriodSeconds = g;
      return { ...d, doc };
    });
    expect(() => importK8s(withGrace('30'))).toThrow(/spec\.template\.spec\.terminationGracePeriodSeconds: expected an integer/);
    expect(services(importK8s(deploy(2, {})))[0]!.terminationGracePeriod).toBeUndefined();
    expect(services(importK8s(withGrace(45)))[0]!.terminationGracePeriod).toBe('45s');
    const long = importK8s(withGrace(7200));
    expect(services(long)[0]!.terminationGracePeriod).toBe('3600s');
    expect(long.notes.some((n) => n.message.includes('terminationGracePeriodSeconds 7200 is longer than any request'))).toBe(true);
  });

  it('refuses a list where a mapping is expected, and a field of the wrong type anywhere in an object it reads', () => {
    // Each was ignored: the Deployment imported with no resources, exit 0.
    expect(() => importK8s(deploy(3, [1, 2]))).toThrow(new CliError('d.yaml Deployment/api spec.template.spec.containers[0].resources: expected a mapping (key: value), got a list ([1,2])'));
    expect(() => importK8s(deploy(3, { limits: [1] }))).toThrow(/resources\.limits: expected a mapping \(key: value\), got a list/);
    const withPort = [{ file: 'd.yaml', doc: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', creationTimestamp: null }, spec: { template: { spec: { containers: [{ name: 'c', image: 'i', ports: [{ containerPort: '80' }] }] } } } } }];
    expect(() => importK8s(withPort)).toThrow(new CliError('d.yaml Deployment/api spec.template.spec.containers[0].ports[0].containerPort: expected an integer (a number, not a quoted string), got "80"'));
    const containersMap = [{ file: 'd.yaml', doc: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api' }, spec: { template: { spec: { containers: { name: 'c' } } } } } }];
    expect(() => importK8s(containersMap)).toThrow(new CliError('d.yaml Deployment/api spec.template.spec.containers: expected a list, got a mapping'));
    const probe = (periodSeconds: unknown) => [{ file: 'd.yaml', doc: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api' }, spec: { template: { spec: { containers: [{ name: 'c', startupProbe: { periodSeconds } }] } } } } }];
    expect(() => importK8s(probe(-5))).toThrow(new CliError('d.yaml Deployment/api spec.template.spec.containers[0].startupProbe.periodSeconds: expected an integer from 0 to 2147483647, got -5'));
  });

  const hpa = (spec: Record<string, unknown>) => [
    ...deploy(1, {}),
    { file: 'h.yaml', doc: { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'api' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' }, metrics: [{ type: 'Pods', pods: { metric: { name: 'http_requests_per_second' }, target: { type: 'AverageValue', averageValue: '10' } } }], ...spec } } },
  ];

  it('an HPA: a quoted minReplicas, a missing maxReplicas or a target of the wrong type is refused, not defaulted', () => {
    // minReplicas "2" was read as the default 1, exit 0.
    expect(() => importK8s(hpa({ minReplicas: '2', maxReplicas: 10 }))).toThrow(new CliError('h.yaml HorizontalPodAutoscaler/api spec.minReplicas: expected an integer (a number, not a quoted string), got "2"'));
    expect(() => importK8s(hpa({ minReplicas: 0, maxReplicas: 10 }))).toThrow(/spec\.minReplicas: expected an integer from 1 to 2147483647 \(the API server refuses 0 unless the alpha HPAScaleToZero feature gate is on\), got 0$/);
    expect(() => importK8s(hpa({}))).toThrow(new CliError('h.yaml HorizontalPodAutoscaler/api spec.maxReplicas: expected an integer from 1 (the API server requires it), got nothing (the field is missing)'));
    expect(() => importK8s(hpa({ maxReplicas: 10, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: '60' } } }] }))).toThrow(/spec\.metrics\[0\]\.resource\.target\.averageUtilization: expected an integer .*, got "60"$/);
    expect(() => importK8s(hpa({ maxReplicas: 10, metrics: [{ type: 'Pods', pods: { metric: { name: 'x' }, target: { type: 'AverageValue', averageValue: [10] } } }] }))).toThrow(/spec\.metrics\[0\]\.pods\.target\.averageValue: expected a Kubernetes quantity such as 2, 500m or 1\.5Gi, got a list/);
    // What the API server accepts is read: 2 and 10.
    expect(services(importK8s(hpa({ minReplicas: 2, maxReplicas: 10 })))[0]!.hpa).toMatchObject({ minReplicas: 2, maxReplicas: 10 });
  });

  it('a KEDA ScaledObject is checked against its CRD schema: integer counts, string trigger metadata', () => {
    const so = (spec: Record<string, unknown>) => [...deploy(1, {}), { file: 'k.yaml', doc: { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 'api' }, spec: { scaleTargetRef: { name: 'api' }, triggers: [{ type: 'prometheus', metadata: { query: 'sum(rate(http_requests_total[1m]))', threshold: '10' } }], ...spec } } }];
    expect(() => importK8s(so({ minReplicaCount: '1' }))).toThrow(new CliError('k.yaml ScaledObject/api spec.minReplicaCount: expected an integer (a number, not a quoted string), got "1"'));
    expect(() => importK8s(so({ maxReplicaCount: 0 }))).toThrow(new CliError('k.yaml ScaledObject/api spec.maxReplicaCount: expected a number at least 1, got 0'));
    expect(() => importK8s(so({ triggers: [{ type: 'prometheus', metadata: { threshold: 10 } }] }))).toThrow(new CliError('k.yaml ScaledObject/api spec.triggers[0].metadata.threshold: expected a string, got 10'));
  });

  it("a NodePool's unreadable GPU limit is refused at its field, and the maxNodes made from it is told there", () => {
    const team = readFileSync(fileURLToPath(new URL('./fixtures/team-manifests.yaml', import.meta.url)), 'utf8');
    const withLimit = (limit: string) => parseAllDocuments(team.replace('nvidia.com/gpu: 16', `nvidia.com/gpu: "${limit}"`)).map((d) => ({ file: 'team.yaml', doc: d.toJS() as unknown }));
    // "1e400" was read as no limit: "no nvidia.com/gpu limit: the pool is capped at maxNodes 100".
    expect(() => importK8s(withLimit('1e400'))).toThrow(new CliError('team.yaml NodePool/gpu spec.limits["nvidia.com/gpu"]: expected a non-negative Kubernetes quantity such as 2, 500m or 1.5, got "1e400"'));
    // 1Ei GPUs over g5.xlarge's 1 GPU a node: maxNodes 2^60, which the scenario refuses, told at the limit.
    const r = importK8s(withLimit('1Ei'));
    expect(r.origins.find((o) => o.scenario.join('.') === 'spec.nodePools.0.maxNodes')).toMatchObject({ field: ['spec', 'limits', 'nvidia.com/gpu'] });
    expect((r.scenario.spec as { nodePools: { maxNodes: number }[] }).nodePools[0]!.maxNodes).toBe(2 ** 60);
  });

  it('a target of 0 or below is refused at its own field: the KEDA trigger, the HPA metric', () => {
    // Both reached the imported scenario and were refused there, located at the Deployment:
    // "d.yaml Deployment/api spec.services[0].hpa.metrics[0].target: must be greater than 0, got 0 (in the imported scenario)".
    const so = (threshold: string) => [...deploy(1, {}), { file: 'k.yaml', doc: { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 'api' }, spec: { scaleTargetRef: { name: 'api' }, triggers: [{ type: 'cpu', metadata: { value: '0' } }, { type: 'prometheus', metadata: { query: 'sum(http_requests_per_second)', threshold } }] } } }];
    const why = "KEDA makes the HPA's averageValue target from it, and the API server refuses 0 and below";
    expect(() => importK8s(so('0'))).toThrow(new CliError(`k.yaml ScaledObject/api spec.triggers[1].metadata.threshold: expected a positive quantity such as 5 or 500m (${why}), got "0"`));
    expect(() => importK8s(so('-2m'))).toThrow(/spec\.triggers\[1\]\.metadata\.threshold: expected a positive quantity .*, got "-2m"$/);
    expect(services(importK8s(so('500m')))[0]!.hpa).toMatchObject({ metrics: [{ type: 'qpsPerReplica', target: 0.5 }] });
    const target = (t: Record<string, unknown>, type = 'Pods') => hpa({ maxReplicas: 10, metrics: [{ type, [type === 'External' ? 'external' : 'pods']: { metric: { name: 'http_requests_per_second' }, target: t } }] });
    expect(() => importK8s(target({ type: 'AverageValue', averageValue: '0' }))).toThrow(new CliError('h.yaml HorizontalPodAutoscaler/api spec.metrics[0].pods.target.averageValue: expected a positive quantity such as 5 or 500m (the API server refuses 0 and below), got "0"'));
    expect(() => importK8s(target({ type: 'Value', value: '-1' }, 'External'))).toThrow(/spec\.metrics\[0\]\.external\.target\.value: expected a positive quantity .*, got "-1"$/);
    expect(() => importK8s(hpa({ maxReplicas: 10, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 0 } } }] }))).toThrow(/spec\.metrics\[0\]\.resource\.target\.averageUtilization: expected an integer from 1 to 2147483647 \(the API server refuses 0\), got 0$/);
  });
});

describe('the shard Job', () => {
  it('is a valid ConfigMap and batch/v1 Indexed Job', () => {
    const text = indexedJobManifest({ name: 'design-sim-sweep-x', command: 'sweep', fileName: 'x.yaml', fileText: 'a: 1\n', args: ['--vary', 'spec.services[0].replicas=1..9'], shards: 4, parallelism: 2, image: 'design-sim:0.1.0', resultsClaim: 'results', cpus: 2 });
    const docs = parseAllDocuments(text).map((d) => d.toJS() as K8sObject);
    expect(docs.map((d) => d.kind)).toEqual(['ConfigMap', 'Job']);
    for (const d of docs) expect(k8sSchemaErrors(d)).toEqual([]);
    expect(text).toContain("design-sim sweep /scenario/x.yaml --vary 'spec.services[0].replicas=1..9' --workers 2 --shard $((JOB_COMPLETION_INDEX + 1))/4");
  });
});
