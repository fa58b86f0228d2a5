/** A Markdown code span that holds any text, file names included, without ending early or running into the next line. */
import { printableName } from '@design-sim/sim-core';

/**
 * `text` as a CommonMark code span: fenced by one more backtick than its longest run of backticks, with a
 * space inside the fence when it starts or ends with one (CommonMark 0.31 §6.1 strips one such space), and
 * its unprintable characters and line breaks escaped (printableName): a file named "a`b.yaml" closed a
 * single-backtick span early and left the rest as Markdown of its own.
 */
export function inlineCode(text: string): string {
  const shown = printableName(text);
  const longest = Math.max(0, ...(shown.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = shown.startsWith('`') || shown.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${shown}${pad}${fence}`;
}
