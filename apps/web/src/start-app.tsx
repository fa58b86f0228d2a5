// The app itself, imported by main.tsx once the simulator worker is loading: decide the first design
// (shared link, autosave, or the library's example), start its run, then render.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { bootDesign } from './boot.ts';
import { designFileName } from './hooks/useDesign.ts';
import { loadScenarioParser } from './model/load-design.ts';
import { withoutCanvas } from './model/scenario-yaml.ts';
import { isShareHash } from './share-link.ts';
import { preloadCharts } from './charts/lazy-charts.ts';
import { loadPanes } from './components/lazy-panes.ts';
import { afterFirstResult, afterFirstScreen, firstScreenAlso } from './worker/first-result.ts';
import type { workers as Workers } from './worker/start-workers.ts';

/** Renders the app into #root with the entry's already started `workers`. */
export function startApp(workers: typeof Workers): void {
  const root = createRoot(document.getElementById('root')!);
  // The charts' chunk loads while the design is read and the app renders.
  preloadCharts();
  // The canvas, palette, inspector and dialogs (React Flow among them) once the first result is on screen: the first
  // chart needs none of them. Then the rest (first-result.ts): the scenario parser (for the library, imports and links).
  const panes = afterFirstResult().then(() => loadPanes().then(() => undefined));
  firstScreenAlso(panes);
  void afterFirstScreen().then(loadScenarioParser);
  void bootDesign(location.hash, globalThis.localStorage).then((boot) => {
    // The design from a link is now the user's; drop the fragment so a reload shows their latest edits (autosave).
    if (boot.source === 'link' || isShareHash(location.hash)) history.replaceState(null, '', location.pathname + location.search);
    // The first run starts now, while React renders the app; the app's first run takes it over (sim-client.ts).
    // The default example may already be running (main.tsx): that run is kept when this is it, unchanged.
    workers.client.prestart(withoutCanvas(boot.doc), designFileName(boot.doc), boot.pristineExample === true);
    root.render(
      <StrictMode>
        <App initialDoc={boot.doc} initialNotice={boot.notice} workers={workers} panesAfter={panes} />
      </StrictMode>,
    );
  });
}
