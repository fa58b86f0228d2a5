/**
 * Plain text whose `backticked` words are Markdown code spans (schema descriptions, interview
 * prompts): the words shown as code, never the raw backticks. Text only, so nothing in it is HTML.
 */
export function CodeSpans({ text }: { text: string }) {
  return <>{text.split('`').map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))}</>;
}
