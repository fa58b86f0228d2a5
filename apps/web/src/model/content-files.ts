/**
 * The built-in library: every `content/*.yaml` of the repository and the practice prompts of
 * `content/practice/*.md`, bundled as text at build time (one lazily loaded chunk). Any number of files is fine, including none.
 */
const files = import.meta.glob('../../../../content/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

/** File name (`autoscaling-100-to-1000-qps.yaml`) → YAML text. */
export const CONTENT_FILES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(files).map(([path, text]) => [path.slice(path.lastIndexOf('/') + 1), text]),
);

const practice = import.meta.glob('../../../../content/practice/*.md', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

/** File name (`gke-control-plane-fee.md`) → Markdown of content/practice/: interview prompts with a model answer in the library. */
export const PRACTICE_FILES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(practice).map(([path, text]) => [path.slice(path.lastIndexOf('/') + 1), text]),
);
