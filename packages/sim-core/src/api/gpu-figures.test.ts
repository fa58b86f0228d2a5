/**
 * The run's GPU figures read as docs/json-output.md defines them: `peakGpus` the most GPUs in existence at an interval
 * end after the warm-up (as `nodes` and `replicas` are read), `gpuUtilization` busy ÷ allocatable GPU-seconds of those
 * intervals (a ratio of sums, not the mean of the intervals' ratios).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSimApi } from './sim-api.ts';

const api = createSimApi();

describe('peakGpus', () => {
  it('is read after the warm-up, as the node counts are: idle nodes removed in the warm-up are not its peak', () => {
    // Four one-GPU nodes at t = 0 and one replica: the cluster autoscaler removes the three empty nodes after they have
    // been unneeded for 10 min, well inside the 30 min warm-up; after it one node and one GPU remain.
    const r = api.run(
      `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: idle-nodes }
spec:
  duration: 45m
  warmup: 30m
  seed: 1
  traffic: { profile: { type: constant, qps: 5 } }
  services:
    - { name: model, replicas: 1, concurrency: 4, latency: { distribution: constant, ms: 50 }, nodePool: gpu }
  nodePools:
    - { name: gpu, instance: gcp/us-central1/g2-standard-8, minNodes: 0, maxNodes: 4, initialNodes: 4 }
`,
      'idle-nodes.yaml',
    );
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const s = r.result.summary!;
    expect(s.nodes.max).toBe(1);
    // It was 4, the warm-up's peak, beside "Nodes peak 1".
    expect(s.peakGpus).toBe(1);
  });
});

describe('gpuUtilization', () => {
  it('is busy GPU-seconds over allocatable GPU-seconds, weighting each interval by its ready GPUs', () => {
    // hpa-step (1 L4 per node): 4 ready GPUs before the 100 → 600 QPS step, up to 40 after it.
    const yaml = readFileSync(new URL('../../../../examples/hpa-step.yaml', import.meta.url), 'utf8');
    const r = api.run(yaml, 'hpa-step.yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const s = r.result.summary!;
    const ts = r.result.timeseries!;
    // Every service has a pool of one-GPU nodes: ready GPUs at an interval end = ready nodes (the series' basis).
    let busy = 0;
    let alloc = 0;
    let meanOfRatios = 0;
    let n = 0;
    for (let i = 0; i < ts.t.length; i++) {
      if (ts.t[i]! <= s.warmupSeconds) continue;
      busy += ts.gpuUtilization[i]! * ts.readyNodes[i]!;
      alloc += ts.readyNodes[i]!;
      meanOfRatios += ts.gpuUtilization[i]!;
      n++;
    }
    expect(s.gpuUtilization).toBeCloseTo(busy / alloc, 12);
    // The old reading, the mean of the intervals' ratios, is several points higher here: the test tells them apart.
    expect(meanOfRatios / n - busy / alloc).toBeGreaterThan(0.03);
  });
});
