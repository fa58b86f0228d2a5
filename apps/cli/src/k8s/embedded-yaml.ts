/**
 * The YAML documents a design-sim ConfigMap carries as strings (`data["scenario.yaml"]`, `data["node-groups.yaml"]`),
 * read with the limits of a file: a hand-edited or hostile ConfigMap with a syntax error, an alias bomb or absurd
 * nesting in that string ended `import k8s` in "internal error: …" with the library's multi-line excerpt. Now it
 * is one line naming the file, the object, the key and the line and column within the string.
 */
import { blockNestingTooDeepAt, flowNestingTooDeepAt, MAX_BLOCK_NESTING, MAX_FLOW_NESTING, toJSWithAliasLimit, AliasLimitError } from '@design-sim/sim-core';
import { LineCounter, parseDocument } from 'yaml';
import { CliError } from '../cli-error.ts';

/** `text` parsed as one YAML document; `where` names it in errors (`team.yaml ConfigMap/x data["scenario.yaml"]`). */
export function parseEmbeddedYaml(text: string, where: string): unknown {
  const lines = new LineCounter();
  const at = (offset: number) => {
    const p = lines.linePos(offset);
    return `line ${p.line}, column ${p.col}`;
  };
  const flow = flowNestingTooDeepAt(text);
  const block = flow >= 0 ? -1 : blockNestingTooDeepAt(text);
  if (flow >= 0 || block >= 0) {
    // The line counter fills as the parser reads; count lines by hand for text it never reads.
    const offset = Math.max(flow, block);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const what = flow >= 0 ? `${MAX_FLOW_NESTING} levels of [ or {` : `${MAX_BLOCK_NESTING} levels of nested lists or mappings`;
    throw new CliError(`${where}: at line ${line}, column ${offset - before.lastIndexOf('\n')}: the document nests too deeply: more than ${what} (docs/limits.md)`);
  }
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, version: '1.2' });
  const error = doc.errors[0];
  if (error !== undefined) throw new CliError(`${where}: at ${at(error.pos[0])}: YAML syntax error: ${error.message.split('\n')[0] ?? ''}`);
  try {
    return toJSWithAliasLimit(doc);
  } catch (e) {
    if (e instanceof AliasLimitError) throw new CliError(`${where}: ${e.offset === undefined ? '' : `at ${at(e.offset)}: `}${e.message}`);
    const msg = e instanceof Error ? e.message : String(e);
    throw new CliError(`${where}: YAML error: ${msg}`);
  }
}
