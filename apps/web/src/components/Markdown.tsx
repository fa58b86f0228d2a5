/**
 * Markdown from a scenario file, rendered in a worker (markdown-client.ts: marked's first parse would
 * block the main thread) and sanitised here (sanitize-html.ts); loaded lazily with DOMPurify. Until the
 * HTML arrives the text shows as it is written.
 */
import { useEffect, useState } from 'react';
import { sanitizeHtml } from '../model/sanitize-html.ts';
import { renderMarkdown } from '../worker/markdown-client.ts';

/** Rendered, sanitised Markdown. */
export default function Markdown({ text, className }: { text: string; className?: string }) {
  const [html, setHtml] = useState<{ text: string; html: string } | null>(null);
  useEffect(() => {
    let live = true;
    void renderMarkdown(text).then(
      (raw) => live && setHtml({ text, html: sanitizeHtml(raw) }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [text]);
  if (html === null || html.text !== text) return <div className={`ds-markdown ds-markdown--raw ${className ?? ''}`}>{text}</div>;
  return <div className={`ds-markdown ${className ?? ''}`} dangerouslySetInnerHTML={{ __html: html.html }} />;
}
