// The simulator's worker: it only serves sim-core's SimApi (STYLE.md §3); the app wraps it in sim-client.ts.
// Its first chunk holds what the default example's first run needs (the engine); the rest is loaded on demand (lazy-sim-api.ts).
import { expose } from 'comlink';
import { createLazySimApi } from './lazy-sim-api.ts';

const full = () => import('./worker-sim-api.ts');
expose(createLazySimApi(() => full().then((m) => m.createWorkerSimApi()), { afterExampleRun: (api) => void full().then((m) => m.warmParse(api)) }));
