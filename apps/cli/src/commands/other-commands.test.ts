import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess, smallScenarioYaml } from '../testing/test-context.ts';

const cwd = mkdtempSync(join(tmpdir(), 'design-sim-cmd-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));
writeFileSync(join(cwd, 'a.yaml'), smallScenarioYaml());
writeFileSync(join(cwd, 'b.yaml'), smallScenarioYaml().replace('target: 12', 'target: 8'));
writeFileSync(join(cwd, 'bad.yaml'), smallScenarioYaml().replace('routing', 'x').replace('concurrency: 1', 'concurrency: -1'));
const cli = (...args: string[]) => runInProcess(args, { cwd });
/** One replica, no queue, offered 20 times what it serves, under a 1% availability bar: passes, refusing about 95%. */
const lenient = (overrides = '') => `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: lenient }
spec:
  duration: 300s
  seed: 3
  traffic: { target: api, profile: { type: constant, qps: 200 } }
  services:
    - { name: api, replicas: 1, concurrency: 1, queue: { maxLength: 0 }, latency: { distribution: exponential, meanMs: 100 }${overrides} }
  expect: ['availability >= 1%']
`;
writeFileSync(join(cwd, 'lenient.yaml'), lenient());
// The same replica with an unbounded queue: the backlog grows all run (an overload error), though its one expectation holds.
writeFileSync(join(cwd, 'overloaded.yaml'), lenient().replace('queue: { maxLength: 0 }, ', '').replace("availability >= 1%", 'latency.p50 < 1h'));

describe('validate', () => {
  it('says what a valid file holds and exits 0', async () => {
    const r = await cli('validate', 'a.yaml');
    expect(r).toEqual({ code: 0, stdout: 'valid a.yaml (small-test: 1 service, 1 node pool, 10m simulated, 2 expectations)\n', stderr: '' });
  });

  it('prints each issue with file:line:col and path and exits 2', async () => {
    const r = await cli('validate', 'a.yaml', 'bad.yaml');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: bad\.yaml:\d+:\d+ spec\.services\[0\]\.concurrency: /);
  });

  it('--json lists every file', async () => {
    const r = await cli('validate', 'a.yaml', 'bad.yaml', '--json');
    const doc = JSON.parse(r.stdout) as { formatVersion: number; files: { file: string; valid: boolean }[] };
    expect(doc.files.map((f) => [f.file, f.valid])).toEqual([
      ['a.yaml', true],
      ['bad.yaml', false],
    ]);
  });
});

describe('prices', () => {
  it('lists instances with sources, filtered by GPU and cloud', async () => {
    const r = await cli('prices', '--gpu', 'l4', '--cloud', 'gcp');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('gcp/us-central1/g2-standard-8');
    expect(r.stdout).not.toContain('aws/');
    expect(r.stdout).toMatch(/\nSources\n {2}SKY_GCP: https:\/\//);
  });

  it('suggests a GPU for a typo and exits 2', async () => {
    const r = await cli('prices', '--gpu', 'h1000');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^design-sim: --gpu: unknown GPU "h1000" \(did you mean .*h100-sxm-80gb/);
  });

  it('echoes a value holding terminal escapes as \\uXXXX, not raw (found by the audit)', async () => {
    const r = await cli('prices', '--gpu', 'h100\u001b[31m\u202e');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown GPU "h100\\u001b[31m\\u202e"');
    expect(r.stderr).not.toMatch(/[\u001b\u202e]/);
    const usage = await cli('run', 'x.yaml', '--format', 'x\u001b[2J');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("argument 'x\\u001b[2J' is invalid");
  });

  it('shows every price with the day it was observed, flags stale ones and says why', async () => {
    const r = await cli('prices', '--gpu', 'a100-80gb', '--cloud', 'aws');
    const spot = r.stdout.split('\n').find((l) => l.includes('p4de.24xlarge') && l.includes(' spot '));
    expect(spot).toMatch(/\$6\.8234 +\$0\.8529 +≤ 2025-05-31 +STALE +SKY_AWS_PRECUT$/);
    expect(r.stdout).toMatch(/\nStale prices \(still used; why each is flagged\)\n {2}aws\/us-east-1\/p4de\.24xlarge spot: observed by 2025-05-31, before AWS_GPU_CUT_2025_06 \(2025-06-01\)/);
    // Before the June-2025 cut the same snapshot was current, and the pre-cut on-demand price is in force.
    const before = await cli('prices', '--gpu', 'a100-80gb', '--cloud', 'aws', '--date', '2025-05-01');
    expect(before.stdout).not.toContain('STALE');
    expect(before.stdout).toContain('$40.9657');
  });

  it('--date outside the catalog is refused, exit 2, with the days it covers', async () => {
    // 0000-01-01 listed the catalog's first records as the prices in force in year 0, exit 0.
    const r = await cli('prices', '--date', '0000-01-01');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    // And a day that is not one reads as a flag's message, not the cost model's parameter name ("asOf must be …").
    expect((await cli('prices', '--date', '2026-11-23T00:00')).stderr).toBe('design-sim: --date 2026-11-23T00:00: must be a calendar day YYYY-MM-DD, got "2026-11-23T00:00"\n');
    expect(r.stderr).toMatch(/^design-sim: --date 0000-01-01: must be a day the catalog covers, \d{4}-\d\d-\d\d \(its earliest record\) to \d{4}-\d\d-\d\d \(1,095 days after its date, .*\), got "0000-01-01"\n$/);
  });

  it('lists CPU instances, managed services and storage and transfer rates when no --gpu narrows it', async () => {
    const r = await cli('prices', '--cloud', 'aws');
    expect(r.stdout).toMatch(/aws\/us-east-1\/m6i\.large +CPU 2 vCPU · 8 GiB \(general-purpose\) +on-demand +\$0\.096 +— +2026-06-23 +PODMONKEY/);
    expect(r.stdout).toMatch(/\nManaged services \(USD per unit\)\n/);
    expect(r.stdout).toMatch(/aws\/us-east-1\/sqs-standard +Amazon SQS: standard queue +million-requests +\$0\.40 +2024-07-01 +INFRACOST_AWS_SQS/);
    expect(r.stdout).toMatch(/aws\/us-east-1\/egress-inter-az +transfer +\$0\.01\/GB +2024-09-25 +INFRACOST_AWS_TRANSFER/);
    expect(r.stdout).not.toContain('gcp/');
  });

  it('--json carries prices and sources', async () => {
    const doc = JSON.parse((await cli('prices', '--gpu', 'h100', '--json')).stdout) as { instances: { id: string }[]; sources: { key: string; url: string }[] };
    expect(doc.instances.length).toBeGreaterThan(0);
    expect(doc.sources.every((s) => s.url.length > 0)).toBe(true);
  });
});

describe('compare', () => {
  it('shows both runs side by side with the design difference', async () => {
    const r = await cli('compare', 'a.yaml', 'b.yaml');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ {2}metric +A: small-test +B: small-test +B − A +change/);
    expect(r.stdout).toMatch(/ {2}peak replicas +\d+ +\d+ /);
    expect(r.stdout).toContain('spec.services[0].hpa.metrics[0].target: 12 → 8');
  });

  it('--json has both runs and the differences', async () => {
    const doc = JSON.parse((await cli('compare', 'a.yaml', 'b.yaml', '--json')).stdout) as { a: { scenario: { name: string } }; differences: unknown[] };
    expect(doc.a.scenario.name).toBe('small-test');
    expect(doc.differences).toEqual([{ path: 'spec.services[0].hpa.metrics[0].target', a: 12, b: 8 }]);
  });
});

describe('verdicts in compare, sweep and optimize', () => {
  it("compare's verdict row is each run's verdict: an overloaded run FAILs though its expectation holds, a pass over refused requests says so", async () => {
    const r = await cli('compare', 'lenient.yaml', 'overloaded.yaml');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/\n {2}verdict +PASS, with unserved requests 1\/1 +FAIL 1\/1 \(overloaded\)\n/);
    // Neither design has node pools: its bill is a lower bound, and two lower bounds have no meaningful difference.
    expect(r.stdout).toMatch(/\n {2}cost per hour +≥ \$0\.00 +≥ \$0\.00 +— +—\n/);
  });

  it('a sweep point that passes over unserved requests is ⚠, not ✓', async () => {
    const r = await cli('sweep', 'lenient.yaml', '--vary', 'replicas=1..2:1');
    expect(r.code).toBe(0);
    const rows = r.stdout.trimEnd().split('\n').slice(2);
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toMatch(/ ≥ \$0\.00 +≥ \$0\.00 +⚠ 1\/1 \([\d,]+ of [\d,]+ requests not served \([\d,]+ dropped, 0 timed out\)\)$/);
  });
});

