import { describe, expect, it } from 'vitest';
import { smallDoc } from '../test-support/fixtures.ts';
import { docToYaml, withoutCanvas, yamlToDoc } from './scenario-yaml.ts';

describe('scenario YAML', () => {
  it('writes leaf maps and scalar lists inline, top-level blocks and sentences in block style', () => {
    const text = docToYaml({ ...smallDoc(), metadata: { name: 'small', tags: ['a', 'b'] } });
    expect(text).toContain('      latency: {distribution: constant, ms: 50}\n');
    expect(text).toContain('  tags: [a, b]\n');
    expect(text).toContain('  expect:\n    - latency.p99 < 100ms\n');
    expect(text).toContain('  services:\n    - name: model\n');
  });

  it('reads back what it writes', () => {
    const r = yamlToDoc(docToYaml(smallDoc()));
    expect(r.ok && r.doc).toEqual(smallDoc());
  });

  it('reports YAML errors and non-mapping documents', () => {
    expect(yamlToDoc('a: [1, 2').ok).toBe(false);
    expect(yamlToDoc('- 1\n- 2\n')).toEqual({ ok: false, message: expect.stringContaining('mapping') });
    expect(yamlToDoc('a: 1\na: 2\n').ok).toBe(false);
  });

  it('drops only spec.canvas for the simulator', () => {
    const doc = { ...smallDoc(), spec: { ...(smallDoc().spec as object), canvas: { nodes: { traffic: { x: 1, y: 2 } } } } };
    expect(withoutCanvas(doc)).toEqual(smallDoc());
  });
});
