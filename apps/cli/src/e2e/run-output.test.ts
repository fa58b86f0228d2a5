// `run` output formats through the built binary: --json shape, determinism, --seed, --csv, --plot, markdown, colour.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TIME_SERIES_FIELDS } from '@design-sim/sim-core';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLES_DIR } from '../testing/test-context.ts';
import { countTags, xmlProblems } from '../testing/xml-check.ts';
import { cli } from './cli-harness.ts';

const hpaStep = join(EXAMPLES_DIR, 'hpa-step.yaml');
const out = mkdtempSync(join(tmpdir(), 'design-sim-e2e-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

interface RunJson {
  formatVersion: number;
  scenario: { name: string };
  seed: number;
  pass: boolean;
  summary: {
    requests: Record<string, number>;
    measured: { offered: number; served: number; dropped: number };
    latencyMs: Record<'p50' | 'p90' | 'p95' | 'p99' | 'mean' | 'max', number | null>;
    availability: number;
    replicas: { min: number; max: number; mean: number };
    nodes: { min: number; max: number; mean: number };
    spotInterruptions: number;
    cost: { totalUsd: number; perHourUsd: number; monthlyUsd: number; per1kRequestsUsd: number | null; lines: unknown[] };
  };
  timeseries: Record<string, (number | null)[]> & { intervalSeconds: number };
  expectations: { text: string; pass: boolean; actual: number | null }[];
  claims: unknown[];
}

describe('run --json', () => {
  const r = cli(['run', hpaStep, '--json', '--duration', '10m']);
  const doc = JSON.parse(r.stdout) as RunJson;

  it('is one document with scenario, seed, summary, timeseries, expectations, claims and pass', () => {
    expect(r.code).toBe(1);
    expect(doc).toMatchObject({ formatVersion: 2, scenario: { name: 'hpa-step' }, seed: 9, pass: false });
    const s = doc.summary;
    for (const k of ['offered', 'served', 'dropped']) expect(typeof s.measured[k as 'offered']).toBe('number');
    for (const k of ['p50', 'p90', 'p95', 'p99', 'mean', 'max'] as const) expect(s.latencyMs[k]).toBeGreaterThan(0);
    expect(s.availability).toBeGreaterThan(0);
    expect(s.availability).toBeLessThanOrEqual(1);
    expect(Object.keys(s.replicas).sort()).toEqual(['max', 'mean', 'min']);
    expect(Object.keys(s.nodes).sort()).toEqual(['max', 'mean', 'min']);
    expect(typeof s.spotInterruptions).toBe('number');
    expect(Object.keys(s.cost)).toEqual(expect.arrayContaining(['totalUsd', 'perHourUsd', 'monthlyUsd', 'per1kRequestsUsd', 'lines']));
    expect(doc.expectations.map((e) => [e.text, e.pass])).toEqual([
      ['latency.p99 < 2s', true],
      ['availability >= 99%', false],
    ]);
    expect(doc.claims).toEqual([]);
  });

  it('has plain arrays over time, one entry per interval, nulls for missing values', () => {
    const ts = doc.timeseries;
    expect(ts.intervalSeconds).toBe(60);
    for (const f of TIME_SERIES_FIELDS) {
      expect(Array.isArray(ts[f]), f).toBe(true);
      expect(ts[f], f).toHaveLength(10);
      expect(ts[f]!.every((v) => v === null || Number.isFinite(v)), f).toBe(true);
    }
    expect(ts.t).toEqual([60, 120, 180, 240, 300, 360, 420, 480, 540, 600]);
    expect(r.stdout).not.toMatch(/NaN|Infinity/);
  });

  it('is byte-identical for the same seed, and differs for another', () => {
    const again = cli(['run', hpaStep, '--json', '--duration', '10m']);
    expect(again.stdout).toBe(r.stdout);
    const other = cli(['run', hpaStep, '--json', '--duration', '10m', '--seed', '10']);
    expect(other.stdout).not.toBe(r.stdout);
    expect((JSON.parse(other.stdout) as RunJson).seed).toBe(10);
  });

  it('--interval 15s gives four points a minute', () => {
    const fine = JSON.parse(cli(['run', hpaStep, '--json', '--duration', '10m', '--interval', '15s']).stdout) as RunJson;
    expect(fine.timeseries.intervalSeconds).toBe(15);
    expect(fine.timeseries.t).toHaveLength(40);
  });
});

describe('run artifacts and formats', () => {
  it('--csv writes the time series and --plot a well-formed SVG of four panels', () => {
    const svg = join(out, 'plot.svg');
    const r = cli(['run', hpaStep, '--duration', '10m', '--csv', join(out, 'csv'), '--plot', svg]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`wrote ${join(out, 'csv', 'hpa-step.timeseries.csv')}\nwrote ${svg}\n`);
    expect(readdirSync(join(out, 'csv'))).toEqual(['hpa-step.timeseries.csv']);
    const rows = readFileSync(join(out, 'csv', 'hpa-step.timeseries.csv'), 'utf8').trimEnd().split('\n');
    expect(rows[0]).toBe(TIME_SERIES_FIELDS.join(','));
    expect(rows).toHaveLength(11);
    const text = readFileSync(svg, 'utf8');
    expect(xmlProblems(text)).toEqual([]);
    expect(countTags(text, 'g')).toBe(4);
    expect(text).toContain('SLO p99 &lt; 2,000 ms');
    expect(text).toContain(' req/s per replica)');
  });

  it('--format markdown is a pull-request comment', () => {
    const r = cli(['run', hpaStep, '--duration', '10m', '--format', 'markdown']);
    expect(r.stdout).toMatch(/^### ❌ FAIL: `hpa-step`.*\n\n\*\*1 of 2 expectations failed \(availability >= 99%\)\*\*\n/);
    expect(r.stdout).toContain('| Availability |');
    expect(r.stdout).toContain('<details><summary>Cost lines</summary>');
  });

  it('prints no colour codes when stdout is a pipe, and none with NO_COLOR', () => {
    const ansi = /\u001b\[/;
    expect(cli(['run', hpaStep, '--duration', '6m']).stdout).not.toMatch(ansi);
    expect(cli(['run', hpaStep, '--duration', '6m'], { env: { NO_COLOR: '1' } }).stdout).not.toMatch(ansi);
    expect(cli(['run', hpaStep, '--duration', '6m']).stderr).toBe('');
  });
});

describe('an overloaded design is red in every format (issue 10)', () => {
  // 100 req/s into 2 replicas of 50 ms (40 req/s of capacity) for 30 min, no expectations at all.
  const text = [
    'apiVersion: design-sim/v1',
    'kind: Scenario',
    'metadata: { name: overload }',
    'spec:',
    '  duration: 30m',
    '  traffic: { profile: { type: constant, qps: 100 } }',
    '  services:',
    '    - { name: api, replicas: 2, latency: { distribution: constant, ms: 50 } }',
    '',
  ].join('\n');
  const file = join(out, 'overload.yaml');
  writeFileSync(file, text);

  it('text: FAIL with the backlog sentence, unfinished requests counted, exit 1', () => {
    const r = cli(['run', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Requests +[\d,]+ offered · [\d,]+ served · 0 dropped · 0 timed out · [\d,]+ unfinished/);
    expect(r.stdout).toMatch(/✗ error: overloaded from 0:00: the backlog grows by (59|60)(\.\d)? req\/s/);
    expect(r.stdout).toMatch(/FAIL: overloaded from 0:00/);
    const availability = Number(/Availability +([\d.]+)%/.exec(r.stdout)![1]);
    expect(availability).toBeLessThan(50);
  });

  it('--json: pass false, an error diagnostic, availability below 50%', () => {
    const r = cli(['run', file, '--json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { pass: boolean; diagnostics: { severity: string; code: string }[]; summary: { availability: number; measured: Record<string, number>; latencyMs: { censored: number } } };
    expect(doc.pass).toBe(false);
    expect(doc.diagnostics.map((d) => `${d.severity} ${d.code}`)).toEqual(['error overloaded']);
    expect(doc.summary.availability).toBeLessThan(0.5);
    const m = doc.summary.measured;
    expect(m.offered).toBe(m.served! + m.dropped! + m.timedOut! + m.unfinished!);
    expect(doc.summary.latencyMs.censored).toBe(m.unfinished);
  });

  it('markdown: a red heading that says why', () => {
    const r = cli(['run', file, '--format', 'markdown']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^### ❌ FAIL: .*\n\n\*\*overloaded from 0:00: the backlog grows by/);
  });
});