describe('a run with nothing offered after the warm-up in compare and sweep', () => {
  // Two replicas on two priced nodes; traffic only from minute 1 to 6, a warm-up of 10 minutes.
  writeFileSync(
    join(cwd, 'quiet.yaml'),
    `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: quiet }
spec:
  duration: 20m
  warmup: 10m
  seed: 3
  traffic: { profile: { type: spike, base: 0, peak: 100, at: 1m, duration: 5m } }
  services:
    - { name: model, replicas: 2, concurrency: 4, latency: { distribution: constant, ms: 50 }, nodePool: gpu }
  nodePools:
    - { name: gpu, instance: gcp/us-central1/g2-standard-8, minNodes: 2, maxNodes: 2 }
  expect: ['cost.hourly < 100']
`,
  );
  it('shows no availability, as run does, not the vacuous 100%, and a caveated verdict', async () => {
    const c = await cli('compare', 'quiet.yaml', 'quiet.yaml');
    // No value on either side: the row is left out, as the latency rows are (it read "100%  100%").
    expect(c.stdout).not.toMatch(/\n {2}availability /);
    expect(c.stdout).toMatch(/\n {2}verdict +PASS, with nothing offered 1\/1 +PASS, with nothing offered 1\/1 *\n/);
    const s = await cli('sweep', 'quiet.yaml', '--vary', 'replicas=1..2');
    const rows = s.stdout.trimEnd().split('\n').slice(2);
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toMatch(/^ +\d +— +— +— +.* +⚠ 1\/1 \(no request arrived after the warm-up/);
  });
});

describe('optimize over unserved requests', () => {
  it("names each seed's unserved requests beside a best design that meets the availability bar, in text and --json", async () => {
    const r = await cli('optimize', 'lenient.yaml', '--vary', 'replicas=1..3', '--minimize', 'latency.p99');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\nPASS, with unserved requests: replicas = 3 has the least latency\.p99 of the designs that meet every expectation on seeds 3, 4, 5; but on seed 3: [\d,]+ of [\d,]+ requests not served \([\d,]+ dropped, 0 timed out\); on seed 4: .*; on seed 5: .*\n$/);
    const doc = JSON.parse((await cli('optimize', 'lenient.yaml', '--vary', 'replicas=1..3', '--minimize', 'latency.p99', '--json')).stdout) as { best: { unserved: { seed: number; message: string }[] } };
    expect(doc.best.unserved.map((u) => u.seed)).toEqual([3, 4, 5]);
  });
});

