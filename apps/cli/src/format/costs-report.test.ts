/**
 * A `spec.costs` bill through --json and Markdown: the JSON document carries the `costs` object docs/json-output.md
 * lists (the text report's figures had no JSON field), and Markdown writes each line's unit as the text report does.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess, smallScenarioYaml } from '../testing/test-context.ts';
import { formatUsd } from './numbers.ts';

const cwd = mkdtempSync(join(tmpdir(), 'design-sim-costs-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));
writeFileSync(
  join(cwd, 'bill.yaml'),
  `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: bill }
spec:
  costs:
    period: 730h
    items:
      - { name: queue, managed: aws/us-east-1/sqs-standard, requestsPerSecond: 10 }
      - { name: disk, storage: aws/us-east-1/rds-gp2-storage, gb: 500 }
`,
);
const run = (...args: string[]) => runInProcess(['run', 'bill.yaml', ...args], { cwd });

describe('a spec.costs bill', () => {
  it('is in --json as `costs`, with the figures the text report prints', async () => {
    const out = await run('--json');
    expect(out.code).toBe(0);
    const doc = JSON.parse(out.stdout) as { costs: { periodSeconds: number; totalUsd: number; monthlyUsd: number; items: { name: string; line: { quantity: number; usd: number } }[] } | null };
    expect(doc.costs).not.toBeNull();
    // Hand-worked: 10 requests/s × 730 h × 3,600 s = 26.28 million requests × $0.40 = $10.512; 500 GB-months × $0.115 = $57.50.
    expect(doc.costs!.periodSeconds).toBe(730 * 3600);
    const queue = doc.costs!.items.find((i) => i.name === 'queue')!;
    expect(queue.line.quantity).toBeCloseTo(26.28, 9);
    expect(queue.line.usd).toBeCloseTo(10.512, 9);
    expect(doc.costs!.items.find((i) => i.name === 'disk')!.line.usd).toBeCloseTo(57.5, 9);
    expect(doc.costs!.totalUsd).toBeCloseTo(68.012, 9);
    expect(doc.costs!.monthlyUsd).toBeCloseTo(68.012, 9);
    expect((await run()).stdout).toContain('$68.01 over 30d10h');
  });

  it('writes each line\'s unit in Markdown as the text report does (no "million-requestss")', async () => {
    const md = (await run('--format', 'markdown')).stdout;
    const text = (await run()).stdout;
    expect(text).toContain('queue: 26.3 million-requests × $0.40/million-requests = $10.51');
    expect(md).toContain('| queue | 26.3 million-requests | $0.40/million-requests | $10.51 |');
    expect(text).toContain('disk: 500 GB-months × $0.115/GB-month = $57.50');
    expect(md).toContain('| disk | 500 GB-months | $0.115/GB-month | $57.50 |');
  });
});

describe('the serving bill of a run with a warm-up', () => {
  writeFileSync(join(cwd, 'warm.yaml'), smallScenarioYaml('  warmup: 4m\n'));
  it('says its time base: the whole run, and the served count its per-1k figure divides by, in text and Markdown', async () => {
    const doc = JSON.parse((await runInProcess(['run', 'warm.yaml', '--json'], { cwd })).stdout) as { summary: { requests: { served: number }; measured: { served: number }; cost: { totalUsd: number; per1kRequestsUsd: number } } };
    const { requests, measured, cost } = doc.summary;
    // The per-1k figure is the whole run's bill over the whole run's served requests, not over the Requests row's.
    expect(cost.per1kRequestsUsd).toBeCloseTo((cost.totalUsd / requests.served) * 1000, 12);
    expect(requests.served).toBeGreaterThan(measured.served);
    const served = requests.served.toLocaleString('en-US');
    const text = (await runInProcess(['run', 'warm.yaml'], { cwd })).stdout;
    expect(text).toContain(`${formatUsd(cost.totalUsd)} for the run (whole run, warm-up included: ${served} requests served)`);
    const md = (await runInProcess(['run', 'warm.yaml', '--format', 'markdown'], { cwd })).stdout;
    expect(md).toContain(`| Cost of the run | ${formatUsd(cost.totalUsd)} (whole run, warm-up included: ${served} requests served) |`);
  });
});
