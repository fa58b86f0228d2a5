/**
 * Scenario Markdown as HTML, unsanitised (`marked` only, no DOM): it runs in a small worker
 * (worker/markdown.worker.ts), because marked's first parse compiles its rules (76 ms for a
 * 177-character prompt in Chromium, far more on a loaded machine) and would block the main thread
 * just as the first results arrive. The main thread sanitises the HTML (sanitize-html.ts). Links open
 * in a new tab.
 */
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

/** HTML for Markdown `text`, NOT yet safe to show: pass it through `sanitizeHtml` (sanitize-html.ts). */
export function markdownToHtml(text: string): string {
  return marked.parse(text) as string;
}
