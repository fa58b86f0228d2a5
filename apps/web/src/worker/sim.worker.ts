// The simulator's worker: it only serves sim-core's SimApi (STYLE.md §3); the app wraps it in sim-client.ts.
import { expose } from 'comlink';
import { createWorkerSimApi } from './worker-sim-api.ts';

expose(createWorkerSimApi());
