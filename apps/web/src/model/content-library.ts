/**
 * The library listing: title, prompt and tags of each built-in scenario, read from its metadata.
 * Files that do not parse are listed with their error rather than hidden.
 */
import { asObject, isObject } from './doc-path.ts';
import { yamlToDoc } from './scenario-yaml.ts';


/** One built-in scenario. */
export interface LibraryEntry {
  file: string;
  name: string;
  title: string;
  prompt: string | null;
  tags: string[];
  kind: 'serving' | 'training' | 'both';
  text: string;
}

/** Library entries of `files` (file name → text), sorted by file name. */
export function libraryEntries(files: Readonly<Record<string, string>>): LibraryEntry[] {
  return Object.entries(files)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([file, text]) => {
      const parsed = yamlToDoc(text);
      const doc = parsed.ok ? parsed.doc : {};
      const meta = asObject(doc.metadata);
      const spec = asObject(doc.spec);
      const serving = Array.isArray(spec.services) && spec.services.length > 0;
      const training = isObject(spec.training);
      const str = (v: unknown) => (typeof v === 'string' ? v : null);
      return {
        file,
        name: str(meta.name) ?? file.replace(/\.ya?ml$/, ''),
        title: str(meta.title) ?? str(meta.name) ?? file,
        prompt: str(meta.prompt),
        tags: Array.isArray(meta.tags) ? meta.tags.filter((t): t is string => typeof t === 'string') : [],
        kind: serving && training ? 'both' : training ? 'training' : 'serving',
        text,
      };
    });
}
