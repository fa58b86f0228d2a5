/**
 * Failures and shared clusters through the public API: the training model restarts at the rate serving nodes fail
 * at (one function), MIG pools count slices, and bad input is refused with a located issue.
 */
import { LLAMA3_FAILURES_PER_GPU_HOUR, nodeFailuresPerHour, trainingEstimate, getGpu } from '@design-sim/cost-model';
import { describe, expect, it } from 'vitest';
import { createSimApi } from './sim-api.ts';
import { compileScenario } from './compile-scenario.ts';
import { edit, parseOk } from '../scenario/scenario-test-builders.ts';

const api = createSimApi();

function issues(text: string): string[] {
  const r = api.validate(text, 'bad.yaml');
  return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
}

describe('training restarts and serving failures share one rate', () => {
  it('training.failures {} adds the Llama 3 rate per node: 2,048 H100 nodes see one interruption per 3.1 h', () => {
    const text = `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: t }
spec:
  training: { parameters: 405B, tokens: 1T, gpu: h100-sxm-80gb, gpus: 16384, mfu: 40%, checkpoint: { every: 1h, restart: 10m }, failures: {} }
`;
    const r = api.run(text, 't.yaml');
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
    // gpus ≤ 8 per node: 2,048 nodes × 8 GPUs × 1.973e-5 per GPU-hour.
    const perHour = 2048 * nodeFailuresPerHour({}, 8);
    expect(perHour).toBeCloseTo(2048 * 8 * LLAMA3_FAILURES_PER_GPU_HOUR, 12);
    expect(1 / perHour).toBeCloseTo(3.09, 2);
    const expected = trainingEstimate({ parameters: 405e9, tokens: 1e12, gpu: getGpu('h100-sxm-80gb'), gpuCount: 16384, gpusPerNode: 8, mfu: 0.4, usdPerGpuHour: null, checkpoint: { everySeconds: 3600, saveSeconds: 0, restartSeconds: 600 }, hardwareFailuresPerNodeHour: nodeFailuresPerHour({}, 8) });
    expect(r.result.training!.interruptions).toBeCloseTo(expected.expectedInterruptions, 6);
    expect(r.result.training!.interruptions).toBeGreaterThan(0);
  });

  it('a serving pool compiles its failures with the same function', () => {
    const s = parseOk(edit(['      maxNodes: 40\n', '      maxNodes: 40\n      failures: { repair: 2h }\n'])).scenario;
    const pool = compileScenario(s).pools[0]!;
    expect(pool.failures).toEqual({ perNodeHour: nodeFailuresPerHour({}, 1), repairSeconds: 7200 });
  });
});

describe('MIG pools', () => {
  it('an A100-80GB node in 1g.10gb slices schedules 8 × 7 = 56 units', () => {
    const s = parseOk(edit(['instance: gcp/us-central1/g2-standard-8', 'instance: aws/us-east-1/p4de.24xlarge'], ['      maxNodes: 40\n', '      maxNodes: 40\n      mig: { profile: 1g.10gb }\n'])).scenario;
    const pool = compileScenario(s).pools[0]!;
    expect(pool.gpusPerNode).toBe(56);
    expect(pool.migSlicesPerGpu).toBe(7);
  });

  it('refuses a profile the GPU does not have, at its path', () => {
    expect(issues(edit(['instance: gcp/us-central1/g2-standard-8', 'instance: aws/us-east-1/p4de.24xlarge'], ['      maxNodes: 40\n', '      maxNodes: 40\n      mig: { profile: 1g.5gb }\n']))).toEqual([
      'spec.nodePools[0].mig.profile: profile "1g.5gb" is not an all-<profile> configuration of a100-80gb (one of 1g.10gb, 1g.20gb, 2g.20gb, 3g.40gb, 4g.40gb, 7g.80gb)',
    ]);
  });

  // The GPU Operator's mig-parted config @ a22dbf6: "H100-80GB" all-3g.40gb 2 and all-1g.20gb 4; "H200-141GB"
  // all-1g.18gb 7. A p5.48xlarge has 8 H100 SXM, a p5e.48xlarge 8 H200.
  it.each([
    ['aws/us-east-1/p5.48xlarge', '3g.40gb', 2],
    ['aws/us-east-1/p5.48xlarge', '1g.20gb', 4],
    ['aws/us-east-2/p5e.48xlarge', '1g.18gb', 7],
  ])('%s in %s slices schedules 8 × %i units a node', (instance, profile, perGpu) => {
    const s = parseOk(edit(['instance: gcp/us-central1/g2-standard-8', `instance: ${instance}`], ['      maxNodes: 40\n', `      maxNodes: 40\n      mig: { profile: ${profile} }\n`])).scenario;
    const pool = compileScenario(s).pools[0]!;
    expect(pool.migSlicesPerGpu).toBe(perGpu);
    expect(pool.gpusPerNode).toBe(8 * perGpu);
  });

  it('refuses MIG on a GPU whose profiles the config does not attribute (B200), naming the GPUs it knows', () => {
    const out = issues(edit(['instance: gcp/us-central1/g2-standard-8', 'instance: aws/us-east-1/p6-b200.48xlarge'], ['      maxNodes: 40\n', '      maxNodes: 40\n      mig: { profile: 1g.23gb }\n']));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^spec\.nodePools\[0\]\.mig\.profile: no MIG profile table for GPU "b200-sxm-180gb" \(known: a100-40gb, .*h100-sxm-80gb, .*h200-sxm-141gb\)$/);
  });
});

