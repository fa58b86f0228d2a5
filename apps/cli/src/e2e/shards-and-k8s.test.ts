// Sharded sweeps and searches as separate processes (as the Indexed Job runs them), merged back; and the
// Kubernetes export/import round trip through files, all through the built binary.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLES_DIR } from '../testing/test-context.ts';
import { cli, STACK_LINE } from './cli-harness.ts';

const cwd = mkdtempSync(join(tmpdir(), 'design-sim-shards-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));
for (const f of ['hpa-step', 'fixed-fleet', 'serving-autoscaling']) copyFileSync(join(EXAMPLES_DIR, `${f}.yaml`), join(cwd, `${f}.yaml`));
const run = (args: string[]) => cli(args, { cwd });

/** Runs `args --shard i/n` for every i, writes the shard files, returns their names. */
function shards(args: string[], n: number): string[] {
  return Array.from({ length: n }, (_, k) => {
    const r = run([...args, '--shard', `${k + 1}/${n}`]);
    expect(r.code, r.stderr).toBe(0);
    const name = `${args[0]}-shard-${k + 1}.json`;
    writeFileSync(join(cwd, name), r.stdout);
    return name;
  });
}

describe('--shard and merge', () => {
  it('a sweep in 3 shards merges to the same bytes as the unsharded --json', () => {
    const args = ['sweep', 'hpa-step.yaml', '--vary', 'hpa.target=1..2', '--vary', 'hpa.minReplicas=4,8', '--duration', '4m'];
    const whole = run([...args, '--json']);
    const merged = run(['merge', ...shards(args, 3).reverse(), '--json']);
    expect(merged.stdout).toBe(whole.stdout);
    expect(merged.code).toBe(whole.code);
    expect(run(['merge', 'sweep-shard-1.json', 'sweep-shard-2.json', 'sweep-shard-3.json']).stdout).toBe(run(args).stdout);
  });

  it('an optimize search in 2 shards merges to the same bytes, and merge --write saves the design', () => {
    const args = ['optimize', 'fixed-fleet.yaml', '--vary', 'instance=gcp/us-central1/g2-standard-8,gcp/us-central1/g2-standard-4', '--vary', 'replicas,minNodes,maxNodes=30..80', '--duration', '4m', '--set', 'spec.warmup=1m', '--seeds', '2'];
    const whole = run([...args, '--json']);
    expect(whole.code).toBe(0);
    const parts = shards(args, 2);
    expect(run(['merge', ...parts, '--json']).stdout).toBe(whole.stdout);
    const w = run(['merge', ...parts, '--write', 'best.yaml']);
    expect(w.code).toBe(0);
    const best = (JSON.parse(whole.stdout) as { best: { values: Record<string, unknown> } }).best.values;
    expect(readFileSync(join(cwd, 'best.yaml'), 'utf8')).toContain(`instance: ${String(best['spec.nodePools[0].instance'])}`);
    // A hand-edited record: `feasible: true` on a design that failed printed PASS for it, exit 0; a design index past
    // its values printed "replicas = undefined". Each is now one line at the record, exit 2.
    const edited = (edit: (items: Record<string, unknown>[]) => void) => {
      const d = JSON.parse(readFileSync(join(cwd, parts[0]!), 'utf8')) as { items: Record<string, unknown>[] };
      edit(d.items);
      writeFileSync(join(cwd, 'edited-opt.json'), JSON.stringify(d));
      const r = run(['merge', 'edited-opt.json', parts[1]!]);
      expect([r.code, r.stdout]).toEqual([2, '']);
      return r.stderr;
    };
    const failing = (items: Record<string, unknown>[]) => items.find((r) => r.decided === true && r.feasible === false)!;
    expect(edited((items) => (failing(items).feasible = true))).toMatch(/^design-sim: edited-opt\.json: a damaged shard file: items\[\d+\]\.feasible, decided: expected false, true by its evaluations, got true, true; run shard 1\/2 again\n$/);
    expect(edited((items) => (items[0]!.design = [0, 1e300]))).toMatch(/^design-sim: edited-opt\.json: a damaged shard file: items\[0\]\.design: expected 2 value indexes within the fields' values, got \[0,1e\+300\]; run shard 1\/2 again\n$/);
  });

  it('refuses an incomplete or mixed set of shards with one line, exit 2', () => {
    const other = run(['sweep', 'hpa-step.yaml', '--vary', 'hpa.target=1..2', '--duration', '5m', '--shard', '2/3']);
    writeFileSync(join(cwd, 'other.json'), other.stdout);
    const cases: [string[], string][] = [
      [['sweep-shard-1.json', 'sweep-shard-2.json'], 'design-sim: merge: missing shard 3 of 3\n'],
      [['sweep-shard-1.json', 'sweep-shard-1.json', 'sweep-shard-3.json'], 'design-sim: sweep-shard-1.json: shard 1/3 again (also in sweep-shard-1.json)\n'],
      [['sweep-shard-1.json', 'other.json', 'sweep-shard-3.json'], 'design-sim: other.json: from a different run than sweep-shard-1.json (another file, options or shard count): merge the shards of one run\n'],
      [['hpa-step.yaml'], 'design-sim: hpa-step.yaml: not JSON (a shard file is the output of sweep or optimize with --shard I/N)\n'],
    ];
    for (const [files, message] of cases) {
      const r = run(['merge', ...files]);
      expect([r.code, r.stderr, r.stdout]).toEqual([2, message, '']);
    }
  });

  it('refuses a hand-edited shard file at the field that is wrong, not with "internal error: …"', () => {
    // Each was an internal error: "Invalid array length", "Cannot read properties of undefined (reading 'count')", …
    const parts = ['sweep-shard-1.json', 'sweep-shard-2.json', 'sweep-shard-3.json'];
    const edited = (edit: (d: Record<string, unknown>) => void) => {
      const d = JSON.parse(readFileSync(join(cwd, parts[0]!), 'utf8')) as Record<string, unknown>;
      edit(d);
      writeFileSync(join(cwd, 'edited.json'), JSON.stringify(d));
      const r = run(['merge', 'edited.json', parts[1]!, parts[2]!]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).not.toMatch(/internal error|\n./);
      return r.stderr;
    };
    expect(edited((d) => (d.shard = { index: 1, count: 1e308 }))).toBe('design-sim: edited.json: a damaged shard file: shard: expected { index, count } with 1 ≤ index ≤ count ≤ 10000, got {"index":1,"count":1e+308}; run that shard again\n');
    expect(edited((d) => delete d.shard)).toBe('design-sim: edited.json: a damaged shard file: shard: expected { index, count } with 1 ≤ index ≤ count ≤ 10000, got nothing; run that shard again\n');
    expect(edited((d) => (d.items = 5))).toBe('design-sim: edited.json: a damaged shard file: items: expected a list; run that shard again\n');
    expect(edited((d) => (d.input = null))).toBe('design-sim: edited.json: a damaged shard file: input.vary: expected a list of { label, paths, values }; run that shard again\n');
    expect(edited((d) => ((d.items as unknown[])[0] = {}))).toBe('design-sim: edited.json: a damaged shard file: items[0]: expected { index, values, response }; run that shard again\n');
    // A row moved, removed or relabelled was merged into a table out of order or short a variant, exit 1 as if whole.
    const items = (d: Record<string, unknown>) => d.items as Record<string, unknown>[];
    expect(edited((d) => (items(d)[0]!.index = 1e300))).toMatch(/^design-sim: edited\.json: a damaged shard file: items\[0\]\.index: expected 0, got 1e\+300; run shard 1\/3 again\n$/);
    expect(edited((d) => items(d).pop())).toMatch(/^design-sim: edited\.json: a damaged shard file: items: expected the \d+ variants of this shard, got \d+; run shard 1\/3 again\n$/);
    expect(edited((d) => (items(d)[0]!.values = [99999]))).toMatch(/^design-sim: edited\.json: a damaged shard file: items\[0\]\.values: expected \[.+\], got \[99999\]; run shard 1\/3 again\n$/);
    // Damage inside a run's outcome does not match the shard's digest: a p99 of "y" was shown as "—", no summary as a
    // row of "—" (exit 1 as if whole), an outcome of { summary: {} } as a JavaScript error naming all three files.
    const digestDamage = 'design-sim: edited.json: a damaged shard file: its file, input and items do not match the digest they were written with (edited or cut); run shard 1/3 again\n';
    const response = (d: Record<string, unknown>) => items(d)[0]!.response as { outcome: { summary: Record<string, unknown> } };
    expect(edited((d) => (response(d).outcome = { summary: {} }))).toBe(digestDamage);
    expect(edited((d) => (response(d).outcome.summary.latencyMs = { p50: 'x', p99: 'y' }))).toBe(digestDamage);
    expect(edited((d) => (response(d).outcome.summary.durationSeconds = -1))).toBe(digestDamage);
    expect(edited((d) => (d.file = 'other.yaml'))).toBe(digestDamage);
    expect(edited((d) => delete d.digest)).toBe('design-sim: edited.json: a damaged shard file: digest: expected a string (shards written before it was added must be run again); run that shard again\n');
  });

  it('--emit-k8s-job prints the ConfigMap and the Indexed Job instead of running', () => {
    const r = run(['optimize', 'fixed-fleet.yaml', '--vary', 'replicas,minNodes,maxNodes=1..200', '--emit-k8s-job', '8', '--image', 'registry.example.com/design-sim:0.1.0']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('kind: Job');
    expect(r.stdout).toContain('completionMode: Indexed');
    expect(r.stdout).toContain('design-sim optimize /scenario/fixed-fleet.yaml --vary replicas,minNodes,maxNodes=1..200 --minimize cost.hourly --seeds 3 --workers 2 --shard $((JOB_COMPLETION_INDEX + 1))/8');
  });

  it('--emit-k8s-job refuses Job settings the API server would refuse, before printing anything', () => {
    // Each was written into a Job that `kubectl apply` rejects (or whose pods never schedule), exit 0.
    const job = (...extra: string[]) => run(['sweep', 'fixed-fleet.yaml', '--vary', 'replicas=50,51', '--emit-k8s-job', '2', ...extra]);
    for (const [extra, message] of [
      [['--image', ''], 'design-sim: --image "": expected a container image reference without spaces, e.g. registry.example.com/design-sim:0.1.0\n'],
      [['--results-pvc', 'BAD PVC'], 'design-sim: --results-pvc "BAD PVC": expected a PersistentVolumeClaim name (lower-case letters, digits, \'-\' and \'.\', at most 253 characters), e.g. design-sim-results\n'],
      [['--cpus', '1000000000'], 'design-sim: --cpus 1000000000: at most 512 CPUs per shard pod (no node has more; docs/limits.md)\n'],
    ] as const) {
      const r = job(...extra);
      expect([r.code, r.stdout, r.stderr]).toEqual([2, '', message]);
    }
  });
});

describe('export k8s / import k8s', () => {
  it('round-trips a scenario through manifest files', () => {
    const exported = run(['export', 'k8s', 'serving-autoscaling.yaml', '--image', 'vllm/vllm-openai:v0.9.2', '-o', 'fleet.yaml']);
    expect(exported.code).toBe(0);
    const imported = run(['import', 'k8s', 'fleet.yaml', '-o', 'back.yaml']);
    expect(imported.code, imported.stderr).toBe(0);
    const a = run(['run', 'serving-autoscaling.yaml', '--json', '--duration', '1h']);
    const b = run(['run', 'back.yaml', '--json', '--duration', '1h']);
    const strip = (t: string) => ({ ...(JSON.parse(t) as Record<string, unknown>), file: null });
    expect(strip(b.stdout)).toEqual(strip(a.stdout));
  });

  it('names and skips unsupported kinds, and refuses input with nothing to import (exit 2)', () => {
    writeFileSync(join(cwd, 'svc.yaml'), 'apiVersion: v1\nkind: Service\nmetadata: { name: web }\nspec: { ports: [{ port: 80 }] }\n');
    const r = run(['import', 'k8s', 'svc.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('note: svc.yaml Service/web: unsupported kind Service (v1): skipped');
    expect(r.stderr).toContain('design-sim: svc.yaml: nothing to import: no object design-sim reads');
    // Not the note about the placeholder traffic of a scenario that was never made.
    expect(r.stderr).not.toContain('traffic is not in Kubernetes manifests');
    expect(r.stderr).not.toMatch(STACK_LINE);
    const k = run(['export', 'k8s', 'hpa-step.yaml', '--node-pools', 'karpenter']);
    expect([k.code, k.stderr]).toEqual([2, 'design-sim: hpa-step.yaml: node pool l4: Karpenter has no provider for gcp; use --node-pools cluster-autoscaler\n']);
  });
});
