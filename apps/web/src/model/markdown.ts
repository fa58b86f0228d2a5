/**
 * Scenario text (prompt, notes) as sanitised HTML: `marked` renders the Markdown, DOMPurify removes
 * anything executable (scripts, event handlers, javascript: links). Files come from anyone (a
 * shared link, an import), so nothing reaches the page unsanitised. Links open in a new tab.
 */
import DOMPurify from 'dompurify';
import { Marked } from 'marked';

const marked = new Marked({ gfm: true, breaks: false, async: false });
// Links open in a new tab, set by the renderer (a DOMPurify hook would be global state).
marked.use({
  renderer: {
    link({ href, title, tokens }) {
      const body = this.parser.parseInline(tokens);
      const t = title ? ` title="${escapeAttr(title)}"` : '';
      return `<a href="${escapeAttr(href)}"${t} target="_blank" rel="noopener noreferrer">${body}</a>`;
    },
  },
});

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Sanitised HTML for Markdown `text` (no images: a file must not make the page fetch anything). */
export function markdownToSafeHtml(text: string): string {
  const html = marked.parse(text) as string;
  return DOMPurify.sanitize(html, { FORBID_TAGS: ['img', 'style', 'form', 'input', 'iframe', 'svg', 'math'], FORBID_ATTR: ['style'], ADD_ATTR: ['target'] });
}
