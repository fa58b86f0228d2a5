/** The top bar: files (library, import, export, share), undo/redo, run, and the mode tabs. */
import { useRef } from 'react';

/** Which panel is under the canvas. */
export type { Mode } from '../state/ui-store.ts';
import type { Mode } from '../state/ui-store.ts';

interface Props {
  title: string;
  mode: Mode;
  onMode: (m: Mode) => void;
  onLibrary: () => void;
  onImport: (file: File) => void;
  onExport: () => void;
  onShare: () => void;
  onShowYaml: () => void;
  onReset: () => void;
  onUndo: () => void;
  onRedo: () => void;
  canUndo: boolean;
  canRedo: boolean;
  onRun: () => void;
  canRun: boolean;
  autoRun: boolean;
  onAutoRun: (v: boolean) => void;
  /** Side panels shown, with their toggles. */
  panels: { palette: boolean; inspector: boolean };
  onTogglePanel: (panel: 'palette' | 'inspector') => void;
  /** The phone layout: read-only, so only viewing and sharing remain. */
  readOnly: boolean;
  /** Opens the keyboard shortcut sheet. */
  onHelp: () => void;
  /** Starts a new design (the current one is kept under Recent designs). */
  onNew: () => void;
}

const MODES: readonly { mode: Mode; label: string }[] = [
  { mode: 'design', label: 'Results' },
  { mode: 'compare', label: 'Compare' },
  { mode: 'optimize', label: 'Optimize' },
  { mode: 'practice', label: 'Practice' },
];

/** The toolbar. */
export function Toolbar(p: Props) {
  const fileRef = useRef<HTMLInputElement>(null);
  return (
    <header className="ds-toolbar">
      <div className="ds-brand">
        design-sim <span className="ds-brand__title" title={p.title}>{p.title}</span>
      </div>
      {!p.readOnly && (
        <div className="ds-toolbar__group" role="group" aria-label="Panels">
          <button type="button" className="ds-button ds-button--icon" aria-pressed={p.panels.palette} onClick={() => p.onTogglePanel('palette')} aria-label="Show the components panel" title="Components panel" data-testid="toggle-palette">
            ◧
          </button>
          <button type="button" className="ds-button ds-button--icon" aria-pressed={p.panels.inspector} onClick={() => p.onTogglePanel('inspector')} aria-label="Show the inspector panel" title="Inspector panel" data-testid="toggle-inspector">
            ◨
          </button>
        </div>
      )}
      <div className="ds-toolbar__group" role="group" aria-label="File">
        {!p.readOnly && (
          <button type="button" className="ds-button" onClick={p.onNew} title="A blank canvas or a template with healthy defaults; the current design is kept under Library → Recent designs" data-testid="new-design">
            New
          </button>
        )}
        <button type="button" className="ds-button" onClick={p.onLibrary} data-testid="open-library">
          Library
        </button>
        {!p.readOnly && (
          <button type="button" className="ds-button" onClick={() => fileRef.current?.click()} data-testid="import">
            Import…
          </button>
        )}
        <input
          ref={fileRef}
          type="file"
          accept=".yaml,.yml,.json,text/yaml,application/json"
          hidden
          data-testid="import-input"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) p.onImport(f);
            e.target.value = '';
          }}
        />
        {!p.readOnly && (
          <button type="button" className="ds-button" onClick={p.onExport} data-testid="export">
            Export YAML
          </button>
        )}
        <button type="button" className="ds-button" onClick={p.onShowYaml} data-testid="show-yaml">
          {p.readOnly ? 'YAML' : 'View YAML'}
        </button>
        <button type="button" className="ds-button" onClick={p.onShare} data-testid="share">
          {p.readOnly ? 'Share' : 'Share link'}
        </button>
        {!p.readOnly && (
          <button type="button" className="ds-button" onClick={p.onReset} title="Open the autoscaling example; the design it replaces is kept under Library → Recent designs and offered back" data-testid="reset">
            Reset
          </button>
        )}
      </div>
      {!p.readOnly && (
      <div className="ds-toolbar__group" role="group" aria-label="Edit">
        <button type="button" className="ds-button" onClick={p.onUndo} disabled={!p.canUndo} title="Undo (Ctrl+Z)" data-testid="undo">
          Undo
        </button>
        <button type="button" className="ds-button" onClick={p.onRedo} disabled={!p.canRedo} title="Redo (Ctrl+Shift+Z)" data-testid="redo">
          Redo
        </button>
      </div>
      )}
      {!p.readOnly && (
      <div className="ds-toolbar__group" role="group" aria-label="Run">
        <button type="button" className="ds-button ds-button--primary" onClick={p.onRun} disabled={!p.canRun} title="Run (Ctrl+Enter)" data-testid="run">
          Run
        </button>
        <label className="ds-inline">
          <input type="checkbox" checked={p.autoRun} onChange={(e) => p.onAutoRun(e.target.checked)} /> run on every edit
        </label>
      </div>
      )}
      {!p.readOnly && (
        <button type="button" className="ds-button ds-button--icon" onClick={p.onHelp} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" data-testid="shortcuts-button">
          ?
        </button>
      )}
      {!p.readOnly && (
      <div className="ds-tabs" role="tablist" aria-label="Panel">
        {MODES.map((m) => (
          <button key={m.mode} type="button" role="tab" aria-selected={p.mode === m.mode} className="ds-tab" onClick={() => p.onMode(m.mode)} data-testid={`mode-${m.mode}`}>
            {m.label}
          </button>
        ))}
      </div>
      )}
    </header>
  );
}
