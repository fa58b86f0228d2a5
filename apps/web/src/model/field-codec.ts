/**
 * Text box ↔ document value. A box holds what the user typed; the document holds a number when
 * the text is a plain number and the text itself otherwise ("2h", "50ms", "10K", "50%"), so the
 * schema decides what is valid and reports it at the field, as it would for a file.
 */
import type { FieldInput } from './inspector-fields.ts';
import { formatClaimsText, parseClaimsText } from './claims-text.ts';
import { isObject } from './doc-path.ts';

/** The text a `model` box holds when the document has a model shape (an object) rather than a name. */
export const CUSTOM_MODEL_TEXT = 'custom shape';

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** A plain number for numeric text, else the trimmed text; empty text is undefined (the default). */
export function coerceScalar(text: string): string | number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  return NUMBER.test(t) ? Number(t) : t;
}

function show(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

const splitLines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

/** The document value for the text of a box of type `input`. */
export function parseFieldText(input: FieldInput, text: string): unknown {
  switch (input) {
    case 'text':
    case 'select':
    case 'model':
    case 'instance':
    case 'gpu':
      return text.trim() === '' ? undefined : text.trim();
    case 'checkbox':
      return text === 'true';
    case 'value':
      return coerceScalar(text);
    case 'lines': {
      const lines = splitLines(text);
      return lines.length === 0 ? undefined : lines;
    }
    case 'numbers': {
      const items = text.split(/[\s,]+/).filter((x) => x !== '');
      return items.length === 0 ? undefined : items.map((x) => coerceScalar(x));
    }
    case 'pairs': {
      const lines = splitLines(text);
      if (lines.length === 0) return undefined;
      return lines.map((l) => l.split(/[\s,]+/).filter((x) => x !== '').map((x) => coerceScalar(x)));
    }
    case 'claims':
      return parseClaimsText(text);
  }
}

/** The text a box of type `input` shows for a document value. */
export function formatFieldValue(input: FieldInput, value: unknown): string {
  switch (input) {
    case 'lines':
      return Array.isArray(value) ? value.map(show).join('\n') : show(value);
    case 'numbers':
      return Array.isArray(value) ? value.map(show).join(', ') : show(value);
    case 'pairs':
      return Array.isArray(value)
        ? value.map((p) => (Array.isArray(p) ? p.map(show).join(', ') : isObject(p) ? `${show(p.at)}, ${show(p.qps)}` : show(p))).join('\n')
        : show(value);
    case 'claims':
      return formatClaimsText(value);
    case 'checkbox':
      // Unset is '' (the control shows the schema's default).
      return value === undefined ? '' : value === false ? 'false' : 'true';
    case 'model':
      return isObject(value) ? CUSTOM_MODEL_TEXT : show(value);
    default:
      return show(value);
  }
}
