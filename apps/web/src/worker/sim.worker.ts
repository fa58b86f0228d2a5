// The simulator's worker: it only serves sim-core's SimApi (STYLE.md §3); the app wraps it in sim-client.ts.
// Its first chunk holds what the default example's first run needs (the engine); the rest is loaded on demand (lazy-sim-api.ts).
import { expose } from 'comlink';
import { createLazySimApi } from './lazy-sim-api.ts';

expose(createLazySimApi(() => import('./worker-sim-api.ts').then((m) => m.createWorkerSimApi())));
