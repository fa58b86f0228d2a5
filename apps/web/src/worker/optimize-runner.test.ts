import { createSimApi, parseScenarioText, runSearch, seedEvaluationFromResult, summarizeSearch, buildSearchSpace, type EvaluateDesign, type Scenario } from '@design-sim/sim-core';
import { describe, expect, it } from 'vitest';
import type { PlainObject } from '../model/doc-path.ts';
import { docToYaml, withoutCanvas } from '../model/scenario-yaml.ts';
import { fakeWorkerFactory } from '../test-support/fake-worker.ts';
import { smallDoc } from '../test-support/fixtures.ts';
import { designDoc, startOptimize, type OptimizeProgress } from './optimize-runner.ts';

// 50 req/s of constant 50 ms work: 2.5 servers busy on average, so p99 < 100 ms needs a few more.
const doc: PlainObject = { ...smallDoc({ expect: ['latency.p99 < 100ms'] }), spec: { ...(smallDoc().spec as PlainObject), expect: ['latency.p99 < 100ms'], claims: undefined, canvas: { nodes: { 'service:model': { x: 1, y: 2 } } } } };
const scenario = (d: PlainObject): Scenario => {
  const r = parseScenarioText(docToYaml(withoutCanvas(d)), 'small.yaml');
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  return r.scenario;
};
const fleet = [{ label: 'replicas + nodes', paths: [['spec', 'services', 0, 'replicas'], ['spec', 'nodePools', 0, 'minNodes'], ['spec', 'nodePools', 0, 'maxNodes']], values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }];

describe('optimize in the browser', () => {
  it('gives exactly the answer of sim-core run in-process (the CLI path), with progress counted per run', async () => {
    const { create, started } = fakeWorkerFactory();
    const progress: OptimizeProgress[] = [];
    const job = startOptimize({ doc, scenario: scenario(doc), fileName: 'small.yaml', fields: fleet, minimize: 'cost.hourly', seeds: 3 }, create, 2, (p) => progress.push(p));
    const out = await job.outcome;
    if (out.kind !== 'done') throw new Error(`expected an answer, got ${JSON.stringify(out)}`);
    expect(started.length).toBe(2);
    expect(started.every((w) => w.terminated)).toBe(true);

    // The same search with an evaluator that runs sim-core directly, as the CLI's worker threads do.
    const space = buildSearchSpace(scenario(doc), fleet);
    const options = { seeds: [7, 8, 9], minimize: 'cost.hourly' };
    const api = createSimApi();
    const evaluate: EvaluateDesign = async (design, seed) => {
      const r = api.run(docToYaml(designDoc(withoutCanvas(doc), space, fleet, design)), 'small.yaml', { seed });
      if (!r.ok) throw new Error('invalid');
      return seedEvaluationFromResult(r.result);
    };
    const direct = summarizeSearch(space, options, await runSearch(space, options, evaluate));
    expect(out.result).toEqual(direct);

    const r = out.result;
    expect(r.feasible).toBe(true);
    expect(r.dimensions[0]!.search).toBe('bisect');
    expect(r.grid).toEqual({ designs: 10, runs: 30 });
    expect(r.evaluated.runs).toBeLessThan(r.grid.runs);
    const best = r.best!.values['spec.services[0].replicas'] as number;
    expect(r.best!.values).toEqual({ 'spec.services[0].replicas': best, 'spec.nodePools[0].minNodes': best, 'spec.nodePools[0].maxNodes': best });
    // Below 2.5 busy servers the queue grows without bound; 4 replicas give 105 ms on seed 7, 5 give 78 ms.
    expect(best).toBe(5);
    // 5 × g5.2xlarge at $1.212/h plus the EKS control plane at $0.10/h (packages/cost-model/data/catalog.json).
    expect(r.best!.objective).toBeCloseTo(5 * 1.212 + 0.1, 6);
    expect(r.best!.binding!.text).toBe('latency.p99 < 100ms');
    expect(r.best!.binding!.worst).toBeLessThan(100);
    expect(r.best!.neighbours[0]!.feasible).toBe(false);
    expect(r.best!.neighbours[0]!.bindingWorst).toBeGreaterThan(100);
    expect(progress[0]).toEqual({ runs: 0, gridRuns: 30, gridDesigns: 10 });
    expect(progress.at(-1)!.runs).toBe(r.evaluated.runs);
    expect(r.frontier!.points.length).toBeGreaterThan(1);
  });

  it('says when nothing in the range is feasible: the closest design and the expectation it fails', async () => {
    const { create } = fakeWorkerFactory();
    const small = [{ ...fleet[0]!, values: [1, 2] }];
    const out = await startOptimize({ doc, scenario: scenario(doc), fileName: 'small.yaml', fields: small, minimize: 'cost.hourly', seeds: 2 }, create, 1, () => undefined).outcome;
    if (out.kind !== 'done') throw new Error('expected an answer');
    expect(out.result.feasible).toBe(false);
    expect(out.result.best).toBeNull();
    expect(out.result.closest!.values['spec.services[0].replicas']).toBe(2);
    expect(out.result.closest!.expectations.find((e) => !e.pass)?.text).toBe('latency.p99 < 100ms');
  });

  it('cancels: every worker ends at once and the outcome says so', async () => {
    const { create, started } = fakeWorkerFactory();
    const job = startOptimize({ doc, scenario: scenario(doc), fileName: 'small.yaml', fields: fleet, minimize: 'cost.hourly', seeds: 3 }, create, 2, () => undefined);
    job.cancel();
    expect(await job.outcome).toEqual({ kind: 'cancelled' });
    expect(started.every((w) => w.terminated)).toBe(true);
  });

  it('refuses an unknown metric, bad seeds and a value the schema refuses, with a message', async () => {
    const { create } = fakeWorkerFactory();
    const req = { doc, scenario: scenario(doc), fileName: 'small.yaml', fields: fleet, minimize: 'cost.hourli', seeds: 3 };
    const bad = await startOptimize(req, create, 1, () => undefined).outcome;
    expect(bad.kind === 'invalid' && bad.message).toMatch(/unknown metric to minimize "cost.hourli" \(did you mean "cost.hourly"\?\)/);
    expect(await startOptimize({ ...req, minimize: 'cost.hourly', seeds: 0 }, create, 1, () => undefined).outcome).toEqual({ kind: 'invalid', message: 'Seeds: a whole number from 1 to 20' });
    const negative = [{ label: 'replicas', paths: [['spec', 'services', 0, 'replicas']], values: [-1, -2] }];
    const refused = await startOptimize({ ...req, minimize: 'cost.hourly', fields: negative }, create, 1, () => undefined).outcome;
    expect(refused.kind).toBe('invalid');
    expect(refused.kind === 'invalid' && refused.message).toMatch(/^replicas = -[12]: spec\.services\[0\]\.replicas: /);
  });
});
