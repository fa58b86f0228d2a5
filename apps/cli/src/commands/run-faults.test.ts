// Failures and shared clusters through `design-sim run`: the Failures and Team/Job rows in text and Markdown,
// summary.faults and summary.shared in --json, a run whose requests failed with their node exits 1, and a fault
// naming no pool is a located error (exit 2).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../testing/test-context.ts';

const cwd = mkdtempSync(join(tmpdir(), 'design-sim-faults-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));
const scenario = (faults: string) => `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: faults }
spec:
  duration: 30m
  seed: 2
  traffic: { arrivals: poisson, profile: { type: constant, qps: 30 } }
  priorityClasses: [{ name: prod, value: 1000 }, { name: batch, value: 10 }]
  teams: [{ name: serving }, { name: research, gpuQuota: 4 }]
  services:
    - name: model
      team: serving
      priorityClass: prod
      replicas: 8
      concurrency: 1
      latency: { distribution: exponential, meanMs: 200 }
      nodePool: gpu
  jobs:
    - { name: sweep, team: research, nodePool: gpu, pods: 4, gpusPerPod: 1, gang: false, duration: 10m, priorityClass: batch, count: 2, every: 5m }
  nodePools:
    - name: gpu
      instance: aws/us-east-1/g5.2xlarge
      minNodes: 12
      maxNodes: 12
      clusterAutoscaler: { enabled: false }
${faults}
`;
writeFileSync(join(cwd, 'drill.yaml'), scenario('  faults: [{ at: 10m, for: 5m, pool: gpu, nodes: 12 }]'));
writeFileSync(join(cwd, 'bad.yaml'), scenario('  faults: [{ at: 10m, for: 5m, pool: gpus }]'));
const run = (...args: string[]) => runInProcess(['run', ...args], { cwd });

describe('run with faults on a shared cluster', () => {
  it('text and markdown: Failures, Cluster, Team and Job rows; the failed requests fail the run', async () => {
    const r = await run('drill.yaml');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^ {2}Failures {6}0 node hardware failures · 0 spot reclaim waves \(0 nodes\) · 1 scheduled fault \(12 nodes down\)$/m);
    expect(r.stdout).toMatch(/^ {16}8 pods lost with their node, [\d.]+ pod-hours until replaced · [1-9][\d,]* requests? failed with their node$/m);
    expect(r.stdout).toMatch(/^ {2}Team {10}research: [\d.]+ GPU-hours .* quota 4 /m);
    expect(r.stdout).toMatch(/^ {2}Job {11}sweep \(research\): \d of 2 runs done · wait median/m);
    expect(r.stdout).toMatch(/error: [\d,]+ requests or calls failed with their node/);
    const md = await run('drill.yaml', '--format', 'markdown');
    expect(md.stdout).toMatch(/\| Failures \| 0 node hardware failures/);
    expect(md.stdout).toMatch(/\| Team \| serving: /);
  });

  it('--json: summary.faults and summary.shared', async () => {
    const json = JSON.parse((await run('drill.yaml', '--json')).stdout) as { summary: { faults: { scheduledFaultNodes: number; podsLost: number; requestsFailed: number }; shared: { teams: { name: string; gpuQuota: number | null; peakGpus: number }[]; jobs: { completed: number; interruptions: number }[] } } };
    expect(json.summary.faults.scheduledFaultNodes).toBe(12);
    expect(json.summary.faults.podsLost).toBe(8);
    expect(json.summary.faults.requestsFailed).toBeGreaterThan(0);
    const research = json.summary.shared.teams.find((t) => t.name === 'research')!;
    expect(research.gpuQuota).toBe(4);
    // The quota holds: never more than 4 of the research team's GPUs at once, although 8 pods are asked.
    expect(research.peakGpus).toBeLessThanOrEqual(4);
    // The whole pool went down at 10 min: the running sweep pods were interrupted and ran again.
    expect(json.summary.shared.jobs[0]!.interruptions).toBeGreaterThan(0);
  });

  it('a fault naming no pool is a located error (exit 2)', async () => {
    const r = await run('bad.yaml');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:\d+:\d+ spec\.faults\[0\]\.pool: no node pool named "gpus" \(did you mean "gpu"\?\)/);
  });
});