describe('bad shared-cluster and fault input', () => {
  it('names the missing team, priority class and pool with suggestions', () => {
    const text = edit(['      nodePool: l4\n', '      nodePool: l4\n      team: team-nlpp\n      priorityClass: hihg\n'], ['  expect:', '  teams: [{ name: team-nlp, gpuQuota: 8 }]\n  priorityClasses: [{ name: high, value: 1000 }]\n  faults: [{ at: 10m, for: 5m, pool: l5 }]\n  expect:']);
    const out = issues(text);
    expect(out).toContain('spec.services[0].team: no team named "team-nlpp"');
    expect(out).toContain('spec.services[0].priorityClass: no priority class named "hihg"');
    expect(out).toContain('spec.faults[0].pool: no node pool named "l5"');
  });

  it('a fault that takes more nodes than the pool can hold is refused at nodes (it took the whole pool without a word)', () => {
    // The base design's pool l4 has maxNodes 40.
    expect(issues(edit(['  expect:', '  faults: [{ at: 10m, for: 5m, pool: l4, nodes: 41 }]\n  expect:']))).toEqual(['spec.faults[0].nodes: more than node pool "l4" can hold (40 nodes at most): leave nodes out to take the whole pool']);
    expect(issues(edit(['  expect:', '  faults: [{ at: 10m, for: 5m, pool: l4, nodes: 40 }]\n  expect:']))).toEqual([]);
  });

  it('a fault needs a pool or a zone', () => {
    expect(issues(edit(['  expect:', '  faults: [{ at: 10m, for: 5m }]\n  expect:']))).toEqual(['spec.faults[0]: give either pool (optionally with nodes) or zone']);
  });
});

