import { describe, expect, it } from 'vitest';
import { nodeStatus } from '../../results/node-status.ts';
import { runDoc, smallDoc } from '../../test-support/fixtures.ts';
import { serviceOwns } from './service-status.ts';

const ctx = { services: 1, pools: 1, fragment: { name: 'model' } };

describe("a lone service's red mark", () => {
  it('answers for what its scale-to-zero, KV cache, prefix cache and LoRA adapters did, not for the bill or the nodes', () => {
    for (const m of ['scaleToZero.failed', 'scaleToZero.coldStartMax', 'kvCache.preemptions', 'prefixCache.hitRate', 'lora.delayedRequests', 'kvTransfer.meanMs', 'ttft.p99', 'availability'])
      expect(serviceOwns(m), m).toBe(true);
    for (const m of ['cost.hourly', 'nodes.max', 'gpus.peak', 'training.days']) expect(serviceOwns(m), m).toBe(false);
  });

  it("carries the run's own serving error even when no expectation is on the service", () => {
    // 500 req/s into 6 replicas × 20 req/s (50 ms each) = 120 req/s: overloaded, whatever the bill line says.
    const r = runDoc(smallDoc({ qps: 500, expect: ['cost.hourly < 1000'] }));
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.code)).toContain('overloaded');
    expect(nodeStatus('service', r, null, ctx)!.failing).toEqual(errors.map((d) => d.message));
  });
});

describe('a thread-per-request service node', () => {
  /** 20/s into 4 slots, 10 ms of work, then a 90 ms call each visit waits on with its slot held. */
  const doc = {
    apiVersion: 'design-sim/v1',
    kind: 'Scenario',
    metadata: { name: 'held' },
    spec: {
      duration: '30m',
      warmup: '5m',
      seed: 3,
      network: { sameZone: '0ms' },
      traffic: { target: 'api', profile: { type: 'constant', qps: 20 } },
      services: [
        { name: 'api', replicas: 1, concurrency: 4, latency: { distribution: 'constant', ms: 10 }, calls: [{ to: 'db' }] },
        { name: 'db', replicas: 1, concurrency: 1000, latency: { distribution: 'constant', ms: 90 } },
      ],
    },
  };

  it('shows its slots in use (held while the calls wait) beside its working slots; a callee that holds none does not', () => {
    const r = runDoc(doc);
    const api = nodeStatus('service', r, null, { services: 2, pools: 0, fragment: { name: 'api' } })!;
    const labels = api.lines.map((l) => l.label);
    expect(labels).toContain('utilization');
    expect(labels).toContain('slots in use');
    // Little's law on the slots: 20 × 0.1 s / 4 = 0.5 in use at any interval end, on average.
    expect(r.services!.api!.slotsInUse).toBeCloseTo(0.5, 1);
    const db = nodeStatus('service', r, null, { services: 2, pools: 0, fragment: { name: 'db' } })!;
    expect(db.lines.map((l) => l.label)).not.toContain('slots in use');
  });
});
