/**
 * The app shell, as wiring: toolbar, palette, canvas, inspector, the panel under the canvas and the
 * dialogs. State lives in the run store (useSimulation) and the app store of everything else
 * (state/app-store.ts: the design and its undo history, tab, dialog, panels, notice, time cursor,
 * pinned variants, clipboard), which each view reads through selectors; what the buttons, keys and
 * links do is state/app-actions.ts. App itself re-renders when the design's validation, title or
 * undo/redo availability changes, not on every edit.
 */
import { Suspense, useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { Notice } from './boot.ts';
import { BottomPanel } from './components/BottomPanel.tsx';
import { CanvasViewportContext, canvasViewportSlot } from './components/canvas-viewport.ts';
import { downloadBlob } from './components/image-export.ts';
import { LazyAppDialogs, LazyCanvasPane, LazyInspectorPane, LazyPalettePane } from './components/lazy-panes.ts';
import { NoticeBanner } from './components/NoticeBanner.tsx';
import { Splitter } from './components/Splitter.tsx';
import { Toolbar } from './components/Toolbar.tsx';
import { useAutosave } from './hooks/useAutosave.ts';
import { useDesignValidation } from './hooks/useDesign.ts';
import { useKeyboardShortcuts } from './hooks/useKeyboardShortcuts.ts';
import { PHONE_QUERY, useMediaQuery } from './hooks/useMediaQuery.ts';
import { useSettled } from './hooks/useSettled.ts';
import { useSimulation } from './hooks/useSimulation.ts';
import type { PlainObject } from './model/doc-path.ts';
import { docToYaml } from './model/scenario-yaml.ts';
import { createAppActions } from './state/app-actions.ts';
import { AppStoreContext, createAppStore } from './state/app-store.ts';
import { selectCanRedo, selectCanUndo, selectDoc, selectFileName, selectTitle } from './state/design-slice.ts';
import { createSimClient, type SimClient } from './worker/sim-client.ts';
import { newSimWorker } from './worker/new-sim-worker.ts';
import { createWorkerValidator, type Validator } from './worker/validation-client.ts';

interface Props {
  initialDoc: PlainObject;
  initialNotice: Notice | null;
  /** The simulator client and validator, when the entry started their workers before the first render (main.tsx). */
  workers?: { client: SimClient; validator: Validator };
  /**
   * When given, the canvas, palette and inspector render once it settles (start-app.tsx: the page's first
   * result on screen and the panes' chunk loaded, lazy-panes.ts), empty panels of their size until then: their
   * code (React Flow among it), first render and layout (React Flow measures every node, then lays the canvas
   * out again) cost the main thread more than the results panel's, and the first chart waited for them
   * (docs/performance.md, "fourth pass" and "sixth pass").
   */
  panesAfter?: Promise<void>;
}

/** The places of the palette, canvas and inspector, the size of each, until it has loaded and rendered. */
const PALETTE_SPACE = <nav className="ds-palette" aria-label="Components" aria-busy="true" />;
const CANVAS_SPACE = <div className="ds-canvas" aria-busy="true" />;
const INSPECTOR_SPACE = <aside className="ds-inspector" aria-label="Inspector" aria-busy="true" />;

/** The application. */
export function App({ initialDoc, initialNotice, workers, panesAfter }: Props) {
  // The app's long-lived objects, made once: the simulator and validation workers, and the app store.
  const [app] = useState(() => ({
    validator: workers?.validator ?? createWorkerValidator(newSimWorker),
    client: workers?.client ?? createSimClient(newSimWorker),
    store: createAppStore(initialNotice, initialDoc),
    viewport: canvasViewportSlot(),
  }));
  const { client, validator, store, viewport } = app;
  useEffect(() => {
    client.prewarm();
    // Workers handed in by the entry belong to the page, not to this render of the app.
    return workers === undefined ? () => client.dispose() : undefined;
  }, [client, workers]);

  const validation = useDesignValidation(store, validator);
  const fileName = useStore(store, selectFileName);
  const autoRun = useStore(store, (s) => s.autoRun);
  const sim = useSimulation(client, validation, fileName, { autoRun });
  const [actions] = useState(() => createAppActions(store));

  const title = useStore(store, selectTitle);
  const canUndo = useStore(store, selectCanUndo);
  const canRedo = useStore(store, selectCanRedo);
  const mode = useStore(store, (s) => s.mode);
  const panels = useStore(store, (s) => s.panels);
  const split = useStore(store, (s) => s.split);
  const notice = useStore(store, (s) => s.notice);
  const dialogOpen = useStore(store, (s) => s.dialog !== null);
  const { setMode, setDialog, setSplit, togglePanel, setAutoRun, setNotice, dispatch, undo, redo } = store.getState();
  const phone = useMediaQuery(PHONE_QUERY);
  const panes = useSettled(panesAfter);

  useAutosave(store);
  useKeyboardShortcuts({
    undo,
    redo,
    run: sim.run,
    removeSelection: () => dispatch({ type: 'removeSelection' }),
    help: () => setDialog('shortcuts'),
    selectAll: () => dispatch({ type: 'selectAll' }),
    copy: actions.copy,
    paste: actions.paste,
    duplicate: () => dispatch({ type: 'duplicate' }),
  });

  // A link pasted into the address bar of this open tab changes only the fragment: it opens like a link at boot.
  useEffect(() => {
    const onHash = () => void actions.openLinkInTab(location.hash, () => history.replaceState(null, '', location.pathname + location.search));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [actions]);

  return (
    <AppStoreContext.Provider value={store}>
      <CanvasViewportContext.Provider value={viewport}>
        <div className="ds-app">
          <Toolbar
            title={title}
            mode={mode}
            onMode={setMode}
            onLibrary={() => setDialog('library')}
            onImport={(f) => void actions.importFile(f)}
            onExport={() => downloadBlob(fileName, new Blob([docToYaml(selectDoc(store.getState()))], { type: 'application/yaml' }))}
            onShare={() => setDialog('share')}
            onShowYaml={() => setDialog('yaml')}
            onReset={() => void actions.reset()}
            onUndo={undo}
            onRedo={redo}
            canUndo={canUndo}
            canRedo={canRedo}
            onRun={sim.run}
            canRun={validation.scenario !== null}
            autoRun={autoRun}
            onAutoRun={setAutoRun}
            panels={panels}
            onTogglePanel={togglePanel}
            readOnly={phone}
            onHelp={() => setDialog('shortcuts')}
            onNew={() => setDialog('new')}
          />
          {notice && <NoticeBanner notice={notice} onClose={() => setNotice(null)} onRestore={actions.restore} />}
          {phone && <p className="ds-readonly-note">Read-only on a small screen: drag the canvas to see all of it; open the design on a wider screen to edit it.</p>}
          <main className={`ds-main${panels.palette && !phone ? '' : ' no-palette'}${panels.inspector && !phone ? '' : ' no-inspector'}`}>
            {panels.palette && !phone && (panes ? <Suspense fallback={PALETTE_SPACE}><LazyPalettePane /></Suspense> : PALETTE_SPACE)}
            <div className="ds-center" style={{ gridTemplateRows: phone ? undefined : `minmax(6rem, ${split}%) auto minmax(6rem, 1fr)` }}>
              {panes ? (
                <Suspense fallback={CANVAS_SPACE}>
                  <LazyCanvasPane validation={validation} runStore={sim.store} readOnly={phone} />
                </Suspense>
              ) : (
                CANVAS_SPACE
              )}
              {!phone && <Splitter value={split} onChange={setSplit} />}
              <BottomPanel validation={validation} sim={sim} validator={validator} actions={actions} />
            </div>
            {panels.inspector && !phone && (panes ? <Suspense fallback={INSPECTOR_SPACE}><LazyInspectorPane errors={validation.errors} /></Suspense> : INSPECTOR_SPACE)}
          </main>
          {/* A dialog opened before the panes' chunk has arrived waits for it (lazy-panes.ts). */}
          {(panes || dialogOpen) && (
            <Suspense fallback={null}>
              <LazyAppDialogs actions={actions} />
            </Suspense>
          )}
        </div>
      </CanvasViewportContext.Provider>
    </AppStoreContext.Provider>
  );
}
