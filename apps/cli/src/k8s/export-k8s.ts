/**
 * `export k8s`: a scenario as manifests a team can apply. Per service (a graph of services exports as
 * one set per service): a Deployment (GPU requests and limits, a startup probe that allows the model
 * load, a readiness probe whose period matches the scenario's readiness delay: pod-template.ts), its
 * HorizontalPodAutoscaler (autoscaling/v2, `behavior` exactly as written) — or, for a service with `keda`, a KEDA
 * ScaledObject, from which KEDA creates the HPA; for a service with `knative`, instead of both, a Knative Service with
 * the same pod (knative-service.ts) and, where the scenario differs from Knative's defaults, the cluster's
 * `config-autoscaler` (knative-autoscaler-config.ts) — and, when the service has `disruptionBudget`, its PodDisruptionBudget;
 * per node pool a hint for the cluster autoscaler (a ConfigMap with the node group settings and
 * flags) or a Karpenter NodePool (a `provisioner: karpenter` pool always: its own NodePool, karpenter-node-pool.ts); and a ConfigMap with the rest of the scenario (scenario-remainder.ts).
 */
import { getInstance } from '@design-sim/cost-model';
import { cloudOf, compileScenario, formatDuration, type Scenario } from '@design-sim/sim-core';
import { stringify } from 'yaml';
import { metricNameFor } from './hpa-metric-names.ts';
import { GPU_RESOURCE, goDuration, MANAGED_BY, MANAGED_BY_LABEL, NAME_LABEL, toQuantity, type K8sObject } from './k8s-object.ts';
import { karpenterNodePool } from './karpenter-node-pool.ts';
import { configAutoscaler } from './knative-autoscaler-config.ts';
import { KNATIVE_PORT_NAME, knativeService } from './knative-service.ts';
import { INSTANCE_TYPE_LABEL, KARPENTER_CAPACITY_TYPE, KARPENTER_NODE_CLASS, poolLabelKey, type NodeProvisioner } from './node-pool-labels.ts';
import { imageOf, servingPodSpec } from './pod-template.ts';
import { scenarioRemainder } from './scenario-remainder.ts';

/** Export settings. */
export interface ExportOptions {
  provisioner: NodeProvisioner;
  /** Container image per service name; a missing one gets a placeholder (and a note). */
  image?: string;
  /** HTTP port and path of the model server's health endpoint (vLLM: 8000, /health). */
  port: number;
  healthPath: string;
}

/** The manifests and what the user should know about them. */
export interface ExportResult {
  objects: K8sObject[];
  notes: string[];
}

/** Key of the remainder in the design-sim ConfigMap. */
export const REMAINDER_KEY = 'scenario.yaml';
/** Key of the node-group hints in their ConfigMap. */
export const NODE_GROUPS_KEY = 'node-groups.yaml';
/** NodePool annotations for what Karpenter has no field for. */
export const MIN_NODES_ANNOTATION = 'design-sim.io/min-nodes';
export const SPOT_SHARE_ANNOTATION = 'design-sim.io/spot-share';

