// Entry: start the simulator's worker, decide the first design (shared link, autosave, or the
// library's example), then render.
// First import: evaluated before the modules below, so the worker starts loading at once (start-workers.ts).
import { workers } from './worker/start-workers.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { bootDesign } from './boot.ts';
import { designFileName } from './hooks/useDesign.ts';
import { withoutCanvas } from './model/scenario-yaml.ts';
import { isShareHash } from './share-link.ts';
import { preloadCharts } from './charts/lazy-charts.ts';
import './styles.css';

// The simulator worker loads its chunk (hundreds of ms of parsing on a slow machine) while the page
// reads its design and renders: by the first run it is ready. The charts' chunk loads meanwhile too.
const root = createRoot(document.getElementById('root')!);
preloadCharts();
void bootDesign(location.hash, globalThis.localStorage).then((boot) => {
  // The design from a link is now the user's; drop the fragment so a reload shows their latest edits (autosave).
  if (boot.source === 'link' || isShareHash(location.hash)) history.replaceState(null, '', location.pathname + location.search);
  // The first run starts now, while React renders the app; the app's first run takes it over (sim-client.ts).
  workers.client.prestart(withoutCanvas(boot.doc), designFileName(boot.doc));
  root.render(
    <StrictMode>
      <App initialDoc={boot.doc} initialNotice={boot.notice} workers={workers} />
    </StrictMode>,
  );
});
