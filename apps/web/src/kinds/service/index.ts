/** The service (an LLM, a model on GPUs, or a CPU service such as a database): replicas serving requests, with its latency model, queue, batching and autoscalers. */
import { asArray, asObject, setIn, type PlainObject } from '../../model/doc-path.ts';
import { freshName } from '../../model/fresh-name.ts';
import { listIds } from '../../model/node-ids.ts';
import type { ComponentKindModule } from '../kind-module.ts';
import { listEntryCopy, renameCanvasId, renameField } from '../list-entry.ts';
import { renameDecodePool } from '../pool-edge.ts';
import { renameCallers } from './service-calls.ts';
import { serviceGraph } from './service-graph.ts';
import { serviceLabel } from './service-label.ts';
import { SERVICE_SECTIONS } from './service-sections.ts';
import { serviceStatus } from './service-status.ts';
import { serviceSummary } from './service-summary.ts';

export const serviceKind: ComponentKindModule = {
  kind: 'service',
  // The palette adds a service on 1 GPU (the schema's default): a model service; its node is named by its settings.
  label: 'Model service',
  nodeLabel: serviceLabel,
  glyph: '▣',
  description: 'Replicas, latency, batching, queue, HPA',
  phrase: 'a model service',
  // Not green: the stripe is the kind's colour, and the pass green (--good) on a service that fails read as healthy.
  accent: '#3e4784',
  single: false,
  column: { order: 3, always: true },
  feeds: ['nodePool', 'service'],
  callsOwnKind: true,
  yamlBox: true,
  add: (doc) => {
    const spec = asObject(doc.spec);
    const services = asArray(spec.services);
    const pools = asArray(spec.nodePools);
    // Healthy with the default traffic (100 req/s): 7 replicas × 20 req/s (50 ms each) = 140 req/s, 71% busy.
    const svc: PlainObject = { name: freshName('model', services), replicas: 7, latency: { distribution: 'constant', ms: 50 } };
    const firstPool = asObject(pools[0]).name;
    if (typeof firstPool === 'string') svc.nodePool = firstPool;
    let out = setIn(doc, ['spec', 'services'], [...services, svc]);
    if (spec.duration === undefined) out = setIn(out, ['spec', 'duration'], '1h');
    return { doc: out, id: listIds('service', [...services, svc]).at(-1)! };
  },
  issueScope: (node) => node.data.docPath,
  sections: SERVICE_SECTIONS,
  summary: serviceSummary,
  status: serviceStatus,
  graph: serviceGraph,
  // A pasted service runs on the pasted copy of its pool when that was copied too, else on the same pool.
  copy: listEntryCopy(['spec', 'services'], 'service', 'service', 1, (item, pasted) => {
    const pool = pasted('nodePool', item.nodePool);
    return pool === undefined ? item : { ...item, nodePool: pool };
  }),
  naming: { list: ['spec', 'services'] },
  follows: {
    // Calls name their callee; a service's position is keyed by its name.
    service: (doc, from, to) => renameCanvasId('service')(renameCallers(doc, from, to), from, to),
    // Its decode pool too (llm.disaggregated.decode.nodePool), drawn as a read-only edge.
    nodePool: (doc, from, to) => renameDecodePool(renameField(['spec', 'services'], 'nodePool')(doc, from, to), from, to),
  },
};
