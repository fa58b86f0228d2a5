import { describe, expect, it } from 'vitest';
import { COLUMN_WIDTH, ROW_HEIGHT } from '../model/auto-layout.ts';
import { graphToScenario } from '../model/graph-to-scenario.ts';
import { graphWiring } from '../model/graph-wiring.ts';
import { renameComponent } from '../model/rename.ts';
import { scenarioToGraph } from '../model/scenario-to-graph.ts';

/** content/qwen3-moe-prefill-h100-decode-l40s.yaml's shape: prefill on pool h100, decode on pool l40s. */
const disaggregated = (decodePool = 'l40s') => ({
  apiVersion: 'design-sim/v1',
  kind: 'Scenario',
  metadata: { name: 'disagg' },
  spec: {
    traffic: { profile: { type: 'constant', qps: 20 } },
    services: [{ name: 'chat', nodePool: 'h100', gpusPerReplica: 1, llm: { model: 'qwen3-30b-a3b', disaggregated: { decode: { nodePool: decodePool, replicas: 6 } } } }],
    nodePools: [{ name: 'h100' }, { name: 'l40s' }],
  },
});

describe('a disaggregated service and its decode pool', () => {
  it('draws a read-only edge to the decode pool, which is not the service’s one output', () => {
    const graph = scenarioToGraph(disaggregated());
    const decode = graph.edges.find((e) => e.data?.decodePool === true)!;
    expect(decode).toMatchObject({ source: 'service:chat', target: 'pool:l40s', deletable: false, label: 'decode', data: { implicit: true } });
    // Its pool edge is still the h100 one: the service writes back nodePool h100 and leaves its decode pool alone.
    expect(graphWiring(graph).next.get('service:chat')?.id).toBe('pool:h100');
    expect(graphToScenario(graph, disaggregated())).toEqual(disaggregated());
  });

  it('places the decode pool beside its service, in the row under its prefill pool (it stood below the whole graph)', () => {
    const pos = (id: string) => scenarioToGraph(disaggregated()).nodes.find((n) => n.id === id)!.position;
    expect(pos('pool:l40s')).toEqual({ x: pos('pool:h100').x, y: pos('pool:h100').y + ROW_HEIGHT });
    expect(pos('pool:h100').x - pos('service:chat').x).toBe(COLUMN_WIDTH);
  });

  it('draws nothing more when the decode pool is the service’s own pool, or names no pool', () => {
    for (const pool of ['h100', 'nope']) expect(scenarioToGraph(disaggregated(pool)).edges.filter((e) => e.data?.decodePool === true)).toEqual([]);
  });

  it('follows a rename of the decode pool', () => {
    const renamed = renameComponent(disaggregated(), 'nodePool', 'l40s', 'decoders') as ReturnType<typeof disaggregated>;
    expect(renamed.spec.services[0]!.llm.disaggregated.decode.nodePool).toBe('decoders');
    expect(renamed.spec.services[0]!.nodePool).toBe('h100');
  });
});
