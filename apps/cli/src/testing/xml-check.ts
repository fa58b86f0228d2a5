/**
 * A tiny XML well-formedness check for the SVG tests: balanced tags, quoted attributes, no stray `<`
 * or `&`. Not a parser; enough to catch an unescaped title or an unclosed element.
 */
export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(body); m !== null; m = tag.exec(body)) {
    const text = body.slice(last, m.index);
    if (/[<>]/.test(text)) problems.push(`stray angle bracket near ${JSON.stringify(text.slice(0, 40))}`);
    if (/&(?!(amp|lt|gt|quot|apos|#\d+);)/.test(text)) problems.push(`unescaped & in ${JSON.stringify(text.slice(0, 40))}`);
    last = tag.lastIndex;
    const [, close, name = '', , selfClose] = m;
    if (selfClose) continue;
    if (close) {
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open ?? 'nothing'}>`);
    } else stack.push(name);
  }
  if (/[<>]/.test(body.slice(last))) problems.push('stray markup after the last tag');
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(', ')}`);
  return problems;
}

/** Number of elements named `name`. */
export function countTags(xml: string, name: string): number {
  return (xml.match(new RegExp(`<${name}[\\s>/]`, 'g')) ?? []).length;
}
