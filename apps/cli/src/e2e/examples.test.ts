// The four reference examples (examples/, copied from the shared set) run unchanged through the built binary.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_DIR } from '../testing/test-context.ts';
import { cli, STACK_LINE } from './cli-harness.ts';

const example = (name: string) => join(EXAMPLES_DIR, `${name}.yaml`);

describe('examples/, unchanged', () => {
  it('serving-autoscaling: 24 h of HPA + cluster autoscaler + spot, every expectation holds', () => {
    const r = cli(['run', example('serving-autoscaling')]);
    // Off a terminal the CLI notes its progress on stderr after 30 s of wall clock (docs/cli.md): a loaded CI machine gets there.
    expect(r.stderr.replace(/^progress: serving-autoscaling \d+% of simulated time after \d+ s\n/gm, '')).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('serving-autoscaling — Autoscale a 50 ms GPU model from 100 to 1000 QPS');
    expect(r.stdout).toContain('seed 42 · 1d simulated');
    expect(r.stdout).toMatch(/✓ latency\.p99 < 100ms +actual \d/);
    expect(r.stdout).toMatch(/✓ cost\.monthly < 40000 +actual \$/);
    // 24 simulated hours through the built binary: about 10 s alone, 60 s in a clean-clone CI run at load 24.
  }, 180_000);

  it('fixed-fleet: the M/M/55 queue meets both latency expectations', () => {
    const r = cli(['run', example('fixed-fleet')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(first 10m excluded)');
    expect(r.stdout).toContain('PASS: 2 of 2 expectations hold');
  });

  it('hpa-step: the simulator says availability falls short of 99%, so exit 1, and the report says why', () => {
    const r = cli(['run', example('hpa-step')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/✗ availability >= 99% +actual [\d.]+% \([\d,]+ dropped, [\d,]+ timed out, [\d,]+ unfinished of [\d,]+\)/);
    expect(r.stdout).toContain('FAIL: 1 of 2 expectations failed (availability >= 99%)');
  });

  it('training-7b: a training-only scenario has no serving summary; its claims are graded', () => {
    const r = cli(['run', example('training-7b')]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/^ {2}Latency/m);
    expect(r.stdout).toMatch(/^ {2}Training +7e9 params × 2e12 tokens = 8\.4e22 FLOPs on 32 GPUs/m);
    expect(r.stdout).toMatch(/^ {2}Budget +\$50,000 /m);
    expect(r.stdout).toMatch(/training\.days +claimed 18 days, tool [\d.]+ days \((ok|off|way-off), /);
    const json = JSON.parse(cli(['run', example('training-7b'), '--json']).stdout) as { summary: unknown; timeseries: unknown; training: { budget: { fits: boolean } } };
    expect(json.summary).toBeNull();
    expect(json.timeseries).toBeNull();
    expect(typeof json.training.budget.fits).toBe('boolean');
  });

  it('all four at once (shortened) exit with the worst code, each printed', () => {
    const files = ['fixed-fleet', 'hpa-step', 'serving-autoscaling', 'training-7b'].map(example);
    const r = cli(['run', ...files, '--duration', '20m']);
    expect(r.code).toBe(1);
    expect(r.stdout.match(/^(PASS|FAIL|  PASS|  FAIL)/gm)).toHaveLength(4);
    expect(r.stdout).not.toMatch(STACK_LINE);
  });

  it('validate accepts all four', () => {
    const r = cli(['validate', ...['fixed-fleet', 'hpa-step', 'serving-autoscaling', 'training-7b'].map(example)]);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(4);
    expect(r.ms).toBeLessThan(5000);
  });
});
