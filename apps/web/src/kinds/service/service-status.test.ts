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
