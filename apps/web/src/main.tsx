// Entry: a small chunk that starts the simulator's worker, then loads the app (start-app.tsx).
// ES modules are all fetched and compiled before the first one runs: had the app been imported
// statically here, the worker would start only once the app's whole chunk (React, the canvas, half a
// megabyte) had arrived and been parsed. This way the worker fetches and compiles its own chunk on the
// other core meanwhile, and is ready sooner for the first run (docs/performance.md, "Streaming results").
import { AUTOSAVE_KEY } from './model/autosave-key.ts';
import { takeEarlyExample } from './worker/early-example.ts';
import { workers } from './worker/start-workers.ts';
import './styles.css';

// A first visit (no link in the fragment, nothing autosaved) opens the default example: the worker starts
// running it as soon as it has loaded, before the app has read it, engine only (its scenario was validated at
// build time); the app takes that run over (sim-client.ts). Any other design is validated and run through the
// worker's full API (zod, the schema, YAML): it starts loading now, while the app's chunk loads (lazy-sim-api.ts).
// In the build, index.html's inline script has decided already, with the same rule, and on a first visit its worker
// is running the example by itself: the client takes that run over (early-example.ts). The dev server has no inline script.
const early = takeEarlyExample();
if (early !== undefined && early !== null) workers.client.prestartExample(early);
else if (early === undefined && opensDefaultExample()) workers.client.prestartExample();
else workers.client.prepare();

/** A first visit (the inline script's rule: early-example.ts's `earlyWorkerScript`). */
function opensDefaultExample(): boolean {
  try {
    return location.hash.length <= 1 && globalThis.localStorage?.getItem(AUTOSAVE_KEY) == null;
  } catch {
    return false;
  }
}

void import('./start-app.tsx').then((m) => m.startApp(workers));
