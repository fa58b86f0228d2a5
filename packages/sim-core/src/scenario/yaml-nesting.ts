/**
 * Scans of YAML text for absurd nesting, run before the YAML parser: the parser recurses per level, so a
 * deep enough document costs seconds and hundreds of MB before it overflows its stack (200,000 levels of
 * `[` in a 400 KB file: 2.6 s and 300 MB; 4 million in a 16 MiB manifest ran past a minute; 4 million
 * `- ` took 60 s and 2.2 GB). Every text design-sim parses as YAML goes through them: scenario files,
 * manifests, `--set` and `--vary` values, the scenario a design-sim ConfigMap carries.
 */
import { MAX_BLOCK_NESTING, MAX_FLOW_NESTING } from './limits.ts';

/** Characters after which a quote opens a quoted scalar (elsewhere, as in `it's`, it is plain text). */
const QUOTE_OPENS_AFTER = /[\s[{,:]/;

/**
 * Where flow collections (`[`, `{`) first nest deeper than MAX_FLOW_NESTING, or -1: one pass over the text that
 * skips quoted strings and comments. Brackets in a plain or block scalar count too, which can only refuse a
 * document with hundreds of unbalanced brackets in its text; no scenario or manifest has them.
 */
export function flowNestingTooDeepAt(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x5b /* [ */ || ch === 0x7b /* { */) {
      if (++depth > MAX_FLOW_NESTING) return i;
    } else if (ch === 0x5d /* ] */ || ch === 0x7d /* } */) {
      if (depth > 0) depth--;
    } else if (ch === 0x22 /* " */ && (i === 0 || QUOTE_OPENS_AFTER.test(text[i - 1]!))) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c /* \ */) i++;
    } else if (ch === 0x27 /* ' */ && (i === 0 || QUOTE_OPENS_AFTER.test(text[i - 1]!))) {
      // '' is an escaped quote.
      for (i++; i < text.length; i++) if (text.charCodeAt(i) === 0x27 && text.charCodeAt(++i) !== 0x27) break;
      i--;
    } else if (ch === 0x23 /* # */ && (i === 0 || /\s/.test(text[i - 1]!))) {
      while (i < text.length && text.charCodeAt(i) !== 0x0a) i++;
    }
  }
  return -1;
}

/**
 * Where block collections first nest deeper than MAX_BLOCK_NESTING, or -1. A line's block depth is at most the
 * number of indentations open above it (a stack of the indents of the lines before, popped to the line's own)
 * plus the compact entries it opens on itself (`- - - x`, `? ? x`): a line of 10,000 `- ` has no
 * `[` or `{`, and neither has a staircase of ever deeper indentation. An upper bound, so a block scalar's
 * text indented ever deeper over hundreds of lines would count too; no scenario or manifest has one.
 */
export function blockNestingTooDeepAt(text: string): number {
  const indents: number[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let i = start;
    while (i < end && text.charCodeAt(i) === 0x20) i++;
    const blank = i === end || text.charCodeAt(i) === 0x23 /* # */ || text.charCodeAt(i) === 0x0d;
    if (!blank) {
      const indent = i - start;
      while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
      indents.push(indent);
      let depth = indents.length;
      // Compact entries on the line: an indicator followed by a space, repeated (`- - -`, `? - `).
      for (;;) {
        const c = text.charCodeAt(i);
        if ((c === 0x2d /* - */ || c === 0x3f /* ? */ || c === 0x3a /* : */) && (text.charCodeAt(i + 1) === 0x20 || i + 1 === end)) {
          if (++depth > MAX_BLOCK_NESTING) return i;
          i += 2;
          while (i < end && text.charCodeAt(i) === 0x20) i++;
        } else break;
      }
      if (depth > MAX_BLOCK_NESTING) return start + indent;
    }
    start = end + 1;
  }
  return -1;
}
