/**
 * Every example of docs/cli.md is run, and its output must be the doc's: users copy the commands and
 * compare, so a stale figure is a defect.
 *
 * The convention (stated for readers at the top of docs/cli.md):
 * - A fenced block with a line starting `$ ` is an example block. Each `$ design-sim …` line is one
 *   command; the lines after it, up to the next command, are what it prints: stdout, then stderr (the
 *   order is the streams', not their interleaving on a terminal), then an optional `[exit N]`, its exit
 *   code (0 when absent). Blank lines at the end of an output are not compared, nor trailing spaces.
 * - A line that is `…`, alone or followed by a space and a remark (`… (the rest of the file)`), stands
 *   for lines left out: it matches any run of lines, none included.
 * - `<!-- example: not run (why) -->` right before a block skips it (a shell loop, a file the doc does
 *   not show). Every other example block holds only `$ design-sim` commands with plain arguments.
 * Commands run in-process from a temporary folder holding `examples/` and `content/` (links to the
 * repository's), so relative paths read and write as from the repository root without touching it, and
 * no temporary path appears in an output. The context has no terminal (runInProcess: no colour, no
 * progress bar) and a frozen clock (no progress line, however slow the machine); the only dates printed
 * are the catalog's. So no output needs normalising: a volatile part would be a defect of this test.
 *
 * `UPDATE_DOCS=1 npx vitest run src/format/docs-examples.test.ts` rewrites the outputs that leave
 * nothing out with what the CLI prints now; outputs with `…` are for a person to edit.
 */
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../testing/test-context.ts';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const DOC = join(ROOT, 'docs/cli.md');
const update = process.env.UPDATE_DOCS === '1';

/** One `$ design-sim …` command of a doc block with the output the doc shows for it. */
interface DocExample {
  /** 1-based line of the command in the doc. */
  line: number;
  command: string;
  argv: string[];
  /** Output lines, `[exit N]` and trailing blank lines removed. */
  expected: string[];
  exit: number;
  /** Lines (0-based, end exclusive) of the doc from the output to its `[exit N]`, for UPDATE_DOCS. */
  outputStart: number;
  outputEnd: number;
}

interface DocBlock {
  line: number;
  /** Why the block is not run, from its `<!-- example: not run (…) -->` marker. */
  skip?: string;
  examples: DocExample[];
}

const SKIP = /^<!-- example: not run \((.+)\) -->$/;
const EXIT = /^\[exit (\d+)\]$/;
const ELISION = /^\s*…( .*)?$/;

/** The example blocks of a Markdown text. */
function docBlocks(text: string): DocBlock[] {
  const lines = text.split('\n');
  const blocks: DocBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})/.exec(lines[i]!);
    if (!open) continue;
    const fence = open[1]!;
    let end = i + 1;
    while (end < lines.length && lines[end] !== fence) end++;
    const body = { start: i + 1, end };
    i = end;
    if (!lines.slice(body.start, body.end).some((l) => l.startsWith('$ '))) continue;
    let before = body.start - 2;
    while (before >= 0 && lines[before]!.trim() === '') before--;
    const skip = SKIP.exec(lines[before] ?? '')?.[1];
    const block: DocBlock = { line: body.start, ...(skip === undefined ? {} : { skip }), examples: [] };
    blocks.push(block);
    if (skip !== undefined) continue;
    if (!lines[body.start]!.startsWith('$ ')) throw new Error(`cli.md:${body.start + 1}: an example block starts with its command`);
    for (let c = body.start; c < body.end; ) {
      const command = lines[c]!.slice(2);
      let next = c + 1;
      while (next < body.end && !lines[next]!.startsWith('$ ')) next++;
      let last = next - 1;
      while (last > c && lines[last]!.trim() === '') last--;
      const exitMatch = EXIT.exec(lines[last]!);
      let outEnd = exitMatch ? last : last + 1;
      while (outEnd > c + 1 && lines[outEnd - 1]!.trim() === '') outEnd--;
      block.examples.push({
        line: c + 1,
        command,
        argv: designSimArgs(command, c + 1),
        expected: lines.slice(c + 1, outEnd).map((l) => l.trimEnd()),
        exit: exitMatch ? Number(exitMatch[1]) : 0,
        outputStart: c + 1,
        outputEnd: last + 1,
      });
      c = next;
    }
  }
  return blocks;
}

