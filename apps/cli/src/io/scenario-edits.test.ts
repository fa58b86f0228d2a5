import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CliError } from '../cli-error.ts';
import { applyEdits, parseEditPath, parseEditValue, parseSetArgument, pathsOverlap } from './scenario-edits.ts';

const doc = `# comment kept
spec:
  seed: 1
  services:
    - name: a
      hpa: { maxReplicas: 4, metrics: [{ type: concurrency, target: 3 }] }
`;

describe('parseSetArgument', () => {
  it('parses full paths and YAML values', () => {
    expect(parseSetArgument('spec.services[0].replicas=10')).toEqual({ path: ['spec', 'services', 0, 'replicas'], value: 10, source: '--set spec.services[0].replicas=10' });
    expect(parseSetArgument('spec.duration=2h').value).toBe('2h');
    expect(parseSetArgument('spec.traffic.profile={type: constant, qps: 5}').value).toEqual({ type: 'constant', qps: 5 });
    expect(parseSetArgument('metadata.title=a=b').value).toBe('a=b');
  });

  it('expands shorthands', () => {
    expect(parseSetArgument('hpa.target=12').path).toEqual(['spec', 'services', 0, 'hpa', 'metrics', 0, 'target']);
    expect(parseEditPath('spotShare', '--vary')).toEqual(['spec', 'nodePools', 0, 'spotShare']);
  });

  it('rejects what it cannot read, naming the flag', () => {
    expect(() => parseSetArgument('spec.seed')).toThrow(/--set spec.seed: expected path=value/);
    expect(() => parseSetArgument('spec.seed=')).toThrow(/missing the value/);
    expect(() => parseSetArgument('spec..x=1')).toThrow(/cannot read the path/);
    expect(() => parseSetArgument('replica=1')).toThrow('--set: unknown path "replica" (did you mean "replicas"?): a path starts with spec. or metadata.');
    expect(() => parseSetArgument('x')).toThrow(CliError);
  });
});

describe('parseEditValue', () => {
  it('reads YAML scalars and keeps unparseable text', () => {
    expect(parseEditValue('12')).toBe(12);
    expect(parseEditValue('true')).toBe(true);
    expect(parseEditValue('50%')).toBe('50%');
    expect(parseEditValue('{a: ')).toBe('{a: ');
  });

  it('refuses a tagged value, naming the flag, instead of printing a Node warning and dropping the tag', () => {
    // A fuzzed `--set 'spec.duration=!custom x'` printed "(node:PID) [TAG_RESOLVE_FAILED] YAMLWarning …" on stderr.
    expect(() => parseSetArgument('spec.duration=!custom x')).toThrow(
      new CliError('--set spec.duration=!custom x: unknown YAML tag !custom in the value "!custom x": a scenario needs no tags; remove it'),
    );
    expect(() => parseEditValue('!!binary aGVsbG8=')).toThrow(new CliError('--set: unknown YAML tag !!binary in the value "!!binary aGVsbG8=": a scenario needs no tags; remove it'));
    expect(() => parseEditValue('!!js/function "x"', '--duration !!js/function "x"')).toThrow(
      new CliError('--duration !!js/function "x": unknown YAML tag !!js/function in the value "!!js/function "x"": a scenario needs no tags; remove it'),
    );
  });
  it('refuses a value nested past the file limits, quickly, instead of crashing the process', () => {
    // `--set 'x=[[[…'` 65,000 levels deep (an argument holds 128 KB) ended in V8's fatal "RegExpCompiler
    // Allocation failed - process out of memory" (exit 134, a native stack trace) after 3 s; 900 levels already did.
    const start = performance.now();
    expect(() => parseEditValue(`${'['.repeat(65_000)}${']'.repeat(65_000)}`, '--set x')).toThrow(new CliError('--set x: the value nests too deeply: more than 256 levels of [ or { (docs/limits.md)'));
    expect(() => parseEditValue(`${'- '.repeat(40_000)}x`, '--vary x')).toThrow(new CliError('--vary x: the value nests too deeply: more than 256 levels of nested lists or mappings (docs/limits.md)'));
    expect(performance.now() - start).toBeLessThan(1000);
    // The flag is echoed cut short, not whole.
    expect(() => parseEditValue('[[['.repeat(100), `--set x=${'[[['.repeat(100)}`)).toThrow(new CliError(`--set x=${'['.repeat(72)}… (308 characters): the value nests too deeply: more than 256 levels of [ or { (docs/limits.md)`));
    // 256 levels is a value like any other.
    expect(JSON.stringify(parseEditValue(`${'['.repeat(256)}${']'.repeat(256)}`))).toBe(`${'['.repeat(256)}${']'.repeat(256)}`);
  });

  it('refuses an alias bomb, and keeps an alias without its anchor as text', () => {
    const bomb = `{a: &a [x, x, x, x, x, x, x, x, x], b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a], c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b], d: [*c, *c, *c, *c, *c, *c, *c, *c, *c]}`;
    expect(() => parseEditValue(bomb, '--set x')).toThrow(new CliError('--set x: too many YAML alias expansions in the value (limit 100): refusing a possible "billion laughs" value'));
    expect(parseEditValue('*a')).toBe('*a');
  });
});

