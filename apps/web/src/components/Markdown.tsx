/** Markdown from a scenario file, rendered and sanitised (markdown.ts); loaded lazily with its libraries. */
import { useMemo } from 'react';
import { markdownToSafeHtml } from '../model/markdown.ts';

/** Rendered, sanitised Markdown. */
export default function Markdown({ text, className }: { text: string; className?: string }) {
  const html = useMemo(() => markdownToSafeHtml(text), [text]);
  return <div className={`ds-markdown ${className ?? ''}`} dangerouslySetInnerHTML={{ __html: html }} />;
}
