import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from './limits.ts';
import { parseScenarioBytes, parseScenarioText } from './parse-scenario.ts';
import { formatIssue } from './scenario-issue.ts';
import { BASE_YAML, edit, parseOk, report } from './scenario-test-builders.ts';

/** Example scenarios the CLI must run unchanged (the repo's copy of the shared reference set). */
function exampleFiles(): string[] {
  const dirs = [join(import.meta.dirname, '../../../../examples')];
  return dirs.filter(existsSync).flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.yaml')).map((f) => join(d, f)));
}

describe('example scenarios', () => {
  const files = exampleFiles();

  it('there are examples to check', () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
  });

  it.each(files)('%s parses with no issues and no warnings', (file) => {
    const r = parseScenarioText(readFileSync(file, 'utf8'), file);
    expect(r.ok ? r.warnings.map(formatIssue) : r.issues.map(formatIssue)).toEqual([]);
    expect(r.ok).toBe(true);
  });
});

describe('the base test scenario', () => {
  it('is valid', () => {
    expect(report(BASE_YAML)).toBe('ok');
  });
});

describe('hostile input: never throws, always a located issue list', () => {
  it('empty file', () => {
    expect(report('')).toMatchInlineSnapshot(`"examples/bad.yaml file is empty: expected a scenario (a mapping with apiVersion, kind, metadata and spec), starting with "apiVersion: design-sim/v1""`);
  });

  it('only comments and blank lines', () => {
    expect(report('# a scenario\n\n   \n# to be written\n')).toMatchInlineSnapshot(`"examples/bad.yaml file is empty: expected a scenario (a mapping with apiVersion, kind, metadata and spec), starting with "apiVersion: design-sim/v1""`);
  });

  it('binary content with NUL bytes', () => {
    expect(report('\x89PNG\r\n\x1a\n\0\0\0\rIHDR')).toMatchInlineSnapshot(`"examples/bad.yaml:3:1 not a text file: found a NUL byte (scenarios are UTF-8 YAML or JSON)"`);
  });

  it('text that was not UTF-8 (lossy decoding left U+FFFD)', () => {
    expect(report('apiVersion: design-sim/v1\nkind: Sc\uFFFDnario\n')).toMatchInlineSnapshot(`"examples/bad.yaml:2:9 not a text file: found bytes that are not valid UTF-8 (scenarios are UTF-8 YAML or JSON)"`);
  });

  it('bytes that are not UTF-8, and NUL bytes, via parseScenarioBytes', () => {
    const invalid = Uint8Array.from([0x61, 0x3a, 0x20, 0xc3, 0x28]);
    const nul = Uint8Array.from([0x61, 0x00]);
    const format = (r: ReturnType<typeof parseScenarioBytes>) => (r.ok ? 'ok' : r.issues.map(formatIssue).join('\n'));
    expect(format(parseScenarioBytes(invalid, 'x.yaml'))).toMatchInlineSnapshot(`"x.yaml:1:4 not a text file: found bytes that are not valid UTF-8 at byte 3 (scenarios are UTF-8 YAML or JSON)"`);
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...'apiVersion: x'].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(format(parseScenarioBytes(utf16, 'x.yaml'))).toMatchInlineSnapshot(`"x.yaml not UTF-8: the file is UTF-16 (it starts with the byte-order mark FF FE); save it as UTF-8"`);
    expect(format(parseScenarioBytes(nul, 'x.yaml'))).toMatchInlineSnapshot(`"x.yaml:1:2 not a text file: found a NUL byte at byte 1 (scenarios are UTF-8 YAML or JSON)"`);
    // Its line and column (in bytes), not only its offset: "title: Stép" in Latin-1 on line 3 (it was "at byte 36" alone).
    const latin1 = Uint8Array.from([...'kind: Scenario\nmetadata:\n  title: St'].map((c) => c.charCodeAt(0)).concat([0xe9, 0x70, 0x0a]));
    expect(format(parseScenarioBytes(latin1, 'x.yaml'))).toBe('x.yaml:3:12 not a text file: found bytes that are not valid UTF-8 at byte 36 (scenarios are UTF-8 YAML or JSON)');
    // UTF-32's little-endian mark starts with UTF-16's: it was called UTF-16.
    const utf32le = new Uint8Array([0xff, 0xfe, 0, 0, ...[...'apiVersion: x'].flatMap((c) => [c.charCodeAt(0), 0, 0, 0])]);
    expect(format(parseScenarioBytes(utf32le, 'x.yaml'))).toBe('x.yaml not UTF-8: the file is UTF-32 (it starts with the byte-order mark FF FE 00 00); save it as UTF-8');
    expect(format(parseScenarioBytes(new Uint8Array([0, 0, 0xfe, 0xff, 0, 0, 0, 0x61]), 'x.yaml'))).toBe('x.yaml not UTF-8: the file is UTF-32 (it starts with the byte-order mark 00 00 FE FF); save it as UTF-8');
    expect(format(parseScenarioBytes(new TextEncoder().encode(BASE_YAML), 'x.yaml'))).toBe('ok');
  });

  it('a 50 MB file is refused before parsing, fast', () => {
    const big = `${BASE_YAML}#${'x'.repeat(50 * 1024 * 1024)}\n`;
    const start = performance.now();
    const out = report(big, 'big.yaml');
    const elapsedMs = performance.now() - start;
    expect(out).toMatchInlineSnapshot(`"big.yaml file is too large: at least 52,429,382 bytes (the limit is 1,048,576 bytes = 1 MiB; see docs/limits.md)"`);
    expect(elapsedMs).toBeLessThan(50);
  });

  it('a file just over the limit in bytes (multi-byte characters) is refused; one under is parsed', () => {
    const pad = (n: number) => `${BASE_YAML}# ${'é'.repeat(n)}\n`;
    const bytes = (s: string) => new TextEncoder().encode(s).length;
    const under = pad(Math.floor((MAX_FILE_BYTES - bytes(BASE_YAML) - 3) / 2));
    const over = pad(Math.ceil((MAX_FILE_BYTES - bytes(BASE_YAML)) / 2));
    expect(bytes(under)).toBeLessThanOrEqual(MAX_FILE_BYTES);
    expect(report(under)).toBe('ok');
    expect(bytes(over)).toBeGreaterThan(MAX_FILE_BYTES);
    expect(report(over)).toMatchInlineSnapshot(`"examples/bad.yaml file is too large: 1,048,579 bytes (the limit is 1,048,576 bytes = 1 MiB; see docs/limits.md)"`);
    expect(parseScenarioBytes(new Uint8Array(MAX_FILE_BYTES + 1), 'x.yaml').ok).toBe(false);
  });

  it('malformed YAML reports YAML’s own line and column', () => {
    expect(report(edit(['  name: bad\n', '  name: [bad\n']))).toMatchInlineSnapshot(`"examples/bad.yaml:5:1 YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]"`);
    expect(report('apiVersion: design-sim/v1\n\tkind: Scenario\n')).toMatchInlineSnapshot(`"examples/bad.yaml:2:1 YAML syntax error: Tabs are not allowed as indentation"`);
    // A tab inside a block mapping makes the parser trip three more times on the lines after it: the
    // first syntax error is the cause, the rest are echoes, so one line is reported.
    expect(report(edit(['      replicas: 4\n', '\t  replicas: 4\n']))).toMatchInlineSnapshot(`"examples/bad.yaml:11:1 YAML syntax error: Tabs are not allowed as indentation"`);
    // Duplicate keys are independent of each other: every one is reported.
    expect(report(edit(['  name: bad\n', '  name: bad\n  name: worse\n'], ['  duration: 30m\n', '  duration: 30m\n  duration: 1h\n'])).split('\n')).toHaveLength(2);
  });

  it('an alias bomb (billion laughs) is refused', () => {
    const lines = [BASE_YAML.trimEnd(), '  canvas:', '    a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const [name, prev] = [String.fromCharCode(97 + i), String.fromCharCode(96 + i)];
      lines.push(`    ${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    const start = performance.now();
    // Where the yaml library (Alias.resolve, eemeli/yaml v2.9.1) stops: an anchor's count starts at 1 and each alias
    // adds 1; the limit is crossed when count × the anchor's alias count exceeds 100. *a (alias count 1) reaches
    // 10 × 1; *b (alias count 10: a's count × 1) 10 × 10 = 100, not over; c's alias count is 10 × 10 = 100, so
    // the first *c makes 2 × 100 > 100. That is d's first item: line 31 (BASE_YAML's 26 lines, canvas, a, b, c),
    // column 12 ("    d: &d [" is 11 characters).
    expect(report(lines.join('\n'))).toBe('examples/bad.yaml:31:12 spec.canvas.d[0]: too many YAML alias expansions at *c (limit 100): refusing a possible "billion laughs" document');
    // Refused before expanding: 9^10 nodes would take minutes and gigabytes; a bound well above the few ms it takes
    // holds on a loaded machine too (500 ms failed once at load average 8).
    expect(performance.now() - start).toBeLessThan(5000);
  });

  it('an alias to an anchor that does not exist', () => {
    expect(report(edit(['  duration: 30m', '  duration: *d']))).toMatchInlineSnapshot(`"examples/bad.yaml:6:13 spec.duration: alias *d has no anchor &d before it"`);
  });

  it('a YAML merge key: one error at the key, not an unknown field and the fields it would have merged missing', () => {
    const merged = edit(['      latency: { distribution: lognormal, p50Ms: 80, p99Ms: 250 }\n', '      latency: &lat { distribution: lognormal, p50Ms: 80, p99Ms: 250 }\n      queue2: { <<: *lat }\n']);
    expect(report(merged)).toMatchInlineSnapshot(`"examples/bad.yaml:14:17 spec.services[0].queue2["<<"]: YAML merge keys ("<<") are not supported: write the fields out (an alias of a whole value, *name, works)"`);
    // Quoted, "<<" is a key like any other: the schema judges it (here queue2 itself is unknown).
    const quoted = report(merged.replace('<<:', '"<<":'));
    expect(quoted).not.toMatch(/merge keys/);
    expect(quoted).toMatch(/unknown field "queue2"/);
  });

  it('a CPU request finer than a millicore: Kubernetes schedules whole millicores (0.0001 ran as 1/10 of what a cluster takes)', () => {
    const cpu = (v: string) => report(edit(['      replicas: 4\n      concurrency: 4\n', `      replicas: 4\n      cpuPerReplica: ${v}\n      concurrency: 4\n`], ['gcp/us-central1/g2-standard-8', 'gcp/us-central1/n2-standard-8']));
    // 0.0001 × 1000 = 0.1 m, rounded up to 1 m; 1.0005 × 1000 = 1000.5 m, up to 1001 m.
    expect(cpu('0.0001')).toBe('examples/bad.yaml:12:22 spec.services[0].cpuPerReplica: Kubernetes counts a CPU request in whole millicores (kube-scheduler rounds up): 0.0001 CPUs is scheduled as 1m; give a multiple of 0.001, such as 0.001');
    expect(cpu('1.0005')).toMatch(/1\.0005 CPUs is scheduled as 1001m; give a multiple of 0\.001, such as 1\.001$/);
    // 1.1 is 1100.0000000000002 m as a float: a whole millicore, not a refusal.
    for (const ok of ['0.001', '1.1', '0.25', '0']) expect(cpu(ok), ok).toMatch(/^ok/);
  });

  it('duplicate keys', () => {
    expect(report(edit(['      replicas: 4\n', '      replicas: 4\n      replicas: 5\n']))).toMatchInlineSnapshot(`"examples/bad.yaml:12:7 spec.services[0].replicas: duplicate key "replicas": each key may appear once in a mapping"`);
  });

  it('more than one document in the file', () => {
    expect(report(`${BASE_YAML}---\n${BASE_YAML}`)).toMatchInlineSnapshot(`"examples/bad.yaml:27:1 the file holds more than one YAML document (---): put one scenario per file"`);
  });

  it('a JSON document is valid YAML and parses the same', () => {
    const yaml = parseOk(BASE_YAML).scenario;
    const json = JSON.stringify({
      apiVersion: 'design-sim/v1',
      kind: 'Scenario',
      metadata: { name: 'bad' },
      spec: {
        duration: '30m',
        traffic: { profile: { type: 'step', from: 100, to: 600, at: '5m' } },
        services: [
          {
            name: 'model',
            replicas: 4,
            concurrency: 4,
            latency: { distribution: 'lognormal', p50Ms: 80, p99Ms: 250 },
            queue: { maxLength: 64, timeout: '2s' },
            nodePool: 'l4',
            hpa: { maxReplicas: 40, metrics: [{ type: 'concurrency', target: 3 }] },
          },
        ],
        nodePools: [{ name: 'l4', instance: 'gcp/us-central1/g2-standard-8', maxNodes: 40 }],
        expect: ['latency.p99 < 2s'],
      },
    }, null, 2);
    expect(parseOk(json).scenario).toEqual(yaml);
    expect(report(json.replace('"replicas": 4', '"replicas": "4"'), 'bad.json')).toMatchInlineSnapshot(`"bad.json:20:21 spec.services[0].replicas: expected a number, got "4" (a string: remove the quotes)"`);
  });

  it('Windows line endings, a byte-order mark and tab-indented JSON are fine', () => {
    expect(report(BASE_YAML.replace(/\n/g, '\r\n'))).toBe('ok');
    expect(report(`\uFEFF${BASE_YAML}`)).toBe('ok');
    expect(report(edit(['      replicas: 4\n', '      replicas: 4\n      bogus: 1\n']).replace(/\n/g, '\r\n'))).toMatchInlineSnapshot(`"examples/bad.yaml:12:7 spec.services[0].bogus: unknown field "bogus" (allowed: name, replicas, gpusPerReplica, cpuPerReplica, concurrency, routing, latency, llm, batching, queue, startup, nodePool, hpa, keda, knative, cache, team, priorityClass, disruptionBudget, podAnnotations, terminationGracePeriod, calls, releaseDuringCalls, rateLimit)"`);
    const json = JSON.stringify({ apiVersion: 'design-sim/v1', kind: 'Scenario', metadata: { name: 't' }, spec: { training: { parameters: 1e9, tokens: 1e10, gpu: 'h100', gpus: 8, mfu: 0.3 } } }, null, '\t');
    expect(report(json)).toBe('ok');
  });

  it('a top-level list, a scalar, null', () => {
    expect(report('- apiVersion: design-sim/v1\n- kind: Scenario\n')).toMatchInlineSnapshot(`"examples/bad.yaml:1:1 expected a mapping with apiVersion, kind, metadata and spec at the top level, got a list"`);
    expect(report('design-sim/v1\n')).toMatchInlineSnapshot(`"examples/bad.yaml:1:1 expected a mapping with apiVersion, kind, metadata and spec at the top level, got a string"`);
    expect(report('~\n')).toMatchInlineSnapshot(`"examples/bad.yaml:1:1 expected a mapping with apiVersion, kind, metadata and spec at the top level, got an empty value"`);
  });

  it('wrong apiVersion or kind: suggest the right one and stop there', () => {
    expect(report(edit(['apiVersion: design-sim/v1', 'apiVersion: design-sim/v2']))).toMatchInlineSnapshot(`"examples/bad.yaml:1:13 apiVersion: expected "design-sim/v1", got "design-sim/v2" (did you mean "design-sim/v1"?)"`);
    expect(report(edit(['kind: Scenario', 'kind: scenario']))).toMatchInlineSnapshot(`"examples/bad.yaml:2:7 kind: expected "Scenario", got "scenario" (did you mean "Scenario"?)"`);
    expect(report('apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec: { replicas: 3 }\n')).toMatchInlineSnapshot(`
      "examples/bad.yaml:1:13 apiVersion: expected "design-sim/v1", got "apps/v1" (did you mean "design-sim/v1"?)
      examples/bad.yaml:2:7 kind: expected "Scenario", got "Deployment" (did you mean "Scenario"?)"
    `);
    expect(report('metadata: { name: x }\n')).toMatchInlineSnapshot(`
      "examples/bad.yaml:1:1 apiVersion: missing required field "apiVersion": expected "design-sim/v1"
      examples/bad.yaml:1:1 kind: missing required field "kind": expected "Scenario""
    `);
  });

  it('unknown fields: at the key, with a did-you-mean from the allowed keys', () => {
    expect(
      report(
        edit(
          ['      replicas: 4\n', '      replica: 4\n'],
          ['      concurrency: 4\n', '      concurency: 4\n      gpus_per_replica: 1\n'],
          ['      maxNodes: 40\n', '      maxNodes: 40\n      colour: red\n'],
          ['  duration: 30m\n', '  duration: 30m\n  Seed: 3\n'],
        ),
      ),
    ).toMatchInlineSnapshot(`
      "examples/bad.yaml:7:3 spec.Seed: unknown field "Seed" (did you mean "seed"?)
      examples/bad.yaml:12:7 spec.services[0].replica: unknown field "replica" (did you mean "replicas"?)
      examples/bad.yaml:13:7 spec.services[0].concurency: unknown field "concurency" (did you mean "concurrency"?)
      examples/bad.yaml:14:7 spec.services[0].gpus_per_replica: unknown field "gpus_per_replica" (did you mean "gpusPerReplica"?)
      examples/bad.yaml:27:7 spec.nodePools[0].colour: unknown field "colour" (allowed: name, instance, provisioner, minNodes, maxNodes, initialNodes, spotShare, purchase, provisioning, provisioningFailure, clusterAutoscaler, spot, karpenter, stockouts, rollouts, failures, zone, mig)"
    `);
  });

  it('free-form areas accept anything', () => {
    const text = `${BASE_YAML}  canvas:\n    nodes: { model: { x: 10, y: 20 } }\n`.replace('  name: bad\n', '  name: bad\n  annotations: { anything: [1, 2], goes: true }\n');
    expect(report(text)).toBe('ok');
  });

  it('wrong types', () => {
    expect(
      report(
        edit(
          ['      replicas: 4\n', '      replicas: "four"\n'],
          ['maxLength: 64', 'maxLength: true'],
          ['            target: 3', '            target: [3]'],
          ['      concurrency: 4\n', '      concurrency: "4"\n'],
          ['  nodePools:\n', '  cluster: gke\n  nodePools:\n'],
        ),
      ),
    ).toMatchInlineSnapshot(`
      "examples/bad.yaml:11:17 spec.services[0].replicas: expected a number, got "four"
      examples/bad.yaml:12:20 spec.services[0].concurrency: expected a number, got "4" (a string: remove the quotes)
      examples/bad.yaml:14:27 spec.services[0].queue.maxLength: expected a number, got true
      examples/bad.yaml:20:21 spec.services[0].hpa.metrics[0].target: expected a number, got a list
      examples/bad.yaml:21:12 spec.cluster: expected a mapping, got "gke""
    `);
  });

  it('negative, zero, NaN and infinite values', () => {
    expect(
      report(
        edit(
          ['      replicas: 4\n', '      replicas: -1\n'],
          ['p50Ms: 80', 'p50Ms: 0'],
          ['            target: 3', '            target: .nan'],
          ['      maxNodes: 40', '      maxNodes: .inf'],
          ['from: 100', 'from: -5'],
        ),
      ),
    ).toMatchInlineSnapshot(`
      "examples/bad.yaml:8:34 spec.traffic.profile.from: must be at least 0, got -5
      examples/bad.yaml:11:17 spec.services[0].replicas: must be at least 0, got -1
      examples/bad.yaml:13:50 spec.services[0].latency.p50Ms: must be greater than 0 ms, got 0
      examples/bad.yaml:20:21 spec.services[0].hpa.metrics[0].target: expected a number, got NaN
      examples/bad.yaml:24:17 spec.nodePools[0].maxNodes: expected a number, got Infinity"
    `);
  });

  it('absurd values hit the documented limits', () => {
    expect(report(edit(['to: 600', 'to: 1e12'], ['  duration: 30m', '  duration: 3650d']))).toMatchInlineSnapshot(`
      "examples/bad.yaml:6:13 spec.duration: must be at most 7d, got "3650d"
      examples/bad.yaml:8:43 spec.traffic.profile.to: must be at most 1,000,000, got 1,000,000,000,000"
    `);
    expect(report(edit(['{ type: step, from: 100, to: 600, at: 5m }', '{ type: constant, qps: 1e6 }'], ['  duration: 30m', '  duration: 7d']))).toMatchInlineSnapshot(`"examples/bad.yaml:8:14 spec.traffic.profile: expects 605,000,000,000 requests over 7d, above the limit of 1,000,000,000: lower the rate or shorten the run (docs/limits.md)"`);
    expect(report(edit(['      replicas: 4\n', '      replicas: 1000000\n'], ['  duration: 30m\n', '  duration: 30m\n  interval: 1ms\n']))).toMatchInlineSnapshot(`
      "examples/bad.yaml:7:13 spec.interval: must be at least 10ms, got "1ms"
      examples/bad.yaml:12:17 spec.services[0].replicas: must be at most 10,000, got 1,000,000"
    `);
    expect(report(edit(['  duration: 30m\n', '  duration: 7d\n  interval: 1s\n']))).toMatchInlineSnapshot(`"examples/bad.yaml:7:13 spec.interval: too fine: 7d / 1s is 604800 points per series (max 100000); use at least 6.05s"`);
  });

  it('a duration shorter than the finest interval (10 ms) is refused: 5e-324 s billed a fleet at $0.00/h and passed a cost line', () => {
    expect(report(edit(['  duration: 30m', '  duration: 5e-324']))).toMatchInlineSnapshot(`"examples/bad.yaml:6:13 spec.duration: must be at least 10ms, got 5e-324"`);
    expect(report(edit(['  duration: 30m', '  duration: 1e-9']))).toMatchInlineSnapshot(`"examples/bad.yaml:6:13 spec.duration: must be at least 10ms, got 1e-9"`);
    expect(report(edit(['  duration: 30m', '  duration: 10ms']))).toMatch(/^ok/);
  });

  it('a fleet where each service is legal but the sum would exhaust memory is refused at the largest', () => {
    const services = Array.from({ length: 6 }, (_, i) => `    - { name: s${i}, replicas: 10000, gpusPerReplica: 1, latency: { distribution: constant, ms: 5 }, nodePool: l4 }`).join('\n');
    const text = edit([BASE_YAML.slice(BASE_YAML.indexOf('  services:\n'), BASE_YAML.indexOf('  nodePools:')), `  services:\n${services}\n`], ['      maxNodes: 40', '      maxNodes: 10000']);
    expect(report(text)).toMatchInlineSnapshot(`"examples/bad.yaml:10:29 spec.services[0].replicas: the services may run 60,000 replicas in all (initial replicas or HPA maxReplicas, summed), above the limit of 50,000: each replica is simulated on its own (docs/limits.md)"`);
  });

  it('jobs whose pods are legal one by one but submit more than MAX_JOB_PODS in the run are refused at the largest', () => {
    // Fuzzed: 10,000 submissions every 1 s of a 10,000-pod job grew past 4 GB in a tenth of the run.
    const team = '  teams: [{ name: t }]\n  jobs:\n';
    const job = (name: string, count: number, every: string) => `    - { name: ${name}, team: t, nodePool: l4, pods: 10000, gpusPerPod: 1, duration: 1h, count: ${count}, every: ${every} }\n`;
    const huge = edit(['  nodePools:', `${team}${job('small', 2, '1m')}${job('big', 10000, '1s')}  nodePools:`]);
    expect(report(huge)).toMatchInlineSnapshot(`"examples/bad.yaml:24:92 spec.jobs[1].count: the jobs submit 18,030,000 pods in the run (pods × submissions before the horizon, summed; this one 18,010,000), above the limit of 1,000,000: each pod is scheduled on its own (docs/limits.md)"`);
    // Only submissions before the horizon (30m) count: 10,000 asked for every hour is one.
    expect(report(edit(['  nodePools:', `${team}${job('hourly', 10000, '1h')}  nodePools:`]))).not.toContain('pods in the run');
    // A job field refused on its own is that line alone: pods: 1e308 also gave "the jobs submit Infinity pods" at count.
    expect(report(edit(['  nodePools:', `${team}${job('big', 3, '1s').replace('pods: 10000', 'pods: 1e308')}  nodePools:`]))).toMatchInlineSnapshot(`"examples/bad.yaml:23:49 spec.jobs[0].pods: must be at most 10,000, got 1e308"`);
  });

  it('a comparison with a field refused on its own is not a second line (minNodes: 1e308 also gave "maxNodes: must be at least minNodes (1e+308)")', () => {
    expect(report(edit(['      maxNodes: 40\n', '      maxNodes: 40\n      minNodes: 1e308\n']))).toBe('examples/bad.yaml:25:17 spec.nodePools[0].minNodes: must be at most 10,000, got 1e308');
    expect(report(edit(['  duration: 30m\n', '  duration: 30m\n  warmup: 8d\n']))).toBe('examples/bad.yaml:7:11 spec.warmup: must be at most 7d, got "8d"');
    // A comparison of two legal values still says so.
    expect(report(edit(['      maxNodes: 40\n', '      maxNodes: 40\n      minNodes: 41\n']))).toBe('examples/bad.yaml:24:17 spec.nodePools[0].maxNodes: must be at least minNodes (41), got 40');
  });

  it('control loops run at least a second apart (a 1 ms HPA sync of a 2-hour run ran past 120 s at 2%)', () => {
    const text = edit(['        maxReplicas: 40\n', '        maxReplicas: 40\n        syncPeriod: 1ms\n'], ['          - type: concurrency\n', '          - type: concurrency\n            scrapeInterval: 999ms\n'], ['      maxNodes: 40\n', '      maxNodes: 40\n      clusterAutoscaler: { scanInterval: 0.5s }\n']);
    expect(report(text).split('\n')).toEqual([
      'examples/bad.yaml:18:21 spec.services[0].hpa.syncPeriod: must be at least 1s, got "1ms"',
      'examples/bad.yaml:21:29 spec.services[0].hpa.metrics[0].scrapeInterval: must be at least 1s, got "999ms"',
      'examples/bad.yaml:27:42 spec.nodePools[0].clusterAutoscaler.scanInterval: must be at least 1s, got "0.5s"',
    ]);
    expect(parseScenarioText(edit(['        maxReplicas: 40\n', '        maxReplicas: 40\n        syncPeriod: 1s\n']), 'ok.yaml').ok).toBe(true);
  });

  it('an unknown YAML tag is named at its place, not reported as quotes around a string', () => {
    // Found by the audit: `replicas: !foo 4` said 'expected a number, got "4" (a string: remove the quotes)'.
    expect(report(edit(['      replicas: 4\n', '      replicas: !foo 4\n']))).toMatchInlineSnapshot(`"examples/bad.yaml:11:17 spec.services[0].replicas: unknown YAML tag !foo: a scenario needs no tags; remove it"`);
    // YAML 1.1's known tags too: !!binary and !!timestamp were read as a byte array or a date, "got a mapping".
    expect(report(edit(['      replicas: 4\n', '      replicas: !!binary aGVsbG8=\n']))).toBe('examples/bad.yaml:11:17 spec.services[0].replicas: unknown YAML tag !!binary: a scenario needs no tags; remove it');
    expect(report(edit(['  duration: 30m\n', '  duration: !!timestamp 2001-12-14\n']))).toBe('examples/bad.yaml:6:13 spec.duration: unknown YAML tag !!timestamp: a scenario needs no tags; remove it');
    expect(report(edit(['      replicas: 4\n', "      replicas: !!js/function 'f'\n"]))).toMatchInlineSnapshot(`"examples/bad.yaml:11:17 spec.services[0].replicas: unknown YAML tag !!js/function: a scenario needs no tags; remove it"`);
  });

  it('names and values quoted from the file cannot steer the terminal: bidi overrides and escapes are shown as \\uXXXX', () => {
    // Found by the audit: an unknown callee's suggestion echoed a service name holding U+202E (right-to-left
    // override) raw, which reverses the rest of the line on screen (CVE-2021-42574, "Trojan Source").
    const text = edit(['    - name: model', '    - name: "mod\u202eel\u001b[2J"']);
    const out = report(text);
    expect(out).toContain('\\u202e');
    expect(out).toContain('\\u001b');
    expect(out).not.toMatch(/[\u202e\u001b]/);
  });

  it('says an empty call target is empty', () => {
    const text = edit(['    - name: model', '    - name: model\n      calls: [{ to: "" }]']);
    expect(report(text)).toContain('spec.services[0].calls[0].to: must not be empty, got ""');
  });

  it('writes invisible characters in a quoted name as escapes, so it does not look like the name it is not', () => {
    const text = edit(['    - name: model', '    - name: "mo\u200bdel"']);
    const out = report(text);
    expect(out).toContain('mo\\u200bdel');
    expect(out).not.toMatch(/\u200b/);
  });

  it('per-service series: points × services past the limit is refused at the interval, with the interval that fits', () => {
    // Found by the audit: 50 services at 10 ms over 1,000 s (100,000 points, legal per series) made a 106 MB
    // --json document and a 1.8 GB process. Each point of each service's series counts.
    const services = Array.from({ length: 20 }, (_, i) => `    - { name: s${i}, gpusPerReplica: 0, latency: { distribution: constant, ms: 5 }, nodePool: l4 }`).join('\n');
    const text = edit([BASE_YAML.slice(BASE_YAML.indexOf('  services:\n'), BASE_YAML.indexOf('  nodePools:')), `  services:\n${services}\n`], ['  duration: 30m\n', '  duration: 1000s\n  interval: 10ms\n']);
    expect(report(text)).toMatchInlineSnapshot(`"examples/bad.yaml:7:13 spec.interval: too fine for 20 services: 16m40s / 10ms is 100,000 points per series, 2,000,000 over the services' own series (max 1,000,000); use at least 20ms"`);
    // 20 services × 50,000 points is exactly the limit: accepted.
    expect(parseScenarioText(text.replace('interval: 10ms', 'interval: 20ms'), 'ok.yaml').ok).toBe(true);
  });

  it('per-pool series: points × node pools past the limit is refused at the interval, with the interval that fits', () => {
    // Each pool keeps its own ready and provisioning nodes at interval ends.
    const pools = Array.from({ length: 20 }, (_, i) => `    - { name: p${i}, instance: gcp/us-central1/g2-standard-8, maxNodes: 2 }`).join('\n');
    const text = edit([BASE_YAML.slice(BASE_YAML.indexOf('  nodePools:\n'), BASE_YAML.indexOf('  expect:')), `  nodePools:\n    - { name: l4, instance: gcp/us-central1/g2-standard-8, maxNodes: 40 }\n${pools}\n`], ['  duration: 30m\n', '  duration: 1000s\n  interval: 20ms\n']);
    expect(report(text)).toMatchInlineSnapshot(`"examples/bad.yaml:7:13 spec.interval: too fine for 21 node pools: 16m40s / 20ms is 50,000 points per series, 1,050,000 over the pools' own series (max 1,000,000); use at least 21ms"`);
    // 21 pools × 40,000 points (25 ms) is within the limit: accepted.
    expect(parseScenarioText(text.replace('interval: 20ms', 'interval: 25ms'), 'ok.yaml').ok).toBe(true);
  });

  it('large integers read grouped, bound and value alike ("must be at most 10000, got 2.147483647e9" before)', () => {
    // MAX_REPLICAS is 10,000 (limits.ts); 2^31 - 1 is the int32 a manifest's replicas can hold.
    expect(report(edit(['      replicas: 4\n', '      replicas: 2147483647\n']))).toBe('examples/bad.yaml:11:17 spec.services[0].replicas: must be at most 10,000, got 2,147,483,647');
    expect(report(edit(['        maxReplicas: 40\n', '        maxReplicas: 2147483647\n']))).toBe('examples/bad.yaml:17:22 spec.services[0].hpa.maxReplicas: must be at most 10,000, got 2,147,483,647');
    // The seed's bound is 2^32 - 1 (scenario-schema.ts): 4,294,967,295.
    expect(report(edit(['  duration: 30m\n', '  duration: 30m\n  seed: 99999999999\n']))).toBe('examples/bad.yaml:7:9 spec.seed: must be at most 4,294,967,295, got 99,999,999,999');
  });

  it('a typo copied into every service is one line with a count of the others, beside a different mistake (40 lines, capped at 50, before)', () => {
    const svc = (i: number) => `    - name: s${i}\n      replicas: 1\n      latency: { distribution: exponential, meanMs: 5 }\n      routng: random\n`;
    const text = edit(['  services:\n', `  services:\n${Array.from({ length: 40 }, (_, i) => svc(i)).join('')}`], ['      replicas: 4\n', '      replicas: abc\n']);
    // Forty services of four lines from line 10: the first routng at 13; the original service follows (replicas at 171).
    expect(report(text)).toBe([
      'examples/bad.yaml:13:7 spec.services[0].routng: unknown field "routng" (did you mean "routing"?) … and in 39 more services: spec.services[1], [2], [3], [4], [5] …',
      'examples/bad.yaml:171:17 spec.services[40].replicas: expected a number, got "abc"',
    ].join('\n'));
    // A misspelt latency also leaves the service without its required latency: one mistake, told at the typo only
    // (the services' missing nodePool, a different mistake, keeps its own line).
    const latncy = edit(['  services:\n', `  services:\n${Array.from({ length: 3 }, (_, i) => svc(i).replace('latency:', 'latncy:').replace('      routng: random\n', '')).join('')}`]);
    expect(report(latncy)).toBe([
      'examples/bad.yaml:10:7 spec.services[0].nodePool: missing required field "nodePool" (required when nodePools exist: one of l4) … and in 2 more services: spec.services[1], [2]',
      'examples/bad.yaml:12:7 spec.services[0].latncy: unknown field "latncy" (did you mean "latency"?) … and in 2 more services: spec.services[1], [2]',
    ].join('\n'));
  });

  it('a number past every bound gets one message, the tightest bound', () => {
    // .int() adds the safe-integer bound (9007199254740991) beside the schema's own 10000: one cause, one line.
    expect(report(edit(['      replicas: 4\n', '      replicas: 1e308\n']))).toMatchInlineSnapshot(`"examples/bad.yaml:11:17 spec.services[0].replicas: must be at most 10,000, got 1e308"`);
  });

  it('unparseable durations suggest the canonical spelling', () => {
    expect(
      report(
        edit(
          ['  duration: 30m', '  duration: 30 minutes'],
          ['timeout: 2s', 'timeout: 2 secs'],
          ['at: 5m', 'at: 5M'],
          ['p99Ms: 250', 'p99Ms: a while'],
        ),
      ),
    ).toMatchInlineSnapshot(`
      "examples/bad.yaml:6:13 spec.duration: expected a duration like 90s, 5m, 1h30m or a number of seconds, got "30 minutes" (did you mean "30m"?)
      examples/bad.yaml:8:52 spec.traffic.profile.at: expected a duration like 90s, 5m, 1h30m or a number of seconds, got "5M" (did you mean "5m"?)
      examples/bad.yaml:13:61 spec.services[0].latency.p99Ms: expected milliseconds (a number) or a duration like 50ms or 1.5s, got "a while"
      examples/bad.yaml:14:40 spec.services[0].queue.timeout: expected a duration like 90s, 5m, 1h30m or a number of seconds, got "2 secs" (did you mean "2s"?)"
    `);
  });

  it('enums, discriminators and names', () => {
    expect(
      report(
        edit(
          ['      concurrency: 4\n', '      concurrency: 4\n      routing: leastoutstanding\n'],
          ['distribution: lognormal', 'distribution: log-normal'],
          ['type: concurrency', 'type: qps'],
          ['  name: bad', '  name: My Scenario'],
        ),
      ),
    ).toMatchInlineSnapshot(`
      "examples/bad.yaml:4:9 metadata.name: expected lower-case letters, digits and dashes, starting and ending with a letter or digit ([a-z0-9-]+, a DNS label), got "My Scenario" (did you mean "my-scenario"?)
      examples/bad.yaml:13:16 spec.services[0].routing: expected one of least-outstanding | round-robin | random | shared-queue | prefix-aware, got "leastoutstanding" (did you mean "least-outstanding"?)
      examples/bad.yaml:14:32 spec.services[0].latency.distribution: expected one of constant | exponential | lognormal | empirical, got "log-normal" (did you mean "lognormal"?)
      examples/bad.yaml:20:19 spec.services[0].hpa.metrics[0].type: expected one of qpsPerReplica | concurrency | gpuUtilization | cpuUtilization | kvCacheUtilization | queueLength, got "qps" (did you mean "qpsPerReplica"?)"
    `);
    expect(report(edit(['{ type: step, from: 100, to: 600, at: 5m }', '{ from: 100, to: 600, at: 5m }']))).toMatchInlineSnapshot(`"examples/bad.yaml:8:5 spec.traffic.profile.type: missing required field "type" (one of constant | step | ramp | spike | diurnal | points)"`);
  });

  it('a name is a DNS label: a dash at either end is refused (export k8s wrote a Deployment "-model" kubectl refuses)', () => {
    expect(report(edit(['    - name: model', '    - name: -model'], ['    - name: l4', '    - name: l4-'], ['nodePool: l4', 'nodePool: l4-']))).toMatchInlineSnapshot(`
      "examples/bad.yaml:10:13 spec.services[0].name: expected lower-case letters, digits and dashes, starting and ending with a letter or digit ([a-z0-9-]+, a DNS label), got "-model" (did you mean "model"?)
      examples/bad.yaml:22:13 spec.nodePools[0].name: expected lower-case letters, digits and dashes, starting and ending with a letter or digit ([a-z0-9-]+, a DNS label), got "l4-" (did you mean "l4"?)"
    `);
    expect(report(edit(['    - name: model', '    - name: 9-a-9'])).startsWith('ok')).toBe(true);
  });

  it('missing required fields point at the enclosing key', () => {
    expect(report(edit(['      maxNodes: 40\n', ''], ['  name: bad\n', '  title: no name\n']))).toMatchInlineSnapshot(`
      "examples/bad.yaml:3:1 metadata.name: missing required field "name"
      examples/bad.yaml:22:7 spec.nodePools[0].maxNodes: missing required field "maxNodes""
    `);
  });

  it('unions: the branch the user was writing is the one reported', () => {
    const batching = '      batching: { maxBatchSize: 8, batchLatency: { baseMs: 5 } }\n';
    expect(report(edit(['      nodePool: l4\n', `      nodePool: l4\n${batching}`]))).toMatchInlineSnapshot(`"examples/bad.yaml:16:36 spec.services[0].batching.batchLatency.perItemMs: missing required field "perItemMs""`);
    expect(report(edit(['{ type: step, from: 100, to: 600, at: 5m }', '{ type: points, points: [[0, 100], [5m, lots], 7] }']))).toMatchInlineSnapshot(`
      "examples/bad.yaml:8:54 spec.traffic.profile.points[1][1]: expected a number like 1000, 7e9 or "7B", "1.5M", "10K", got "lots"
      examples/bad.yaml:8:61 spec.traffic.profile.points[2]: expected a list like [a, b] or a mapping, got 7"
    `);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const r = parseScenarioText(text, 'fuzz.yaml');
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
    // 300 parses take about 1 s in plain Node and 14–18 s under vitest (the YAML parser's error objects capture
    // source-mapped stacks); at load average 24 a clean-clone CI run needed 63 s, past the 60 s default.
  }, 240_000);

  it('never throws on random edits of a valid scenario', () => {
    fc.assert(
      fc.property(fc.nat(BASE_YAML.length), fc.nat(40), fc.string({ maxLength: 12 }), (at, cut, insert) => {
        const text = BASE_YAML.slice(0, at) + insert + BASE_YAML.slice(at + cut);
        const r = parseScenarioText(text, 'fuzz.yaml');
        if (!r.ok) {
          expect(r.issues.length).toBeGreaterThan(0);
          for (const i of r.issues) expect(i.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('absurd nesting', () => {
  it('reports a document nested thousands of levels deep as such, without throwing', () => {
    const text = `a: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    const r = parseScenarioText(text, 'deep.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.message).toMatch(/nests too deeply/);
  });

  it('names block nesting as such: a line of 10,000 "- " has no [ or {', () => {
    const text = `apiVersion: design-sim/v1\nkind: Scenario\nspec:\n  canvas:\n    ${'- '.repeat(10_000)}x\n`;
    const r = parseScenarioText(text, 'deep.yaml');
    expect(r.ok).toBe(false);
    // Refused by the scan before the parser, at the 257th "- " of line 5 (4 spaces of indentation, 3 levels above it).
    if (!r.ok) expect(formatIssue(r.issues[0]!)).toBe(`deep.yaml:5:${5 + 2 * (256 - 3)} the document nests too deeply to be a scenario: more than 256 levels of nested lists or mappings (see docs/limits.md)`);
  });

  it('refuses 200,000 levels before the YAML parser, at once, where the limit is crossed', () => {
    const text = `apiVersion: design-sim/v1\nkind: Scenario\nspec: ${'['.repeat(200_000)}${']'.repeat(200_000)}\n`;
    const start = performance.now();
    const r = parseScenarioText(text, 'deep.yaml');
    expect(performance.now() - start).toBeLessThan(500); // the parser took 2.6 s and 300 MB to overflow
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ line: 3, column: 7 + 256, message: expect.stringMatching(/more than 256 levels/) });
  });

  it('counts no brackets inside quoted strings or comments, so deep-looking text is accepted', () => {
    const noise = '['.repeat(300);
    const text = `apiVersion: design-sim/v1\nkind: Scenario # ${noise}\nmetadata: { name: x, title: "${noise}", description: '${noise} it''s' }\nspec: { training: { parameters: 1e9, tokens: 1e9, gpu: h100, gpus: 8, mfu: 0.4 } }\n`;
    const r = parseScenarioText(text, 'ok.yaml');
    if (!r.ok) expect(r.issues.map((i) => i.message)).not.toContainEqual(expect.stringMatching(/nests too deeply/));
  });

  it('suggests an ASCII name for an accented one', () => {
    const r = parseScenarioText('apiVersion: design-sim/v1\nkind: Scenario\nmetadata: { name: "Ünïcode Test" }\nspec: { training: { parameters: 1e9, tokens: 1e9, gpu: h100, gpus: 8, mfu: 0.4 } }\n', 'n.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.suggestion).toBe('unicode-test');
  });

  it('reports a mapping of 20,000 unknown keys in seconds, not minutes (locating and de-duplicating the issues was quadratic)', () => {
    // A fuzzed 700 KB file of 60,000 keys under metadata (under the 1 MiB limit) ran past 120 s; 8,000 keys took 25 s.
    const keys = Array.from({ length: 20_000 }, (_, i) => `  k${i}: 1\n`).join('');
    const text = BASE_YAML.replace('metadata:\n', `metadata:\n${keys}`);
    const start = performance.now();
    const r = parseScenarioText(text, 'wide.yaml');
    expect(performance.now() - start).toBeLessThan(30_000);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toHaveLength(51);
    expect(formatIssue(r.issues[0]!)).toBe('wide.yaml:4:3 metadata.k0: unknown field "k0" (allowed: name, title, description, prompt, source, tags, strongAnswer, notes, annotations)');
    expect(r.issues[50]!.message).toBe('… and 19,950 more issues');
  });

  it('names CR-only line endings instead of calling the file empty or a syntax error', () => {
    const text = `# a comment first\r${BASE_YAML.replace(/\n/g, '\r')}`;
    const r = parseScenarioText(text, 'mac.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map(formatIssue)).toEqual(['mac.yaml:1:18 lines end in a carriage return alone (CR, old Mac OS line endings), which the YAML reader does not split: save the file with LF or CRLF line endings']);
    // CRLF is fine, and so is a CR inside a quoted value of an LF file.
    expect(parseScenarioText(BASE_YAML.replace(/\n/g, '\r\n'), 'dos.yaml').ok).toBe(parseScenarioText(BASE_YAML, 'unix.yaml').ok);
  });
});
