/**
 * Where a node pool shows up in a cluster: the node label a Deployment's nodeSelector uses to land on
 * it, per provisioner. Cluster-autoscaler node groups are cloud node pools with the cloud's own label:
 * GKE `cloud.google.com/gke-nodepool`, EKS managed node groups `eks.amazonaws.com/nodegroup`, AKS
 * `kubernetes.azure.com/agentpool` (each cloud's node-pool documentation). Karpenter labels its nodes
 * `karpenter.sh/nodepool` (kubernetes-sigs/karpenter pkg/apis/v1/labels.go, NodePoolLabelKey).
 */

/** How the pools are provisioned in the exported manifests. */
export type NodeProvisioner = 'cluster-autoscaler' | 'karpenter';

const CLOUD_POOL_LABEL: Readonly<Record<string, string>> = {
  gcp: 'cloud.google.com/gke-nodepool',
  aws: 'eks.amazonaws.com/nodegroup',
  azure: 'kubernetes.azure.com/agentpool',
};

/** The Karpenter node-pool label. */
export const KARPENTER_POOL_LABEL = 'karpenter.sh/nodepool';
/** Karpenter's capacity-type requirement key. */
export const KARPENTER_CAPACITY_TYPE = 'karpenter.sh/capacity-type';
/** The well-known instance-type label (kubernetes.io/docs/reference/labels-annotations-taints). */
export const INSTANCE_TYPE_LABEL = 'node.kubernetes.io/instance-type';

/** Karpenter's node class per cloud (its AWS and Azure providers; there is no GCP provider). */
export const KARPENTER_NODE_CLASS: Readonly<Record<string, { group: string; kind: string }>> = {
  aws: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass' },
  azure: { group: 'karpenter.azure.com', kind: 'AKSNodeClass' },
};

/** The nodeSelector label for a pool of `cloud` under `provisioner`. */
export function poolLabelKey(cloud: string, provisioner: NodeProvisioner): string {
  return provisioner === 'karpenter' ? KARPENTER_POOL_LABEL : (CLOUD_POOL_LABEL[cloud] ?? 'design-sim.io/node-pool');
}

/** Every label key that names a pool (for import). */
export const POOL_LABEL_KEYS: readonly string[] = [KARPENTER_POOL_LABEL, ...Object.values(CLOUD_POOL_LABEL), 'design-sim.io/node-pool'];
