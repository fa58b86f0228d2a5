/**
 * The load balancer: the `routing` policy of the service it feeds. Attached, its node stands for
 * that one field of the service (its fragment is `{ routing }`, its document object the service);
 * not connected yet, it waits under `spec.canvas.detached`.
 */
import type { RunResult } from '@design-sim/sim-core';
import { asObject, setIn } from '../../model/doc-path.ts';
import { field as f, type SectionDef } from '../../model/inspector-fields.ts';
import { loadBalancerId } from '../../model/node-ids.ts';
import { addDetached, attachedTo } from '../detached.ts';
import type { ComponentKindModule } from '../kind-module.ts';
import { renameCanvasId } from '../list-entry.ts';
import { s } from '../summary-text.ts';

const ROUTING = ['least-outstanding', 'round-robin', 'random', 'shared-queue'] as const;

const SECTIONS: readonly SectionDef[] = [
  { title: 'Load balancer', key: [], items: [f('routing', 'Routing', 'select', { options: ROUTING, help: 'shared-queue = one FIFO at the balancer (M/M/c)' })] },
];

export const loadBalancerKind: ComponentKindModule = {
  kind: 'loadBalancer',
  label: 'Load balancer',
  glyph: '⚖',
  description: 'Routing policy of the service it feeds',
  phrase: 'a load balancer',
  accent: '#0e7090',
  single: false,
  column: { order: 2 },
  feeds: ['service'],
  passThrough: true,
  detachable: { prefix: 'lb' },
  yamlBox: false,
  add: (doc) => addDetached(doc, 'loadBalancer', 'lb', { routing: 'least-outstanding' }),
  // An attached balancer owns only its service's `routing`.
  issueScope: (node) => (node.data.attachedTo !== null ? [...node.data.docPath, 'routing'] : node.data.docPath),
  sections: SECTIONS,
  summary: (fr) => ({ title: 'Load balancer', detail: s(fr.routing) }),
  status: (_result: RunResult) => null,
  graph: {
    stage: 1,
    read: (r) => {
      r.services.forEach((raw, i) => {
        const svc = asObject(raw);
        if (svc.routing === undefined) return;
        const id = r.serviceIds[i]!;
        const lb = loadBalancerId(id);
        const head = r.front.get(id)!;
        r.addNode({ id: lb, kind: 'loadBalancer', docPath: ['spec', 'services', i], fragment: { routing: svc.routing }, order: i, row: i, attachedTo: id }, head);
        r.addEdge(lb, head);
        r.front.set(id, lb);
      });
    },
    write: (doc, w) => {
      const lbs = attachedTo(w, 'loadBalancer');
      let out = doc;
      w.nodesOf('service').forEach((n, i) => {
        out = setIn(out, ['spec', 'services', i, 'routing'], lbs.get(n.id)?.data.fragment.routing);
      });
      return out;
    },
    canvasId: (node, w) => {
      const svc = [...attachedTo(w, 'loadBalancer')].find(([, lb]) => lb === node)?.[0];
      return svc === undefined ? null : loadBalancerId(w.newId(svc));
    },
  },
  // It lives inside its service: copying it copies the service. Its canvas id is its service's name.
  copy: { as: 'attached' },
  follows: { service: renameCanvasId('lb') },
};