describe('applyEdits', () => {
  it('changes existing fields and adds a last field, keeping the rest', () => {
    const out = applyEdits(doc, [
      { path: ['spec', 'services', 0, 'hpa', 'metrics', 0, 'target'], value: 9, source: 's' },
      { path: ['spec', 'duration'], value: '1h', source: 'd' },
    ]);
    const parsed = parse(out ?? '') as { spec: { seed: number; duration: string; services: { hpa: { metrics: { target: number }[] } }[] } };
    expect(parsed.spec.services[0]?.hpa.metrics[0]?.target).toBe(9);
    expect(parsed.spec.duration).toBe('1h');
    expect(parsed.spec.seed).toBe(1);
    expect(out).toContain('# comment kept');
  });

  it('refuses to invent containers or pad lists', () => {
    const edit = (path: (string | number)[]) => () => applyEdits(doc, [{ path, value: 1, source: '--set x' }]);
    expect(edit(['spec', 'services', 3, 'replicas'])).toThrow('spec.services has 1 item, so [3] does not exist');
    expect(edit(['spec', 'services', 'a'])).toThrow('spec.services is a list');
    expect(edit(['spec', 'nodePools', 0, 'x'])).toThrow('this file has no spec.nodePools');
    expect(edit(['spec', 'seed', 'x'])).toThrow('spec.seed is a single value');
    expect(edit(['spec', 0])).toThrow('spec is a mapping, not a list');
  });

  it('keeps long flow lists on one line (a re-serialised file must not grow)', () => {
    const long = `spec:\n  seed: 1\n  samplesMs: [${Array.from({ length: 2000 }, (_, i) => i).join(', ')}]\n`;
    const out = applyEdits(long, [{ path: ['spec', 'seed'], value: 2, source: 's' }]) ?? '';
    expect(out.split('\n')).toHaveLength(4);
    expect(out.length).toBeLessThan(long.length * 1.01);
  });

  it('gives up on text that is not one YAML mapping', () => {
    expect(applyEdits('a: [', [])).toBeUndefined();
    expect(applyEdits('- 1', [])).toBeUndefined();
  });
});

describe('pathsOverlap', () => {
  it('is true when one path contains the other', () => {
    expect(pathsOverlap(['spec', 'seed'], ['spec', 'seed'])).toBe(true);
    expect(pathsOverlap(['spec', 'traffic'], ['spec', 'traffic', 'profile', 'qps'])).toBe(true);
    expect(pathsOverlap(['spec', 'seed'], ['spec', 'duration'])).toBe(false);
  });
});
