/**
 * The views the page's first chart does not need, in one chunk loaded after it (lazy-panes.ts): the canvas
 * (React Flow and the node views), the palette, the inspector (its forms and the price catalog's options), the
 * dialogs (library, share, new design, shortcuts, YAML) and the Compare and Practice tabs.
 */
export { AppDialogs } from './AppDialogs.tsx';
export { CanvasPane } from './CanvasPane.tsx';
export { ComparePanel } from './ComparePanel.tsx';
export { InspectorPane } from './Inspector.tsx';
export { PalettePane } from './Palette.tsx';
export { PracticePanel } from './PracticePanel.tsx';