describe('optimize over designs offered nothing after the warm-up', () => {
  it("is not a plain PASS in text, Markdown or --json: it says no request arrived, as run's verdict does", async () => {
    // quiet.yaml (above): a bill to pass on, no request after the 10-minute warm-up.
    const warning = 'no request arrived after the warm-up: the run shows nothing about serving (its latency and availability have no value)';
    const t = await cli('optimize', 'quiet.yaml', '--vary', 'replicas=1..2');
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(new RegExp(`\\nPASS, with nothing offered: replicas = 1 has the least cost\\.hourly of the designs that meet every expectation on seeds 3, 4, 5; but on seeds 3, 4, 5: ${warning.replace(/[()]/g, '\\$&')}\\n$`));
    const md = await cli('optimize', 'quiet.yaml', '--vary', 'replicas=1..2', '--format', 'markdown');
    expect(md.stdout).toMatch(/^### ⚠️ optimize/);
    expect(md.stdout).toContain('PASS, with nothing offered: replicas = 1');
    const doc = JSON.parse((await cli('optimize', 'quiet.yaml', '--vary', 'replicas=1..2', '--json')).stdout) as { best: { nothingOffered: { seed: number; message: string }[] } };
    expect(doc.best.nothingOffered).toEqual([3, 4, 5].map((seed) => ({ seed, message: warning })));
  });
});

describe('optimize minimizing a bill that lacks prices', () => {
  it('refuses the search (exit 2) instead of a PASS on $0.00/h: with no node pools cost.hourly is a lower bound', async () => {
    // lenient.yaml has no nodePools: every design's bill was $0.00/h, and "PASS: replicas = 1 has the least cost.hourly".
    const r = await cli('optimize', 'lenient.yaml', '--vary', 'replicas=1..3', '--seeds', '1');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('design-sim: optimize lenient.yaml: cost.hourly is a lower bound on every design run, not a price: the bill is incomplete (no node pools: the nodes the replicas run on are not priced');
    // Another metric is minimized as before.
    expect((await cli('optimize', 'lenient.yaml', '--vary', 'replicas=1..3', '--seeds', '1', '--minimize', 'latency.p99')).code).toBe(0);
  });
});

describe('sweep', () => {
  it('prints one row per value (in-process when no worker bundle)', async () => {
    const r = await cli('sweep', 'a.yaml', '--vary', 'hpa.target=8..12:2', '--duration', '4m');
    expect(r.code).toBe(0);
    const rows = r.stdout.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^ {2}hpa\.target +p50 +p99 +availability/);
    expect(rows.slice(2).map((l) => l.trim().split(/\s+/)[0])).toEqual(['8', '10', '12']);
  });

  it('refuses --workers 0 (a sweep with no worker would never run)', async () => {
    const r = await cli('sweep', 'a.yaml', '--vary', 'hpa.target=8..12:2', '--workers', '0');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--workers <n>' argument '0' is invalid");
  });

  it('stops with exit 2 before running when a variant is invalid', async () => {
    const r = await cli('sweep', 'a.yaml', '--vary', 'hpa.target=-2..2:2');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/spec\.services\[0\]\.hpa\.metrics\[0\]\.target: .* \(after --vary spec\.services\[0\]\.hpa\.metrics\[0\]\.target=-2\)/);
  });
});

