/**
 * The app shell: toolbar, palette, canvas, inspector, and the panel under the canvas (results,
 * compare or practice). State lives in the design reducer (useDesign) and the run state
 * (useSimulation); this file wires them to the views and to files, links and storage.
 */
import { formatPath, type RunResult } from '@design-sim/sim-core';
import { ReactFlowProvider } from '@xyflow/react';
import { useStore } from 'zustand';
import { lazy, Suspense, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { defaultDesign, type Notice } from './boot.ts';
import { CanvasViewContext, type CanvasView } from './components/canvas-view-context.ts';
import { ComparePanel, type Baseline } from './components/ComparePanel.tsx';
import { DesignCanvas } from './components/DesignCanvas.tsx';
import { Inspector, issueScope } from './components/Inspector.tsx';
import { LibraryDialog } from './components/LibraryDialog.tsx';
import { Modal } from './components/Modal.tsx';
import { NewDesignDialog } from './components/NewDesignDialog.tsx';
import { NoticeBanner } from './components/NoticeBanner.tsx';
import { Palette } from './components/Palette.tsx';
import { PracticePanel } from './components/PracticePanel.tsx';
import { ResultsView } from './components/ResultsView.tsx';
import { RunStatus } from './components/RunStatus.tsx';
import { ScenarioBrief } from './components/ScenarioBrief.tsx';
import { ShortcutSheet } from './components/ShortcutSheet.tsx';
import { Splitter } from './components/Splitter.tsx';
import { Toolbar } from './components/Toolbar.tsx';
import { clearAutosave, useAutosave } from './hooks/useAutosave.ts';
import { useDesign } from './hooks/useDesign.ts';
import { useKeyboardShortcuts } from './hooks/useKeyboardShortcuts.ts';
import { PHONE_QUERY, useMediaQuery } from './hooks/useMediaQuery.ts';
import { useRunState } from './hooks/useRunState.ts';
import { useSimulation } from './hooks/useSimulation.ts';
import { copySelection, type Clip } from './model/clipboard.ts';
import type { LibraryEntry } from './model/content-library.ts';
import type { PracticePrompt } from './model/practice-prompts.ts';
import { asArray, asObject, type PlainObject } from './model/doc-path.ts';
import { issueLines, loadDesignFile, loadDesignText } from './model/load-design.ts';
import { practiceDoc } from './model/practice.ts';
import { docToYaml } from './model/scenario-yaml.ts';
import type { ShownResult } from './model/run-state.ts';
import { designTitle, keepRecent } from './model/recent-designs.ts';
import { staleReason } from './model/stale-reason.ts';
import { pathWithin } from './model/validate-design.ts';
import { nodeStatus, type NodeStatus } from './results/node-status.ts';
import { isShareHash, openSharedHash, shareHash } from './share-link.ts';
import { createUiStore } from './state/ui-store.ts';
import { createSimClient, type SimClient } from './worker/sim-client.ts';
import { newSimWorker } from './worker/new-sim-worker.ts';
import { createWorkerValidator, type Validator } from './worker/validation-client.ts';
import { downloadBlob } from './components/image-export.ts';

// The Optimize tab loads on demand; once opened it stays mounted (hidden) so a search survives a tab switch.
const OptimizePanel = lazy(() => import('./components/OptimizePanel.tsx').then((m) => ({ default: m.OptimizePanel })));

interface Props {
  initialDoc: PlainObject;
  initialNotice: Notice | null;
  /** The simulator client and validator, when the entry started their workers before the first render (main.tsx). */
  workers?: { client: SimClient; validator: Validator };
}

function download(name: string, text: string): void {
  downloadBlob(name, new Blob([text], { type: 'application/yaml' }));
}

/** `data-run` of a shown result: the run id, with `-partial` while it is a snapshot of a run in progress. */
function runKeyOf(s: ShownResult): string {
  return `main-${s.runId}${s.result.progress < 1 ? '-partial' : ''}`;
}

/** The application. */
export function App({ initialDoc, initialNotice, workers }: Props) {
  const [validator] = useState(() => workers?.validator ?? createWorkerValidator(newSimWorker));
  const design = useDesign(initialDoc, validator);
  const { doc, graph, validation, fileName, dispatch } = design;
  const [client] = useState(() => workers?.client ?? createSimClient(newSimWorker));
  useEffect(() => {
    client.prewarm();
    // Workers handed in by the entry belong to the page, not to this render of the app.
    return workers === undefined ? () => client.dispose() : undefined;
  }, [client, workers]);
  const [autoRun, setAutoRun] = useState(true);
  const sim = useSimulation(client, validation, fileName, { autoRun });
  const [cursor, setCursor] = useState<number | null>(null);
  // The shell's UI state lives in its own store, read slice by slice (state/ui-store.ts).
  const [ui] = useState(createUiStore);
  const mode = useStore(ui, (s) => s.mode);
  const dialog = useStore(ui, (s) => s.dialog);
  const panels = useStore(ui, (s) => s.panels);
  const split = useStore(ui, (s) => s.split);
  const optimizeOpened = useStore(ui, (s) => s.optimizeOpened);
  const { setMode, setDialog, setSplit, togglePanel } = ui.getState();
  const [notice, setNotice] = useState<Notice | null>(initialNotice);
  const [baseline, setBaseline] = useState<Baseline | null>(null);
  const [practiceRef, setPracticeRef] = useState<PlainObject | null>(null);
  const [loads, setLoads] = useState(0);
  // Copied components (Ctrl+C), kept for Ctrl+V in this tab.
  const clipRef = useRef<Clip | null>(null);
  const phone = useMediaQuery(PHONE_QUERY);

  useAutosave(doc);
  useKeyboardShortcuts({
    undo: () => dispatch({ type: 'undo' }),
    redo: () => dispatch({ type: 'redo' }),
    run: sim.run,
    removeSelection: () => dispatch({ type: 'removeSelection' }),
    help: () => setDialog('shortcuts'),
    selectAll: () => dispatch({ type: 'selectAll' }),
    copy: () => {
      const clip = copySelection(doc, design.selection);
      if (clip === null) return;
      clipRef.current = clip;
      const names = [...clip.services, ...clip.pools].map((c) => String(c.item.name));
      setNotice({ kind: 'info', title: `Copied ${names.join(', ')}. Ctrl+V pastes a copy.`, lines: clip.skipped.length > 0 ? [`Not copied: ${clip.skipped.join(', ')} (one per scenario).`] : [] });
    },
    paste: () => {
      if (clipRef.current !== null) dispatch({ type: 'paste', clip: clipRef.current });
    },
    duplicate: () => dispatch({ type: 'duplicate' }),
  });

  // Replacing the design keeps the old one (Recent designs) and offers it back in the notice; Ctrl+Z works too.
  const load = useCallback(
    (next: PlainObject, message: Notice | null) => {
      const replaced = JSON.stringify(doc) !== JSON.stringify(next);
      if (replaced) keepRecent(doc, new Date());
      dispatch({ type: 'load', doc: next });
      setLoads((n) => n + 1);
      setCursor(null);
      setNotice(message && replaced && message.kind === 'info' && !message.restore ? { ...message, restore: { label: 'Bring back the previous design', doc } } : message);
    },
    [dispatch, doc],
  );
  const restore = (d: PlainObject) => load(d, { kind: 'info', title: `Restored "${designTitle(d)}".`, lines: [] });

  const openEntry = (e: LibraryEntry) => {
    const r = loadDesignText(e.text, e.file);
    setDialog(null);
    if (!r.ok) return setNotice({ kind: 'error', title: `${e.file} does not validate`, lines: issueLines(r.issues) });
    load(r.doc, { kind: 'info', title: `Opened ${e.file}`, lines: e.prompt ? [`Prompt: ${e.prompt}`] : [] });
  };

  const startPractice = (e: LibraryEntry, prompt?: PracticePrompt) => {
    const r = loadDesignText(e.text, e.file);
    setDialog(null);
    if (!r.ok) return setNotice({ kind: 'error', title: `${e.file} does not validate`, lines: issueLines(r.issues) });
    setPracticeRef(r.doc);
    setMode('practice');
    const title = 'Practice: design an answer on the canvas, add your estimates, then press Check; then compare with the reference.';
    load(practiceDoc(r.doc), { kind: 'info', title: prompt ? `${title} (${prompt.title})` : title, lines: prompt ? prompt.prompts : [] });
  };

  // The reference answer goes in as variant A of Compare: your design stays on the canvas as B.
  const compareWithReference = () => {
    if (practiceRef === null) return;
    setBaseline({ doc: practiceRef, label: `reference answer (${designTitle(practiceRef)})` });
    setMode('compare');
  };

  const importFile = async (file: File) => {
    const r = await loadDesignFile(file);
    if (!r.ok) return setNotice({ kind: 'error', title: `Could not import ${file.name}: the file is not a valid scenario (nothing was changed)`, lines: issueLines(r.issues) });
    load(r.doc, { kind: 'info', title: `Imported ${file.name}`, lines: issueLines(r.warnings) });
  };

  const reset = async () => {
    clearAutosave();
    const d = await defaultDesign();
    load(d.doc, { kind: 'info', title: 'Reset to the autoscaling example.', lines: [] });
  };

  const exportYaml = () => download(fileName, docToYaml(doc));
  const yamlText = dialog === 'yaml' ? docToYaml(doc) : '';
  // The link is made when the dialog opens (compression and the library lookup are asynchronous).
  const [shareUrl, setShareUrl] = useState('');
  useEffect(() => {
    if (dialog !== 'share') return;
    let live = true;
    setShareUrl('');
    void shareHash(doc).then((h) => live && setShareUrl(`${location.origin}${location.pathname}${h}`));
    return () => {
      live = false;
    };
  }, [dialog, doc]);

  // A link pasted into the address bar of this open tab changes only the fragment: open it like a
  // link at boot, keeping the design it replaces (notice, Recent designs, Undo).
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    const onHash = () => {
      if (!isShareHash(location.hash)) return;
      const hash = location.hash;
      history.replaceState(null, '', location.pathname + location.search);
      void openSharedHash(hash).then((r) => {
        if (r === null) return;
        if (!r.ok) return setNotice(r.notice);
        ui.getState().setDialog(null);
        loadRef.current(r.doc, { kind: 'info', title: 'Opened the design from the shared link.', lines: [] });
      });
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [ui]);

  // Results render as a deferred (interruptible) update: a big result never blocks input for long.
  const shownNow = useRunState(sim.store, (s) => s.shown);
  const runStatus = useRunState(sim.store, (s) => s.status);
  const shown = useDeferredValue(shownNow);
  const result = shown?.result ?? null;
  // Canvas badges follow a streaming run in steps of 10% (and its end): each update re-lays out the nodes.
  const badgeRef = useRef<{ runId: number; result: RunResult } | null>(null);
  const last = badgeRef.current;
  if (shown === null) badgeRef.current = null;
  else if (last === null || last.runId !== shown.runId || shown.result.progress === 1 || shown.result.progress - last.result.progress >= 0.1) {
    badgeRef.current = { runId: shown.runId, result: shown.result };
  }
  const badgeResult = badgeRef.current?.result ?? null;
  const designName = asObject(doc.metadata).name;
  // Judged on the result on screen (the deferred one): judging the store's newer result instead showed
  // the previous design's figures unmarked for a frame or two while the new ones rendered.
  const staleWhy = staleReason({
    shown,
    status: runStatus,
    designKey: validation.key,
    designName: typeof designName === 'string' ? designName : null,
    hasErrors: validation.errors.length > 0 && !validation.pending,
  });
  const stale = staleWhy !== null;
  // Compare and practice grade a design: a snapshot of a run still going is not graded yet.
  const unfinished = result !== null && result.progress < 1;
  const partial = shownNow !== null && shownNow.result.progress < 1 && runStatus === 'running';
  // A result of another design says nothing about these nodes: no badges rather than wrong ones.
  const otherDesign = result !== null && typeof designName === 'string' && result.scenario.name !== designName;
  const view = useMemo<CanvasView>(() => {
    const issues = new Map<string, string[]>();
    const status = new Map<string, NodeStatus>();
    const spec = asObject(doc.spec);
    const ctx = { services: asArray(spec.services).length, pools: asArray(spec.nodePools).length };
    for (const n of graph.nodes) {
      const scope = formatPath(issueScope(n));
      const mine = validation.errors.filter((i) => pathWithin(i.path, scope)).map((i) => i.message);
      if (mine.length > 0) issues.set(n.id, mine);
      if (badgeResult !== null && !otherDesign) {
        const name = n.data.fragment.name;
        const s = nodeStatus(n.data.kind, badgeResult, cursor, { ...ctx, ...(typeof name === 'string' ? { poolName: name, serviceName: name } : {}) });
        if (s !== null) status.set(n.id, s);
      }
    }
    return { issues, status, stale: staleWhy, partial };
  }, [graph, validation.errors, badgeResult, cursor, doc.spec, staleWhy, partial, otherDesign]);

  const title = String(asObject(doc.metadata).title ?? asObject(doc.metadata).name ?? 'design');
  return (
    <ReactFlowProvider>
      <div className="ds-app">
        <Toolbar
          title={title}
          mode={mode}
          onMode={setMode}
          onLibrary={() => setDialog('library')}
          onImport={(f) => void importFile(f)}
          onExport={exportYaml}
          onShare={() => setDialog('share')}
          onShowYaml={() => setDialog('yaml')}
          onReset={() => void reset()}
          onUndo={() => dispatch({ type: 'undo' })}
          onRedo={() => dispatch({ type: 'redo' })}
          canUndo={design.canUndo}
          canRedo={design.canRedo}
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
        {notice && <NoticeBanner notice={notice} onClose={() => setNotice(null)} onRestore={restore} />}
        {phone && <p className="ds-readonly-note">Read-only on a small screen: open the design on a wider screen to edit it.</p>}
        <main className={`ds-main${panels.palette && !phone ? '' : ' no-palette'}${panels.inspector && !phone ? '' : ' no-inspector'}`}>
          {panels.palette && !phone && <Palette doc={doc} dispatch={dispatch} />}
          <div className="ds-center" style={{ gridTemplateRows: phone ? undefined : `minmax(6rem, ${split}%) auto minmax(6rem, 1fr)` }}>
            <CanvasViewContext.Provider value={view}>
              <DesignCanvas graph={graph} doc={doc} selection={design.selection} dispatch={dispatch} fitKey={loads} readOnly={phone} />
            </CanvasViewContext.Provider>
            {!phone && <Splitter value={split} onChange={setSplit} />}
            <section className="ds-bottom" aria-label={mode === 'design' ? 'Results' : mode === 'compare' ? 'Compare' : mode === 'optimize' ? 'Optimize' : 'Practice'}>
              {mode === 'design' && <ScenarioBrief doc={doc} />}
              <RunStatus store={sim.store} designKey={validation.key} errorCount={validation.errors.length} onRun={sim.run} onCancel={sim.cancel} />
              {mode === 'design' &&
                (shown ? (
                  <ResultsView
                    result={shown.result}
                    scenario={shown.scenario}
                    warnings={shown.warnings}
                    cursor={cursor}
                    onCursor={setCursor}
                    runKey={runKeyOf(shown)}
                    stale={staleWhy}
                  />
                ) : (
                  <p className="ds-hint">Results appear here after a run: charts over time, summary cards and the cost breakdown.</p>
                ))}
              {mode === 'compare' && (
                <ComparePanel
                  baseline={baseline}
                  doc={doc}
                  current={{ result, scenario: shown?.scenario ?? null, stale: stale || unfinished, runKey: shown ? runKeyOf(shown) : undefined }}
                  onPin={() => setBaseline({ doc, label: `${title} (pinned)` })}
                  dispatch={dispatch}
                  validator={validator}
                />
              )}
              {optimizeOpened && (
                <div hidden={mode !== 'optimize'}>
                  <Suspense fallback={<p className="ds-hint">Loading the optimizer…</p>}>
                    <OptimizePanel doc={doc} scenario={validation.scenario} designKey={validation.key} fileName={fileName} selection={design.selection} dispatch={dispatch} />
                  </Suspense>
                </div>
              )}
              {mode === 'practice' && (
                <PracticePanel
                  doc={doc}
                  errors={validation.errors}
                  result={result}
                  scenario={shown?.scenario ?? null}
                  runKey={shown ? runKeyOf(shown) : undefined}
                  stale={stale || unfinished}
                  store={sim.store}
                  onPick={() => setDialog('practice')}
                  onCheck={sim.run}
                  onReveal={practiceRef ? compareWithReference : null}
                  dispatch={dispatch}
                />
              )}
            </section>
          </div>
          {panels.inspector && !phone && <Inspector doc={doc} graph={graph} selection={design.selection} errors={validation.errors} dispatch={dispatch} />}
        </main>
        {dialog === 'library' && (
          <LibraryDialog
            onOpen={openEntry}
            onOpenRecent={(d) => {
              setDialog(null);
              restore(d);
            }}
            onClose={() => setDialog(null)}
          />
        )}
        {dialog === 'practice' && <LibraryDialog purpose="practice" onOpen={(e) => startPractice(e)} onPractisePrompt={(p, e) => startPractice(e, p)} onClose={() => setDialog(null)} />}
        {dialog === 'shortcuts' && <ShortcutSheet onClose={() => setDialog(null)} />}
        {dialog === 'new' && (
          <NewDesignDialog
            onClose={() => setDialog(null)}
            onPick={(t) => {
              setDialog(null);
              load(t.doc, {
                kind: 'info',
                title: `New design: ${t.title.toLowerCase()}. ${t.description}`,
                lines: [t.id === 'blank' ? 'Add components from the palette, or open a scenario from the Library.' : 'Change it on the canvas and in the inspector; the Optimize tab sizes it for you.'],
              });
            }}
          />
        )}
        {dialog === 'yaml' && (
          <Modal title={`${fileName} — the file the CLI runs`} onClose={() => setDialog(null)} wide>
            <textarea className="ds-code" readOnly value={yamlText} rows={30} data-testid="yaml-view" aria-label="Scenario YAML" />
            <p className="ds-hint">Run it with: npm run design-sim -- run {fileName}</p>
          </Modal>
        )}
        {dialog === 'share' && (
          <Modal title="Share this design" onClose={() => setDialog(null)}>
            <p>Anyone with this link opens a copy of the design (it is inside the link, compressed; nothing is uploaded). A library design and its prompt and notes are named, not copied.</p>
            <input className="ds-code" readOnly value={shareUrl} placeholder="Making the link…" data-testid="share-url" data-ready={shareUrl !== ''} aria-label="Share link" onFocus={(e) => e.target.select()} />
            <div className="ds-row">
              <button type="button" className="ds-button" onClick={() => void navigator.clipboard?.writeText(shareUrl).catch(() => undefined)}>
                Copy link
              </button>
              <span className="ds-hint">{shareUrl.length.toLocaleString('en-US')} characters</span>
            </div>
          </Modal>
        )}
      </div>
    </ReactFlowProvider>
  );
}
