/**
 * A service graph (two traffic sources, a call with a timeout and retries, a per-service expectation that
 * fails) through every report format: each per-service and per-source figure the text and Markdown reports
 * show is the --json figure after the format's rounding, the --csv file has each source's and service's
 * series as --json has them, and the failing expectation fails everywhere.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../testing/test-context.ts';
import { formatInt, formatMs, formatNum } from './numbers.ts';

const cwd = mkdtempSync(join(tmpdir(), 'design-sim-graph-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));
writeFileSync(
  join(cwd, 'graph.yaml'),
  `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: graph-test }
spec:
  duration: 4m
  warmup: 1m
  seed: 5
  traffic:
    - { target: api, profile: { type: constant, qps: 200 } }
    - { target: worker, profile: { type: constant, qps: 50 } }
  services:
    - name: api
      replicas: 2
      cpuPerReplica: 2
      concurrency: 20
      latency: { distribution: lognormal, p50Ms: 2, p99Ms: 10 }
      nodePool: app
      calls:
        - { to: db, probability: 0.5, timeout: 30ms, retries: 2 }
    - name: worker
      replicas: 1
      cpuPerReplica: 2
      concurrency: 4
      latency: { distribution: exponential, meanMs: 5 }
      nodePool: app
      calls:
        - { to: db }
    - name: db
      replicas: 1
      cpuPerReplica: 4
      concurrency: 8
      latency: { distribution: lognormal, p50Ms: 10, p99Ms: 80 }
      queue: { maxLength: 20 }
      nodePool: db
  nodePools:
    - { name: app, instance: aws/us-east-1/m6i.xlarge, minNodes: 2, maxNodes: 2 }
    - { name: db, instance: aws/us-east-1/m6i.xlarge, minNodes: 1, maxNodes: 1 }
  expect:
    - services.db.latency.p99 < 20ms
    - services.api.utilization < 70%
    - services.api.availability >= 99.99%
`,
);
const run = (...args: string[]) => runInProcess(['run', 'graph.yaml', ...args], { cwd });

interface Svc {
  requests: { visits: number; dropped: number; timedOut: number; retries: number };
  latencyMs: { p50: number; p99: number };
  subtreeLatencyMs: { p50: number; p99: number };
  timeseries: Record<string, (number | null)[]> & { waiting: number[] };
}
interface Doc {
  pass: boolean;
  summary: { durationSeconds: number; warmupSeconds: number; traffic: { target: string; offered: number; timeseries: { offeredQps: number[] } }[] };
  services: Record<string, Svc>;
  timeseries: { t: number[] };
  expectations: { text: string; pass: boolean }[];
}

/** The cells the services table should hold for a service, from the JSON and the formatter's own rounding. */
function expectedCells(doc: Doc, s: Svc): string[] {
  // Queue peak: most visits waiting at the end of an interval ending after the warm-up, read off the series.
  const peak = Math.max(0, ...s.timeseries.waiting.filter((_, i) => doc.timeseries.t[i]! > doc.summary.warmupSeconds));
  return [formatInt(s.requests.dropped), formatInt(s.requests.timedOut), formatInt(s.requests.retries), formatInt(peak), formatMs(s.latencyMs.p50), formatMs(s.latencyMs.p99), formatMs(s.subtreeLatencyMs.p50), formatMs(s.subtreeLatencyMs.p99)];
}

