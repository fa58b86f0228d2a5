import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TIME_SERIES_FIELDS } from '@design-sim/sim-core';
import { runInProcess, smallScenarioYaml } from '../testing/test-context.ts';
import { xmlProblems } from '../testing/xml-check.ts';
import { plotFileFor } from './run.ts';

const cwd = mkdtempSync(join(tmpdir(), 'design-sim-run-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));
writeFileSync(join(cwd, 'small.yaml'), smallScenarioYaml());
writeFileSync(join(cwd, 'strict.yaml'), smallScenarioYaml().replace('latency.p99 < 5s', 'latency.p99 < 1ms').replace('name: small-test', 'name: strict-test'));
const run = (...args: string[]) => runInProcess(['run', ...args], { cwd });
writeFileSync(
  join(cwd, 'train-70b.yaml'),
  `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: train-70b }
spec:
  training: { parameters: 70B, tokens: 1T, instance: aws/us-east-1/p4d.24xlarge, nodes: 1, mfu: 0.4 }
`,
);

describe('run', () => {
  it('prints the readable summary and exits 0 when every expectation holds', async () => {
    const r = await run('small.yaml');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    for (const label of ['Requests', 'Latency', 'Availability', 'Replicas', 'Nodes', 'Spot', 'Cost']) expect(r.stdout).toMatch(new RegExp(`^  ${label} +`, 'm'));
    expect(r.stdout).toContain('✓ latency.p99 < 5s');
    expect(r.stdout).toMatch(/PASS: 2 of 2 expectations hold\n$/);
  });

  it('exits 1 and names the failed expectation', async () => {
    const r = await run('strict.yaml');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ latency.p99 < 1ms');
    expect(r.stdout).toContain('FAIL: 1 of 2 expectations failed (latency.p99 < 1ms)');
  });

  it('runs several files and exits with the worst code, printing the good ones', async () => {
    const r = await run('small.yaml', 'missing.yaml', 'strict.yaml');
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('small-test');
    expect(r.stdout).toContain('strict-test');
    expect(r.stderr).toBe('error: missing.yaml no such file\n');
  });

  it('--json prints one document with the documented top-level fields', async () => {
    const r = await run('small.yaml', '--json');
    const doc = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['formatVersion', 'file', 'scenario', 'seed', 'pass', 'diagnostics', 'summary', 'services', 'breakdown', 'training', 'costs', 'expectations', 'claims', 'warnings', 'timeseries', 'events']);
    expect(doc).toMatchObject({ formatVersion: 2, file: 'small.yaml', scenario: { name: 'small-test' }, seed: 3, pass: true, training: null });
    const ts = doc.timeseries as Record<string, unknown[]>;
    expect(Object.keys(ts)).toEqual(['intervalSeconds', ...TIME_SERIES_FIELDS]);
    expect(ts.t).toHaveLength(10);
  });

  it('--format markdown and --json agree with the text run on the verdict', async () => {
    const md = await run('strict.yaml', '--format', 'markdown');
    expect(md.code).toBe(1);
    expect(md.stdout).toMatch(/^### ❌ FAIL: `strict-test`.*\n\n\*\*1 of 2 expectations failed \([^)]*\)\*\*\n/);
    expect(md.stdout).toContain('| ❌ | `latency.p99 < 1ms` |');
  });

  it('--set, --seed, --duration and --interval edit the scenario before it runs', async () => {
    const r = await run('small.yaml', '--json', '--seed', '11', '--duration', '5m', '--interval', '15s', '--set', 'hpa.maxReplicas=3');
    const doc = JSON.parse(r.stdout) as { seed: number; summary: { durationSeconds: number; replicas: { max: number } }; timeseries: { t: number[]; intervalSeconds: number } };
    expect(doc.seed).toBe(11);
    expect(doc.summary.durationSeconds).toBe(300);
    expect(doc.timeseries.intervalSeconds).toBe(15);
    expect(doc.timeseries.t).toHaveLength(20);
    expect(doc.summary.replicas.max).toBeLessThanOrEqual(3);
  });

  it('refuses an --interval finer than the HPA sync period', async () => {
    const r = await run('small.yaml', '--interval', '5s');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('design-sim: small.yaml: --interval 5s is finer than the HPA sync period (15s): use at least 15s\n');
  });

  it('writes --csv and --plot files', async () => {
    const r = await run('small.yaml', '--csv', 'out', '--plot', 'out/small.svg');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`wrote ${join('out', 'small-test.timeseries.csv')}\nwrote out/small.svg\n`);
    expect(readdirSync(join(cwd, 'out')).sort()).toEqual(['small-test.timeseries.csv', 'small.svg']);
    const csv = readFileSync(join(cwd, 'out', 'small-test.timeseries.csv'), 'utf8').trimEnd().split('\n');
    expect(csv[0]).toBe(TIME_SERIES_FIELDS.join(','));
    expect(csv).toHaveLength(11);
    expect(xmlProblems(readFileSync(join(cwd, 'out', 'small.svg'), 'utf8'))).toEqual([]);
  });

  it('prints token-level figures for an llm service, and plots it without a capacity line', async () => {
    writeFileSync(
      join(cwd, 'llm.yaml'),
      `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: llm-small }
spec:
  duration: 3m
  traffic: { profile: { type: constant, qps: 2 } }
  services:
    - name: llm
      nodePool: h100
      llm: { model: llama-3.1-8b, inputTokens: 200, outputTokens: 100 }
  nodePools:
    - { name: h100, instance: aws/us-east-1/p5.48xlarge, minNodes: 1, maxNodes: 1 }
  expect: [ttft.p99 < 5s]
`,
    );
    const r = await run('llm.yaml', '--plot', 'llm.svg');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}Tokens +TTFT p50 [\d.]+ ms · p99 [\d.]+ ms · TPOT p50/m);
    expect(r.stdout).toMatch(/output tokens\/s · \$[\d.,]+ per 1M output tokens/);
    const svg = readFileSync(join(cwd, 'llm.svg'), 'utf8');
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).not.toContain('/replica)');
  });

  it('a training run that cannot fit in GPU memory fails in text, --json and markdown, with the numbers', async () => {
    const numbers = '1,120 GB of model states (16 bytes per parameter, mixed-precision Adam) against 320 GB on 8 × 40 GB GPUs';
    const text = await run('train-70b.yaml');
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(`✗ error: training does not fit in GPU memory: ${numbers}`);
    expect(text.stdout).toMatch(/^  Memory +1,120 GB of model states \(16 B\/param\); ZeRO-3 \(assumed: the most sharded\) over 8 GPUs: 140 GB per GPU \(activations not stated\) of 40 GB: DOES NOT FIT$/m);
    expect(text.stdout).toContain('FAIL: training does not fit');
    const json = await run('train-70b.yaml', '--json');
    expect(json.code).toBe(1);
    const doc = JSON.parse(json.stdout) as { pass: boolean; diagnostics: { severity: string; code: string; message: string }[]; training: { memoryFit: { fits: boolean; minGpus: number } } };
    expect(doc.pass).toBe(false);
    expect(doc.diagnostics.map((d) => [d.severity, d.code])).toEqual([['error', 'training-does-not-fit']]);
    expect(doc.training.memoryFit).toMatchObject({ fits: false, minGpus: 28 });
    const md = await run('train-70b.yaml', '--format', 'markdown');
    expect(md.code).toBe(1);
    expect(md.stdout).toContain(`- ❌ error: training does not fit in GPU memory: ${numbers}`);
    expect(md.stdout).toContain('| Training memory | 1,120 GB of model states');
  });

  it('names plots per scenario when several files run', () => {
    expect(plotFileFor('charts/run.svg', 'a', false)).toBe('charts/run.svg');
    expect(plotFileFor('charts/run.svg', 'a', true)).toBe(join('charts', 'run-a.svg'));
  });
});
