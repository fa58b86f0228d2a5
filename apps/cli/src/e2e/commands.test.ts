// The other commands through the built binary, including the sweep's real worker threads.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_DIR } from '../testing/test-context.ts';
import { cli } from './cli-harness.ts';

const example = (name: string) => join(EXAMPLES_DIR, `${name}.yaml`);

describe('estimate', () => {
  it('training: the issue example answers in one line with the formula', () => {
    const r = cli(['estimate', 'training', '--params', '7e9', '--tokens', '2e12', '--gpu', 'a100-80gb', '--gpus', '32', '--mfu', '0.4', '--spot', '--budget', '50000']);
    expect([0, 1]).toContain(r.code);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^7e9 params × 2e12 tokens × 6 = 8\.4e22 FLOPs ÷ \(32 × a100-80gb 312 TFLOPS bf16 × MFU 0\.4\) = [\d.]+ days/);
    expect(lines[0]).toMatch(/budget/);
    expect(lines[1]).toMatch(/^ {2}memory: 112 GB of model states .*: fits$/);
    expect(lines[2]).toMatch(/^ {2}formula: FLOPs = 6·N·D/);
  });

  it('serving: the issue example answers in one line with the formula', () => {
    const r = cli(['estimate', 'serving', '--qps', '1000', '--latency', '50ms', '--gpu', 'l4']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^1,000 QPS × 50 ms = 50 Erlangs → \d+ replicas, ρ = [\d.]+: /);
    expect(r.stdout).toMatch(/\n {2}formula: .*Erlang C/);
  });
});

describe('prices', () => {
  it('prints the catalog with sources', () => {
    const r = cli(['prices', '--gpu', 'h100', '--cloud', 'gcp']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Instances \(USD per instance-hour, prices in force on \d{4}-\d{2}-\d{2}\)\n/);
    expect(r.stdout).toContain('gcp/us-central1/a3-highgpu-8g');
    expect(r.stdout).toMatch(/\nSources\n/);
  });
});

describe('compare', () => {
  it('runs two designs side by side with their differences', () => {
    const r = cli(['compare', example('fixed-fleet'), example('hpa-step'), '--duration', '15m']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/ {2}latency p99 +[\d.]+ (ms|s) +[\d.]+ (ms|s) +[+−]/);
    expect(r.stdout).toContain('spec.services[0].routing: shared-queue → least-outstanding');
  });
});

describe('sweep', () => {
  it('runs the variants in worker threads and prints the what-if table', () => {
    const r = cli(['sweep', example('hpa-step'), '--vary', 'hpa.target=2..4:1', '--duration', '10m', '--json']);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout) as { vary: { path: string; values: number[] }[]; variants: { values: Record<string, number>; ok: boolean; summary: { replicas: { max: number } } }[] };
    expect(doc.vary).toEqual([{ label: 'hpa.target', path: 'spec.services[0].hpa.metrics[0].target', paths: ['spec.services[0].hpa.metrics[0].target'], values: [2, 3, 4] }]);
    expect(doc.variants.map((v) => v.values['hpa.target'])).toEqual([2, 3, 4]);
    expect(doc.variants.every((v) => v.ok)).toBe(true);
    // A lower concurrency target asks for more replicas.
    const peaks = doc.variants.map((v) => v.summary.replicas.max);
    expect(peaks[0]).toBeGreaterThanOrEqual(peaks[2]!);
  });

  it('gives the same table with one worker as with several', () => {
    const args = ['sweep', example('hpa-step'), '--vary', 'hpa.target=2..3:1', '--duration', '5m'];
    const one = cli([...args, '--workers', '1']);
    expect(one.stdout).toMatch(/^ {2}hpa\.target +p50/);
    expect(cli([...args, '--workers', '4']).stdout).toBe(one.stdout);
  });
});

describe('help', () => {
  it('every command has --help with an example', () => {
    for (const cmd of [[], ['run'], ['validate'], ['estimate'], ['estimate', 'training'], ['estimate', 'serving'], ['prices'], ['compare'], ['sweep']]) {
      const r = cli([...cmd, '--help']);
      expect(r.code, cmd.join(' ')).toBe(0);
      expect(r.stdout, cmd.join(' ')).toMatch(/Examples:\n {2}\$ design-sim /);
    }
  });
});
