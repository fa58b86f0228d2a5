// Starts the simulator worker; Vite bundles sim.worker.ts (and sim-core) as its own chunk.
import type { WorkerLike } from './sim-client.ts';

/** A new module worker serving the SimApi. */
export function newSimWorker(): WorkerLike {
  return new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module', name: 'design-sim' });
}
