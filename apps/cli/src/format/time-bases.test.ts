/**
 * Every figure of the summary rows says when it was read: replicas, nodes and GPUs at interval ends (after the warm-up,
 * json-output.md), spot interruptions over the whole run. The rows had printed bare "peak 2 · mean 2 · min 2" and
 * "0 interruptions", whose time base a reader could not tell from the Requests row's (after the warm-up).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess, smallScenarioYaml } from '../testing/test-context.ts';

const cwd = mkdtempSync(join(tmpdir(), 'design-sim-timebase-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));
writeFileSync(join(cwd, 's.yaml'), smallScenarioYaml());

describe('the summary rows', () => {
  it('say the time base of replicas, nodes and spot interruptions in text and Markdown', async () => {
    const doc = JSON.parse((await runInProcess(['run', 's.yaml', '--json'], { cwd })).stdout) as { summary: { replicas: { max: number; min: number }; nodes: { max: number }; spotInterruptions: number } };
    const { replicas, spotInterruptions } = doc.summary;
    const text = (await runInProcess(['run', 's.yaml'], { cwd })).stdout;
    expect(text).toMatch(new RegExp(`\\n {2}Replicas +peak ${replicas.max} · mean [\\d.]+ · min ${replicas.min} ready \\(at interval ends\\)\\n`));
    expect(text).toMatch(/\n {2}Nodes +peak \d+ · mean [\d.]+ · min \d+ \(at interval ends\) · \d+ GPUs? at peak/);
    expect(text).toContain(`  Spot          ${spotInterruptions} interruptions over the whole run\n`);
    const md = (await runInProcess(['run', 's.yaml', '--format', 'markdown'], { cwd })).stdout;
    expect(md).toContain('| Replicas peak / mean / min (ready, at interval ends) |');
    expect(md).toContain('| Nodes peak / mean / min (at interval ends) |');
    expect(md).toContain(`| Spot interruptions (whole run) | ${spotInterruptions} |`);
  });
});
