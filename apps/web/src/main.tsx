// Entry: a small chunk that starts the simulator's worker, then loads the app (start-app.tsx).
// ES modules are all fetched and compiled before the first one runs: had the app been imported
// statically here, the worker would start only once the app's whole chunk (React, the canvas, half a
// megabyte) had arrived and been parsed. This way the worker fetches and compiles its own chunk on the
// other core meanwhile, and is ready sooner for the first run (docs/performance.md, "Streaming results").
import { workers } from './worker/start-workers.ts';
import './styles.css';

void import('./start-app.tsx').then((m) => m.startApp(workers));