/** The manifests for `scenario`; `raw` is the document as written (its units kept in the remainder). */
export function exportK8s(scenario: Scenario, raw: Record<string, unknown>, o: ExportOptions): ExportResult {
  const notes: string[] = [];
  const objects: K8sObject[] = [];
  const part = scenario.metadata.name;
  const pools = new Map(scenario.spec.nodePools.map((p) => [p.name, p]));
  // Start-up times as the simulation ran them (weights and engine start given as physics included): the probes' budget.
  const modelLoad = new Map(compileScenario(scenario).services.map((s) => [s.name, s.startup.modelLoadSeconds]));
  for (const svc of scenario.spec.services) {
    const modelLoadSeconds = modelLoad.get(svc.name) ?? svc.startup.modelLoad;
    const labels = { [NAME_LABEL]: svc.name, 'app.kubernetes.io/part-of': part };
    const pod = { provisioner: o.provisioner, image: o.image, port: o.port, healthPath: o.healthPath };
    if (svc.knative !== undefined) {
      // The revision's pods are the Deployment's pods, with Knative's port name; the KPA replaces the HPA.
      if (o.image === undefined) notes.push(`Service/${svc.name}: image ${imageOf(svc, o.image)} is a placeholder: pass --image`);
      objects.push(knativeService(svc, svc.knative, labels, servingPodSpec(svc, modelLoadSeconds, pools, { ...pod, portName: KNATIVE_PORT_NAME }), notes));
    } else {
      if (o.image === undefined) notes.push(`Deployment/${svc.name}: image ${imageOf(svc, o.image)} is a placeholder: pass --image`);
      // Always written, the default too: the simulation killed terminating pods at this grace, and Kubernetes' default
      // (30 s) is the same value, so stating it changes nothing in the cluster and shows the reader the assumption.
      // The API takes whole seconds: a fractional grace is rounded up (a longer grace never kills sooner).
      const grace = Math.ceil(svc.terminationGracePeriod);
      if (grace !== svc.terminationGracePeriod) notes.push(`Deployment/${svc.name}: terminationGracePeriod ${formatDuration(svc.terminationGracePeriod)} is written as ${grace} s (terminationGracePeriodSeconds takes whole seconds)`);
      objects.push({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: svc.name, labels },
        spec: {
          replicas: svc.replicas,
          selector: { matchLabels: labels },
          template: {
            // The pod annotations as the scenario states them (the simulated do-not-disrupt and safe-to-evict, and any
            // other key kept for this export).
            metadata: { labels, ...(svc.podAnnotations === undefined ? {} : { annotations: svc.podAnnotations }) },
            spec: servingPodSpec(svc, modelLoadSeconds, pools, { ...pod, portName: 'http' }, { terminationGracePeriodSeconds: grace }),
          },
        },
      });
    }
    if (svc.llm?.disaggregated !== undefined) notes.push(`${svc.knative === undefined ? 'Deployment' : 'Service'}/${svc.name}: llm.disaggregated: only the prefill replicas are exported; the decode pool (${svc.name}-decode) and the KV-transfer wiring are not (they depend on the serving engine's P/D setup)`);
    // Only the budget the scenario states (and simulates): Kubernetes' default is none.
    if (svc.disruptionBudget !== undefined) {
      objects.push({
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: svc.name, labels },
        spec: { ...svc.disruptionBudget, selector: { matchLabels: labels } },
      });
    }
    if (svc.keda !== undefined && svc.hpa !== undefined) {
      objects.push(scaledObject(svc, svc.keda, svc.hpa, labels));
      notes.push(
        `ScaledObject/${svc.name}: KEDA creates the HorizontalPodAutoscaler from it (no HPA object is written); its triggers' serverAddress ${DEFAULT_PROMETHEUS} is a placeholder; requestRate and pendingRequests triggers and the buffer at zero are the KEDA HTTP add-on's (its interceptor in front of the service), and the HPA's sync period, tolerance and metric windows are cluster settings: they are kept in the design-sim ConfigMap`,
      );
    } else if (svc.hpa !== undefined) {
      const h = svc.hpa;
      objects.push({
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: svc.name, labels },
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: svc.name },
          minReplicas: h.minReplicas,
          maxReplicas: h.maxReplicas,
          metrics: h.metrics.map((m) => hpaMetricSpec(m, svc.routing)),
          ...(h.behavior === undefined ? {} : { behavior: h.behavior }),
        },
      });
      notes.push(
        `HorizontalPodAutoscaler/${svc.name}: the sync period (${formatDuration(h.syncPeriod)}) and tolerance (${h.tolerance}) are kube-controller-manager flags (--horizontal-pod-autoscaler-sync-period, --horizontal-pod-autoscaler-tolerance), and each metric's scrape interval and rate window are Prometheus settings: they are kept in the design-sim ConfigMap`,
      );
    }
    if (svc.keda !== undefined && svc.hpa === undefined) {
      notes.push(`Service ${svc.name}: a ScaledObject needs triggers with an HPA threshold; this keda block has no hpa to take them from: kept in the design-sim ConfigMap only`);
    }
  }
  const knativeCluster = configAutoscaler(scenario.spec.services, part, notes);
  if (knativeCluster !== undefined) objects.push(knativeCluster);
  for (const pool of scenario.spec.nodePools) objects.push(...poolObjects(pool, scenario, o, notes));
  objects.push({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `design-sim-${part}`.slice(0, 253), labels: { [MANAGED_BY_LABEL]: MANAGED_BY, 'app.kubernetes.io/part-of': part } },
    data: { [REMAINDER_KEY]: stringify(scenarioRemainder(raw), { lineWidth: 0 }) },
  });
  // The trace's rows are not in the manifests, and a relative path is read from the imported scenario's folder: the
  // round trip of a trace scenario written elsewhere failed "trace file … does not exist", with no word at export.
  for (const t of scenario.spec.trafficSources) {
    if (t.trace !== undefined) notes.push(`ConfigMap/design-sim-${part}: traffic.trace.file ${t.trace.file} is kept as written, not its rows: a scenario imported from these manifests reads it${t.trace.file.startsWith('/') ? '' : ' relative to its own folder'}, so copy the trace there`);
  }
  return { objects, notes };
}

