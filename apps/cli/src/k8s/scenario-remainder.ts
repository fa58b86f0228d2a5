/**
 * The split between what Kubernetes objects say natively and what only a simulation needs. Native:
 * a service's replicas, GPUs, node pool, termination grace period and pod annotations (Deployment), its PodDisruptionBudget, its HPA bounds, metric targets and behavior
 * (HorizontalPodAutoscaler), its Knative autoscaler but the activator's buffer (Knative Service, config-autoscaler), a pool's instance, size and spot share (node-pool hints or a Karpenter
 * NodePool). Everything else (traffic, latency model, expectations, HPA controller flags, metric
 * windows, start-up stage times, cluster-autoscaler flags) is the remainder, written by `export k8s`
 * into a ConfigMap so that `import k8s` gives the same scenario back; manifests without it still
 * import their native fields. This file is the one list of native fields; export and import both read it.
 */

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Fields of `spec.services[]` the Deployment, HPA and PodDisruptionBudget carry. */
export const NATIVE_SERVICE_FIELDS = ['replicas', 'gpusPerReplica', 'nodePool', 'disruptionBudget', 'terminationGracePeriod', 'podAnnotations'] as const;
/** Fields of `services[].hpa` the HorizontalPodAutoscaler carries (metric targets too, by type). */
export const NATIVE_HPA_FIELDS = ['minReplicas', 'maxReplicas', 'behavior'] as const;
/** Fields of `services[].keda` the ScaledObject carries (its triggers and buffer stay in the remainder: the HTTP add-on's). */
export const NATIVE_KEDA_FIELDS = ['minReplicaCount', 'pollingInterval', 'cooldownPeriod', 'initialCooldownPeriod', 'fallback'] as const;
/**
 * Fields of `services[].knative` no Knative object carries: the activator's hold at zero is the simulation's (Knative
 * bounds it by the revision's request timeout). Every other field is a revision annotation, the revision's
 * containerConcurrency or a `config-autoscaler` key (knative-keys.ts).
 */
export const REMAINDER_KNATIVE_FIELDS = ['buffer'] as const;
/**
 * Service fields a Knative Service does not carry although a Deployment does: a revision has no grace period of its
 * own (Knative gives its pods the request timeout, knative/serving@98e5ef90 pkg/reconciler/revision/resources/deploy.go).
 */
export const NON_NATIVE_KNATIVE_SERVICE_FIELDS = ['terminationGracePeriod'] as const;
/** Fields of `spec.nodePools[]` the node-pool objects carry. */
export const NATIVE_POOL_FIELDS = ['instance', 'minNodes', 'maxNodes', 'spotShare'] as const;

/**
 * Fields of a `provisioner: karpenter` pool its NodePool carries: the whole karpenter block, and minNodes and spotShare
 * (always 0 there). Its instance (the initial nodes' type) and maxNodes (the simulation's cap) have no NodePool field.
 */
export const NATIVE_KARPENTER_POOL_FIELDS = ['karpenter', 'minNodes', 'spotShare'] as const;

/** The scenario document (as written, units kept) without its native fields. */
export function scenarioRemainder(raw: Obj): Obj {
  const out = structuredClone(raw);
  const spec = isObj(out.spec) ? out.spec : {};
  for (const svc of Array.isArray(spec.services) ? spec.services : []) {
    if (!isObj(svc)) continue;
    const knative = isObj(svc.knative);
    for (const f of NATIVE_SERVICE_FIELDS) if (!knative || !(NON_NATIVE_KNATIVE_SERVICE_FIELDS as readonly string[]).includes(f)) delete svc[f];
    // A knative service is a Knative Service (export-k8s.ts): only what no Knative object carries stays.
    if (isObj(svc.knative)) for (const f of Object.keys(svc.knative)) if (!(REMAINDER_KNATIVE_FIELDS as readonly string[]).includes(f)) delete svc.knative[f];
    if (isObj(svc.hpa)) {
      for (const f of NATIVE_HPA_FIELDS) delete svc.hpa[f];
      for (const m of Array.isArray(svc.hpa.metrics) ? svc.hpa.metrics : []) if (isObj(m)) delete m.target;
    }
    // Only a keda block with an hpa becomes a ScaledObject (export-k8s.ts); without one it stays whole.
    if (isObj(svc.keda) && isObj(svc.hpa)) for (const f of NATIVE_KEDA_FIELDS) delete svc.keda[f];
  }
  for (const pool of Array.isArray(spec.nodePools) ? spec.nodePools : []) {
    if (!isObj(pool)) continue;
    for (const f of pool.provisioner === 'karpenter' ? NATIVE_KARPENTER_POOL_FIELDS : NATIVE_POOL_FIELDS) delete pool[f];
  }
  return out;
}
