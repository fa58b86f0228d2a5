/**
 * HTML from scenario Markdown made safe to show: DOMPurify removes anything executable (scripts,
 * event handlers, javascript: links) and images (a file must not make the page fetch anything).
 * Files come from anyone (a shared link, an import), so nothing reaches the page unsanitised.
 * Kept apart from marked (markdown-html.ts), which runs in a worker in the app.
 */
import DOMPurify from 'dompurify';

/** `html` without anything executable or fetched. */
export function sanitizeHtml(html: string): string {
  return DOMPurify.sanitize(html, { FORBID_TAGS: ['img', 'style', 'form', 'input', 'iframe', 'svg', 'math'], FORBID_ATTR: ['style'], ADD_ATTR: ['target'] });
}