describe('export k8s options the API server would refuse', () => {
  it('refuses a port past 65535 and an empty or spaced image before writing anything', async () => {
    // Each was written into the Deployment, exit 0, for kubectl apply to reject (containerPort 1–65535; image required).
    const port = await cli('export', 'k8s', 'a.yaml', '--port', '65536');
    expect([port.code, port.stdout]).toEqual([2, '']);
    expect(port.stderr).toMatch(/^design-sim: option '--port <port>' argument '65536' is invalid\. expected a port from 1 to 65535\./);
    for (const image of ['', 'a b', 'x\ny']) {
      const r = await cli('export', 'k8s', 'a.yaml', '--image', image);
      expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `design-sim: --image ${JSON.stringify(image)}: expected a container image reference without spaces, e.g. vllm/vllm-openai:v0.9.2\n`]);
    }
    expect((await cli('export', 'k8s', 'a.yaml', '--port', '65535', '--image', 'vllm/vllm-openai:v0.9.2')).code).toBe(0);
  });
});

describe('program', () => {
  it('--help of every command shows an example and exits 0', async () => {
    for (const cmd of [[], ['run'], ['validate'], ['estimate'], ['estimate', 'training'], ['estimate', 'serving'], ['prices'], ['compare'], ['sweep'], ['optimize'], ['merge'], ['export', 'k8s'], ['import', 'k8s']]) {
      const r = await cli(...cmd, '--help');
      expect(r.code, cmd.join(' ')).toBe(0);
      expect(r.stdout, cmd.join(' ')).toMatch(/Examples:\n {2}\$ design-sim /);
    }
  });

  it('exits 2 for usage errors, with a suggestion', async () => {
    const r = await cli('rn');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("design-sim: unknown command 'rn'\n(Did you mean run?)");
    expect((await cli()).code).toBe(2);
    expect((await cli('run')).stderr).toContain("missing required argument 'files'");
  });

  it('prints the version', async () => {
    expect((await cli('--version')).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
