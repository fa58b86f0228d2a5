/**
 * The main thread's side of the Markdown worker: HTML for scenario Markdown, rendered in a worker
 * started on first use and kept (one small chunk: marked). The HTML still needs sanitising
 * (sanitize-html.ts) before it is shown. Without Worker (unit tests) it renders here.
 */
import { wrap, type Remote } from 'comlink';

interface MarkdownApi {
  markdownToHtml(text: string): string;
}

let remote: Remote<MarkdownApi> | null = null;

/** Unsanitised HTML for Markdown `text`. */
export async function renderMarkdown(text: string): Promise<string> {
  if (typeof Worker === 'undefined') return (await import('../model/markdown-html.ts')).markdownToHtml(text);
  remote ??= wrap<MarkdownApi>(new Worker(new URL('./markdown.worker.ts', import.meta.url), { type: 'module', name: 'design-sim-markdown' }));
  return remote.markdownToHtml(text);
}
