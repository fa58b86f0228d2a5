/**
 * Scenario text (prompt, notes) as sanitised HTML in one call: marked (markdown-html.ts) then
 * DOMPurify (sanitize-html.ts). The app does the two steps apart (marked in a worker,
 * components/Markdown.tsx); this is the same pipeline in one place, for tests.
 */
import { markdownToHtml } from './markdown-html.ts';
import { sanitizeHtml } from './sanitize-html.ts';

/** Sanitised HTML for Markdown `text`. */
export function markdownToSafeHtml(text: string): string {
  return sanitizeHtml(markdownToHtml(text));
}
