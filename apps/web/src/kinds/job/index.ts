/**
 * A cluster job (`spec.jobs[i]`): a training or batch job of a team, queued on a node pool beside the services, with
 * its pods, run time, priority and checkpoints. Its `nodePool` is its one output edge, as a service's is. Its live
 * lines are the run's per-job figures (`summary.shared.jobs`): runs done, waits, interruptions and the work they lost.
 */
import { findInstance } from '@design-sim/cost-model';
import { asArray, asObject, setIn, type PlainObject } from '../../model/doc-path.ts';
import { freshName } from '../../model/fresh-name.ts';
import { listIds } from '../../model/node-ids.ts';
import { formatCount, formatMinutes } from '../../results/format.ts';
import type { ComponentKindModule } from '../kind-module.ts';
import { listEntryCopy, renameCanvasId, renameField } from '../list-entry.ts';
import { readPoolEdge, writePoolEdge } from '../pool-edge.ts';
import { failingOn, headline, ownName, run } from '../status-lines.ts';
import { s } from '../summary-text.ts';
import { JOB_SECTIONS } from './job-sections.ts';

const LIST = ['spec', 'jobs'];

function summary(f: PlainObject): { title: string; detail: string } {
  const pods = f.pods ?? 1;
  const shape = `${s(pods)} × ${s(f.gpusPerPod)} GPU${f.gpusPerPod === 1 ? '' : 's'}`;
  const gang = f.gang === false || pods === 1 ? '' : ' · gang';
  const repeat = typeof f.count === 'number' && f.count > 1 ? ` · ${f.count} × every ${s(f.every)}` : '';
  return { title: s(f.name), detail: `${shape} · ${s(f.duration)}${gang}${repeat} · ${s(f.team)}` };
}

export const jobKind: ComponentKindModule = {
  kind: 'job',
  label: 'Cluster job',
  glyph: '▧',
  description: "A team's training or batch job queued on a pool",
  phrase: 'a cluster job',
  accent: '#0e7090',
  single: false,
  column: { order: 3.5, place: 'row-below' },
  feeds: ['nodePool'],
  yamlBox: true,
  add: (doc) => {
    const spec = asObject(doc.spec);
    const jobs = asArray(spec.jobs);
    const teams = asArray(spec.teams);
    const pools = asArray(spec.nodePools);
    // A job belongs to a team: the first one, or a new "research" team when the design has none.
    let out = doc;
    let team = asObject(teams[0]).name;
    if (typeof team !== 'string') {
      team = freshName('research', teams);
      out = setIn(out, ['spec', 'teams'], [...teams, { name: team }]);
    }
    // One pod for 2 hours taking a whole node of the first pool (at most 8 GPUs; 1 when its instance is unknown): a
    // fine-tune to edit, valid as added. It runs on that pool until connected elsewhere.
    const first = asObject(pools[0]);
    const perNode = typeof first.instance === 'string' ? (findInstance(first.instance)?.gpuCount ?? 0) : 0;
    const job: PlainObject = { name: freshName('train', jobs), team, pods: 1, gpusPerPod: perNode > 0 ? Math.min(8, perNode) : 1, duration: '2h' };
    if (typeof first.name === 'string') job.nodePool = first.name;
    out = setIn(out, LIST, [...jobs, job]);
    return { doc: out, id: listIds('job', [...jobs, job]).at(-1)! };
  },
  issueScope: (node) => node.data.docPath,
  sections: JOB_SECTIONS,
  summary,
  status: (result, _index, ctx) => {
    const own = result.summary?.shared?.jobs.find((j) => j.name === ownName(ctx));
    if (own === undefined) return null;
    const w = own.waitMinutes;
    const unfinished = own.submitted - own.completed;
    return {
      lines: [
        headline(run('runs done', `${formatCount(own.completed)} of ${formatCount(own.submitted)}`)),
        headline(run('wait p50 / max', w === null ? 'none started' : `${formatMinutes(w.p50)} / ${formatMinutes(w.max)}`)),
        run('interruptions', formatCount(own.interruptions)),
        run('GPU-h lost', own.lostGpuHours.toFixed(1)),
      ],
      // Whole-run figures: they read the same at every cursor position.
      atSeconds: null,
      atEnd: true,
      // The jobs' expectations (jobs.completed, jobs.waitMax) are the cluster's: a failing one marks the jobs with runs left.
      failing: unfinished > 0 ? failingOn(result.expectations, (m) => m.startsWith('jobs.')) : [],
    };
  },
  graph: {
    stage: 1,
    read: (r) => {
      const jobs = asArray(r.spec.jobs);
      const ids = listIds('job', jobs);
      jobs.forEach((raw, j) => {
        const job = asObject(raw);
        // In a row under every service and pool, left to right (auto-layout.ts `row-below`).
        r.addNode({ id: ids[j]!, kind: 'job', docPath: [...LIST, j], fragment: job, order: j, row: Math.max(r.services.length, r.pools.length) });
        readPoolEdge(r, ids[j]!, job);
      });
    },
    write: (doc, w) => {
      const jobNodes = w.nodesOf('job');
      const jobs = jobNodes.map((n) => writePoolEdge({ ...n.data.fragment }, n.id, w));
      const ids = listIds('job', jobs);
      jobNodes.forEach((n, j) => w.setNewId(n.id, ids[j]!));
      return setIn(doc, LIST, jobs.length > 0 || Array.isArray(asObject(w.base.spec).jobs) ? jobs : undefined);
    },
    canvasId: (node, w) => w.newId(node.id),
  },
  // A pasted job runs on the pasted copy of its pool when that was copied too.
  copy: listEntryCopy(LIST, 'job', 'job', 1, (item, pasted) => {
    const pool = pasted('nodePool', item.nodePool);
    return pool === undefined ? item : { ...item, nodePool: pool };
  }),
  naming: { list: LIST },
  follows: { job: renameCanvasId('job'), nodePool: renameField(LIST, 'nodePool') },
};
