import { describe, expect, it } from 'vitest';
import { CONTENT_FILES } from './content-files.ts';
import { libraryEntries } from './content-library.ts';
import { DEFAULT_EXAMPLE } from './default-example-file.ts';
import { asObject } from './doc-path.ts';
import { docToYaml, yamlToDoc } from './scenario-yaml.ts';
import { LIBRARY_MARKER, resolvePayload, sharePayload } from './share-reference.ts';
import { encodeShareHash } from './share-url.ts';

const library = libraryEntries(CONTENT_FILES);
const example = () => {
  const r = yamlToDoc(CONTENT_FILES[DEFAULT_EXAMPLE]!);
  if (!r.ok) throw new Error(r.message);
  return r.doc;
};

describe('share links by reference to the library', () => {
  it('a library design unchanged is named, and opens as the file', () => {
    const payload = sharePayload(example(), library);
    expect(payload).toEqual({ text: null, libraryFile: DEFAULT_EXAMPLE });
    expect(resolvePayload(payload, CONTENT_FILES)).toEqual({ ok: true, text: CONTENT_FILES[DEFAULT_EXAMPLE] });
  });

  it('an edited library design leaves its prompt and notes to the library, and comes back with the same YAML', async () => {
    const doc = example();
    const spec = asObject(doc.spec);
    const edited = { ...doc, spec: { ...spec, duration: '2h' } };
    const payload = sharePayload(edited, library);
    expect(payload.libraryFile).toBe(DEFAULT_EXAMPLE);
    expect(payload.text).toContain(LIBRARY_MARKER);
    expect(payload.text).not.toContain(String(asObject(doc.metadata).prompt).slice(0, 40));
    const back = resolvePayload(payload, CONTENT_FILES);
    expect(back).toEqual({ ok: true, text: docToYaml(edited) });
    // Shorter than the whole YAML compressed.
    const byRef = await encodeShareHash(payload);
    const whole = await encodeShareHash({ text: docToYaml(edited), libraryFile: null });
    expect(byRef.length).toBeLessThan(whole.length * 0.8);
  });

  it('a design of its own is sent whole; a reference this version lacks is refused with a reason', () => {
    const doc = { ...example(), metadata: { name: 'mine', title: 'Mine' } };
    expect(sharePayload(doc, library)).toEqual({ text: docToYaml(doc), libraryFile: null });
    expect(resolvePayload({ text: null, libraryFile: 'gone.yaml' }, CONTENT_FILES)).toEqual({ ok: false, message: expect.stringContaining('gone.yaml') });
  });
});
