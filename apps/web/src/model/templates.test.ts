import { createSimApi } from '@design-sim/sim-core';
import { describe, expect, it } from 'vitest';
import { docToYaml } from './scenario-yaml.ts';
import { TEMPLATES } from './templates.ts';

describe('New: templates', () => {
  it('the blank canvas validates as far as a blank design can: only "nothing to simulate"', () => {
    const r = createSimApi().validate(docToYaml(TEMPLATES[0]!.doc), 'blank.yaml');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues.map((i) => i.message)).toEqual(['nothing to simulate: add services (with traffic and duration), training or costs']);
  });

  it.each(TEMPLATES.slice(1).map((t) => [t.id, t] as const))('%s is healthy: it meets every expectation on seeds 1, 2 and 3', (_id, t) => {
    const api = createSimApi();
    for (const seed of [1, 2, 3]) {
      const r = api.run(docToYaml(t.doc), `${t.id}.yaml`, { seed });
      if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
      expect(r.result.expectations.length).toBeGreaterThan(0);
      expect(r.result.expectations.filter((e) => !e.pass).map((e) => `${e.text}: ${e.actual}`)).toEqual([]);
      expect(r.result.pass).toBe(true);
    }
  });
});
