// docs/json-output.md and docs/cli.md must keep up with the code they describe.
import { readFileSync } from 'node:fs';
import { TIME_SERIES_FIELDS } from '@design-sim/sim-core';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../testing/test-context.ts';
import { JSON_FORMAT_VERSION } from './json-output.ts';

const doc = (name: string) => readFileSync(new URL(`../../../../docs/${name}`, import.meta.url), 'utf8');

describe('docs', () => {
  it('json-output.md documents the format version, every top-level field and every time series', async () => {
    const text = doc('json-output.md');
    expect(text).toContain(`format version ${JSON_FORMAT_VERSION}`);
    const small = (await import('../testing/test-context.ts')).smallScenarioYaml();
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const cwd = mkdtempSync(join(tmpdir(), 'design-sim-docs-'));
    writeFileSync(join(cwd, 's.yaml'), small);
    const run = JSON.parse((await runInProcess(['run', 's.yaml', '--json', '--duration', '2m'], { cwd })).stdout) as Record<string, Record<string, unknown>>;
    for (const key of Object.keys(run)) expect(text, key).toContain(`\`${key}\``);
    for (const key of Object.keys(run.summary ?? {})) expect(text, `summary.${key}`).toMatch(new RegExp(`\`(${key}|${key}\\.[\\w.]+)\``));
    for (const f of TIME_SERIES_FIELDS) expect(text, f).toContain(`\`${f}\``);
  });

  it('cli.md has a section for every command', () => {
    const text = doc('cli.md');
    for (const cmd of ['run FILE...', 'validate FILE...', 'estimate training', 'estimate serving', 'prices', 'compare A.yaml B.yaml', 'sweep FILE']) {
      expect(text, cmd).toContain(`## \`design-sim ${cmd}`);
    }
  });
});
