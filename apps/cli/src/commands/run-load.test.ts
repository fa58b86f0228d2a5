// Closed loops and trace replay through `design-sim run`: the Load line, the Levels table, --json, traces beside the scenario.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../testing/test-context.ts';

const cwd = mkdtempSync(join(tmpdir(), 'design-sim-load-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));
const scenario = (name: string, traffic: string) => `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: ${name} }
spec:
  duration: 4m
  traffic: ${traffic}
  services:
    - { name: s, replicas: 1, concurrency: 4, gpusPerReplica: 0, latency: { distribution: exponential, meanMs: 100 } }
`;
writeFileSync(join(cwd, 'sweep.yaml'), scenario('sweep', '{ arrivals: closed, users: { type: step, from: 2, to: 16, at: 2m }, thinkTime: { distribution: exponential, mean: 1s } }'));
mkdirSync(join(cwd, 'sub', 'traces'), { recursive: true });
writeFileSync(join(cwd, 'sub', 'traces', 't.jsonl'), Array.from({ length: 100 }, (_, i) => JSON.stringify({ t: i * 0.5, inputTokens: 10, outputTokens: 5, session: `u${i % 7}` })).join('\n'));
writeFileSync(join(cwd, 'sub', 'replay.yaml'), scenario('replay', '{ trace: { file: traces/t.jsonl, format: jsonl } }'));
const run = (...args: string[]) => runInProcess(['run', ...args], { cwd });

describe('run with load generators', () => {
  it('text: the Load line and one Levels row per user count', async () => {
    const r = await run('sweep.yaml');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ {2}Load {10}closed loop: 2–16 users \(mean [\d.]+\) at interval ends · think 1s · [\d.]+ requests\/s achieved after the warm-up$/m);
    expect(r.stdout).toMatch(/^ +users +from–to +requests\/s +failed\/s +latency p50 +latency p99 +measured$/m);
    expect(r.stdout).toMatch(/^ +2 +0s–2m +[\d.]+ +0 /m);
    expect(r.stdout).toMatch(/^ +16 +2m–4m +[\d.]+ +0 /m);
  });

  it('markdown and --json carry the same levels', async () => {
    const md = await run('sweep.yaml', '--format', 'markdown');
    expect(md.stdout).toContain('| users | from–to | requests/s | failed/s | latency p50 | latency p99 | measured |');
    const json = JSON.parse((await run('sweep.yaml', '--json')).stdout) as { summary: { closedLoop: { users: { min: number; max: number }; levels: { users: number; fromSeconds: number; toSeconds: number; servedQps: number }[] } }; timeseries: { users: number[] } };
    const c = json.summary.closedLoop;
    expect(c.users).toMatchObject({ min: 2, max: 16 });
    expect(c.levels.map((l) => [l.users, l.fromSeconds, l.toSeconds])).toEqual([[2, 0, 120], [16, 120, 240]]);
    // 16 users thinking 1 s on 4 servers of 100 ms: close to the servers' 40 req/s, well above 2 users' ~1.8 req/s.
    expect(c.levels[1]!.servedQps).toBeGreaterThan(5 * c.levels[0]!.servedQps);
    expect(json.timeseries.users).toEqual([2, 16, 16, 16]);
  });

  it('a trace path is relative to the scenario file, not the working folder', async () => {
    const r = await run('sub/replay.yaml');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Requests +100 offered · 100 served/);
    expect(r.stdout).toContain('trace replay: traces/t.jsonl (jsonl), token counts from the trace');
  });
});
