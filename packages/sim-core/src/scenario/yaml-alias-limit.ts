/**
 * YAML → JS with the alias-expansion limit (MAX_YAML_ALIASES, "billion laughs"), saying where it was crossed. The
 * yaml library throws "Excessive alias count …" with no position; every reader of YAML (scenarios, manifests, a
 * scenario in a ConfigMap) reports the alias whose expansion crossed the limit, at its line and column.
 */
import { visit, type Alias, type Document } from 'yaml';
import { MAX_YAML_ALIASES } from './limits.ts';

/** The alias expansion that crossed MAX_YAML_ALIASES: its name and its offset in the text (undefined if unknown). */
export class AliasLimitError extends Error {
  constructor(
    readonly source: string | undefined,
    readonly offset: number | undefined,
  ) {
    super(`too many YAML alias expansions${source === undefined ? '' : ` at *${source}`} (limit ${MAX_YAML_ALIASES}): refusing a possible "billion laughs" document`);
  }
}

/**
 * `doc.toJS()` within MAX_YAML_ALIASES; throws AliasLimitError past it (other errors as the library throws them).
 * Each alias's conversion is tracked on this document's nodes, so the error names the innermost alias being
 * expanded when the library's count (Alias.resolve: the anchor's uses × its own alias count) went over.
 */
export function toJSWithAliasLimit(doc: Document): unknown {
  const expanding: Alias[] = [];
  visit(doc, {
    Alias(_key, node) {
      const convert = node.toJSON.bind(node);
      // An own property on this document's node only; the stack keeps its top when a conversion throws.
      node.toJSON = (arg, ctx) => {
        expanding.push(node);
        const out = convert(arg, ctx);
        expanding.pop();
        return out;
      };
    },
  });
  try {
    return doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (e) {
    if (!(e instanceof Error) || !/excessive alias count/i.test(e.message)) throw e;
    const alias = expanding[expanding.length - 1];
    throw new AliasLimitError(alias?.source, alias?.range?.[0]);
  }
}