type Pool = Scenario['spec']['nodePools'][number];
type Service = Scenario['spec']['services'][number];
type Metric = NonNullable<Service['hpa']>['metrics'][number];

/**
 * One HPA metric: a Pods metric (one sample per pod, averaged), or an External one (one number for
 * the service: what a shared queue at the balancer gives, and the scenario's default for queueLength
 * there), with an AverageValue (per replica) or Value (total) target.
 */
function hpaMetricSpec(m: Metric, routing: Service['routing']): Record<string, unknown> {
  // CPU is a Resource metric served by metrics-server: a utilization target, percent of the request.
  if (m.type === 'cpuUtilization') return { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: Math.round(m.target) } } };
  const n = metricNameFor(m.type);
  const value = toQuantity(Number((m.target * n.scale).toPrecision(12)));
  const source = 'source' in m && m.source !== undefined ? m.source : m.type === 'queueLength' && routing === 'shared-queue' ? 'External' : 'Pods';
  const targetType = 'targetType' in m ? m.targetType : 'AverageValue';
  const target = targetType === 'Value' ? { type: 'Value', value } : { type: 'AverageValue', averageValue: value };
  return source === 'External' ? { type: 'External', external: { metric: { name: n.name }, target } } : { type: 'Pods', pods: { metric: { name: n.name }, target } };
}

/**
 * A KEDA ScaledObject (keda.sh/v1alpha1): its own fields, the HPA's bounds and `behavior`
 * (`advanced.horizontalPodAutoscalerConfig`), and one trigger per HPA metric: a Prometheus query on the
 * metric's cluster name with the target as `threshold` (AverageValue, the prometheus scaler's default), or a cpu
 * trigger; a `prometheus` keda trigger on the same metric gives its `activationThreshold`.
 */
function scaledObject(svc: Service, k: Keda, h: NonNullable<Service['hpa']>, labels: Record<string, string>): K8sObject {
  const activation = (type: string): string | undefined => {
    const t = k.triggers.find((x) => x.type === 'prometheus' && x.metric === type);
    return t === undefined ? undefined : String(t.activationThreshold);
  };
  const triggers = h.metrics.map((m) => {
    if (m.type === 'cpuUtilization') return { type: 'cpu', metricType: 'Utilization', metadata: { value: String(Math.round(m.target)) } };
    const n = metricNameFor(m.type);
    const act = activation(m.type);
    return {
      type: 'prometheus',
      metadata: { serverAddress: DEFAULT_PROMETHEUS, query: `sum(${n.name})`, threshold: String(Number((m.target * n.scale).toPrecision(12))), ...(act === undefined ? {} : { activationThreshold: act }) },
    };
  });
  return {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledObject',
    metadata: { name: svc.name, labels },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: svc.name },
      minReplicaCount: k.minReplicaCount,
      maxReplicaCount: h.maxReplicas,
      pollingInterval: Math.round(k.pollingInterval),
      cooldownPeriod: Math.round(k.cooldownPeriod),
      initialCooldownPeriod: Math.round(k.initialCooldownPeriod),
      // spec.fallback as written (behavior included: the CRD's default, static, is what the scenario defaults to).
      ...(k.fallback === undefined ? {} : { fallback: { failureThreshold: k.fallback.failureThreshold, replicas: k.fallback.replicas, behavior: k.fallback.behavior } }),
      ...(h.behavior === undefined ? {} : { advanced: { horizontalPodAutoscalerConfig: { behavior: h.behavior } } }),
      triggers,
    },
  };
}

type Keda = NonNullable<Service['keda']>;
/** Where a ScaledObject's Prometheus triggers query: a placeholder (the export notes say so). */
const DEFAULT_PROMETHEUS = 'http://prometheus.monitoring:9090';

