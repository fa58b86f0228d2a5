/**
 * `export k8s` and `import k8s` of a service with `knative`: a Knative Service (serving.knative.dev/v1) and the
 * cluster's config-autoscaler, both ways. Expected keys and values are written out by hand from the scenario and
 * from upstream (knative/serving@98e5ef90aa7033797aa0a61ef97f3ff7e49a3944 pkg/apis/autoscaling/register.go,
 * annotation_validation.go, pkg/autoscaler/config/config.go), not read back from the code under test.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseScenarioText, runScenario, type Scenario } from '@design-sim/sim-core';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { CliError } from '../cli-error.ts';
import { k8sSchemaErrors } from '../testing/k8s-schema-validator.ts';
import { runInProcess } from '../testing/test-context.ts';
import { exportK8s, manifestsYaml, type ExportOptions } from './export-k8s.ts';
import { importK8s } from './import-k8s.ts';
import { atManifestField } from './import-origins.ts';
import type { K8sObject } from './k8s-object.ts';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const FILE = 'content/nim-llama3-8b-scale-to-zero-knative.yaml';
const text = readFileSync(join(root, FILE), 'utf8');
const parsed = parseScenarioText(text, FILE);
if (!parsed.ok) throw new Error(`${FILE} does not parse`);
const scenario: Scenario = parsed.scenario;
const o: ExportOptions = { provisioner: 'cluster-autoscaler', port: 8000, healthPath: '/health', image: 'nvcr.io/nim/meta/llama3-8b-instruct:1.0.0' };

type Edit = (objs: K8sObject[]) => K8sObject[];
type KService = K8sObject & { spec: { template: { metadata: { annotations: Record<string, unknown> }; spec: Record<string, unknown> } } };

/** Export `s`, edit the objects, write them as YAML text, read it back as a team would, import and parse. */
function roundTrip(s: Scenario, raw: string, edit: Edit = (x) => x) {
  const exported = exportK8s(s, parse(raw) as Record<string, unknown>, o);
  const yaml = manifestsYaml(edit(structuredClone(exported.objects)));
  const docs = parseAllDocuments(yaml).map((d) => ({ file: 'k8s.yaml', doc: d.toJS() as unknown }));
  const imported = importK8s(docs);
  const back = parseScenarioText(stringify(imported.scenario), 'imported.yaml');
  return { exported, imported, back };
}

const isKService = (x: K8sObject): x is KService => x.apiVersion === 'serving.knative.dev/v1' && x.kind === 'Service';
/** An edit of the Knative Service's template annotations. */
const annotate = (changes: Record<string, unknown>): Edit => (objs) =>
  objs.map((x) => {
    if (isKService(x)) x.spec.template.metadata.annotations = { ...x.spec.template.metadata.annotations, ...changes };
    return x;
  });
const withoutDesignSimConfigMap: Edit = (objs) => objs.filter((x) => !(x.kind === 'ConfigMap' && x.metadata.name.startsWith('design-sim-')));
const onConfigAutoscaler = (data: Record<string, unknown>): Edit => (objs) => objs.map((x) => (x.metadata.name === 'config-autoscaler' ? { ...x, data: { ...(x.data as object), ...data } } : x));