/** The arguments of `design-sim …` as a POSIX shell splits them; anything beyond plain words is refused. */
function designSimArgs(command: string, line: number): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < command.length; i++) {
    const ch = command[i]!;
    if (ch === ' ' || ch === '\t') {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (ch === "'") {
      const close = command.indexOf("'", i + 1);
      if (close < 0) throw new Error(`cli.md:${line}: unclosed quote`);
      word = (word ?? '') + command.slice(i + 1, close);
      i = close;
    } else if (ch === '"' || ch === '\\' || '|&;<>()$`*?[]{}#~!'.includes(ch)) {
      // Double quotes, escapes, globs and shell syntax have rules this reader does not repeat.
      throw new Error(`cli.md:${line}: "${ch}" in a command: write plain words and single quotes, or mark the block <!-- example: not run (…) -->`);
    } else {
      word = (word ?? '') + ch;
    }
  }
  if (word !== undefined) words.push(word);
  if (words[0] !== 'design-sim') throw new Error(`cli.md:${line}: an example command starts with design-sim`);
  return words.slice(1);
}

/** Whether `actual` is `expected`, where an elision line of `expected` matches any run of lines. */
function matchesWithElisions(expected: readonly string[], actual: readonly string[]): boolean {
  const memo = new Map<number, boolean>();
  const go = (e: number, a: number): boolean => {
    const key = e * (actual.length + 1) + a;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (e === expected.length) result = a === actual.length;
    else if (ELISION.test(expected[e]!)) result = go(e + 1, a) || (a < actual.length && go(e, a + 1));
    else result = a < actual.length && expected[e] === actual[a] && go(e + 1, a + 1);
    memo.set(key, result);
    return result;
  };
  return go(0, 0);
}

/** Output as the doc shows it: stdout then stderr, trailing spaces and trailing blank lines dropped. */
function outputLines(stdout: string, stderr: string): string[] {
  const lines = (stdout + stderr).split('\n').map((l) => l.trimEnd());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

const text = readFileSync(DOC, 'utf8');
const blocks = docBlocks(text);
const cwd = mkdtempSync(join(tmpdir(), 'design-sim-doc-examples-'));
for (const dir of ['examples', 'content']) symlinkSync(join(ROOT, dir), join(cwd, dir), 'dir');
const replacements: { start: number; end: number; lines: string[] }[] = [];
afterAll(() => {
  rmSync(cwd, { recursive: true, force: true });
  if (!update || replacements.length === 0) return;
  const lines = text.split('\n');
  for (const r of replacements.sort((x, y) => y.start - x.start)) lines.splice(r.start, r.end - r.start, ...r.lines);
  writeFileSync(DOC, lines.join('\n'));
});

describe('docs/cli.md examples', () => {
  it('the reader of examples', () => {
    expect(designSimArgs(`design-sim run a.yaml --set 'spec.expect=["p99 < 2s"]'`, 1)).toEqual(['run', 'a.yaml', '--set', 'spec.expect=["p99 < 2s"]']);
    expect(() => designSimArgs('design-sim run a.yaml > out.json', 1)).toThrow(/not run/);
    expect(matchesWithElisions(['a', '…', 'd'], ['a', 'b', 'c', 'd'])).toBe(true);
    expect(matchesWithElisions(['a', '  … (the rest)', 'd'], ['a', 'd'])).toBe(true);
    expect(matchesWithElisions(['a', '…', 'd'], ['a', 'b', 'c'])).toBe(false);
    expect(matchesWithElisions(['a', 'b'], ['a', 'b', 'c'])).toBe(false);
  });

  it('every skipped block says why, and most blocks run', () => {
    for (const b of blocks.filter((x) => x.skip !== undefined)) expect(b.skip!.length, `cli.md:${b.line}`).toBeGreaterThan(10);
    expect(blocks.filter((b) => b.skip === undefined).length).toBeGreaterThan(blocks.length / 2);
  });

  for (const example of blocks.flatMap((b) => b.examples)) {
    it(`cli.md:${example.line} design-sim ${example.command.slice('design-sim '.length)}`, async () => {
      const r = await runInProcess(example.argv, { cwd });
      const actual = outputLines(r.stdout, r.stderr);
      const same = matchesWithElisions(example.expected, actual) && r.code === example.exit;
      if (!same && update && !example.expected.some((l) => ELISION.test(l))) {
        replacements.push({ start: example.outputStart, end: example.outputEnd, lines: [...actual, `[exit ${r.code}]`] });
        return;
      }
      expect(same, `printed:\n${actual.join('\n')}\n[exit ${r.code}]`).toBe(true);
    });
  }
});
