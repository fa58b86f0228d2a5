/**
 * The cache: answers a share of a service's requests at its own latency. Attached, it sits in
 * front of a service (or of its balancer) and lives where cache-mapping.ts says; not connected
 * yet, it waits under `spec.canvas.detached`.
 */
import { asArray, asObject, getIn } from '../../model/doc-path.ts';
import { field as f, type SectionDef } from '../../model/inspector-fields.ts';
import { cacheId } from '../../model/node-ids.ts';
import { addDetached, attachedTo, stripKind } from '../detached.ts';
import type { ComponentKindModule } from '../kind-module.ts';
import { renameCanvasId } from '../list-entry.ts';
import { s } from '../summary-text.ts';
import { cachePath, DEFAULT_CACHE, readCache, writeCaches } from './cache-mapping.ts';

const SECTIONS: readonly SectionDef[] = [{ title: 'Cache', key: [], items: [f('hitRatio', 'Hit ratio', 'value', { help: '0.3 or 30%' }), f('latency', 'Hit latency', 'value', { help: 'e.g. 2ms' })] }];

export const cacheKind: ComponentKindModule = {
  kind: 'cache',
  label: 'Cache',
  glyph: '◎',
  description: 'Answers a share of requests at its own latency',
  phrase: 'a cache',
  accent: '#0e7090',
  single: false,
  column: { order: 1 },
  feeds: ['service', 'loadBalancer'],
  passThrough: true,
  detachable: { prefix: 'cache' },
  yamlBox: true,
  add: (doc) => addDetached(doc, 'cache', 'cache', DEFAULT_CACHE),
  issueScope: (node) => node.data.docPath,
  sections: SECTIONS,
  summary: (fr) => ({ title: 'Cache', detail: `hit ${s(fr.hitRatio)} · ${s(fr.latency)}` }),
  status: () => null,
  graph: {
    stage: 1,
    read: (r) => {
      r.services.forEach((_raw, i) => {
        const id = r.serviceIds[i]!;
        const cache = readCache(r.doc, i);
        if (cache === null) return;
        const c = cacheId(id);
        const head = r.front.get(id)!;
        r.addNode({ id: c, kind: 'cache', docPath: cachePath(i), fragment: cache, order: i, row: i, attachedTo: id }, head);
        r.addEdge(c, head);
        r.front.set(id, c);
      });
    },
    write: (doc, w) => {
      const caches = attachedTo(w, 'cache');
      const byIndex = new Map<number, ReturnType<typeof stripKind>>();
      w.nodesOf('service').forEach((n, i) => {
        const c = caches.get(n.id);
        if (c !== undefined) byIndex.set(i, stripKind(c.data.fragment));
      });
      return writeCaches(doc, asArray(getIn(doc, ['spec', 'services'])).map(asObject), byIndex);
    },
    canvasId: (node, w) => {
      const svc = [...attachedTo(w, 'cache')].find(([, c]) => c === node)?.[0];
      return svc === undefined ? null : cacheId(w.newId(svc));
    },
  },
  // It lives inside its service: copying it copies the service. Its canvas id is its service's name.
  copy: { as: 'attached' },
  follows: { service: renameCanvasId('cache') },
};

