import { describe, expect, it } from 'vitest';
import { inlineCode } from './inline-code.ts';

describe('inlineCode', () => {
  it('fences with one more backtick than the longest run inside (CommonMark 0.31 §6.1)', () => {
    expect(inlineCode('s.yaml')).toBe('`s.yaml`');
    expect(inlineCode('a`b.yaml')).toBe('``a`b.yaml``');
    expect(inlineCode('a```b')).toBe('````a```b````');
  });

  it('pads a span that starts or ends with a backtick, which CommonMark strips one space of', () => {
    expect(inlineCode('`x')).toBe('`` `x ``');
    expect(inlineCode('x`')).toBe('`` x` ``');
  });

  it('escapes control characters and line breaks, so the span cannot end a Markdown line', () => {
    expect(inlineCode('a\u001b[31m\nb.yaml')).toBe('`a\\u001b[31m\\u000ab.yaml`');
  });
});
