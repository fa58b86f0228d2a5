/**
 * The Karpenter case the fourth and sixth checks work by hand (karpenter/node-termination-grace.test.ts,
 * karpenter/deleting-node-pods.test.ts): one g5.xlarge (1 GPU, provisioned in 60 s) launched at 0 s holding one
 * replica of concurrency 8, `expireAfter: 5m`, so the expiration controller deletes it at 300 s. Uniform arrivals of
 * 0.1 req/s start at 5 s, then every 10 s; each request takes 60 s, so 6 are in flight at any time. The run ends at
 * 540 s, before a replacement launched at 301 s at the earliest would expire in turn.
 */
import { createSimApi } from '../api/sim-api.ts';
import type { RunResult } from '../api/run-result.ts';

export interface ExpiringNodeCase {
  /** The replica's PodDisruptionBudget, e.g. `{ minAvailable: 1 }`; none when omitted. */
  budget?: string;
  /** The pod's `terminationGracePeriod`, e.g. `60s`; the 30 s default when omitted. */
  podGrace?: string;
  /** The NodePool's `karpenter.terminationGracePeriod`, e.g. `2m`; unset when omitted. */
  nodeGrace?: string;
  /** The NodePool's `karpenter.disruption`; by default nothing is consolidated and the budgets allow no disruption. */
  disruption?: string;
}

/** The case's scenario YAML. */
export function expiringNodeScenario(c: ExpiringNodeCase): string {
  return `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: expiring-node }
spec:
  duration: 9m
  seed: 3
  traffic: { arrivals: uniform, profile: { type: constant, qps: 0.1 } }
  services:
    - name: model
      replicas: 1
      concurrency: 8
      latency: { distribution: constant, ms: 60000 }
      startup: { imagePull: 30s, modelLoad: 55s, readiness: 0s }
      nodePool: gpu
${c.budget === undefined ? '' : `      disruptionBudget: ${c.budget}\n`}${c.podGrace === undefined ? '' : `      terminationGracePeriod: ${c.podGrace}\n`}  nodePools:
    - name: gpu
      initialNodes: 1
      provisioner: karpenter
      instance: aws/us-east-1/g5.xlarge
      provisioning: { distribution: constant, value: 60s }
      karpenter:
        instanceTypes: [aws/us-east-1/g5.xlarge]
        expireAfter: 5m
${c.nodeGrace === undefined ? '' : `        terminationGracePeriod: ${c.nodeGrace}\n`}        disruption: ${c.disruption ?? '{ consolidateAfter: Never, budgets: [{ nodes: "0" }] }'}
`;
}

const api = createSimApi();

/** Runs the case through the public API (the scenario must be valid). */
export function runExpiringNode(c: ExpiringNodeCase): RunResult {
  const r = api.run(expiringNodeScenario(c), 'expiring-node.yaml');
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  return r.result;
}
