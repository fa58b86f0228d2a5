/** The training job (`spec.training`): days and cost of a pre-training run against its budget. */
import { setIn, type PlainObject } from '../../model/doc-path.ts';
import { TRAINING_ID } from '../../model/node-ids.ts';
import { formatUsd } from '../../results/format.ts';
import type { ComponentKindModule } from '../kind-module.ts';
import { presentAt, singletonMapping } from '../singleton-mapping.ts';
import { failingOn, headline, run } from '../status-lines.ts';
import { s, shortId } from '../summary-text.ts';
import { TRAINING_SECTIONS } from './training-sections.ts';

const PATH = ['spec', 'training'];

function summary(f: PlainObject): { title: string; detail: string } {
  const hw = f.instance !== undefined ? `${s(f.nodes)} × ${shortId(f.instance)}` : `${s(f.gpus)} × ${s(f.gpu)}`;
  return { title: 'Training', detail: `${s(f.parameters)} params · ${s(f.tokens)} tokens · ${hw}` };
}

export const trainingKind: ComponentKindModule = {
  kind: 'training',
  label: 'Training job',
  glyph: '∑',
  description: 'Pre-training run: days and cost vs budget',
  phrase: 'a training job',
  accent: '#6941c6',
  single: true,
  feeds: [],
  yamlBox: true,
  add: (doc) => ({
    // A 7B model on 2T tokens on 8 p5.48xlarge (64 H100) at 40% MFU: a starting point to edit, priced from the catalog.
    doc: setIn(doc, PATH, { parameters: '7B', tokens: '2T', instance: 'aws/us-east-1/p5.48xlarge', nodes: 8, mfu: 0.4 }),
    id: TRAINING_ID,
  }),
  present: presentAt(PATH),
  issueScope: (node) => node.data.docPath,
  sections: TRAINING_SECTIONS,
  summary,
  status: (result) => {
    const t = result.training;
    if (t === null) return null;
    return {
      lines: [
        headline(run('days', String(Number(t.days.toPrecision(3))))),
        headline(run('cost', formatUsd(t.costUsd))),
        ...(t.budget ? [run('budget', t.budget.fits ? 'fits' : `short ${formatUsd(t.budget.shortfallUsd)}`)] : []),
        run('memory', t.memoryFit.fits ? `${Number(t.memoryFit.statesGBPerGpu.toPrecision(3))} / ${t.memoryFit.gpuMemoryGB} GB per GPU` : 'does not fit'),
      ],
      atSeconds: null,
      atEnd: true,
      failing: [
        ...failingOn(result.expectations, (m) => m.startsWith('training.')),
        ...(t.budget && !t.budget.fits ? ['over budget'] : []),
        ...(t.memoryFit.fits ? [] : ['does not fit in GPU memory']),
      ],
    };
  },
  // Below the services and pools (a little lower when there are services, to clear their status lines).
  graph: singletonMapping('training', TRAINING_ID, PATH, (r) => Math.max(r.services.length, r.pools.length) + (r.services.length > 0 ? 0.6 : 0)),
};
