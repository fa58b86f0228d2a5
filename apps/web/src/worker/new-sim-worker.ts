// Starts the simulator worker; Vite bundles sim.worker.ts (and sim-core) as its own chunk.
import type { WorkerLike } from './sim-client.ts';

declare global {
  interface Window {
    /** The first simulator worker, started by index.html's inline script before any module ran (vite.config.ts). */
    __designSimWorker?: Worker;
  }
}

/** A new module worker serving the SimApi: the one index.html already started, the first time. */
export function newSimWorker(): WorkerLike {
  const early = typeof window === 'undefined' ? undefined : window.__designSimWorker;
  if (early !== undefined) {
    delete window.__designSimWorker;
    return early;
  }
  return new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module', name: 'design-sim' });
}
