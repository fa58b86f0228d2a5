/** The open dialog (the app store's `dialog`): library, practice prompts, shortcuts, New, the YAML and the share link. */
import { docToYaml } from '../model/scenario-yaml.ts';
import type { AppActions } from '../state/app-actions.ts';
import { useApp, useAppStore } from '../state/app-store.ts';
import { selectDoc, selectFileName } from '../state/design-slice.ts';
import { LibraryDialog } from './LibraryDialog.tsx';
import { Modal } from './Modal.tsx';
import { NewDesignDialog } from './NewDesignDialog.tsx';
import { ShareDialog } from './ShareDialog.tsx';
import { ShortcutSheet } from './ShortcutSheet.tsx';

/** A title inside a sentence: its first letter in lower case, unless it opens with an acronym ("LLM service"). */
function inSentence(title: string): string {
  return /^[A-Z]{2}/.test(title) ? title : title.charAt(0).toLowerCase() + title.slice(1);
}

/** The dialogs of the app shell. */
export function AppDialogs({ actions }: { actions: AppActions }) {
  const dialog = useApp((s) => s.dialog);
  const fileName = useApp(selectFileName);
  // The document is read when a dialog opens, not subscribed to: no dialog shows it changing.
  const doc = selectDoc(useAppStore().getState());
  const setDialog = useApp((s) => s.setDialog);
  const close = () => setDialog(null);
  switch (dialog) {
    case 'library':
      return (
        <LibraryDialog
          onOpen={actions.openEntry}
          onOpenRecent={(d) => {
            close();
            actions.restore(d);
          }}
          onClose={close}
        />
      );
    case 'practice':
      return <LibraryDialog purpose="practice" onOpen={(e) => actions.startPractice(e)} onPractisePrompt={(p, e) => actions.startPractice(e, p)} onClose={close} />;
    case 'shortcuts':
      return <ShortcutSheet onClose={close} />;
    case 'new':
      return (
        <NewDesignDialog
          onClose={close}
          onPick={(t) => {
            close();
            actions.load(t.doc, {
              kind: 'info',
              title: `New design: ${inSentence(t.title)}. ${t.description}`,
              lines: [t.id === 'blank' ? 'Add components from the palette, or open a scenario from the Library.' : 'Change it on the canvas and in the inspector; the Optimize tab sizes it for you.'],
            });
          }}
        />
      );
    case 'yaml':
      return (
        <Modal title={`${fileName} — the file the CLI runs`} onClose={close} wide>
          <textarea className="ds-code" readOnly value={docToYaml(doc)} rows={30} data-testid="yaml-view" aria-label="Scenario YAML" />
          <p className="ds-hint">Run it with: npm run design-sim -- run {fileName}</p>
        </Modal>
      );
    case 'share':
      return <ShareDialog doc={doc} onClose={close} />;
    case null:
      return null;
  }
}
