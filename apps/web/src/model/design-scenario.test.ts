import { createSimApi } from '@design-sim/sim-core';
import { describe, expect, it } from 'vitest';
import { CONTENT_FILES } from './content-files.ts';
import { asWritten, cleanScenarioOf } from './design-scenario.ts';
import { validateDesignDoc } from './design-text.ts';
import { docToYaml, withoutCanvas, yamlToDoc } from './scenario-yaml.ts';
import { setIn } from './doc-path.ts';

const api = createSimApi();
const docOf = (text: string) => {
  const r = yamlToDoc(text);
  if (!r.ok) throw new Error(r.message);
  return withoutCanvas(r.doc);
};

describe('a design read as a scenario without its YAML (the workers’ fast path)', () => {
  it('writes values as YAML gives them back: no undefined keys, undefined list items as null', () => {
    const value = { a: 1, b: undefined, c: [1, undefined, { d: undefined, e: 'x' }] };
    expect(asWritten(value)).toStrictEqual({ a: 1, c: [1, null, { e: 'x' }] });
    const back = yamlToDoc(docToYaml(value));
    expect(back.ok && back.doc).toStrictEqual(asWritten(value));
  });

  it('reads most of the library without text (the comparison below is not vacuous)', () => {
    const clean = Object.values(CONTENT_FILES).filter((text) => cleanScenarioOf(docOf(text)) !== null);
    expect(clean.length).toBeGreaterThan(Object.keys(CONTENT_FILES).length / 2);
  });

  it.each(Object.entries(CONTENT_FILES))('%s: the same scenario as the text path when that path accepts it with no warning, else none', (file, text) => {
    const doc = docOf(text);
    const viaText = api.validate(docToYaml(doc), file);
    const fast = cleanScenarioOf(doc);
    if (viaText.ok && viaText.warnings.length === 0) expect(fast).toStrictEqual(viaText.scenario);
    else expect(fast).toBe(null);
  });

  it('leaves anything to report to the text path, which locates it in the exported file', () => {
    const doc = docOf(CONTENT_FILES['autoscaling-100-to-1000-qps.yaml']!);
    const bad = setIn(doc, ['spec', 'duration'], 'soon');
    expect(cleanScenarioOf(bad)).toBe(null);
    const r = validateDesignDoc(api, bad, 'x.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ file: 'x.yaml', path: 'spec.duration', line: expect.any(Number) });
    // A lossy decoder's replacement character: the text path refuses the file, so the fast path does not read it.
    expect(cleanScenarioOf(setIn(doc, ['metadata', 'name'], 'a\uFFFDb'))).toBe(null);
  });
});
