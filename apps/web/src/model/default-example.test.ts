import { describe, expect, it } from 'vitest';
import { CONTENT_FILES } from './content-files.ts';
import { DEFAULT_EXAMPLE } from './default-example-file.ts';
import { DEFAULT_EXAMPLE_DOC } from './default-example-doc.ts';
import { DEFAULT_EXAMPLE_TEXT } from './default-example.ts';
import { yamlToDoc } from './scenario-yaml.ts';

describe('the default example chunk', () => {
  it('holds the library file DEFAULT_EXAMPLE names, as it is in the library', () => {
    expect(DEFAULT_EXAMPLE_TEXT).toBe(CONTENT_FILES[DEFAULT_EXAMPLE]);
  });

  it('holds, read at build time, the document yamlToDoc reads from that file', () => {
    const r = yamlToDoc(CONTENT_FILES[DEFAULT_EXAMPLE]!);
    expect(r.ok && r.doc).toStrictEqual(DEFAULT_EXAMPLE_DOC);
  });
});