describe('export k8s: a service with knative', () => {
  it('is a Knative Service with every field of the block as its upstream annotation, and no Deployment or HPA', () => {
    const { objects, notes } = exportK8s(scenario, parse(text) as Record<string, unknown>, o);
    expect(objects.map((x) => `${x.apiVersion} ${x.kind}/${x.metadata.name}`)).toEqual([
      'serving.knative.dev/v1 Service/nim',
      'v1 ConfigMap/config-autoscaler',
      'v1 ConfigMap/l4-node-group',
      'v1 ConfigMap/design-sim-nim-llama3-8b-scale-to-zero-knative',
    ]);
    for (const x of objects) expect(k8sSchemaErrors(x), `${x.kind}/${x.metadata.name}`).toEqual([]);
    const ksvc = objects.find(isKService)!;
    // The file's knative block (metric concurrency, target 24, minScale 0, maxScale 2, initialScale 0) and the
    // schema's defaults for the rest, which are upstream's (config.go defaultConfig): utilization 70, window 60s,
    // panic window 10 %, threshold 200 %, burst capacity 211, no delay, no retention, linear aggregation.
    expect(ksvc.spec.template.metadata.annotations).toEqual({
      'autoscaling.knative.dev/class': 'kpa.autoscaling.knative.dev',
      'autoscaling.knative.dev/metric': 'concurrency',
      'autoscaling.knative.dev/target': '24',
      'autoscaling.knative.dev/metric-aggregation-algorithm': 'linear',
      'autoscaling.knative.dev/target-utilization-percentage': '70',
      'autoscaling.knative.dev/min-scale': '0',
      'autoscaling.knative.dev/max-scale': '2',
      'autoscaling.knative.dev/initial-scale': '0',
      'autoscaling.knative.dev/scale-down-delay': '0s',
      'autoscaling.knative.dev/window': '60s',
      'autoscaling.knative.dev/panic-window-percentage': '10',
      'autoscaling.knative.dev/panic-threshold-percentage': '200',
      'autoscaling.knative.dev/target-burst-capacity': '211',
      'autoscaling.knative.dev/scale-to-zero-pod-retention-period': '0s',
    });
    // No hard limit in the scenario (containerConcurrency 0, Knative's default): none written.
    expect(ksvc.spec.template.spec.containerConcurrency).toBeUndefined();
    // The Deployment's pod: the same image, GPU and pool; Knative's port name, which the probes name.
    const container = (ksvc.spec.template.spec.containers as Record<string, unknown>[])[0]!;
    expect(container).toMatchObject({ image: o.image, ports: [{ name: 'http1', containerPort: 8000 }], resources: { requests: { 'nvidia.com/gpu': '1' }, limits: { 'nvidia.com/gpu': '1' } }, readinessProbe: { httpGet: { path: '/health', port: 'http1' } } });
    expect(ksvc.spec.template.spec.nodeSelector).toEqual({ 'cloud.google.com/gke-nodepool': 'l4' });
    expect(ksvc.spec.template.spec).not.toHaveProperty('terminationGracePeriodSeconds');
    // Of the five cluster-only keys, only allow-zero-initial-scale differs from Knative's default (false).
    expect(objects.find((x) => x.metadata.name === 'config-autoscaler')).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'config-autoscaler', namespace: 'knative-serving', labels: { 'app.kubernetes.io/part-of': 'nim-llama3-8b-scale-to-zero-knative' } },
      data: { 'allow-zero-initial-scale': 'true' },
    });
    // The design-sim ConfigMap keeps only the activator's buffer of the block.
    const remainder = parse(String((objects.at(-1)!.data as Record<string, string>)['scenario.yaml'])) as { spec: { services: Record<string, unknown>[] } };
    expect(remainder.spec.services[0]!.knative).toEqual({ buffer: { capacity: 200, timeout: '15m' } });
    expect(notes).toEqual([
      'Service/nim: its pod spec needs the config-features flags kubernetes.podspec-nodeselector, kubernetes.podspec-tolerations set to "enabled" in knative-serving (disabled by default: the webhook refuses the Service otherwise)',
      "Service/nim: a revision has no terminationGracePeriodSeconds: Knative gives its pods the revision's timeoutSeconds (default 300 s), also the request timeout; the simulated grace (30s) is the scenario's, kept in the design-sim ConfigMap",
      "Service/nim: the activator's hold while no replica is ready (buffer: 200 requests for 15m) is kept in the design-sim ConfigMap; Knative's activator holds a request until the revision's timeoutSeconds (default 300 s, at most config-defaults max-revision-timeout-seconds, 600 s): set spec.template.spec.timeoutSeconds to cover the cold start",
      "ConfigMap knative-serving/config-autoscaler: cluster-wide settings where the scenario differs from Knative's defaults (allow-zero-initial-scale); every revision of the cluster scales with them, and kubectl apply replaces the ConfigMap's whole data: merge these keys into the cluster's",
    ]);
  });

  it('writes containerConcurrency for a hard limit, activation-scale when set, and a cluster key two services disagree on with a note', () => {
    const raw = parse(text) as { spec: { services: Record<string, unknown>[] } };
    const svc = raw.spec.services[0]!;
    svc.concurrency = 8;
    svc.knative = { ...(svc.knative as object), containerConcurrency: 8, activationScale: 2, maxScaleDownRate: 4, stableWindow: '2m' };
    raw.spec.services.push({ ...structuredClone(svc), name: 'nim-b', knative: { ...(svc.knative as object), maxScaleDownRate: 3 } });
    const r = parseScenarioText(stringify(raw), 'two.yaml');
    if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
    const { objects, notes } = exportK8s(r.scenario, raw, o);
    const ksvc = objects.find(isKService)!;
    expect(ksvc.spec.template.spec.containerConcurrency).toBe(8);
    expect(ksvc.spec.template.metadata.annotations).toMatchObject({ 'autoscaling.knative.dev/activation-scale': '2', 'autoscaling.knative.dev/window': '120s' });
    expect(objects.find((x) => x.metadata.name === 'config-autoscaler')?.data).toEqual({ 'max-scale-down-rate': '4', 'allow-zero-initial-scale': 'true' });
    expect(notes).toContain("ConfigMap knative-serving/config-autoscaler: max-scale-down-rate is cluster-wide; it is written as nim's (4), so nim-b would scale with it, not with their own maxScaleDownRate");
    for (const x of objects) expect(k8sSchemaErrors(x)).toEqual([]);
  });
});

