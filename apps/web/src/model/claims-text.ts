/**
 * The claims box's text ↔ `spec.claims`. One claim a line, as a reader would write it:
 *
 *   gpus.peak: 70
 *   replicas.max: 65 — "Peak (1000 QPS) -> HPA scales to 65 pods (65 GPUs)"
 *   availability: 99.9% (not modelled: regional failover is not in the spec)
 *
 * A seed's claim carries its source's words (`{ value, quote?, notModelled? }`, sim-core's
 * claims-schema.ts); they are shown as text, not as JSON. The round trip is lossless: a claim whose
 * readable line would not read back as the same value (an object with other fields, a quote with a
 * line break, the text "true") is shown as its JSON, which reads back as JSON.
 */
import { isObject } from './doc-path.ts';
import { coerceScalar } from './field-codec.ts';

const NOT_MODELLED = ' (not modelled: ';

/** A claim's value read from the text after `metric:`. */
function readValue(text: string): unknown {
  const t = text.trim();
  if (t === '') return null;
  // A value shown as JSON (see above), or one written so.
  if (t.startsWith('{') || t.startsWith('"') || t === 'true' || t === 'false') {
    try {
      return JSON.parse(t) as unknown;
    } catch {
      // Not JSON after all: the text goes to the schema, which says what is wrong with it.
    }
  }
  // `value — "quote" (not modelled: reason)`, each part optional but the value.
  let rest = t;
  let notModelled: string | undefined;
  if (rest.endsWith(')')) {
    const at = rest.indexOf(NOT_MODELLED.trimStart());
    if (at > 0) {
      notModelled = rest.slice(at + NOT_MODELLED.trimStart().length, -1).trim();
      rest = rest.slice(0, at).trim();
    }
  }
  let quote: string | undefined;
  const open = rest.indexOf('"');
  if (open > 0 && rest.endsWith('"') && rest.length - 1 > open) {
    quote = rest.slice(open + 1, -1);
    rest = rest.slice(0, open).trim().replace(/\s*[—–]$/, '');
  }
  const value = coerceScalar(rest) ?? null;
  if (quote === undefined && notModelled === undefined) return value;
  return { value, ...(quote === undefined ? {} : { quote }), ...(notModelled === undefined ? {} : { notModelled }) };
}

/** `metric: value` lines (blank lines skipped) as the `spec.claims` mapping; no line is undefined. */
export function parseClaimsText(text: string): Record<string, unknown> | undefined {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (lines.length === 0) return undefined;
  const out: Record<string, unknown> = {};
  for (const l of lines) {
    // A metric name has no colon; the value may (a quote often has one).
    const colon = l.indexOf(':');
    if (colon < 0) out[l] = null;
    else out[l.slice(0, colon).trim()] = readValue(l.slice(colon + 1));
  }
  return out;
}

function plain(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v);
}

/** The readable line of one claim (it may not read back: `claimLine` checks). */
function readableLine(metric: string, v: unknown): string {
  if (!isObject(v)) return `${metric}: ${plain(v)}`.trimEnd();
  const quote = typeof v.quote === 'string' ? ` — "${v.quote}"` : '';
  const why = typeof v.notModelled === 'string' ? `${NOT_MODELLED}${v.notModelled})` : '';
  return `${metric}: ${plain(v.value)}${quote}${why}`;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The line the box shows for one claim: readable when it reads back as `v`, else its JSON. */
function claimLine(metric: string, v: unknown): string {
  const line = readableLine(metric, v);
  if (!line.includes('\n') && same(parseClaimsText(line)?.[metric], v)) return line;
  return `${metric}: ${JSON.stringify(v)}`;
}

/** The box's text for a `spec.claims` mapping. */
export function formatClaimsText(claims: unknown): string {
  if (!isObject(claims)) return claims === undefined || claims === null ? '' : plain(claims);
  return Object.entries(claims)
    .map(([k, v]) => claimLine(k, v))
    .join('\n');
}
