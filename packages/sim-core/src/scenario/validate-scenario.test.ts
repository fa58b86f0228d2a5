import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as costModel from '@design-sim/cost-model';
import { describe, expect, it } from 'vitest';
import { formatIssue } from './scenario-issue.ts';
import { edit, parseOk } from './scenario-test-builders.ts';
import { validateScenarioPrices, validateScenarioReferences, type ScenarioCatalog } from './validate-scenario.ts';

const TRAINING = `apiVersion: design-sim/v1
kind: Scenario
metadata:
  name: t
spec:
  training:
    parameters: 7e9
    tokens: 2e12
    gpu: a100-80gb
    gpus: 32
    pricePerGpuHour: 1.5
    mfu: 0.5
`;

/** Parses `text` and returns the formatted catalog issues, located in the text. */
function referenceIssues(text: string, catalog: ScenarioCatalog = costModel): string[] {
  const { scenario } = parseOk(text);
  return validateScenarioReferences(scenario, catalog, { text, file: 'bad.yaml' }).map(formatIssue);
}

describe('validateScenarioReferences against the cost-model catalog', () => {
  const dir = join(import.meta.dirname, '../../../../examples');
  it.each(readdirSync(dir).filter((f) => f.endsWith('.yaml')))('examples/%s has no catalog issues', (f) => {
    expect(referenceIssues(readFileSync(join(dir, f), 'utf8'))).toEqual([]);
  });

  it('unknown instance ids get the nearest catalog ids', () => {
    expect(referenceIssues(edit(['gcp/us-central1/g2-standard-8', 'gcp/us-central1/g2-standard8']))).toMatchInlineSnapshot(`
      [
        "bad.yaml:23:17 spec.nodePools[0].instance: unknown instance "gcp/us-central1/g2-standard8" in the catalog (also close: gcp/us-central1/c2-standard-8, gcp/us-central1/e2-standard-8) (did you mean "gcp/us-central1/g2-standard-8"?)",
      ]
    `);
  });

  it('a catalogDate outside the catalog is one line at the field, however many prices it fails', () => {
    // Before: year 1900 priced the run with the catalog's first records; once refused (price-at.ts checkAsOf), it
    // was one identical line per lookup. Two pools here: two lookups, one line.
    const text = edit(['  duration: 30m\n', '  duration: 30m\n  catalogDate: "1900-01-01"\n']).replace(/(  nodePools:\n)((?:    .*\n)+)/, (_, head: string, pool: string) => `${head}${pool}${pool.replace('name: l4', 'name: l4b')}`);
    const issues = referenceIssues(text);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^bad\.yaml:7:16 spec\.catalogDate: must be a day the catalog covers, .* got "1900-01-01"$/);
  });

  it('a replica that needs more GPUs than a node has can never be scheduled', () => {
    expect(referenceIssues(edit(['      concurrency: 4\n', '      concurrency: 4\n      gpusPerReplica: 2\n']))).toMatchInlineSnapshot(`
      [
        "bad.yaml:13:23 spec.services[0].gpusPerReplica: a replica needs 2 GPUs but a node of pool "l4" (gcp/us-central1/g2-standard-8) has 1: it can never be scheduled",
      ]
    `);
  });

  it('a disaggregated decode replica that needs more GPUs than a node of its pool has can never be scheduled either', () => {
    // Fuzzed: 2-GPU decode replicas on 1-GPU g6e.xlarge nodes were valid, and the run said "never got a node".
    const text = readFileSync(join(import.meta.dirname, '../../../../content/qwen3-moe-prefill-h100-decode-l40s.yaml'), 'utf8');
    expect(referenceIssues(text)).toEqual([]);
    const two = text.replace('decode: { nodePool: l40s, replicas: 6, gpusPerReplica: 1 }', 'decode: { nodePool: l40s, replicas: 6, gpusPerReplica: 2 }');
    const line = two.split('\n').findIndex((l) => l.includes('gpusPerReplica: 2 }')) + 1;
    const column = two.split('\n')[line - 1]!.indexOf('gpusPerReplica: 2') + 'gpusPerReplica: '.length + 1;
    expect(referenceIssues(two)).toContain(`bad.yaml:${line}:${column} spec.services[0].llm.disaggregated.decode.gpusPerReplica: decode pool: a replica needs 2 GPUs but a node of pool "l40s" (aws/us-east-1/g6e.xlarge) has 1: it can never be scheduled`);
  });

  it('an llm GPU other than its pool\'s is refused at the field: it was timed on one GPU and billed on the other', () => {
    // Found by the CLI fuzzer: decode.gpu h100-sxm-80gb on the l40s pool (g6e.xlarge) ran its decode at H100 speed and
    // billed it at the L40S node price ($11.17/h for 6 replicas), without a word.
    const text = readFileSync(join(import.meta.dirname, '../../../../content/qwen3-moe-prefill-h100-decode-l40s.yaml'), 'utf8');
    const decode = text.replace('decode: { nodePool: l40s, replicas: 6, gpusPerReplica: 1 }', 'decode: { nodePool: l40s, replicas: 6, gpusPerReplica: 1, gpu: h100-sxm-80gb }');
    expect(referenceIssues(decode).map((i) => i.replace(/^bad\.yaml:\d+:\d+ /, ''))).toEqual([
      'spec.services[0].llm.disaggregated.decode.gpu: h100-sxm-80gb is not the GPU of node pool "l40s" (aws/us-east-1/g6e.xlarge has l40s): the replicas would be timed on one GPU and billed on another; remove decode.gpu (the pool\'s GPU is the default) or use a pool of h100-sxm-80gb nodes',
    ]);
    const prefill = text.replace('      llm:\n', '      llm:\n        gpu: l40s\n');
    expect(referenceIssues(prefill).map((i) => i.replace(/^bad\.yaml:\d+:\d+ /, ''))).toEqual([
      'spec.services[0].llm.gpu: l40s is not the GPU of node pool "h100" (aws/us-east-1/p5.48xlarge has h100-sxm-80gb): the replicas would be timed on one GPU and billed on another; remove llm.gpu (the pool\'s GPU is the default) or use a pool of l40s nodes',
    ]);
    // The pool's own GPU, written out, is accepted.
    expect(referenceIssues(text.replace('      llm:\n', '      llm:\n        gpu: h100-sxm-80gb\n'))).toEqual([]);
  });

  it('an llm request whose shortest draw is longer than a replica\'s KV cache is refused at inputTokens: each would be dropped', () => {
    // Found by the CLI fuzzer: prompt 34,000 + output 2,000 on one L4 ran and reported "17 dropped", with no reason.
    // The file's own arithmetic: 4.54 GB of KV room at 131,072 bytes a token is 34,637 tokens.
    const text = readFileSync(join(import.meta.dirname, '../../../../content/llama3-8b-l4-long-replies-paged-kv.yaml'), 'utf8');
    const lengths = (input: string, output: string) => referenceIssues(text.replace('inputTokens: 500\n', `inputTokens: ${input}\n`).replace('outputTokens: 2000\n', `outputTokens: ${output}\n`)).map((i) => i.replace(/^bad\.yaml:\d+:\d+ /, ''));
    expect(lengths('34000', '2000')).toEqual([
      "spec.services[0].llm.inputTokens: every request is longer than a replica's KV cache: the shortest is 36,000 tokens (prompt + output), the cache holds 34,637, so each would be dropped on arrival; use shorter requests, more GPUs per replica, an fp8 KV cache or a larger GPU",
    ]);
    expect(lengths('{ distribution: uniform, min: 34000, max: 40000 }', '638')).toHaveLength(1);
    // At the edge (34,000 + 637 = 34,637) it fits; a distribution that can draw a request that fits is left to the run.
    expect(lengths('34000', '637')).toEqual([]);
    expect(lengths('34000', '{ distribution: lognormal, p50: 2000, p99: 4000 }')).toEqual([]);
  });

  it('a training run expected never to finish is refused at its checkpoint cadence, with Young\'s interval', () => {
    // Every field legal: 32 GPUs count as 4 nodes of 8, each interrupted 10 times an hour, so Λ = 40/h; a segment of
    // 7d + 3m = 604,980 s gives Λs = 6,722, and e^6722 overflows a double. The run printed "∞ days … $∞" (JSON
    // null), exit 1. Young's interval √(2δ/Λ) = √(2 · 180 s / (40/3600 s)) = √32,400 = 180 s.
    const spot = (checkpoint: string) => TRAINING.replace('    mfu: 0.5\n', `    mfu: 0.5\n    interruptionsPerNodeHour: 10\n${checkpoint}`);
    expect(referenceIssues(spot('    checkpoint: { every: 7d, save: 3m, restart: 10m }\n'))).toEqual([
      "bad.yaml:14:26 spec.training.checkpoint.every: the run is expected never to finish: the job is interrupted 40 times an hour, so a checkpoint segment of 7d3m almost never completes (its expected time overflows a double): checkpoint about every 3m (Young's interval √(2·save/Λ))",
    ]);
    // Without checkpoints the whole run is one segment: refused at the interruption rate.
    expect(referenceIssues(spot(''))).toEqual([
      'bad.yaml:13:31 spec.training.interruptionsPerNodeHour: the run is expected never to finish: the job is interrupted 40 times an hour, so the whole run (no checkpoints) almost never completes (its expected time overflows a double): checkpoint more often than the interruptions come (checkpoint: { every, save, restart })',
    ]);
    // Hourly checkpoints: Λs = 40/3600 × 3,780 = 42, e^42 ≈ 1.7e18: a long run, but a finite one.
    expect(referenceIssues(spot('    checkpoint: { every: 1h, save: 3m, restart: 10m }\n'))).toEqual([]);
  });

  it('training GPU and instance ids are checked', () => {
    expect(referenceIssues(TRAINING)).toEqual([]);
    expect(referenceIssues(TRAINING.replace('gpu: a100-80gb', 'gpu: a100-80'))).toMatchInlineSnapshot(`
      [
        "bad.yaml:9:10 spec.training.gpu: unknown GPU "a100-80" in the catalog (did you mean "a100-80gb"?)",
      ]
    `);
    expect(referenceIssues(TRAINING.replace('    gpu: a100-80gb\n    gpus: 32\n    pricePerGpuHour: 1.5\n', '    instance: aws/us-east-1/p4de.24xl\n    nodes: 4\n'))).toMatchInlineSnapshot(`
      [
        "bad.yaml:9:15 spec.training.instance: unknown instance "aws/us-east-1/p4de.24xl" in the catalog (did you mean "aws/us-east-1/p4de.24xlarge"?)",
      ]
    `);
  });

  it('without a source the issues still carry paths', () => {
    const { scenario } = parseOk(edit(['gcp/us-central1/g2-standard-8', 'nowhere/x/y']));
    const [issue] = validateScenarioReferences(scenario);
    expect(issue).toMatchObject({ file: '', line: null, column: null, path: 'spec.nodePools[0].instance' });
  });

  it('works with any catalog of the same shape', () => {
    const fake: ScenarioCatalog = {
      getInstance: (id) => {
        if (id !== 'gcp/us-central1/g2-standard-8') throw Object.assign(new Error('unknown'), { suggestions: [] });
        return { id, gpuCount: 8, gpu: { id: 'l4' }, prices: { 'on-demand': 1, spot: null, commit1y: null, commit3y: null } };
      },
      getGpu: (id) => ({ id }),
    };
    expect(referenceIssues(edit(['      concurrency: 4\n', '      concurrency: 4\n      gpusPerReplica: 2\n']), fake)).toEqual([]);
  });
});

