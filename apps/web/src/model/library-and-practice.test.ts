import { describe, expect, it } from 'vitest';
import { libraryEntries } from './content-library.ts';
import { CONTENT_FILES } from './content-files.ts';
import { practiceDoc, requirementLines } from './practice.ts';
import { yamlToDoc } from './scenario-yaml.ts';
import { validateDesign } from './validate-design.ts';

describe('the built-in library', () => {
  it('lists every content file with its title and prompt, tolerating broken files', () => {
    const entries = libraryEntries({ ...CONTENT_FILES, 'zz-broken.yaml': 'a: [' });
    expect(entries).toHaveLength(Object.keys(CONTENT_FILES).length + 1);
    const auto = entries.find((e) => e.file === 'autoscaling-100-to-1000-qps.yaml')!;
    expect(auto.prompt).toMatch(/^Design an autoscaling strategy/);
    expect(auto.kind).toBe('serving');
    expect(entries.at(-1)).toMatchObject({ file: 'zz-broken.yaml', name: 'zz-broken', prompt: null });
    expect(libraryEntries({})).toEqual([]);
  });
});

describe('practice mode', () => {
  const ref = yamlToDoc(CONTENT_FILES['autoscaling-100-to-1000-qps.yaml']!);
  if (!ref.ok) throw new Error(ref.message);

  it('keeps the question (prompt, traffic, requirements) and drops the answer', () => {
    const doc = practiceDoc(ref.doc);
    const spec = doc.spec as Record<string, unknown>;
    expect(Object.keys(spec).sort()).toEqual(['duration', 'expect', 'seed', 'traffic', 'warmup']);
    expect((doc.metadata as Record<string, unknown>).prompt).toMatch(/^Design an autoscaling/);
    // What a strong answer says comes along, for after the check.
    expect((doc.metadata as Record<string, unknown>).strongAnswer).toMatch(/^Size from service time/);
    expect(requirementLines(doc)).toEqual(['latency.p99 < 100ms', 'availability >= 99.9%', 'cost.hourly < 69.76']);
    // The blank design says what is missing instead of crashing.
    expect(validateDesign(doc, 'p.yaml').errors.map((e) => e.message)).toContain('traffic has no service to go to: add spec.services');
  });
});
