/**
 * The practice prompts of `content/practice/*.md`: each file is an interview question set with a
 * runnable model answer in the library (its first link to `../<file>.yaml`). Pure: file name → text in.
 */

/** One practice prompt file. */
export interface PracticePrompt {
  file: string;
  title: string;
  /** The numbered prompts of its "## Prompts" section, else its "**Prompt.**" paragraph, as plain text lines. */
  prompts: string[];
  /** The library scenario that answers it (content/<file>.yaml), or null when the file names none. */
  answerFile: string | null;
  markdown: string;
}

/** The prompts of `files` (file name → Markdown), sorted by title. */
export function practicePrompts(files: Readonly<Record<string, string>>): PracticePrompt[] {
  return Object.entries(files)
    .map(([file, markdown]) => {
      const heading = /^#\s+(.+)$/m.exec(markdown)?.[1] ?? file;
      const answer = /\]\(\.\.\/([\w.-]+\.ya?ml)\)/.exec(markdown)?.[1] ?? null;
      const section = /^##\s+Prompts\s*$([\s\S]*?)(?=^##\s|$(?![\s\S]))/m.exec(markdown)?.[1] ?? '';
      const numbered = section
        .split(/\n(?=\d+\.\s)/)
        .map((p) => p.replace(/\s+/g, ' ').replace(/\*\*/g, '').trim())
        .filter((p) => /^\d+\.\s/.test(p));
      // Files with one question write it as a paragraph: "**Prompt.** You have a cluster…".
      const paragraphs = markdown
        .split(/\n\s*\n/)
        .filter((p) => /^\*\*Prompts?\.\*\*/.test(p.trim()))
        .map((p) => p.replace(/^\s*\*\*Prompts?\.\*\*\s*/, '').replace(/\s+/g, ' ').trim());
      const prompts = numbered.length > 0 ? numbered : paragraphs;
      return { file, title: heading.replace(/^Practice:\s*/i, ''), prompts, answerFile: answer, markdown };
    })
    .sort((a, b) => a.title.localeCompare(b.title));
}
