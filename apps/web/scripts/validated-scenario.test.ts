import { describe, expect, it } from 'vitest';
import { CONTENT_FILES } from '../src/model/content-files.ts';
import { DEFAULT_EXAMPLE } from '../src/model/default-example-file.ts';
import { DEFAULT_EXAMPLE_SCENARIO } from '../src/model/default-example-scenario.ts';
import { docToYaml, yamlToDoc } from '../src/model/scenario-yaml.ts';
import { smallDoc } from '../src/test-support/fixtures.ts';
import { validatedScenario } from './validated-scenario.ts';

/** A document and its YAML text, as the build reads a file. */
function file(doc: Record<string, unknown>): [unknown, string] {
  const text = docToYaml(doc);
  const r = yamlToDoc(text);
  if (!r.ok) throw new Error(r.message);
  return [r.doc, text];
}

describe('the build-time check behind ?scenario (example-scenario-plugin.ts)', () => {
  it('gives the default example as the scenario the worker parses from the document the page opens, which the build shipped', () => {
    const text = CONTENT_FILES[DEFAULT_EXAMPLE]!;
    const r = yamlToDoc(text);
    const v = validatedScenario(r.ok ? r.doc : null, text, DEFAULT_EXAMPLE);
    expect(v.ok && v.scenario).toStrictEqual(DEFAULT_EXAMPLE_SCENARIO);
  });

  it('refuses an invalid design with the issue located in its file', () => {
    const doc = smallDoc();
    const [d, text] = file({ ...doc, spec: { ...(doc.spec as object), services: [{ name: 'model', replicas: -2, latency: { distribution: 'constant', ms: 50 }, nodePool: 'gpu' }] } });
    const v = validatedScenario(d, text, 'bad.yaml');
    expect(v.ok).toBe(false);
    const line = text.split('\n').findIndex((l) => l.includes('replicas: -2')) + 1;
    expect(!v.ok && v.message).toMatch(new RegExp(`^bad\\.yaml:${line}:\\d+ spec\\.services\\[0\\]\\.replicas: `));
  });

  it('refuses a design that validates with warnings (the engine-only path runs only designs without any)', () => {
    const doc = smallDoc();
    const spec = doc.spec as Record<string, unknown>;
    const [d, text] = file({ ...doc, spec: { ...spec, services: [{ name: 'model', replicas: 20, hpa: { minReplicas: 1, maxReplicas: 4, metrics: [{ type: 'concurrency', target: 4 }] }, latency: { distribution: 'constant', ms: 50 }, nodePool: 'gpu' }] } });
    const v = validatedScenario(d, text, 'warned.yaml');
    expect(!v.ok && v.message).toMatch(/with warnings.*\n.*warned\.yaml:\d+:\d+ spec\.services\[0\]\.replicas: 20 is outside hpa \[1, 4\]/);
  });

  it('refuses what is not a mapping', () => {
    expect(validatedScenario('text', 'text', 'x.yaml').ok).toBe(false);
  });
});
