// Inputs an independent checker would try, through the built binary: each gets exit 2, one message that
// names the file (and the line and field where there is one), no stack trace, no hang, nothing written.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_DIR } from '../testing/test-context.ts';
import { CLI_BIN, cli, STACK_LINE, tempFolder } from './cli-harness.ts';

const { dir, file } = tempFolder('design-sim-hostile-');
const fixedFleet = readFileSync(join(EXAMPLES_DIR, 'fixed-fleet.yaml'), 'utf8');

/** Runs the CLI in the temp folder; checks the shared promises and returns stderr. */
function refused(args: string[], maxMs = 20_000): string {
  const r = cli(args, { cwd: dir });
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).not.toMatch(STACK_LINE);
  expect(r.stderr).not.toMatch(/internal error|TypeError|RangeError/);
  expect(r.ms).toBeLessThan(maxMs);
  return r.stderr;
}

const BOMB = `a: &a [x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
`;

describe('import k8s: hostile manifests', () => {
  it('an alias bomb is refused as one, not an internal error', () => {
    expect(refused(['import', 'k8s', file('bomb.yaml', BOMB)])).toBe('design-sim: bomb.yaml:4:8: too many YAML alias expansions at *c (limit 100): refusing a possible "billion laughs" document\n');
  });

  it('binary, non-UTF-8, a directory and a missing file get one line each', () => {
    expect(refused(['import', 'k8s', file('elf.yaml', new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0]))])).toBe('design-sim: elf.yaml:1:8: not a text file: found a NUL byte at byte 7 (manifests are UTF-8 YAML or JSON)\n');
    expect(refused(['import', 'k8s', file('latin1.yaml', new Uint8Array([0x61, 0x3a, 0x20, 0xe9, 0x0a]))])).toMatch(/^design-sim: latin1\.yaml:1:4: not a text file: found bytes that are not valid UTF-8 at byte 3 /);
    mkdirSync(join(dir, 'manifests'), { recursive: true });
    expect(refused(['import', 'k8s', 'manifests'])).toBe('design-sim: manifests: is a directory, not a manifest file: name the files, e.g. manifests/*.yaml\n');
    expect(refused(['import', 'k8s', 'nope.yaml'])).toBe('design-sim: nope.yaml: no such file\n');
  });

  it('a 50 MB file and an endless device stop at the size limit instead of filling memory', () => {
    writeFileSync(join(dir, 'big.yaml'), '');
    truncateSync(join(dir, 'big.yaml'), 50 * 1024 * 1024);
    expect(refused(['import', 'k8s', 'big.yaml'])).toMatch(/^design-sim: big\.yaml: too large: more than 16,777,216 bytes/);
    expect(refused(['import', 'k8s', '/dev/zero'])).toMatch(/^design-sim: \/dev\/zero: too large: more than 16,777,216 bytes/);
  });

  it('a Deployment whose values the scenario refuses is named, not a line of a file that was never written', () => {
    const deploy = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: api }\nspec: { replicas: 1e9, template: { spec: { containers: [{ name: c, image: i }] } } }\n';
    const err = refused(['import', 'k8s', file('deploy.yaml', deploy), '-o', 'imported.yaml']);
    expect(err).toContain('error: deploy.yaml:4:19 Deployment/api spec.replicas: must be at most 10,000, got 1,000,000,000 (spec.services[0].replicas of the imported scenario)\n');
    expect(err).not.toMatch(/imported\.yaml:\d+/);
  });

  it('a value the scenario refuses is told at the manifest field it came from: 1Ei GPUs, 500m GPUs, an HPA maxReplicas', () => {
    // Each was told at the Deployment and the scenario's path ("Deployment/api spec.services[0].gpusPerReplica: must be
    // at most 16, got 1.152921504606847e18 (in the imported scenario)"); the HPA's maxReplicas at the Deployment too.
    const deploy = (gpu: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: api }\nspec:\n  template:\n    spec:\n      containers:\n        - { name: c, image: i }\n        - name: d\n          image: i\n          resources: { limits: { nvidia.com/gpu: "${gpu}" } }\n`;
    expect(refused(['import', 'k8s', file('ei.yaml', deploy('1Ei'))])).toContain('error: ei.yaml:11:50 Deployment/api spec.template.spec.containers[1].resources.limits["nvidia.com/gpu"]: must be at most 16, got 1,152,921,504,606,847,000 (spec.services[0].gpusPerReplica of the imported scenario)\n');
    expect(refused(['import', 'k8s', file('milli.yaml', deploy('500m'))])).toContain('error: milli.yaml:11:50 Deployment/api spec.template.spec.containers[1].resources.limits["nvidia.com/gpu"]: expected a whole number, got 0.5 (spec.services[0].gpusPerReplica of the imported scenario)\n');
    const hpa = `${deploy('1')}---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: { name: hpa }\nspec:\n  scaleTargetRef: { kind: Deployment, name: api }\n  maxReplicas: 2147483647\n  metrics:\n    - { type: Pods, pods: { metric: { name: vllm:num_requests_waiting }, target: { type: AverageValue, averageValue: "5" } } }\n`;
    expect(refused(['import', 'k8s', file('hpa-max.yaml', hpa)])).toContain('error: hpa-max.yaml:18:16 HorizontalPodAutoscaler/hpa spec.maxReplicas: must be at most 10,000, got 2,147,483,647 (spec.services[0].hpa.maxReplicas of the imported scenario)\n');
  });

  it('a second autoscaler of one Deployment is named and left out, not merged over the first', () => {
    const deploy = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: api }\nspec: { template: { spec: { containers: [{ name: c, image: i, resources: { limits: { nvidia.com/gpu: 1 } } }] } } }\n';
    const hpa = (name: string, max: number) => `---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: { name: ${name} }\nspec:\n  scaleTargetRef: { kind: Deployment, name: api }\n  maxReplicas: ${max}\n  metrics: [{ type: Pods, pods: { metric: { name: vllm:num_requests_waiting }, target: { type: AverageValue, averageValue: "5" } } }]\n`;
    const r = cli(['import', 'k8s', file('two-hpas.yaml', deploy + hpa('first', 4) + hpa('second', 9)), '--qps', '10', '--latency', '50ms'], { cwd: dir });
    expect(r.code).toBe(0);
    // The second's maxReplicas 9 replaced the first's 4, with no note.
    expect(r.stdout).toContain('maxReplicas: 4\n');
    expect(r.stdout).not.toContain('maxReplicas: 9');
    expect(r.stderr).toContain('note: two-hpas.yaml HorizontalPodAutoscaler/second: Deployment "api" is already scaled by HorizontalPodAutoscaler/first: Kubernetes does not let two autoscalers scale one workload');
  });

  it('16 MiB of nesting stops at the limit in seconds, and a design-sim ConfigMap with broken YAML inside is named', () => {
    // Before: 8 million "[" ran past 60 s; 4 million "- " took 60 s and 2.2 GB; the ConfigMap was "internal error: …" over five lines.
    writeFileSync(join(dir, 'deep-block.yaml'), `${'- '.repeat(8_000_000)}x\n`);
    expect(refused(['import', 'k8s', 'deep-block.yaml'], 10_000)).toBe('design-sim: deep-block.yaml:1:511: the document nests too deeply to be a manifest: more than 256 levels of nested lists or mappings (docs/limits.md)\n');
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x, labels: { app.kubernetes.io/managed-by: design-sim } }\ndata:\n  scenario.yaml: "a: [unclosed"\n';
    expect(refused(['import', 'k8s', file('cm.yaml', cm)])).toBe('design-sim: cm.yaml ConfigMap/x data["scenario.yaml"]: at line 1, column 13: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]\n');
  });

  it('a cluster\'s worth of objects: notes are counted, not printed 100,000 times; more Deployments than a scenario holds is one line', () => {
    // 100,000 Services as `kubectl get -o json` writes them took 12 s and 840 MB and printed 100,004 lines.
    const services = { apiVersion: 'v1', kind: 'List', items: Array.from({ length: 100_000 }, (_, i) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: `s${i}` } })) };
    const r = cli(['import', 'k8s', file('all.json', JSON.stringify(services))], { cwd: dir });
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    // Three notes, the count, the error (no note about the placeholder traffic of a scenario never made).
    expect(lines).toHaveLength(5);
    expect(lines[3]).toBe('note: … and 99,997 more objects with the note "unsupported kind Service (v1): skipped; design-sim reads ..."');
    expect(r.ms).toBeLessThan(10_000);
    // 1,000 Deployments made a scenario past the size limit, reported as "all.yaml file is too large … (in the imported scenario)".
    const deployments = Array.from({ length: 1000 }, (_, i) => `---\napiVersion: apps/v1\nkind: Deployment\nmetadata: { name: d${i} }\nspec: { replicas: 1 }\n`).join('');
    expect(refused(['import', 'k8s', file('many.yaml', deployments)]).split('\n').at(-2)).toBe('design-sim: many.yaml: 1,000 Deployments to import, but a scenario holds at most 50 (spec.services; docs/limits.md): import one namespace or a few Deployments at a time');
  });

  it('60,000 Deployments are refused as too many before they are mapped, in seconds', () => {
    // Before: 40 s mapping them one by one (each matched by name against those made so far), then the same line.
    const deployments = { apiVersion: 'v1', kind: 'List', items: Array.from({ length: 60_000 }, (_, i) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: `d${i}` }, spec: { replicas: 1 } })) };
    const err = refused(['import', 'k8s', file('deploy-all.json', JSON.stringify(deployments))], 10_000);
    expect(err).toBe('design-sim: deploy-all.json: 60,000 Deployments to import, but a scenario holds at most 50 (spec.services; docs/limits.md): import one namespace or a few Deployments at a time\n');
  });

  it('a field of the wrong type is one line at its place, in YAML, in a List and in JSON, not read as a default', () => {
    // Before: resources: [1, 2] was read as no resources and minReplicas: "2" as 1, exit 0.
    const deploy = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: api }\nspec:\n  template:\n    spec:\n      containers:\n        - name: c\n          resources: [1, 2]\n';
    expect(refused(['import', 'k8s', file('res.yaml', deploy)])).toBe('design-sim: res.yaml:9:22 Deployment/api spec.template.spec.containers[0].resources: expected a mapping (key: value), got a list ([1,2])\n');
    const hpa = 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: autoscaling/v2\n    kind: HorizontalPodAutoscaler\n    metadata: { name: api }\n    spec:\n      scaleTargetRef: { kind: Deployment, name: api }\n      minReplicas: "2"\n      maxReplicas: 10\n';
    expect(refused(['import', 'k8s', file('hpa.yaml', hpa)])).toBe('design-sim: hpa.yaml:9:20 HorizontalPodAutoscaler/api spec.minReplicas: expected an integer (a number, not a quoted string), got "2"\n');
    const json = JSON.stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api' }, spec: { replicas: '3' } }, null, 2);
    expect(refused(['import', 'k8s', file('d.json', json)])).toBe('design-sim: d.json:8:17 Deployment/api spec.replicas: expected an integer (a number, not a quoted string), got "3"\n');
  });

  it('absurd nesting is named, at its line', () => {
    expect(refused(['import', 'k8s', file('deep.yaml', `apiVersion: apps/v1\nkind: Deployment\nmetadata: ${'['.repeat(5000)}${']'.repeat(5000)}\n`)])).toMatch(/^design-sim: deep\.yaml:3:\d+: the document nests too deeply to be a manifest/);
  });
});

describe('run: hostile scenarios', () => {
  it('a fan-out graph within every per-field limit but hours of work is refused before running', () => {
    const fan = (to: string) => `[{ parallel: [${Array.from({ length: 64 }, () => `{ to: ${to} }`).join(', ')}] }]`;
    const svc = (name: string, calls = '') => `    - { name: ${name}, replicas: 100, cpuPerReplica: 1, concurrency: 4096, latency: { distribution: exponential, meanMs: 1 }, nodePool: app${calls === '' ? '' : `, calls: ${calls}`} }\n`;
    const text = `apiVersion: design-sim/v1\nkind: Scenario\nmetadata: { name: fanout }\nspec:\n  duration: 1h\n  traffic: { profile: { type: constant, qps: 1000 } }\n  services:\n${svc('api', fan('mid'))}${svc('mid', fan('leaf'))}${svc('leaf')}  nodePools:\n    - { name: app, instance: aws/us-east-1/m6i.2xlarge, minNodes: 100, maxNodes: 100 }\n`;
    expect(refused(['run', file('fanout.yaml', text)])).toMatch(/^error: fanout\.yaml:6:\d+ spec\.traffic\.profile: expects 3,600,000 requests over 1h, each visiting 4,161 services on average .* 15,000,000,000 service visits, .* so the work of 37,400,000,000 requests, above the limit of 1,000,000,000/);
  });

  it('a closed loop that would run for days stops early at spec.traffic.users', () => {
    const text = `apiVersion: design-sim/v1\nkind: Scenario\nmetadata: { name: closed }\nspec:\n  duration: 7d\n  interval: 10m\n  traffic:\n    arrivals: closed\n    users: 100000\n    thinkTime: 0s\n  services:\n    - { name: api, replicas: 100, gpusPerReplica: 1, concurrency: 4096, latency: { distribution: constant, ms: 0.001 }, nodePool: app }\n  nodePools:\n    - { name: app, instance: gcp/us-central1/g2-standard-8, minNodes: 100, maxNodes: 100 }\n`;
    expect(refused(['run', file('closed.yaml', text)], 60_000)).toMatch(/^error: closed\.yaml:9:12 spec\.traffic\.users: the closed loop sent 1,048,576 requests in the first .* above the limit of 1,000,000,000 requests in a run/);
    // The same stop inside a sweep's worker threads: each variant's line is located in the file too.
    const sweep = cli(['sweep', 'closed.yaml', '--vary', 'spec.traffic.users=50000,100000'], { cwd: dir });
    expect(sweep.code).toBe(2);
    expect(sweep.stderr).not.toMatch(STACK_LINE);
    expect(sweep.stderr.trim().split('\n').map((l) => l.slice(0, 43))).toEqual(['error: closed.yaml:9:12 spec.traffic.users:', 'error: closed.yaml:9:12 spec.traffic.users:']);
  });

  it('a --set or --vary value nested 65,000 deep is one line, not a V8 crash (exit 134 and a native stack trace)', () => {
    file('ok.yaml', fixedFleet);
    const deep = `${'['.repeat(65_000)}${']'.repeat(65_000)}`;
    expect(refused(['validate', 'ok.yaml', '--set', `spec.services[0].latency=${deep}`])).toBe(`design-sim: --set spec.services[0].latency=${'['.repeat(49)}… (130,031 characters): the value nests too deeply: more than 256 levels of [ or { (docs/limits.md)\n`);
    expect(refused(['sweep', 'ok.yaml', '--vary', `replicas=${'- '.repeat(40_000)}x`])).toMatch(/^design-sim: --vary replicas=- - .*… \(80,017 characters\): the value nests too deeply: more than 256 levels of nested lists or mappings \(docs\/limits\.md\)\n$/);
  });

  it('a title with escape sequences is refused at its line, shown escaped, before it reaches the terminal or the SVG', () => {
    // It was printed raw at the head of the report (clearing the screen, retitling the window) and broke --plot's XML.
    const text = fixedFleet.replace(/title: .*/, 'title: "\\e[2J\\e]0;pwned\\a"');
    expect(refused(['run', file('esc.yaml', text), '--plot', 'esc.svg'])).toBe(`error: esc.yaml:${text.split('\n').findIndex((l) => l.includes('title:')) + 1}:10 metadata.title: contains the control character U+001B at character 1: control characters, escape sequences and bidirectional overrides would act on a terminal (or break the SVG chart); remove it\n`);
  });

  it('a number past two bounds gets one line', () => {
    expect(refused(['run', file('ok.yaml', fixedFleet), '--set', 'replicas=1e308']).trim().split('\n')).toHaveLength(1);
  });

  it('a run of 1e-320 s is refused at the duration (it crashed the text report, then ran and billed nothing)', () => {
    // Since MIN_DURATION_SECONDS (10 ms): a subnormal duration underflowed the node-hours to 0 ($0.00/h).
    const r = cli(['run', file('tiny.yaml', fixedFleet), '--set', 'spec.warmup=0', '--duration', '1e-320'], { cwd: dir });
    expect(r.stderr).not.toMatch(/internal error|RangeError/);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/tiny\.yaml:\d+:\d+ spec\.duration: must be at least 10ms, got 1e-320 \(after --duration 1e-320\)/);
  });
});

it('an empty file argument (an unset shell variable) is named as such by every command that reads files', () => {
  // Each resolved "" to the working folder: "error:  is a directory, not a scenario file: name the files, e.g. /*.yaml".
  file('ok.yaml', fixedFleet);
  expect(refused(['run', ''])).toBe('design-sim: run: argument 1 is empty: expected a file name\n');
  expect(refused(['validate', 'ok.yaml', ''])).toBe('design-sim: validate: argument 2 is empty: expected a file name\n');
  expect(refused(['compare', 'ok.yaml', ''])).toBe('design-sim: compare: argument 2 is empty: expected a file name\n');
  expect(refused(['sweep', '', '--vary', 'replicas=1,2'])).toBe('design-sim: sweep: argument 1 is empty: expected a file name\n');
  expect(refused(['optimize', '', '--vary', 'replicas=1..2'])).toBe('design-sim: optimize: argument 1 is empty: expected a file name\n');
  expect(refused(['merge', ''])).toBe('design-sim: merge: argument 1 is empty: expected a file name\n');
  expect(refused(['export', 'k8s', ''])).toBe('design-sim: export k8s: argument 1 is empty: expected a file name\n');
  expect(refused(['import', 'k8s', ''])).toBe('design-sim: import k8s: argument 1 is empty: expected a file name\n');
});

describe('file names that hold escape sequences or line breaks', () => {
  // Before: the report headers, "valid NAME", compare's header and export's YAML comment printed the name raw,
  // so a file named with ESC [ 2 J cleared the reader's screen, and a newline in the name began a YAML line of
  // its own in the manifests (error messages were already escaped by printable()).
  const name = 'a\u001b[31mred\u0007\nvalid x`y.yaml';
  const shown = 'a\\u001b[31mred\\u0007\\u000avalid x`y.yaml';
  const quick = ['--duration', '2m', '--set', 'spec.warmup=0s'];

  it('run (text and Markdown), validate, compare and export k8s show the name escaped, on one line', () => {
    file(name, fixedFleet);
    const text = cli(['run', name, ...quick], { cwd: dir });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout.split('\n')[1]).toBe(`  ${shown} · seed 7 · 2m simulated`);
    const md = cli(['run', name, ...quick, '--format', 'markdown'], { cwd: dir });
    expect(md.stdout).toContain(`\n\`\`${shown}\`\` · seed 7 · 2m simulated\n`);
    expect(cli(['validate', name], { cwd: dir }).stdout).toBe(`valid ${shown} (fixed-fleet: 1 service, 1 node pool, 2h simulated, 2 expectations)\n`);
    const compare = cli(['compare', name, name, ...quick, '--format', 'markdown'], { cwd: dir });
    expect(compare.stdout.split('\n')[0]).toBe(`### Compare \`\`${shown}\`\` (A) and \`\`${shown}\`\` (B)`);
    const exported = cli(['export', 'k8s', name], { cwd: dir });
    expect(exported.stdout.split('\n')[0]).toBe(`# Kubernetes manifests for ${shown} (design-sim export k8s). Kubernetes 1.36 API versions.`);
    for (const out of [text.stdout, md.stdout, compare.stdout, exported.stdout, exported.stderr]) expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });
});

describe('symbolic links that loop', () => {
  it('are one line without the absolute path, for every command that reads or writes a file', () => {
    // Before: "cannot read this file: ELOOP: too many symbolic links encountered, stat '<absolute path>/loop-a.yaml'".
    symlinkSync('loop-b.yaml', join(dir, 'loop-a.yaml'));
    symlinkSync('loop-a.yaml', join(dir, 'loop-b.yaml'));
    const loop = 'its symbolic links form a loop (or a chain of more than 40)';
    expect(refused(['validate', 'loop-a.yaml'])).toBe(`error: loop-a.yaml cannot read this file: ${loop}\n`);
    expect(refused(['import', 'k8s', 'loop-a.yaml'])).toBe(`design-sim: loop-a.yaml: cannot read: ${loop}\n`);
    expect(refused(['merge', 'loop-a.yaml'])).toBe(`design-sim: loop-a.yaml: cannot read: ${loop}\n`);
    rmSync(join(dir, 'loop-a.yaml'));
    rmSync(join(dir, 'loop-b.yaml'));
  });
});

describe('pipes: read as files, and a silent one is given up on with a message, never a hang', () => {
  const QUICK = { DESIGN_SIM_INPUT_TIMEOUT: '3' };
  const NOTICE = /^design-sim: silent\.fifo: waiting for input: nothing has been written to this pipe yet \(giving up after 3 s of silence\)\n/;

  it('a named pipe nobody writes to: a notice after 2 s, then exit 2 with one located line, for every command that reads files', () => {
    execFileSync('mkfifo', [join(dir, 'silent.fifo')]);
    const runs = [['run', 'silent.fifo'], ['validate', 'silent.fifo'], ['import', 'k8s', 'silent.fifo'], ['merge', 'silent.fifo']].map((args) => ({ args, r: cli(args, { cwd: dir, env: QUICK }) }));
    for (const { args, r } of runs) {
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(NOTICE);
      expect(r.stderr.split('\n').slice(1).join('\n')).toMatch(/^(error|design-sim): silent\.fifo:? no input: nothing was written to this pipe in 3 s \(is anything writing to it\?\); design-sim gives up on a silent pipe, DESIGN_SIM_INPUT_TIMEOUT=SECONDS waits longer \(docs\/limits\.md\)\n$/);
      expect(r.ms).toBeGreaterThan(2900);
      expect(r.ms).toBeLessThan(20_000);
    }
  });

  it('a named pipe whose writer comes late is read; so are stdin as a pipe and a process substitution', () => {
    execFileSync('mkfifo', [join(dir, 'late.fifo')]);
    file('ok.yaml', fixedFleet);
    // The writer opens the pipe a second after design-sim started waiting on it.
    const writer = spawn('sh', ['-c', 'sleep 1; cat ok.yaml > late.fifo'], { cwd: dir, stdio: 'ignore' });
    const late = cli(['validate', 'late.fifo'], { cwd: dir });
    expect(late.stderr).toBe('');
    expect(late.stdout).toBe('valid late.fifo (fixed-fleet: 1 service, 1 node pool, 2h simulated, 2 expectations)\n');
    writer.kill();
    // As a shell runs them: stdin from a pipe, and a process substitution.
    const shell = (command: string) => execFileSync('bash', ['-c', command.replaceAll('design-sim', `"${process.execPath}" "${CLI_BIN}"`)], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    expect(shell('cat ok.yaml | design-sim validate /dev/stdin')).toMatch(/^valid \/dev\/stdin \(fixed-fleet: /);
    expect(shell('design-sim validate <(cat ok.yaml)')).toMatch(/^valid \/dev\/fd\/\d+ \(fixed-fleet: /);
  });
});

describe('run: output paths are checked before anything runs', () => {
  it('an empty, impossible or directory path is refused up front: no report on stdout, no run thrown away', () => {
    file('ff.yaml', fixedFleet);
    expect(refused(['run', 'ff.yaml', '--plot', ''])).toBe('design-sim: --plot: expected a file name, got an empty value\n');
    expect(refused(['run', 'ff.yaml', '--plot', 'ff.yaml/x.svg'])).toMatch(/^design-sim: --plot: cannot write ff\.yaml\/x\.svg: .*ff\.yaml is a file, not a folder\n$/);
    expect(refused(['run', 'ff.yaml', '--csv', 'ff.yaml'])).toBe('design-sim: --csv: ff.yaml is a file, not a folder\n');
    mkdirSync(join(dir, 'plots'), { recursive: true });
    expect(refused(['run', 'ff.yaml', '--plot', 'plots'])).toMatch(/^design-sim: --plot: plots is a directory/);
    expect(refused(['optimize', 'ff.yaml', '--vary', 'replicas=50..60', '--write', 'plots'])).toMatch(/^design-sim: --write: plots is a directory/);
  });

  it('export/import k8s -o and --plot are checked like the others: empty, a directory, a path ending in "/"', () => {
    // export k8s -o "" tried to rename a temporary file in the parent folder over the working folder ("illegal
    // operation on a directory, rename 'x.123.tmp' -> 'x'" with the parent folder's paths); -o new/ and --plot new/ wrote a FILE named new.
    file('ff.yaml', fixedFleet);
    mkdirSync(join(dir, 'plots'), { recursive: true });
    expect(refused(['export', 'k8s', 'ff.yaml', '-o', ''])).toBe('design-sim: --out: expected a file name, got an empty value\n');
    expect(refused(['export', 'k8s', 'ff.yaml', '-o', 'plots'])).toMatch(/^design-sim: --out: plots is a directory/);
    expect(refused(['export', 'k8s', 'ff.yaml', '-o', 'k8s/'])).toBe('design-sim: --out: k8s/ names a folder (it ends in "/"): name a file in it, e.g. k8s/out\n');
    expect(refused(['import', 'k8s', file('deploy2.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: api }\nspec: { replicas: 1 }\n'), '-o', ''])).toBe('design-sim: --out: expected a file name, got an empty value\n');
    expect(refused(['run', 'ff.yaml', '--plot', 'new-plots/'])).toBe('design-sim: --plot: new-plots/ names a folder (it ends in "/"): name a file in it, e.g. new-plots/out\n');
  });

  it('two different files with one scenario name would overwrite each other\'s plot: refused before running', () => {
    file('ff2.yaml', fixedFleet);
    expect(refused(['run', 'ff.yaml', 'ff2.yaml', '--plot', 'p.svg'])).toBe('design-sim: --plot: ff.yaml and ff2.yaml are both scenario "fixed-fleet", so both would write p-fixed-fleet.svg: give one a different metadata.name (nothing was run)\n');
  });

  it('an output that is an input (run s.yaml --plot s.yaml; export/import -o over the file read) is refused, the input kept', () => {
    // A fuzzed `run hpa-step.yaml --plot hpa-step.yaml` replaced the scenario with its chart and exited 0.
    file('self.yaml', fixedFleet);
    expect(refused(['run', 'self.yaml', '--plot', './self.yaml'])).toBe('design-sim: --plot: ./self.yaml is an input of this command (self.yaml); writing it would replace it: name another file (nothing was run or written)\n');
    expect(refused(['export', 'k8s', 'self.yaml', '-o', 'self.yaml'])).toBe('design-sim: --out: self.yaml is an input of this command (self.yaml); writing it would replace it: name another file (nothing was run or written)\n');
    expect(readFileSync(join(dir, 'self.yaml'), 'utf8')).toBe(fixedFleet);
  });

  it('compare refuses a bad B before running A (and a bad A before running B)', () => {
    // Found by the CLI fuzzer: compare ran A in full (multi-region-serving: 10 s) and only then said B was invalid.
    // A here is a week at 1,000 QPS, minutes of work: refused in seconds, it cannot have run.
    const slow = file('slow.yaml', fixedFleet.replace(/duration: .*/, 'duration: 7d'));
    const bad = file('bad-b.yaml', fixedFleet.replace('replicas: 55', 'replicas: -3'));
    const line = fixedFleet.split('\n').findIndex((l) => l.includes('replicas: 55')) + 1;
    for (const args of [[slow, bad], [bad, slow]]) {
      expect(refused(['compare', ...args, '--json'], 10_000)).toBe(`error: bad-b.yaml:${line}:17 spec.services[0].replicas: must be at least 0, got -3\n`);
    }
  });

  it('compare of a file with itself under a bad --set: the error once, not twice word for word', () => {
    const same = file('same.yaml', fixedFleet);
    const line = fixedFleet.split('\n').findIndex((l) => l.includes('replicas: 55')) + 1;
    expect(refused(['compare', same, same, '--set', 'replicas=x'])).toBe(`error: same.yaml:${line}:17 spec.services[0].replicas: expected a number, got "x" (after --set replicas=x)\n`);
  });

  it('--vary .inf or 1e400 names the value Infinity, not null (JSON.stringify\'s name for it)', () => {
    const name = file('inf.yaml', fixedFleet);
    const line = fixedFleet.split('\n').findIndex((l) => l.includes('replicas: 55')) + 1;
    expect(refused(['sweep', name, '--vary', 'replicas=1e400', '--workers', '1'])).toBe(`error: inf.yaml:${line}:17 spec.services[0].replicas: expected a number, got Infinity (after --vary spec.services[0].replicas=Infinity)\n`);
  });

  it('--json with --format markdown is a usage error, not a silent choice', () => {
    expect(refused(['run', 'ff.yaml', '--json', '--format', 'markdown'])).toBe('design-sim: --json and --format markdown disagree: use one of them\n');
    // sweep, optimize, compare and merge printed JSON after all their runs; now refused before any.
    const vary = ['--vary', 'spec.services[0].replicas=50,60'];
    for (const args of [['sweep', 'ff.yaml', ...vary], ['optimize', 'ff.yaml', ...vary], ['compare', 'ff.yaml', 'ff.yaml'], ['merge', 'ff.yaml']]) {
      const r = cli([...args, '--json', '--format', 'markdown'], { cwd: dir });
      expect(r.code, args[0]).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe('design-sim: --json and --format markdown disagree: use one of them\n');
      expect(r.ms).toBeLessThan(5000);
    }
  });
});

it('nothing was left behind in the working folder but the inputs', () => {
  expect(readdirSync(dir).filter((n) => !/\.(ya?ml|fifo|json)$/.test(n) && n !== 'manifests' && n !== 'plots')).toEqual([]);
});
