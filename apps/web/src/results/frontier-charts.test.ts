import { describe, expect, it } from 'vitest';
import { llmDoc, runDoc, smallDoc } from '../test-support/fixtures.ts';
import type { PlainObject } from '../model/doc-path.ts';
import { buildCharts } from './chart-model.ts';

/** llmDoc with its llm block and traffic changed. */
function llmWith(llm: PlainObject, traffic?: PlainObject): PlainObject {
  const doc = llmDoc({ expect: [] });
  const spec = doc.spec as PlainObject;
  const svc = (spec.services as PlainObject[])[0]!;
  svc.llm = { ...(svc.llm as PlainObject), ...llm };
  if (traffic) spec.traffic = traffic;
  return doc;
}

describe('charts of the LLM and graph features', () => {
  it('charts the prefix-cache hit rate in percent: the share of prompt tokens read from the cache per interval', () => {
    const r = runDoc(llmWith({ inputTokens: 100, prefix: { templates: [{ tokens: 1000, share: 1 }] }, prefixCaching: true }));
    const chart = buildCharts(r, null).find((c) => c.id === 'prefix')!;
    expect(chart.unit).toBe('%');
    const hit = Array.from(chart.series[0]!.values);
    // One template of 1,000 tokens before 100 of the request's own: once cached, 1000 / 1100 of each prompt.
    expect(Math.max(...hit)).toBeGreaterThan(85);
    expect(Math.max(...hit)).toBeLessThanOrEqual(100);
    const run = r.summary!.llm!.prefixCache!;
    expect(run).not.toBeNull();
    // No prefix block: no hit-rate chart.
    expect(buildCharts(runDoc(llmDoc({ expect: [] })), null).some((c) => c.id === 'prefix')).toBe(false);
  });

  it('draws a closed loop’s users beside the requests in flight', () => {
    const r = runDoc(llmWith({}, { arrivals: 'closed', users: 8, thinkTime: '1s' }));
    const backlog = buildCharts(r, null).find((c) => c.id === 'backlog')!;
    const users = backlog.series.find((s) => s.key === 'users')!;
    expect(Math.max(...Array.from(users.values))).toBe(8);
    // An open loop has no users line.
    expect(buildCharts(runDoc(smallDoc()), null).find((c) => c.id === 'backlog')!.series.some((s) => s.key === 'users')).toBe(false);
  });

  it('gives each service of a graph its utilization line, in percent', () => {
    const doc = smallDoc();
    const spec = doc.spec as PlainObject;
    const services = spec.services as PlainObject[];
    const front = services[0]!;
    services.push({ ...front, name: 'db', hpa: undefined, replicas: 2 });
    front.calls = [{ to: 'db' }];
    const r = runDoc(doc);
    const chart = buildCharts(r, null).find((c) => c.id === 'services')!;
    expect(chart.series.map((s) => s.label)).toEqual([front.name, 'db']);
    const db = r.services!.db!.timeseries.utilization;
    Array.from(db).forEach((v, i) => expect(chart.series[1]!.values[i]).toBeCloseTo(v * 100, 9));
    expect(Array.from(db).some((v) => v > 0)).toBe(true);
    // One service: no per-service chart (the fleet charts are that service's).
    expect(buildCharts(runDoc(smallDoc()), null).some((c) => c.id === 'services')).toBe(false);
  });

  it("draws each pool's own ready nodes when there are several pools (the fleet chart shows their sum)", () => {
    const doc = smallDoc();
    const spec = doc.spec as PlainObject;
    const services = spec.services as PlainObject[];
    services.push({ name: 'db', replicas: 2, cpuPerReplica: 1, latency: { distribution: 'constant', ms: 5 }, nodePool: 'cpu' });
    services[0]!.calls = [{ to: 'db' }];
    (spec.nodePools as PlainObject[]).push({ name: 'cpu', instance: 'aws/us-east-1/m6i.xlarge', minNodes: 1, maxNodes: 2 });
    const r = runDoc(doc);
    const chart = buildCharts(r, null).find((c) => c.id === 'pools')!;
    expect([chart.unit, chart.series.map((s) => s.label)]).toEqual(['nodes', ['gpu', 'cpu']]);
    const fleet = r.timeseries!.readyNodes;
    Array.from(fleet).forEach((n, i) => expect(chart.series[0]!.values[i]! + chart.series[1]!.values[i]!).toBe(n));
    expect(Math.max(...Array.from(chart.series[0]!.values))).toBe(6);
    // One pool: no per-pool chart.
    expect(buildCharts(runDoc(smallDoc()), null).some((c) => c.id === 'pools')).toBe(false);
  });
});
