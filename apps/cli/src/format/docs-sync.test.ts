// docs/json-output.md and docs/cli.md must keep up with the code they describe.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TIME_SERIES_FIELDS } from '@design-sim/sim-core';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess, smallScenarioYaml } from '../testing/test-context.ts';
import { JSON_FORMAT_VERSION } from './json-output.ts';

const doc = (name: string) => readFileSync(new URL(`../../../../docs/${name}`, import.meta.url), 'utf8');
const cwd = mkdtempSync(join(tmpdir(), 'design-sim-docs-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

/** A field is documented when the doc names it in backticks, alone or as the head of a dotted path. */
const documented = (text: string, key: string) => new RegExp(`\`${key}(\\.[\\w./ \`]+)?\``).test(text);

describe('docs', () => {
  it('json-output.md documents the format version, every field of a run and every time series', async () => {
    const text = doc('json-output.md');
    expect(text).toContain(`format version ${JSON_FORMAT_VERSION}`);
    writeFileSync(join(cwd, 's.yaml'), smallScenarioYaml());
    const run = JSON.parse((await runInProcess(['run', 's.yaml', '--json', '--duration', '2m'], { cwd })).stdout) as Record<string, Record<string, unknown>>;
    for (const key of Object.keys(run)) expect(documented(text, key), key).toBe(true);
    for (const key of Object.keys(run.summary ?? {})) expect(documented(text, key), `summary.${key}`).toBe(true);
    for (const f of TIME_SERIES_FIELDS) expect(documented(text, f), f).toBe(true);
  });

  it('cli.md has a section for every command', () => {
    const text = doc('cli.md');
    for (const cmd of ['run FILE...', 'validate FILE...', 'estimate training', 'estimate serving', 'prices', 'compare A.yaml B.yaml', 'sweep FILE', 'optimize FILE', 'merge SHARDS...', 'export k8s FILE', 'import k8s FILES...']) {
      expect(text, cmd).toContain(`## \`design-sim ${cmd}`);
    }
  });
});
