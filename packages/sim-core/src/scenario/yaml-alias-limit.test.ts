import { LineCounter, parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { AliasLimitError, toJSWithAliasLimit } from './yaml-alias-limit.ts';

/** Ten levels of nine aliases each: 9^10 nodes if expanded. */
function bomb(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
  return lines.join('\n');
}

describe('toJSWithAliasLimit', () => {
  it('names the alias whose expansion crossed the limit, at its offset', () => {
    const lineCounter = new LineCounter();
    const doc = parseDocument(bomb(), { lineCounter });
    let err: unknown;
    try {
      toJSWithAliasLimit(doc);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AliasLimitError);
    const { source, offset, message } = err as AliasLimitError;
    // The yaml library's count (Alias.resolve, eemeli/yaml v2.9.1): an anchor's uses (from 1) × its alias count
    // must stay ≤ 100. *a: 10 × 1; *b: 10 × 10 = 100; c's alias count is b's 10 × 10 = 100, so d's first *c
    // makes 2 × 100: line 4 ("d: &d [" is 7 characters), column 8.
    expect(source).toBe('c');
    expect(lineCounter.linePos(offset!)).toEqual({ line: 4, col: 8 });
    expect(message).toBe('too many YAML alias expansions at *c (limit 100): refusing a possible "billion laughs" document');
  });

  it('converts a document within the limit as toJS does, aliases and all', () => {
    expect(toJSWithAliasLimit(parseDocument('base: &b { x: 1 }\nuse: [*b, *b]'))).toEqual({ base: { x: 1 }, use: [{ x: 1 }, { x: 1 }] });
  });

  it('leaves other errors to the caller: an alias with no anchor', () => {
    expect(() => toJSWithAliasLimit(parseDocument('a: *nowhere'))).toThrow(/Unresolved alias/);
  });
});
