/** The node pool: GPU instances between bounds, with spot share, the cluster autoscaler or Karpenter. */
import { findInstance } from '@design-sim/cost-model';
import { asArray, asObject, isObject, setIn, type PlainObject } from '../../model/doc-path.ts';
import { freshName } from '../../model/fresh-name.ts';
import { listIds } from '../../model/node-ids.ts';
import { formatCount, formatPercent, formatUsd } from '../../results/format.ts';
import type { ComponentKindModule } from '../kind-module.ts';
import { listEntryCopy, renameCanvasId } from '../list-entry.ts';
import { poolsUsedBy } from '../pool-edge.ts';
import { cur, failingOn, fleet, headline, ownName, run, seriesPoint } from '../status-lines.ts';
import { s, shortId } from '../summary-text.ts';
import { NODE_POOL_SECTIONS } from './node-pool-sections.ts';

/** Default instance for a new node pool: the one the reference examples use (aws g5.2xlarge, one A10G). */
export const DEFAULT_INSTANCE = 'aws/us-east-1/g5.2xlarge';

/** The expectation metrics a pool answers for. */
const owns = (m: string): boolean => m.startsWith('cost.') || m.startsWith('nodes.') || m === 'gpus.peak' || m === 'spotInterruptions';

function summary(f: PlainObject): { title: string; detail: string } {
  // A Karpenter NodePool shows as such: its badge, instance types and capacity types instead of a node-group range.
  if (f.provisioner === 'karpenter' && isObject(f.karpenter)) {
    const k = f.karpenter;
    const types = Array.isArray(k.instanceTypes) ? k.instanceTypes.map(shortId).join(', ') : '?';
    const capacity = Array.isArray(k.capacityTypes) ? k.capacityTypes.map(String).join(' + ') : 'on-demand';
    return { title: `${s(f.name)} · Karpenter`, detail: `${types} · ${capacity}` };
  }
  const type = typeof f.instance === 'string' ? shortId(f.instance) : '?';
  const spot = f.spotShare !== undefined && f.spotShare !== 0 ? ` · spot ${s(f.spotShare)}` : '';
  return { title: s(f.name), detail: `${type} · ${s(f.minNodes ?? 0)}–${s(f.maxNodes)} nodes${spot}` };
}

export const nodePoolKind: ComponentKindModule = {
  kind: 'nodePool',
  label: 'Node pool',
  glyph: '▦',
  description: 'GPU instances, spot share, cluster autoscaler',
  phrase: 'a node pool',
  accent: '#b54708',
  single: false,
  column: { order: 4, place: 'after-layers' },
  feeds: [],
  yamlBox: true,
  add: (doc) => {
    const pools = asArray(asObject(doc.spec).nodePools);
    // Room for the default service's 7 one-GPU replicas from the start (one per single-GPU node), and headroom to 10.
    const pool: PlainObject = { name: freshName('gpu', pools), instance: DEFAULT_INSTANCE, minNodes: 7, maxNodes: 10 };
    let out = setIn(doc, ['spec', 'nodePools'], [...pools, pool]);
    // The schema requires a pool on every service once pools exist: the first pool takes the services that had none.
    if (pools.length === 0) {
      asArray(asObject(doc.spec).services).forEach((x, i) => {
        if (asObject(x).nodePool === undefined) out = setIn(out, ['spec', 'services', i, 'nodePool'], pool.name);
      });
    }
    return { doc: out, id: listIds('pool', [...pools, pool]).at(-1)! };
  },
  issueScope: (node) => node.data.docPath,
  sections: NODE_POOL_SECTIONS,
  summary,
  status: (result, index, ctx) => {
    const { ts, at, atSeconds, atEnd } = seriesPoint(result, index);
    const sum = result.summary;
    if (ts === null || sum === null) return null;
    // The pool's own nodes over time, node-hours and share of the bill (sim-core's node-pool summary; null: a price it
    // needs is unknown). A pool missing from the summary (a result of an older document) falls back to the fleet's series.
    const own = sum.nodePools.find((p) => p.name === ownName(ctx));
    const hours = sum.durationSeconds / 3600;
    const perHour = (x: number | null | undefined) => (x === null || x === undefined || hours <= 0 ? null : x / hours);
    const series = own?.timeseries ?? ts;
    const provisioning = at(series.provisioningNodes) ?? 0;
    const nodesNow = cur(`nodes${own === undefined ? fleet(ctx.pools) : ''}`, `${formatCount(at(series.readyNodes))}${provisioning > 0 ? ` +${formatCount(provisioning)} starting` : ''}`);
    // With several pools it also shows its own average over the run, from its node-hours.
    const several = ctx.pools > 1;
    // A CPU pool's nodes have no GPUs: the fleet's GPU figures say nothing about it (an unknown instance keeps them).
    const instance = ctx.fragment?.instance;
    const gpus = typeof instance === 'string' ? (findInstance(instance)?.gpuCount ?? null) : null;
    const gpuLines = gpus === 0 ? [] : [cur(`GPU util${fleet(ctx.pools)}`, formatPercent(at(ts.gpuUtilization)))];
    return {
      lines: [
        headline(nodesNow),
        ...gpuLines,
        ...(several ? [run('nodes (average)', formatCount(perHour(own?.nodeHours)))] : []),
        headline(run('$/hour (average)', formatUsd(perHour(own?.costUsd)))),
        ...(gpus === 0 ? [] : [run(`peak GPUs${fleet(ctx.pools)}`, formatCount(sum.peakGpus))]),
      ],
      atSeconds,
      atEnd,
      failing: failingOn(result.expectations, owns),
    };
  },
  graph: {
    stage: 1,
    read: (r) => {
      r.pools.forEach((raw, j) => {
        const firstUser = r.services.findIndex((x) => poolsUsedBy(asObject(x)).includes(asObject(raw).name));
        r.addNode({ id: r.poolIds[j]!, kind: 'nodePool', docPath: ['spec', 'nodePools', j], fragment: asObject(raw), order: j, row: firstUser >= 0 ? firstUser : r.services.length + j });
      });
    },
    write: (doc, w) => {
      const poolNodes = w.nodesOf('nodePool');
      const pools = poolNodes.map((n) => ({ ...n.data.fragment }));
      const ids = listIds('pool', pools);
      poolNodes.forEach((n, j) => w.setNewId(n.id, ids[j]!));
      return setIn(doc, ['spec', 'nodePools'], pools.length > 0 || Array.isArray(asObject(w.base.spec).nodePools) ? pools : undefined);
    },
    canvasId: (node, w) => w.newId(node.id),
  },
  // Pasted before services, so a pasted service can run on the pasted copy of its pool.
  copy: listEntryCopy(['spec', 'nodePools'], 'pool', 'pool', 0),
  naming: { list: ['spec', 'nodePools'] },
  follows: { nodePool: renameCanvasId('pool') },
};
