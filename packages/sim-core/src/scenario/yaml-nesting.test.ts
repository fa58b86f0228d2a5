import { describe, expect, it } from 'vitest';
import { MAX_BLOCK_NESTING, MAX_FLOW_NESTING } from './limits.ts';
import { blockNestingTooDeepAt, flowNestingTooDeepAt } from './yaml-nesting.ts';

describe('flowNestingTooDeepAt', () => {
  it('finds the bracket that crosses the limit, and none in quotes or comments', () => {
    expect(flowNestingTooDeepAt(`a: ${'['.repeat(MAX_FLOW_NESTING)}${']'.repeat(MAX_FLOW_NESTING)}`)).toBe(-1);
    expect(flowNestingTooDeepAt(`a: ${'['.repeat(MAX_FLOW_NESTING + 1)}`)).toBe(3 + MAX_FLOW_NESTING);
    expect(flowNestingTooDeepAt(`a: "${'['.repeat(1000)}" # ${'{'.repeat(1000)}\nb: '${'['.repeat(1000)} it''s'`)).toBe(-1);
  });
});

describe('blockNestingTooDeepAt', () => {
  it('counts compact entries on a line: with the line\'s own level, the 256th "- " is where the limit is crossed', () => {
    expect(blockNestingTooDeepAt(`${'- '.repeat(MAX_BLOCK_NESTING - 1)}x\n`)).toBe(-1);
    expect(blockNestingTooDeepAt(`${'- '.repeat(MAX_BLOCK_NESTING + 5)}x\n`)).toBe(2 * (MAX_BLOCK_NESTING - 1));
    expect(blockNestingTooDeepAt(`${'? '.repeat(MAX_BLOCK_NESTING + 5)}x\n`)).toBe(2 * (MAX_BLOCK_NESTING - 1));
  });

  it('counts a staircase of ever deeper indentation, and not indentation that returns', () => {
    const stairs = (n: number) => Array.from({ length: n }, (_, i) => `${' '.repeat(i)}k:\n`).join('');
    expect(blockNestingTooDeepAt(stairs(MAX_BLOCK_NESTING))).toBe(-1);
    // Line 257 (0-based 256) opens the 257th level: the scan points at its first character after the indentation.
    const deep = stairs(MAX_BLOCK_NESTING + 1);
    expect(blockNestingTooDeepAt(deep)).toBe(deep.lastIndexOf('k:'));
    // 10,000 lines at the same few indents are shallow however many there are.
    expect(blockNestingTooDeepAt('a:\n  - b: 1\n    c: 2\n'.repeat(10_000))).toBe(-1);
  });

  it('ignores blank and comment lines, and a dash that starts a word', () => {
    expect(blockNestingTooDeepAt(`a:\n\n   # ${'- '.repeat(1000)}\n  -x: ${'- '.repeat(1000)}\n`)).toBe(-1);
  });
});