describe('bad Kueue ClusterQueues (spec.teams[].kueue)', () => {
  const teams = (yaml: string): string => edit(['  expect:', `  teams:\n${yaml}  expect:`]);
  it('a cohort of one queue, a borrowingLimit without a cohort, lendingLimit above nominalQuota, both quotas on a team', () => {
    const out = issues(
      teams(
        [
          '    - { name: a, kueue: { nominalQuota: 8, cohort: alone } }',
          '    - { name: b, kueue: { nominalQuota: 8, borrowingLimit: 4 } }',
          '    - { name: c, kueue: { nominalQuota: 8, cohort: pool, lendingLimit: 9 } }',
          '    - { name: d, gpuQuota: 8, kueue: { nominalQuota: 8, cohort: pool } }',
          '',
        ].join('\n'),
      ),
    );
    expect(out).toEqual([
      'spec.teams[0].kueue.cohort: cohort "alone" has only team "a"\'s ClusterQueue: there is nothing to borrow from or lend to',
      'spec.teams[1].kueue.borrowingLimit: borrowingLimit without a cohort: Kueue requires spec.cohortName when borrowingLimit is set (add kueue.cohort, or remove borrowingLimit)',
      'spec.teams[2].kueue.lendingLimit: lendingLimit 9 is above nominalQuota 8: a queue lends at most its nominal quota (expected at most 8)',
      'spec.teams[3].gpuQuota: team "d" has both gpuQuota and kueue: a ResourceQuota beside a ClusterQueue would refuse the pods of jobs Kueue admitted past it, which is not modelled',
    ]);
  });

  it('a nominalQuota refused on its own is one line, not also "lendingLimit 4 is above nominalQuota -1"', () => {
    const out = issues(teams('    - { name: a, kueue: { nominalQuota: -1, cohort: pool, lendingLimit: 4 } }\n    - { name: b, kueue: { nominalQuota: 8, cohort: pool } }\n'));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^spec\.teams\[0\]\.kueue\.nominalQuota: must be at least 0, got -1$/);
  });

  it('a job checkpoint under a second is refused: 5e-324 kept infinite work at a preemption', () => {
    // Found by the CLI fuzzer: content/shared-a100-cluster-three-teams-dedicated.yaml with cv-experiments'
    // checkpoint: 5e-324 finished 3 of 4 batches (2 with 15m) and lost "−∞ GPU-hours of work" (JSON null).
    const job = (checkpoint: string) => edit(['  expect:', `  teams: [{ name: a, gpuQuota: 8 }]\n  jobs: [{ name: j, team: a, nodePool: l4, pods: 1, gpusPerPod: 1, duration: 1h, checkpoint: ${checkpoint} }]\n  expect:`]);
    expect(issues(job('5e-324'))).toEqual(['spec.jobs[0].checkpoint: must be at least 1s, got 5e-324']);
    expect(issues(job('1s'))).toEqual([]);
  });

  it('a job larger than its ClusterQueue can ever admit (nominal 8 + borrowingLimit 4) is refused at its pods', () => {
    const text = edit(['  expect:', '  teams:\n    - { name: a, kueue: { nominalQuota: 8, cohort: c, borrowingLimit: 4 } }\n    - { name: b, kueue: { nominalQuota: 8, cohort: c } }\n  jobs: [{ name: big, team: a, nodePool: l4, pods: 13, gpusPerPod: 1, duration: 1h }]\n  expect:']);
    expect(issues(text)).toEqual(['spec.jobs[0].pods: job "big" needs 13 GPUs at once, but team "a"\'s ClusterQueue can admit at most 12 (nominalQuota plus what its cohort may lend it): it is never admitted']);
  });

  it('an unknown preemption policy names the values Kueue accepts', () => {
    const r = api.validate(teams('    - { name: a, kueue: { nominalQuota: 8, preemption: { reclaimWithinCohort: Sometimes } } }\n'), 'bad.yaml');
    expect(r.ok).toBe(false);
    const i = r.ok ? undefined : r.issues[0]!;
    expect(i?.path).toBe('spec.teams[0].kueue.preemption.reclaimWithinCohort');
    expect(`${i?.message} ${i?.expected ?? ''}`).toMatch(/Never.*LowerPriority.*Any/);
  });

  it('compiles Kueue\'s defaults: BestEffortFIFO, preemption Never/Never, no limits; cohorts by name', () => {
    const s = parseOk(teams(['    - { name: a, kueue: { nominalQuota: 8, cohort: pool } }', '    - { name: b, kueue: { nominalQuota: 4, cohort: pool, lendingLimit: 2, preemption: { reclaimWithinCohort: Any } } }', ''].join('\n'))).scenario;
    expect(compileScenario(s).teams).toEqual([
      { name: 'a', gpuQuota: null, kueue: { nominalQuota: 8, borrowingLimit: null, lendingLimit: null, cohort: 0, reclaimWithinCohort: 'Never', withinClusterQueue: 'Never', queueingStrategy: 'BestEffortFIFO' } },
      { name: 'b', gpuQuota: null, kueue: { nominalQuota: 4, borrowingLimit: null, lendingLimit: 2, cohort: 0, reclaimWithinCohort: 'Any', withinClusterQueue: 'Never', queueingStrategy: 'BestEffortFIFO' } },
    ]);
  });
});

