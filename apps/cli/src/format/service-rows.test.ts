import { parseScenarioText, runScenario } from '@design-sim/sim-core';
import { describe, expect, it } from 'vitest';
import { formatPercent } from './numbers.ts';
import { SERVICE_HEAD, serviceRows } from './service-rows.ts';

describe('the services table', () => {
  it('prints a batching service\'s utilization as busy time, and a per-request one as slots in use', () => {
    const p = parseScenarioText(
      `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: rows }
spec:
  duration: 5m
  traffic: { target: api, profile: { type: constant, qps: 50 } }
  services:
    - { name: api, replicas: 2, concurrency: 8, releaseDuringCalls: true, latency: { distribution: constant, ms: 5 }, calls: [{ to: model }] }
    - { name: model, replicas: 1, concurrency: 1, latency: { distribution: constant, ms: 1 }, batching: { maxBatchSize: 8, maxQueueDelay: 20ms, batchLatency: { baseMs: 5, perItemMs: 1 } } }
`,
      'rows.yaml',
    );
    if (!p.ok) throw new Error('parse');
    const r = runScenario(p.scenario);
    const col = SERVICE_HEAD.indexOf('utilization');
    const [api, model] = serviceRows(r)!;
    expect(api![col]).toBe(formatPercent(r.services!.api!.utilization, 1));
    expect(model![col]).toBe(`${formatPercent(r.services!.model!.utilization, 1)} busy`);
  });

  it("says how many slots a thread-per-request service holds while its calls wait, beside its working slots", () => {
    // 20/s into 4 slots, 10 ms of work, then a 90 ms call: 0.5 of the slots in use, 0.05 working (Little's law).
    const p = parseScenarioText(
      `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: rows }
spec:
  duration: 1h
  warmup: 5m
  network: { sameZone: 0ms }
  traffic: { target: api, profile: { type: constant, qps: 20 } }
  services:
    - { name: api, replicas: 1, concurrency: 4, latency: { distribution: constant, ms: 10 }, calls: [{ to: db }] }
    - { name: db, replicas: 1, concurrency: 1000, latency: { distribution: constant, ms: 90 } }
`,
      'rows.yaml',
    );
    if (!p.ok) throw new Error('parse');
    const r = runScenario(p.scenario);
    const col = SERVICE_HEAD.indexOf('utilization');
    const [api, db] = serviceRows(r)!;
    expect(r.services!.api!.slotsInUse).toBeCloseTo(0.5, 1);
    expect(api![col]).toBe(`${formatPercent(r.services!.api!.utilization, 1)} (slots in use ${formatPercent(r.services!.api!.slotsInUse, 1)})`);
    // The callee holds nothing while it works: its cell is its utilization alone.
    expect(db![col]).toBe(formatPercent(r.services!.db!.utilization, 1));
  });

  it('ends with what no service holds and the bill, so the $/h share column adds up to it', () => {
    // Two CPU services on two m6i.xlarge; a GPU pool of one node that no service runs on; the AWS control plane.
    const p = parseScenarioText(
      `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: idle-pool }
spec:
  duration: 10m
  traffic: { target: api, profile: { type: constant, qps: 20 } }
  services:
    - { name: api, replicas: 2, cpuPerReplica: 1, concurrency: 4, latency: { distribution: constant, ms: 20 }, nodePool: cpu, calls: [{ to: db }] }
    - { name: db, replicas: 1, cpuPerReplica: 1, concurrency: 8, latency: { distribution: constant, ms: 5 }, nodePool: cpu }
  nodePools:
    - { name: cpu, instance: aws/us-east-1/m6i.xlarge, minNodes: 2, maxNodes: 2 }
    - { name: gpu, instance: gcp/us-central1/g2-standard-8, minNodes: 1, maxNodes: 1 }
`,
      'idle-pool.yaml',
    );
    if (!p.ok) throw new Error('parse');
    const r = runScenario(p.scenario);
    const share = SERVICE_HEAD.length - 1;
    const rows = serviceRows(r)!;
    // Before, the table ended at db: $0.256 + $0.128 of a $1.34/h bill, the GPU pool and the control plane nowhere.
    expect(rows.map((x) => [x[0], x[share]])).toEqual([
      ['api', '$0.256'],
      ['db', '$0.128'],
      ['unallocated: pool gpu runs no service', '$0.854'],
      ['unallocated: aws control plane × 1 (no pool)', '$0.10'],
      ['= the bill', '$1.34'],
    ]);
    expect(rows[2]!.slice(1, share).every((c) => c === '')).toBe(true);
  });
});
