import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { smallScenarioYaml } from '../testing/test-context.ts';
import { loadScenario } from './load-scenario.ts';

const dir = mkdtempSync(join(tmpdir(), 'design-sim-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string | Uint8Array) => {
  writeFileSync(join(dir, name), text);
  return name;
};

describe('loadScenario', () => {
  it('loads a valid file and keeps its text', async () => {
    const r = await loadScenario(write('ok.yaml', smallScenarioYaml()), dir);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.scenario.metadata.name).toBe('small-test');
      expect(r.text).toBe(smallScenarioYaml());
    }
  });

  it('applies edits before validation and locates their issues in the original file', async () => {
    const file = write('edit.yaml', smallScenarioYaml());
    const ok = await loadScenario(file, dir, [{ path: ['spec', 'seed'], value: 77, source: '--seed 77' }]);
    expect(ok.ok && ok.scenario.spec.seed).toBe(77);
    const bad = await loadScenario(file, dir, [{ path: ['spec', 'services', 0, 'hpa', 'metrics', 0, 'target'], value: -1, source: '--set hpa.target=-1' }]);
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      const line = smallScenarioYaml().split('\n').findIndex((l) => l.includes('target: 12')) + 1;
      expect(bad.issues).toHaveLength(1);
      expect(bad.issues[0]).toMatchObject({ file, line, path: 'spec.services[0].hpa.metrics[0].target' });
      expect(bad.issues[0]?.message).toContain('(after --set hpa.target=-1)');
    }
  });

  it('locates issues unrelated to the edits at their original line', async () => {
    const text = smallScenarioYaml().replace('routing', 'x').replace('concurrency: 1', 'concurency: 1');
    const file = write('typo.yaml', text);
    const r = await loadScenario(file, dir, [{ path: ['spec', 'seed'], value: 5, source: '--seed 5' }]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues[0]).toMatchObject({ line: text.split('\n').findIndex((l) => l.includes('concurency')) + 1, column: 7, suggestion: 'concurrency' });
      expect(r.issues[0]?.message).not.toContain('after');
    }
  });

  it('reports catalog references with suggestions', async () => {
    const r = await loadScenario(write('inst.yaml', smallScenarioYaml().replace('g2-standard-8', 'g2-standard-9')), dir);
    expect(!r.ok && r.issues[0]?.path).toBe('spec.nodePools[0].instance');
    expect(!r.ok && r.issues[0]?.suggestion).toMatch(/^gcp\/us-central1\/g2-standard-/);
  });

  it('refuses a missing file with the nearest name, a directory, and a file over the limit (before reading it)', async () => {
    write('serving.yaml', smallScenarioYaml());
    const missing = await loadScenario('servng.yaml', dir);
    expect(!missing.ok && missing.issues[0]).toMatchObject({ file: 'servng.yaml', message: 'no such file', suggestion: 'serving.yaml' });
    mkdirSync(join(dir, 'sub'));
    const directory = await loadScenario('sub', dir);
    expect(!directory.ok && directory.issues[0]?.message).toMatch(/^is a directory/);
    const big = join(dir, 'big.yaml');
    writeFileSync(big, '');
    truncateSync(big, 50 * 1024 * 1024);
    const tooBig = await loadScenario('big.yaml', dir);
    expect(!tooBig.ok && tooBig.issues[0]?.message).toMatch(/^file is too large: 52,428,800 bytes/);
  });

  it('locates 50 issues in a large edited file quickly (each text is parsed once)', async () => {
    // Each bad sample a different value: one value repeated would be one mistake, folded into one line (repeated-issues.ts).
    const samples = Array.from({ length: 60_000 }, (_, i) => (i % 1000 === 0 ? -(1 + i / 1000) : 40 + (i % 20)));
    const text = smallScenarioYaml().replace('{ distribution: constant, ms: 50 }', `{ distribution: empirical, samplesMs: [${samples.join(', ')}] }`);
    const file = write('large.yaml', text);
    const start = performance.now();
    const r = await loadScenario(file, dir, [{ path: ['spec', 'seed'], value: 9, source: '--seed 9' }]);
    // A hang guard, not a benchmark: parsing once per issue took about 80 s here; once per text, about 2 s.
    expect(performance.now() - start).toBeLessThan(30_000);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues).toHaveLength(51);
      const line = text.split('\n').findIndex((l) => l.includes('samplesMs')) + 1;
      expect(r.issues[1]).toMatchObject({ line, path: 'spec.services[0].latency.samplesMs[1000]' });
      expect(r.issues[1]?.column).toBe(text.split('\n')[line - 1]!.indexOf(', -2, ') + 3);
    }
  });

  it('refuses binary content even when edits are asked for', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('apiVersion: x\n'), 0, 1, 2]);
    const r = await loadScenario(write('bin.yaml', bytes), dir, [{ path: ['spec', 'seed'], value: 1, source: '--seed 1' }]);
    expect(!r.ok && r.issues[0]?.message).toMatch(/^not a text file: found a NUL byte/);
  });

  it('reports YAML syntax errors with a line and column', async () => {
    const r = await loadScenario(write('syntax.yaml', 'apiVersion: design-sim/v1\nkind: [\n'), dir, [{ path: ['spec', 'seed'], value: 1, source: '--seed 1' }]);
    expect(!r.ok && r.issues[0]?.line).toBeGreaterThan(0);
    expect(!r.ok && r.issues[0]?.message).toMatch(/YAML/);
    expect(readFileSync(join(dir, 'syntax.yaml'), 'utf8')).toContain('kind: [');
  });
});
