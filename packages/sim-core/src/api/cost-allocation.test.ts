import { controlPlaneFee, getInstance } from '@design-sim/cost-model';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../scenario/parse-scenario.ts';
import type { RunResult } from './run-result.ts';
import { runScenario } from './run-scenario.ts';

function run(text: string): RunResult {
  const parsed = parseScenarioText(text, 'idle-pool.yaml');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return runScenario(parsed.scenario);
}

/** Two CPU services on a fixed pool of two m6i.xlarge; a GPU pool of one node that no service uses. */
const IDLE_POOL = `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: idle-pool }
spec:
  duration: 10m
  seed: 1
  traffic: { target: api, profile: { type: constant, qps: 20 } }
  services:
    - { name: api, replicas: 2, cpuPerReplica: 1, concurrency: 4, latency: { distribution: constant, ms: 20 }, nodePool: cpu, calls: [{ to: db }] }
    - { name: db, replicas: 1, cpuPerReplica: 1, concurrency: 8, latency: { distribution: constant, ms: 5 }, nodePool: cpu }
  nodePools:
    - { name: cpu, instance: aws/us-east-1/m6i.xlarge, minNodes: 2, maxNodes: 2 }
    - { name: gpu, instance: gcp/us-central1/g2-standard-8, minNodes: 1, maxNodes: 1 }
`;

const onDemand = (id: string): number => getInstance(id).prices['on-demand']!.usdPerHour;

describe("the services' cost shares and the bill reconcile", () => {
  it('a pool that runs no service and the control plane are named as unallocated, and shares + unallocated = the bill', () => {
    const r = run(IDLE_POOL);
    const cpuPool = 2 * onDemand('aws/us-east-1/m6i.xlarge'); // both nodes for the whole run
    const gpuPool = onDemand('gcp/us-central1/g2-standard-8');
    const controlPlane = controlPlaneFee('aws')!.usdPerHour;
    // The CPU pool by requested vCPUs: api 2 × 1, db 1 × 1.
    expect(r.services!.api!.cost.perHourUsd).toBeCloseTo((cpuPool * 2) / 3, 9);
    expect(r.services!.db!.cost.perHourUsd).toBeCloseTo(cpuPool / 3, 9);
    const unallocated = r.summary!.cost.unallocated;
    expect(unallocated.map((u) => [u.label, u.reason])).toEqual([
      ['pool gpu', 'runs no service'],
      ['aws control plane × 1', "not a node pool's"],
    ]);
    expect(unallocated[0]!.perHourUsd).toBeCloseTo(gpuPool, 9);
    expect(unallocated[1]!.perHourUsd).toBeCloseTo(controlPlane, 9);
    // Before, the shares summed to the CPU pool alone (0.384 of a 1.34 $/h bill) with nothing to say why.
    const shares = r.services!.api!.cost.perHourUsd! + r.services!.db!.cost.perHourUsd!;
    expect(shares + unallocated.reduce((a, u) => a + u.perHourUsd!, 0)).toBeCloseTo(r.summary!.cost.perHourUsd, 9);
    expect(r.summary!.cost.perHourUsd).toBeCloseTo(cpuPool + gpuPool + controlPlane, 9);
  });

  it('with every pool running a service, only the control plane is left, and the shares hold every pool', () => {
    const r = run(IDLE_POOL.replace(/\n {4}- \{ name: gpu.*/, ''));
    expect(r.summary!.cost.unallocated.map((u) => [u.label, u.reason])).toEqual([['aws control plane × 1', "not a node pool's"]]);
    expect(r.services!.api!.cost.perHourUsd! + r.services!.db!.cost.perHourUsd!).toBeCloseTo(2 * onDemand('aws/us-east-1/m6i.xlarge'), 9);
  });
});