function poolObjects(pool: Pool, scenario: Scenario, o: ExportOptions, notes: string[]): K8sObject[] {
  // A pool the scenario provisions with Karpenter exports as its NodePool (karpenter-node-pool.ts); --node-pools
  // chooses only how cluster-autoscaler pools are written.
  if (pool.provisioner === 'karpenter') return [karpenterNodePool(pool, scenario, notes)];
  const inst = getInstance(pool.instance, scenario.spec.catalogDate === undefined ? {} : { asOf: scenario.spec.catalogDate });
  const cloud = cloudOf(pool.instance);
  const capacity = pool.spotShare >= 1 ? ['spot'] : pool.spotShare <= 0 ? ['on-demand'] : ['spot', 'on-demand'];
  if (o.provisioner === 'karpenter') {
    const nodeClass = KARPENTER_NODE_CLASS[cloud];
    if (nodeClass === undefined) throw new Error(`node pool ${pool.name}: Karpenter has no provider for ${cloud}; use --node-pools cluster-autoscaler`);
    if (pool.minNodes > 0) notes.push(`NodePool/${pool.name}: Karpenter keeps no minimum size (minNodes ${pool.minNodes} is in the design-sim ConfigMap); pods, not pools, hold nodes up`);
    if (pool.spotShare > 0 && pool.spotShare < 1) notes.push(`NodePool/${pool.name}: Karpenter cannot hold a spot share of ${pool.spotShare}; it allows both capacity types and prefers spot`);
    notes.push(`NodePool/${pool.name}: nodeClassRef names a ${nodeClass.kind} "default": create it for your cluster`);
    return [
      {
        apiVersion: 'karpenter.sh/v1',
        kind: 'NodePool',
        // What a NodePool has no field for, kept where `import k8s` finds it.
        metadata: { name: pool.name, labels: { 'app.kubernetes.io/part-of': scenario.metadata.name }, annotations: { [MIN_NODES_ANNOTATION]: String(pool.minNodes), [SPOT_SHARE_ANNOTATION]: String(pool.spotShare) } },
        spec: {
          template: {
            spec: {
              nodeClassRef: { ...nodeClass, name: 'default' },
              requirements: [
                { key: INSTANCE_TYPE_LABEL, operator: 'In', values: [inst.type] },
                { key: KARPENTER_CAPACITY_TYPE, operator: 'In', values: capacity },
              ],
              // GPU nodes are tainted so that only pods tolerating it (GPU pods) land there; CPU nodes are not.
              ...(inst.gpuCount > 0 ? { taints: [{ key: GPU_RESOURCE, effect: 'NoSchedule' }] } : {}),
            },
          },
          // Karpenter limits the pool by resources: maxNodes × GPUs per node (a CPU pool: × vCPUs).
          limits: inst.gpuCount > 0 ? { [GPU_RESOURCE]: toQuantity(pool.maxNodes * inst.gpuCount) } : { cpu: toQuantity(pool.maxNodes * (inst.vcpus ?? 0)) },
          disruption: { consolidationPolicy: 'WhenEmptyOrUnderutilized', consolidateAfter: goDuration(pool.clusterAutoscaler.scaleDownUnneededTime) },
        },
      },
    ];
  }
  const ca = pool.clusterAutoscaler;
  // Flag names and defaults: kubernetes/autoscaler cluster-autoscaler/config/flags/flags.go (k8s-semantics §3.1).
  const hint = {
    name: pool.name,
    cloud,
    region: inst.region,
    instanceType: inst.type,
    gpusPerNode: inst.gpuCount,
    minNodes: pool.minNodes,
    maxNodes: pool.maxNodes,
    spotShare: pool.spotShare,
    nodeLabels: { [poolLabelKey(cloud, 'cluster-autoscaler')]: pool.name },
    nodeTaints: inst.gpuCount > 0 ? [`${GPU_RESOURCE}=present:NoSchedule`] : [],
    clusterAutoscalerFlags: [
      `--nodes=${pool.minNodes}:${pool.maxNodes}:${pool.name}`,
      `--scan-interval=${goDuration(ca.scanInterval)}`,
      `--scale-down-unneeded-time=${goDuration(ca.scaleDownUnneededTime)}`,
      `--scale-down-delay-after-add=${goDuration(ca.scaleDownDelayAfterAdd)}`,
      `--scale-down-gpu-utilization-threshold=${ca.scaleDownUtilizationThreshold}`,
      `--max-node-provision-time=${goDuration(ca.maxNodeProvisionTime)}`,
    ],
  };
  if (!ca.enabled) notes.push(`node group ${pool.name}: the cluster autoscaler is off in the scenario: give the group a fixed size of ${pool.initialNodes}`);
  return [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `${pool.name}-node-group`, labels: { [MANAGED_BY_LABEL]: MANAGED_BY, 'app.kubernetes.io/part-of': scenario.metadata.name } },
      data: { [NODE_GROUPS_KEY]: stringify(hint, { lineWidth: 0 }) },
    },
  ];
}

/** The objects as one multi-document YAML text. */
export function manifestsYaml(objects: readonly K8sObject[]): string {
  return objects.map((o) => stringify(o, { lineWidth: 0, aliasDuplicateObjects: false })).join('---\n');
}
