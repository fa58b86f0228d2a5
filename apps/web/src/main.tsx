// Entry: decide the first design (shared link, autosave, or the library's example), then render.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { bootDesign } from './boot.ts';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
void bootDesign(location.hash, globalThis.localStorage).then((boot) => {
  // The design from a link is now the user's; drop the fragment so a reload shows their latest edits (autosave).
  if (boot.source === 'link' || location.hash.startsWith('#s=')) history.replaceState(null, '', location.pathname + location.search);
  root.render(
    <StrictMode>
      <App initialDoc={boot.doc} initialNotice={boot.notice} />
    </StrictMode>,
  );
});
