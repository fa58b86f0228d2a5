/**
 * The serving pod of a service as `export k8s` writes it: placement on its node pools, the GPU toleration, and the
 * one container (image, port, GPU or CPU resources, startup and readiness probes). A Deployment and a Knative
 * Service carry the same pod, so both are built here: a Knative revision runs its containers in a Deployment the
 * Knative controller makes from this template (knative/serving@98e5ef90 pkg/reconciler/revision/resources/deploy.go
 * `makePodSpec`), and the two exports must not drift apart.
 */
import { cloudOf, type Scenario } from '@design-sim/sim-core';
import { GPU_RESOURCE, toQuantity } from './k8s-object.ts';
import { KARPENTER_POOL_LABEL, poolLabelKey, type NodeProvisioner } from './node-pool-labels.ts';

type Service = Scenario['spec']['services'][number];
type Pool = Scenario['spec']['nodePools'][number];

/** What the pod needs from the export settings. */
export interface PodOptions {
  provisioner: NodeProvisioner;
  /** The container image; undefined: a placeholder (the caller notes it). */
  image: string | undefined;
  port: number;
  healthPath: string;
  /**
   * The container port's name, which the probes name too. A Deployment's is `http`; a Knative revision allows only
   * '' , `http1` or `h2c` (knative/serving@98e5ef90 pkg/apis/serving/k8s_validation.go `validPortNames`, `validateContainerPorts`), and a
   * probe's named port must be the container port's (`validateProbe`: "Probe port must match container port").
   */
  portName: string;
}

// kubelet's probe period default is 10 s (Configure Liveness, Readiness and Startup Probes).
const PROBE_PERIOD = 10;

/**
 * Probes from the start-up stages. Image pull happens before the container starts, so no probe waits
 * for it. The startup probe allows twice the model load (at least 30 s) before the kubelet restarts the
 * container; the readiness period is twice the scenario's readiness delay, whose mean is half a period
 * (a server becomes healthy at a uniformly random point between two probes). The model load is the one the
 * simulation ran (`modelLoadSeconds`, sim-core's `compileStartup`): given as physics (weights ÷ throughput plus
 * the engine start) it is not `startup.modelLoad`, which is then 0, and a 30 s probe would have the kubelet
 * restart a container that needs minutes.
 */
function probes(startup: Service['startup'], modelLoadSeconds: number, o: PodOptions) {
  const httpGet = { path: o.healthPath, port: o.portName };
  const budget = Math.max(30, 2 * modelLoadSeconds);
  return {
    startupProbe: { httpGet, periodSeconds: PROBE_PERIOD, failureThreshold: Math.ceil(budget / PROBE_PERIOD) },
    readinessProbe: { httpGet, periodSeconds: Math.max(1, Math.round(2 * startup.readiness)), failureThreshold: 3 },
  };
}

/**
 * Where the pods may run: one pool by nodeSelector; a list of pools (any of them) by required node
 * affinity, one term per pool label (terms are ORed).
 */
function placementOf(nodePool: Service['nodePool'], pools: ReadonlyMap<string, Pool>, provisioner: NodeProvisioner): Record<string, unknown> {
  const keyOf = (name: string) => {
    const pool = pools.get(name);
    // A Karpenter pool is a NodePool whatever --node-pools says, so its nodes carry Karpenter's label.
    if (pool?.provisioner === 'karpenter') return KARPENTER_POOL_LABEL;
    return poolLabelKey(pool === undefined ? '' : cloudOf(pool.instance), provisioner);
  };
  if (nodePool === undefined) return {};
  if (typeof nodePool === 'string') return { nodeSelector: { [keyOf(nodePool)]: nodePool } };
  const byKey = new Map<string, string[]>();
  for (const name of nodePool) byKey.set(keyOf(name), [...(byKey.get(keyOf(name)) ?? []), name]);
  const nodeSelectorTerms = [...byKey].map(([key, values]) => ({ matchExpressions: [{ key, operator: 'In', values }] }));
  return { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms } } } };
}

/** The image written for `svc`: the one given, else a placeholder named after the service. */
export const imageOf = (svc: Service, image: string | undefined): string => image ?? `registry.example.com/${svc.name}:latest`;

/**
 * The pod spec's placement, tolerations and containers (the caller adds what only its kind has: a Deployment's
 * terminationGracePeriodSeconds, a revision's containerConcurrency). `extra` goes between placement and containers,
 * where a Deployment has always written its grace period. `modelLoadSeconds` is the service's compiled model load.
 */
export function servingPodSpec(svc: Service, modelLoadSeconds: number, pools: ReadonlyMap<string, Pool>, o: PodOptions, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const gpus = svc.gpusPerReplica > 0 ? { [GPU_RESOURCE]: toQuantity(svc.gpusPerReplica) } : undefined;
  // A CPU service requests its vCPUs (no limit: a CPU limit throttles, as CFS quotas do, rather than bounds).
  const cpus = svc.cpuPerReplica !== undefined ? { cpu: toQuantity(svc.cpuPerReplica) } : undefined;
  return {
    ...placementOf(svc.nodePool, pools, o.provisioner),
    ...extra,
    ...(gpus === undefined ? {} : { tolerations: [{ key: GPU_RESOURCE, operator: 'Exists', effect: 'NoSchedule' }] }),
    containers: [
      {
        name: 'server',
        image: imageOf(svc, o.image),
        ports: [{ name: o.portName, containerPort: o.port }],
        ...(gpus !== undefined ? { resources: { requests: gpus, limits: gpus } } : cpus !== undefined ? { resources: { requests: cpus } } : {}),
        ...probes(svc.startup, modelLoadSeconds, o),
      },
    ],
  };
}