describe('Kueue waitForPodsReady (spec.cluster.kueue.waitForPodsReady)', () => {
  const kueueTeams = '  teams:\n    - { name: a, kueue: { nominalQuota: 8 } }\n';
  const withWait = (wait: string, teams = kueueTeams): string => edit(['  expect:', `${teams}  cluster:\n    kueue:\n      waitForPodsReady: ${wait}\n  expect:`]);

  it('compiles upstream\'s v1beta2 defaults (apis/config/v1beta2/defaults.go @ff69552e): 30 min, recovery = timeout, Eviction, 60 s to 3600 s', () => {
    const s = parseOk(withWait('{}')).scenario;
    expect(compileScenario(s).waitForPodsReady).toEqual({
      timeoutSeconds: 1800,
      recoveryTimeoutSeconds: 1800,
      blockAdmission: false,
      requeuingTimestamp: 'Eviction',
      backoffLimitCount: null,
      backoffBaseSeconds: 60,
      backoffMaxSeconds: 3600,
    });
  });

  it('reads the fields; recoveryTimeout 0s turns the recovery check off (core.go `waitForPodsReady`)', () => {
    const s = parseOk(withWait('{ timeout: 5m, recoveryTimeout: 0s, blockAdmission: true, requeuingStrategy: { timestamp: Creation, backoffLimitCount: 3, backoffBaseSeconds: 10, backoffMaxSeconds: 0 } }')).scenario;
    expect(compileScenario(s).waitForPodsReady).toEqual({
      timeoutSeconds: 300,
      recoveryTimeoutSeconds: null,
      blockAdmission: true,
      requeuingTimestamp: 'Creation',
      backoffLimitCount: 3,
      backoffBaseSeconds: 10,
      backoffMaxSeconds: 0,
    });
  });

  it('is off when omitted (the engine gets no waitForPodsReady)', () => {
    const s = parseOk(edit(['  expect:', `${kueueTeams}  expect:`])).scenario;
    expect(compileScenario(s).waitForPodsReady).toBeUndefined();
  });

  it('refuses it without a Kueue team, a zero timeout, a negative backoff and an unknown timestamp, each at its field', () => {
    expect(issues(withWait('{}', '  teams: [{ name: a, gpuQuota: 8 }]\n'))).toEqual([
      'spec.cluster.kueue.waitForPodsReady: waitForPodsReady has nothing to watch: no team has a Kueue ClusterQueue (it applies to Kueue-admitted workloads only)',
    ]);
    expect(issues(withWait('{ timeout: 0s }')).map((m) => m.split(':')[0])).toEqual(['spec.cluster.kueue.waitForPodsReady.timeout']);
    // At least 1 s: 1e-300 s with no backoff evicted and readmitted a workload for ever at one instant (the run hung).
    expect(issues(withWait('{ timeout: 1e-300, requeuingStrategy: { backoffBaseSeconds: 0 } }'))).toEqual(['spec.cluster.kueue.waitForPodsReady.timeout: must be at least 1s, got 1e-300']);
    expect(issues(withWait('{ timeout: 1s }'))).toEqual([]);
    expect(issues(withWait('{ requeuingStrategy: { backoffBaseSeconds: -1 } }')).map((m) => m.split(':')[0])).toEqual(['spec.cluster.kueue.waitForPodsReady.requeuingStrategy.backoffBaseSeconds']);
    const r = api.validate(withWait('{ requeuingStrategy: { timestamp: Admission } }'), 'bad.yaml');
    const i = r.ok ? undefined : r.issues[0]!;
    expect(i?.path).toBe('spec.cluster.kueue.waitForPodsReady.requeuingStrategy.timestamp');
    expect(`${i?.message} ${i?.expected ?? ''}`).toMatch(/Eviction.*Creation/);
  });
});