describe('a service-graph run in every format', async () => {
  const json = await run('--json');
  const doc = JSON.parse(json.stdout) as Doc;
  const text = await run();
  const md = await run('--format', 'markdown', '--csv', 'out', '--plot', 'out/graph.svg');

  it('has retries and waiting visits to show (else the comparisons below prove little)', () => {
    expect(doc.services.api!.requests.retries).toBeGreaterThan(0);
    expect(doc.summary.traffic).toHaveLength(2);
  });

  it('shows each traffic source with its target, offered count and rates in text and Markdown', () => {
    for (const [i, t] of doc.summary.traffic.entries()) {
      const mean = formatNum(t.offered / doc.summary.durationSeconds);
      const peak = formatNum(Math.max(...t.timeseries.offeredQps));
      const line = `#${i + 1} → ${t.target}: ${formatInt(t.offered)} offered · mean ${mean} req/s · peak ${peak} req/s`;
      expect(text.stdout).toContain(line);
      expect(md.stdout).toContain(line);
    }
    expect(text.stdout).toContain('offered over the whole run (warm-up included)');
  });

  it('shows drops, timeouts, retries, the queue peak and own and subtree percentiles per service, as --json has them', () => {
    for (const [name, s] of Object.entries(doc.services)) {
      const cells = expectedCells(doc, s);
      expect(md.stdout).toContain(`| ${name} | ${formatInt(s.requests.visits)} | ${cells.join(' | ')} |`);
      const textRow = text.stdout.split('\n').find((l) => l.startsWith(`  ${name} `));
      expect(textRow?.trim().split(/\s{2,}/).slice(2, 10)).toEqual(cells);
    }
  });

  it('writes each source\'s and each service\'s series into the CSV under its JSON name, value for value', () => {
    const [head, ...rows] = readFileSync(join(cwd, 'out', 'graph-test.timeseries.csv'), 'utf8').trimEnd().split('\n');
    const columns = head!.split(',');
    const column = (name: string): (number | null)[] => {
      const i = columns.indexOf(name);
      expect(i, name).toBeGreaterThanOrEqual(0);
      return rows.map((r) => (r.split(',')[i] === '' ? null : Number(r.split(',')[i])));
    };
    expect(rows).toHaveLength(doc.timeseries.t.length);
    doc.summary.traffic.forEach((t, i) => expect(column(`traffic[${i}].offeredQps`)).toEqual(t.timeseries.offeredQps));
    for (const [name, s] of Object.entries(doc.services)) {
      for (const field of ['servedQps', 'failedQps', 'latencyP99Ms', 'readyReplicas', 'utilization', 'waiting']) expect(column(`services.${name}.${field}`)).toEqual(s.timeseries[field]);
    }
  });

  it('plots each source and each service by name', () => {
    const svg = readFileSync(join(cwd, 'out', 'graph.svg'), 'utf8');
    for (const [i, t] of doc.summary.traffic.entries()) expect(svg).toContain(`>offered #${i + 1} → ${t.target}<`);
    for (const name of Object.keys(doc.services)) expect(svg).toContain(`>${name}<`);
  });

  it('states the warm-up that the figures leave out in both headers', () => {
    expect(text.stdout).toContain('4m simulated (first 1m excluded)');
    expect(md.stdout).toContain('4m simulated (first 1m excluded)');
  });

  it('fails the run on a failing per-service expectation, in every format', () => {
    expect(doc.pass).toBe(false);
    expect(doc.expectations.find((e) => e.text === 'services.db.latency.p99 < 20ms')?.pass).toBe(false);
    for (const r of [json, text, md]) expect(r.code).toBe(1);
    expect(text.stdout).toContain('✗ services.db.latency.p99 < 20ms');
    expect(md.stdout).toContain('| ❌ | `services.db.latency.p99 < 20ms` |');
    expect(md.stdout).toMatch(/^### ❌ FAIL/);
  });

  it('says in the service\'s visits why a per-service availability expectation failed, in text and Markdown', () => {
    const q = doc.services.api!.requests as Svc['requests'] & { unfinished: number };
    expect(doc.expectations.find((e) => e.text === 'services.api.availability >= 99.99%')?.pass).toBe(false);
    const counts = `(${formatInt(q.dropped)} dropped, ${formatInt(q.timedOut)} timed out, ${formatInt(q.unfinished)} unfinished of ${formatInt(q.visits)} visits)`;
    expect(text.stdout).toMatch(new RegExp(`✗ services\\.api\\.availability >= 99\\.99%  actual [\\d.]+% ${counts.replace(/[()]/g, '\\$&')}`));
    expect(md.stdout).toMatch(new RegExp(`\\| ❌ \\| \`services\\.api\\.availability >= 99\\.99%\` \\| [\\d.]+% ${counts.replace(/[()]/g, '\\$&')} \\|`));
  });

  it('does not show a PASS in green over requests that went unserved: the exit code stays 0, the verdict says what was lost', async () => {
    const lenient = ['--set', 'spec.expect=["availability >= 90%"]'];
    const t = await run(...lenient);
    const m = await run(...lenient, '--format', 'markdown');
    const j = JSON.parse((await run(...lenient, '--json')).stdout) as Doc & { summary: { measured: { offered: number; dropped: number; timedOut: number; unfinished: number } }; diagnostics: { severity: string; code: string }[] };
    expect([t.code, m.code, j.pass]).toEqual([0, 0, true]);
    const q = j.summary.measured;
    // Unfinished requests under 1% of those offered are the run's edge, not counted (sim-core's api/unserved.ts).
    expect(q.unfinished).toBeLessThanOrEqual(0.01 * q.offered);
    const unserved = q.dropped + q.timedOut;
    expect(unserved).toBeGreaterThan(0);
    const lost = `${formatInt(unserved)} of ${formatInt(q.offered)} requests not served (${formatInt(q.dropped)} dropped, ${formatInt(q.timedOut)} timed out)`;
    expect(t.stdout).toContain(`PASS, with unserved requests: 1 of 1 expectation holds; but ${lost}`);
    expect(m.stdout).toMatch(/^### ⚠️ PASS, with unserved requests: `[\w-]+`.*\n\n\*\*1 of 1 expectation holds; but [\d,]+ of [\d,]+ requests not served/);
    expect(m.stdout).toContain(lost);
    // Said once, in the verdict: not again among the run's own findings.
    expect(t.stdout.split(lost).length - 1).toBe(1);
    expect(m.stdout.split(lost).length - 1).toBe(1);
    expect(j.diagnostics).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'unserved' }));
  });
});