describe('import k8s: a Knative Service', () => {
  it(`gives back ${FILE} after export, and the same run summary`, () => {
    const { back } = roundTrip(scenario, text);
    if (!back.ok) throw new Error(back.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
    expect(back.scenario).toEqual(scenario);
    const before = runScenario(scenario);
    const after = runScenario(back.scenario);
    expect(after.summary).toEqual(before.summary);
    expect(after.services).toEqual(before.services);
    // The run it is: two wake-ups from zero (08:00 and 21:00), as the content file's strong answer tells.
    expect(after.summary?.scaleToZero?.coldStarts).toBe(2);
  }, 120_000);

  it('reads the block from the Knative objects, not the design-sim ConfigMap: edited annotations, containerConcurrency and config-autoscaler keys change the scenario', () => {
    const { back } = roundTrip(scenario, text, (objs) =>
      onConfigAutoscaler({ 'max-scale-down-rate': '4', 'scale-to-zero-grace-period': '1m' })(
        annotate({ 'autoscaling.knative.dev/window': '2m', 'autoscaling.knative.dev/maxScale': '9', 'autoscaling.knative.dev/metric-aggregation-algorithm': 'weightedExponential' })(objs).map((x) => {
          if (isKService(x)) x.spec.template.spec.containerConcurrency = 8;
          return x;
        }),
      ),
    );
    if (!back.ok) throw new Error(back.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
    const svc = back.scenario.spec.services[0]!;
    // max-scale wins over its legacy alias maxScale (KeyPriority: the canonical key first), so 2 stays.
    expect(svc.knative).toMatchObject({ stableWindow: 120, maxScale: 2, metricAggregationAlgorithm: 'weighted-exponential', containerConcurrency: 8, maxScaleDownRate: 4, scaleToZeroGracePeriod: 60, allowZeroInitialScale: true, buffer: { capacity: 200, timeout: 900 } });
    // containerConcurrency is the queue-proxy's limit: the service's slots.
    expect(svc.concurrency).toBe(8);
    const aliasOnly = roundTrip(scenario, text, (objs) =>
      objs.map((x) => {
        if (isKService(x)) {
          const a = x.spec.template.metadata.annotations;
          delete a['autoscaling.knative.dev/max-scale'];
          a['autoscaling.knative.dev/maxScale'] = '9';
        }
        return x;
      }),
    ).back;
    expect(aliasOnly.ok && aliasOnly.scenario.spec.services[0]!.knative?.maxScale).toBe(9);
  });

  it("the cluster's container-concurrency-target-percentage is the concurrency metric's utilization only (rps keeps 70 %)", () => {
    const dropUtilization = (metric: string): Edit => (objs) =>
      onConfigAutoscaler({ 'container-concurrency-target-percentage': '0.5' })(objs).map((x) => {
        if (isKService(x)) {
          delete x.spec.template.metadata.annotations['autoscaling.knative.dev/target-utilization-percentage'];
          x.spec.template.metadata.annotations['autoscaling.knative.dev/metric'] = metric;
        }
        return x;
      });
    // "0.5" is a legacy fraction: NewConfigFromMap keeps values up to 1 as fractions, so 50 %.
    const concurrency = roundTrip(scenario, text, dropUtilization('concurrency')).back;
    expect(concurrency.ok && concurrency.scenario.spec.services[0]!.knative?.targetUtilizationPercentage).toBe(50);
    const rps = roundTrip(scenario, text, dropUtilization('rps')).back;
    expect(rps.ok && rps.scenario.spec.services[0]!.knative).toMatchObject({ metric: 'rps', targetUtilizationPercentage: 70 });
  });

  it('without config-autoscaler the cluster refuses initial-scale 0: the scenario says so at the annotation', () => {
    const { imported, back } = roundTrip(scenario, text, (objs) => objs.filter((x) => x.metadata.name !== 'config-autoscaler'));
    expect(back.ok).toBe(false);
    const issue = back.ok ? undefined : back.issues.find((i) => i.path === 'spec.services[0].knative.initialScale');
    expect(issue).toBeDefined();
    expect(atManifestField(issue!, imported.origins)?.path).toBe('Service/nim spec.template.metadata.annotations["autoscaling.knative.dev/initial-scale"]');
  });

  it('without the design-sim ConfigMap, reads every native field and says what is a placeholder', () => {
    const { imported, back } = roundTrip(scenario, text, withoutDesignSimConfigMap);
    if (!back.ok) throw new Error(back.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
    const svc = back.scenario.spec.services[0]!;
    const k = scenario.spec.services[0]!.knative!;
    const { buffer: _, ...native } = k;
    // Everything but the activator's buffer, which only the design-sim ConfigMap carries.
    expect(svc.knative).toEqual(native);
    expect(svc).toMatchObject({ name: 'nim', gpusPerReplica: 1, nodePool: 'l4', replicas: 0, terminationGracePeriod: 300 });
    const lines = imported.notes.map((n) => `${n.object}: ${n.message}`);
    expect(lines).toContain('Service/nim: no service time in Kubernetes manifests: latency is exponential with mean 100 ms (a placeholder: pass --latency or edit the file)');
  });

  it("a PodDisruptionBudget selects the revision's pods by the template's labels, and is read back for the Knative Service", () => {
    const raw = parse(text) as { spec: { services: Record<string, unknown>[] } };
    raw.spec.services[0]!.disruptionBudget = { maxUnavailable: 1 };
    const r = parseScenarioText(stringify(raw), 'pdb.yaml');
    if (!r.ok) throw new Error('the scenario with a budget does not parse');
    const { exported, back } = roundTrip(r.scenario, stringify(raw));
    expect(exported.objects.filter((x) => x.kind === 'PodDisruptionBudget')).toHaveLength(1);
    expect(back.ok && back.scenario).toEqual(r.scenario);
    const native = roundTrip(r.scenario, stringify(raw), withoutDesignSimConfigMap).back;
    expect(native.ok && native.scenario.spec.services[0]!.disruptionBudget).toEqual({ maxUnavailable: 1 });
  });

  it('the ConfigMap\'s knative block without a Knative Service is told, and the service keeps a fixed count', () => {
    const { imported } = roundTrip(scenario, text, (objs) => objs.filter((x) => !isKService(x)));
    expect(imported.notes.map((n) => n.message)).toContain('the design-sim ConfigMap has a Knative autoscaler for it, but no Knative Service was given: fixed replica count');
    expect((imported.scenario.spec as { services: Record<string, unknown>[] }).services[0]!.knative).toBeUndefined();
  });
});

describe('import k8s: Knative values its webhook would refuse are located errors', () => {
  const refused = (edit: Edit) => () => roundTrip(scenario, text, edit);
  const at = (key: string) => `k8s.yaml Service/nim spec.template.metadata.annotations["autoscaling.knative.dev/${key}"]`;

  it('a duration, integer, percentage or name outside upstream\'s rules, at its annotation', () => {
    // time.ParseDuration needs a unit: "60" is not 60 s.
    expect(refused(annotate({ 'autoscaling.knative.dev/window': '60' }))).toThrow(new CliError(`${at('window')}: expected a duration from 6s to 1h in whole seconds, such as "60s" (validateWindow), got "60"`));
    expect(refused(annotate({ 'autoscaling.knative.dev/window': '90.5s' }))).toThrow(`${at('window')}: expected a duration from 6s to 1h in whole seconds`);
    expect(refused(annotate({ 'autoscaling.knative.dev/window': '5s' }))).toThrow(`${at('window')}: expected a duration from 6s to 1h`);
    expect(refused(annotate({ 'autoscaling.knative.dev/min-scale': '-1' }))).toThrow(new CliError(`${at('min-scale')}: expected an integer from 0 to 2147483647 (getIntGE0), got "-1"`));
    expect(refused(annotate({ 'autoscaling.knative.dev/max-scale': '1.5' }))).toThrow(`${at('max-scale')}: expected an integer from 0 (no limit) to 2147483647 (getIntGE0), got "1.5"`);
    expect(refused(annotate({ 'autoscaling.knative.dev/target': '0' }))).toThrow(new CliError(`${at('target')}: expected a number at least 0.01 (TargetMin; validateFloats), got "0"`));
    expect(refused(annotate({ 'autoscaling.knative.dev/panic-threshold-percentage': '100' }))).toThrow(`${at('panic-threshold-percentage')}: expected a number from 110 to 1000 (validateFloats), got "100"`);
    expect(refused(annotate({ 'autoscaling.knative.dev/target-burst-capacity': '-2' }))).toThrow(`${at('target-burst-capacity')}: expected a number of at least 0, or -1 for the activator always in the path (validateFloats), got "-2"`);
    expect(refused(annotate({ 'autoscaling.knative.dev/activation-scale': '1' }))).toThrow(`${at('activation-scale')}: expected an integer of at least 2 (validateMinMaxScale: "must be greater than 1"), got "1"`);
    expect(refused(annotate({ 'autoscaling.knative.dev/metric': 'cpu' }))).toThrow(`${at('metric')}: expected "concurrency" or "rps" (the KPA's metrics; validateMetric), got "cpu"`);
    expect(refused(annotate({ 'autoscaling.knative.dev/class': 'kpb.autoscaling.knative.dev' }))).toThrow(`${at('class')}: expected "kpa.autoscaling.knative.dev" or "hpa.autoscaling.knative.dev" (validateClass), got "kpb.autoscaling.knative.dev"`);
    // The CRD types every annotation as a string: a number is the API server's refusal.
    expect(refused(annotate({ 'autoscaling.knative.dev/max-scale': 2 }))).toThrow(new CliError(`${at('max-scale')}: expected a string, got 2`));
  });

  it('containerConcurrency beyond config-defaults, an autoscaling annotation on the Service itself, a config-autoscaler value', () => {
    const cc = (v: unknown): Edit => (objs) => objs.map((x) => (isKService(x) ? ((x.spec.template.spec.containerConcurrency = v), x) : x));
    expect(refused(cc(5000))).toThrow(new CliError('k8s.yaml Service/nim spec.template.spec.containerConcurrency: expected an integer from 0 to 1000 (ValidateContainerConcurrency; config-defaults container-concurrency-max-limit), got 5000'));
    expect(refused(cc('8'))).toThrow(/spec\.template\.spec\.containerConcurrency: expected an integer \(a number, not a quoted string\), got "8"$/);
    const onService: Edit = (objs) => objs.map((x) => (isKService(x) ? { ...x, metadata: { ...x.metadata, annotations: { 'autoscaling.knative.dev/min-scale': '1' } } } : x));
    expect(refused(onService)).toThrow('k8s.yaml Service/nim metadata.annotations["autoscaling.knative.dev/min-scale"]: expected no autoscaling annotation on the Service itself');
    expect(refused(onConfigAutoscaler({ 'max-scale-up-rate': '1' }))).toThrow(new CliError('k8s.yaml ConfigMap/config-autoscaler data["max-scale-up-rate"]: expected a number above 1 (validate), got "1"'));
    expect(refused(onConfigAutoscaler({ 'enable-scale-to-zero': 'yes' }))).toThrow('data["enable-scale-to-zero"]: expected true or false (strconv.ParseBool), got "yes"');
  });

  it('the CLI refuses a bad annotation with the file, line and field, exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'knsvc-'));
    try {
      const yaml = manifestsYaml(annotate({ 'autoscaling.knative.dev/scale-down-delay': '1.5s' })(exportK8s(scenario, parse(text) as Record<string, unknown>, o).objects));
      writeFileSync(join(dir, 'k.yaml'), yaml);
      const line = yaml.split('\n').findIndex((l) => l.includes('scale-down-delay')) + 1;
      const r = await runInProcess(['import', 'k8s', 'k.yaml'], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`k.yaml:${line}:`);
      expect(r.stderr).toContain('Service/nim spec.template.metadata.annotations["autoscaling.knative.dev/scale-down-delay"]: expected a duration from 0s to 1h in whole seconds, such as "30s" (validateScaleDownDelay), got "1.5s"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("import k8s: a team's own Knative manifests", () => {
  const fixture = readFileSync(fileURLToPath(new URL('./fixtures/knative-team-manifests.yaml', import.meta.url)), 'utf8');
  const docs = parseAllDocuments(fixture).map((d) => ({ file: 'team.yaml', doc: d.toJS() as unknown }));

  it('is valid against the Knative Service CRD, the ConfigMap and NodePool schemas', () => {
    for (const d of docs) expect(k8sSchemaErrors(d.doc as K8sObject)).toEqual([]);
  });

  it('maps the KPA revision: annotations (a legacy alias too), the cluster defaults where none, the hard limit, the pod', () => {
    const r = importK8s(docs, { qps: 20, latencyMs: 2000 });
    const back = parseScenarioText(stringify(r.scenario), 'imported.yaml');
    if (!back.ok) throw new Error(back.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
    const [llama, embedder] = back.scenario.spec.services;
    // Annotations: target 8, utilization 80, window 2m (over the cluster's 90s), minScale (the camelCase alias) 1,
    // max 6, initial 2, activation 2, delay 5m, panic threshold 300. Cluster: panic window 20, up-rate 10, grace 1m
    // (container-concurrency-target-default 50 is unused: the revision has a target). Upstream defaults otherwise.
    expect(llama!.knative).toEqual({
      metric: 'concurrency',
      target: 8,
      metricAggregationAlgorithm: 'linear',
      targetUtilizationPercentage: 80,
      containerConcurrency: 16,
      minScale: 1,
      maxScale: 6,
      initialScale: 2,
      allowZeroInitialScale: false,
      activationScale: 2,
      scaleDownDelay: 300,
      stableWindow: 120,
      panicWindowPercentage: 20,
      panicThresholdPercentage: 300,
      targetBurstCapacity: 211,
      maxScaleUpRate: 10,
      maxScaleDownRate: 2,
      enableScaleToZero: true,
      scaleToZeroGracePeriod: 60,
      scaleToZeroPodRetentionPeriod: 0,
    });
    // The pod: 1 GPU on the Karpenter pool; 16 slots (containerConcurrency); replicas from initial-scale; the grace is
    // timeoutSeconds (900); model load half the startup budget (10 s × 60 ÷ 2); readiness without a period is probed
    // aggressively (0 s); the non-autoscaling annotation goes to the pods.
    expect(llama).toMatchObject({ name: 'llama-8b', gpusPerReplica: 1, nodePool: 'gpu', concurrency: 16, replicas: 2, terminationGracePeriod: 900, podAnnotations: { 'prometheus.io/scrape': 'true' }, startup: { modelLoad: 300, readiness: 0 } });
    // The HPA class is not simulated: a fixed count, Knative's default grace (timeoutSeconds 300).
    expect(embedder).toMatchObject({ name: 'embedder', cpuPerReplica: 2, nodePool: 'cpu', replicas: 1, terminationGracePeriod: 300 });
    expect(embedder!.knative).toBeUndefined();
    expect(back.scenario.spec.nodePools[0]).toMatchObject({ name: 'gpu', instance: 'aws/us-east-1/g5.xlarge', maxNodes: 8, spotShare: 0 });
    const lines = r.notes.map((n) => `${n.object}: ${n.message}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        "ConfigMap/config-autoscaler: activator-capacity 200 is not simulated (the activator has no capacity limit of its own in the simulation): read as Knative's default, 100",
        'Service/llama-8b: spec.traffic splits requests between 2 targets (latest 90%, llama-8b-00001 10%): revisions are not simulated; every request goes to one revision, the template\'s',
        "Service/llama-8b: timeoutSeconds 900: the pods' terminationGracePeriodSeconds (Knative sets it from timeoutSeconds); as a request timeout it is not simulated (the activator's hold at zero is knative.buffer)",
        'Service/llama-8b: annotation autoscaling.knative.dev/max-scale-down-rate: not one the KPA reads (pkg/apis/autoscaling/register.go): ignored',
        'Service/embedder: class hpa.autoscaling.knative.dev: Knative\'s HPA class scales on cpu or memory through a HorizontalPodAutoscaler, which design-sim does not simulate for it: imported with no autoscaler (a fixed replica count)',
      ]),
    );
    // Neither Knative object is "unsupported".
    expect(lines.filter((l) => l.includes('unsupported kind'))).toEqual([]);
  });

  it('a second config-autoscaler is named and skipped, and an older Knative API version is named', () => {
    const cm = docs.find((d) => (d.doc as K8sObject).kind === 'ConfigMap')!;
    const old = { file: 'old.yaml', doc: { apiVersion: 'serving.knative.dev/v1beta1', kind: 'Service', metadata: { name: 'legacy' }, spec: {} } };
    const r = importK8s([...docs, { file: 'again.yaml', doc: cm.doc }, old]);
    const lines = r.notes.map((n) => `${n.file} ${n.object}: ${n.message}`);
    expect(lines).toContain('again.yaml ConfigMap/config-autoscaler: a second ConfigMap/config-autoscaler (the first is in team.yaml): a cluster has one; only the first is read');
    expect(lines).toContain('old.yaml Service/legacy: serving.knative.dev/v1beta1 is not read: convert to serving.knative.dev/v1');
  });
});
