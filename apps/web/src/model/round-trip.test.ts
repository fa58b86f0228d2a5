import { parseScenarioText } from '@design-sim/sim-core';
import { describe, expect, it } from 'vitest';
import { CONTENT_FILES } from './content-files.ts';
import { graphToScenario } from './graph-to-scenario.ts';
import { scenarioToGraph } from './scenario-to-graph.ts';
import { docToYaml, yamlToDoc } from './scenario-yaml.ts';

const files = Object.entries(CONTENT_FILES);

describe('canvas ↔ scenario round trip over content/', () => {
  it('finds the built-in library', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(Object.keys(CONTENT_FILES)).toContain('autoscaling-100-to-1000-qps.yaml');
  });

  it.each(files)('%s: document → graph → document is the identity', (_file, text) => {
    const parsed = yamlToDoc(text);
    if (!parsed.ok) throw new Error(parsed.message);
    const graph = scenarioToGraph(parsed.doc);
    // A scenario of static line items only (spec.costs) has nothing to draw; its bill is in the results.
    const spec = parsed.doc.spec as Record<string, unknown> | undefined;
    if (spec?.services !== undefined || spec?.training !== undefined) expect(graph.nodes.length).toBeGreaterThan(0);
    expect(graphToScenario(graph, parsed.doc)).toEqual(parsed.doc);
  });

  it.each(files)('%s: the exported YAML parses to the same scenario as the original file', (file, text) => {
    const original = parseScenarioText(text, file);
    const parsed = yamlToDoc(text);
    if (!parsed.ok) throw new Error(parsed.message);
    const exported = docToYaml(graphToScenario(scenarioToGraph(parsed.doc), parsed.doc));
    const again = parseScenarioText(exported, file);
    expect(again.ok).toBe(original.ok);
    if (original.ok && again.ok) expect(again.scenario).toEqual(original.scenario);
  });
});
