// Starts the simulator worker; Vite bundles sim.worker.ts (and sim-core) as its own chunk.
import { EARLY_WORKER_GLOBAL } from './early-example.ts';
import type { WorkerLike } from './sim-client.ts';

/** A new module worker serving the SimApi: the one index.html already started, the first time. */
export function newSimWorker(): WorkerLike {
  const early = typeof window === 'undefined' ? undefined : window[EARLY_WORKER_GLOBAL];
  if (early !== undefined) {
    delete window[EARLY_WORKER_GLOBAL];
    return early;
  }
  return new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module', name: 'design-sim' });
}