describe('validateScenarioPrices', () => {
  it('warns when a price the bill needs is missing from the catalog', () => {
    const text = edit(['      maxNodes: 40\n', '      maxNodes: 40\n      purchase: commit3y\n']);
    const prices = costModel.getInstance('gcp/us-central1/g2-standard-8').prices;
    const warnings = validateScenarioPrices(parseOk(text).scenario, costModel, { text, file: 'bad.yaml' }).map(formatIssue);
    // Assert against the catalog itself rather than a remembered fact about it.
    expect(warnings.length).toBe(prices.commit3y === null ? 1 : 0);
    expect(validateScenarioPrices(parseOk(TRAINING).scenario)).toEqual([]);
    expect(validateScenarioPrices(parseOk(TRAINING.replace('    pricePerGpuHour: 1.5\n', '')).scenario).map((i) => i.message)).toEqual([
      'no pricePerGpuHour: the training cost will be unknown (add pricePerGpuHour, or use instance + nodes)',
    ]);
  });
});

describe('jobs that can never run', () => {
  // One service on a pool of p4d.24xlarge (8 A100s each); the job's shape is the test's.
  const design = (job: string, pool: string, team = '{ name: t }') => `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: j }
spec:
  duration: 2h
  traffic: { target: api, profile: { type: constant, qps: 1 } }
  services:
    - { name: api, team: t, replicas: 1, gpusPerReplica: 1, nodePool: a100, latency: { distribution: constant, ms: 10 } }
  teams:
    - ${team}
  jobs:
    - { name: big, team: t, ${job}, duration: 1h, at: 0s, nodePool: a100 }
  nodePools:
    - ${pool}
`;
  const ca = '{ name: a100, instance: aws/us-east-1/p4d.24xlarge, minNodes: 0, maxNodes: 2 }';
  const karpenter =
    '{ name: a100, provisioner: karpenter, instance: aws/us-east-1/p4d.24xlarge, initialNodes: 1, karpenter: { instanceTypes: [aws/us-east-1/p4d.24xlarge], capacityTypes: [on-demand], limits: { gpus: 16 } } }';

  it('a gang larger than the pool at its largest: 3 × 8 GPUs against 2 nodes × 8, or a Karpenter limit of 16', () => {
    expect(referenceIssues(design('pods: 3, gpusPerPod: 8', ca))).toEqual([
      'bad.yaml:12:35 spec.jobs[0].pods: job "big" is a gang of 3 × 8 = 24 GPUs, all started together, but pool "a100" holds at most 16 (2 nodes × 8): it can never start',
    ]);
    expect(referenceIssues(design('pods: 3, gpusPerPod: 8', karpenter))).toEqual([
      'bad.yaml:12:35 spec.jobs[0].pods: job "big" is a gang of 3 × 8 = 24 GPUs, all started together, but pool "a100" holds at most 16 (its Karpenter limits.gpus is 16): it can never start',
    ]);
  });

  it('the same pods without a gang run in turns: no issue; a gang that fits: no issue', () => {
    expect(referenceIssues(design('pods: 3, gpusPerPod: 8, gang: false', ca))).toEqual([]);
    expect(referenceIssues(design('pods: 2, gpusPerPod: 8', ca))).toEqual([]);
  });

  it('a run larger than its team\'s quota is never admitted (admission reserves every pod at once), gang or not', () => {
    expect(referenceIssues(design('pods: 3, gpusPerPod: 8, gang: false', ca, '{ name: t, gpuQuota: 16 }'))).toEqual([
      'bad.yaml:12:35 spec.jobs[0].pods: job "big" needs 3 × 8 = 24 GPUs at once, but team "t" has a quota of 16: it is never admitted',
    ]);
  });
});
