import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serversForSlo } from '@design-sim/sim-core';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLES_DIR, runInProcess } from '../testing/test-context.ts';

const cwd = mkdtempSync(join(tmpdir(), 'design-sim-optimize-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));
const cli = (...args: string[]) => runInProcess(args, { cwd });

/** M/M/c at `qps` (mean service 50 ms, shared queue), a pinned pool, p99 < 250 ms; comments and flow style to keep. */
const mmc = (qps: number, minutes = 20) => `# An M/M/c fleet for optimize tests.
apiVersion: design-sim/v1
kind: Scenario
metadata:
  name: mmc-${qps}
spec:
  duration: ${minutes}m
  warmup: 2m     # excluded from the statistics
  seed: 1
  traffic:
    profile: { type: constant, qps: ${qps} }
  services:
    - name: model
      replicas: 30          # the guess to improve on
      routing: shared-queue
      latency: { distribution: exponential, meanMs: 50 }
      nodePool: gpu
  nodePools:
    - name: gpu
      instance: gcp/us-central1/g2-standard-8
      minNodes: 30
      maxNodes: 30
  expect:
    - latency.p99 < 250ms
    - availability >= 99.9%
`;
writeFileSync(join(cwd, 'mmc.yaml'), mmc(500));
writeFileSync(join(cwd, 'slow.yaml'), mmc(500).replace('meanMs: 50', 'meanMs: 80'));

interface Json {
  best: { values: Record<string, unknown>; objective: number; binding: { text: string }; neighbours: { value: unknown; feasible: boolean }[] } | null;
  closest: { labels: Record<string, unknown>; expectations: { text: string; pass: boolean }[] } | null;
  evaluated: { runs: number };
  grid: { runs: number; designs: number };
  feasible: boolean;
}

describe('optimize', () => {
  it('finds the fewest replicas Erlang C allows on an M/M/c fleet, with best.values keyed by path', async () => {
    const r = await cli('optimize', 'mmc.yaml', '--vary', 'replicas,minNodes,maxNodes=1..120', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Json;
    const c = serversForSlo(500, 20, 0.25); // 28
    expect(doc.best?.values).toEqual({ 'spec.services[0].replicas': c, 'spec.nodePools[0].minNodes': c, 'spec.nodePools[0].maxNodes': c });
    expect(doc.best?.binding.text).toBe('latency.p99 < 250ms');
    expect(doc.best?.neighbours).toEqual([expect.objectContaining({ value: c - 1, feasible: false })]);
    expect(doc.grid).toEqual({ designs: 120, runs: 360 });
    expect(doc.evaluated.runs).toBeLessThan(20);
  });

  it('prints the answer, the binding constraint and the neighbour in text', async () => {
    const r = await cli('optimize', 'mmc.yaml', '--vary', 'replicas,minNodes,maxNodes=20..40', '--seeds', '2');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('optimize mmc.yaml: minimize cost.hourly, subject to 2 expectations on every one of seeds 1, 2');
    expect(r.stdout).toMatch(/runs: \d+ of 42 in the full grid \(21 designs × 2 seeds\)/);
    expect(r.stdout).toContain('Best design: replicas,minNodes,maxNodes = 28');
    expect(r.stdout).toMatch(/binding: latency\.p99 < 250ms: [\d.]+ ms on seed \d, [\d.]+% under the limit/);
    expect(r.stdout).toMatch(/one step less capacity \(replicas,minNodes,maxNodes = 27\) gives 25\d(\.\d+)? ms and fails it on seed \d/);
    // mmc.yaml prices its GPUs from an undated source (SKY_GCP): the choice rests on it, and says so.
    expect(r.stdout).toMatch(/\nPASS, on undated prices: replicas,minNodes,maxNodes = 28 has the least cost\.hourly.*rest on 2 prices of unknown date/);
  });

  it('marks a pass on a stale price in the expectation table, the frontier and the Markdown title, not only in the verdict', async () => {
    // g6e.xlarge on demand was observed by 2025-05-31, before a known price change: flagged stale (api/stale-prices.ts).
    writeFileSync(join(cwd, 'stale.yaml'), mmc(500).replace('gcp/us-central1/g2-standard-8', 'aws/us-east-1/g6e.xlarge').replace('- availability >= 99.9%', '- availability >= 99.9%\n    - cost.hourly < 500'));
    const text = await cli('optimize', 'stale.yaml', '--vary', 'replicas,minNodes,maxNodes=20..40', '--seeds', '1');
    expect(text.code).toBe(0);
    const rows = text.stdout.split('\n');
    // The cost expectation holds on the stale price: `!`, as `run` marks it; the latency ones are plain passes.
    expect(rows.find((l) => l.includes('cost.hourly < 500'))).toMatch(/^ {2}! {2}cost\.hourly < 500 +\$[\d.]+\/h \(on a stale price\) +1$/);
    expect(rows.find((l) => l.includes('latency.p99 < 250ms ') && !l.includes('binding'))).toMatch(/^ {2}✓ /);
    // Every frontier cost rests on the one instance's stale price.
    const frontier = rows.slice(rows.findIndex((l) => l.startsWith('Cost–latency frontier')) + 3).filter((l) => /^ +\d+ /.test(l));
    expect(frontier.length).toBeGreaterThan(1);
    for (const row of frontier) expect(row).toContain('(stale or undated price)');
    expect(text.stdout).toMatch(/\nPASS, on stale prices: replicas,minNodes,maxNodes = \d+ has the least cost\.hourly/);
    const md = await cli('optimize', 'stale.yaml', '--vary', 'replicas,minNodes,maxNodes=20..40', '--seeds', '1', '--format', 'markdown');
    expect(md.stdout.split('\n')[0]).toBe('### ⚠️ optimize `stale.yaml`');
    expect(md.stdout).toMatch(/\n\| ⚠️ \| cost\.hourly < 500 \| \$[\d.]+\/h \(on a stale price\) \| 1 \|\n/);
    const json = JSON.parse((await cli('optimize', 'stale.yaml', '--vary', 'replicas,minNodes,maxNodes=20..40', '--seeds', '1', '--json')).stdout);
    expect(json.best.expectations.map((e: { caveat?: string }) => e.caveat ?? null)).toEqual([null, null, 'on a stale price']);
    expect(json.frontier.points.every((p: { onStalePrices: boolean }) => p.onStalePrices)).toBe(true);
  });

  it('--write saves the user file with the chosen values, comments and flow maps kept', async () => {
    const r = await cli('optimize', 'mmc.yaml', '--vary', 'replicas,minNodes,maxNodes=20..40', '--seeds', '1', '--write', 'out/best.yaml');
    expect(r.code).toBe(0);
    const written = readFileSync(join(cwd, 'out/best.yaml'), 'utf8');
    const c = /Best design: \S+ = (\d+)/.exec(r.stdout)?.[1];
    expect(written).toBe(mmc(500).replace('replicas: 30', `replicas: ${c}`).replace('minNodes: 30', `minNodes: ${c}`).replace('maxNodes: 30', `maxNodes: ${c}`));
  });

  it('refuses more seeds than MAX_OPTIMIZE_SEEDS before any run (--seeds 1000000 grew to 1.5 GB and ran on)', async () => {
    const r = await cli('optimize', 'mmc.yaml', '--vary', 'replicas,minNodes,maxNodes=20..40', '--seeds', '1000000');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("design-sim: option '--seeds <n>' argument '1000000' is invalid. expected at most 100 (docs/limits.md).\n(add --help for usage and examples)\n");
  });

  it('says when nothing in the range is feasible: the closest design and the failing expectation, exit 1', async () => {
    const r = await cli('optimize', 'slow.yaml', '--vary', 'replicas,minNodes,maxNodes=5..60', '--json');
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as Json;
    expect(doc.feasible).toBe(false);
    expect(doc.best).toBeNull();
    expect(doc.closest?.labels).toEqual({ 'replicas,minNodes,maxNodes': 60 });
    expect(doc.closest?.expectations.find((e) => !e.pass)?.text).toBe('latency.p99 < 250ms');
    expect(doc.evaluated.runs).toBe(1); // the most-capacity design failed: no other can pass
    const text = await cli('optimize', 'slow.yaml', '--vary', 'replicas,minNodes,maxNodes=5..60');
    expect(text.stdout).toContain('Closest design: replicas,minNodes,maxNodes = 60');
    expect(text.stdout).toMatch(/FAIL: no design in the range meets every expectation on seeds 1, 2, 3; the closest, replicas,minNodes,maxNodes = 60, fails latency\.p99 < 250ms \([\d.]+ ms on seed \d\); it has the most capacity in the range, so no other design can pass\n/);
  });

  it('enumerates a field with no order and bisects the monotone one in each branch', async () => {
    const r = await cli('optimize', 'mmc.yaml', '--vary', 'instance=gcp/us-central1/g2-standard-8,gcp/us-central1/g2-standard-4', '--vary', 'replicas,minNodes,maxNodes=10..60', '--seeds', '1', '--duration', '6m', '--json');
    const doc = JSON.parse(r.stdout) as Json & { dimensions: { search: string }[] };
    expect(doc.dimensions.map((d) => d.search)).toEqual(['enumerate', 'bisect']);
    // The same L4 GPU on a smaller (cheaper) VM wins at the same replica count.
    expect(doc.best?.values['spec.nodePools[0].instance']).toBe('gcp/us-central1/g2-standard-4');
  });

  it('refuses a serving metric to minimize on a training-only file before any run', async () => {
    writeFileSync(join(cwd, 'train.yaml'), readFileSync(join(EXAMPLES_DIR, 'training-7b.yaml'), 'utf8'));
    const r = await cli('optimize', 'train.yaml', '--vary', 'spec.training.mfu=0.3,0.4');
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe('design-sim: --minimize cost.hourly: train.yaml has no serving simulation (no spec.services), so cost.hourly has no value: minimize a training metric such as training.costUsd or training.days\n');
  });

  it('rejects bad input with one clear message and exit 2', async () => {
    const cases: [string[], string][] = [
      [['--vary', 'replicsa=1..10'], 'design-sim: --vary: unknown path "replicsa" (did you mean "replicas"?)'],
      [['--vary', 'spec.services[0].replicsa=1..10'], 'spec.services[0].replicsa: unknown field "replicsa"'],
      [['--vary', 'replicas=10..1'], 'design-sim: --vary replicas=10..1: the range runs backwards; write it low..high'],
      [['--vary', 'replicas='], 'design-sim: --vary replicas=: no values after "="'],
      [['--vary', 'replicas=a..c'], 'design-sim: --vary replicas=a..c: cannot read the range "a..c"'],
      [['--vary', 'replicas=round-robin,random'], 'spec.services[0].replicas: expected a number, got "round-robin" (after --vary spec.services[0].replicas="round-robin")'],
      [['--vary', 'replicas=1..5', '--minimize', 'cost.hourli'], 'design-sim: --minimize: unknown metric to minimize "cost.hourli" (did you mean "cost.hourly"?)'],
      [['--vary', 'replicas=1..5', '--shard', '3/2'], 'design-sim: --shard 3/2: expected I/N with 1 ≤ I ≤ N'],
      // A metric the file cannot have: every design ran, then "the closest, , fails", exit 1.
      [['--vary', 'replicas=1..5', '--minimize', 'training.days'], 'design-sim: --minimize training.days: mmc.yaml has no training run (spec.training), so training.days has no value: minimize a serving metric such as cost.hourly'],
    ];
    for (const [args, message] of cases) {
      const r = await cli('optimize', 'mmc.yaml', ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout, args.join(' ')).toBe('');
      expect(r.stderr, args.join(' ')).toContain(message);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });
});
