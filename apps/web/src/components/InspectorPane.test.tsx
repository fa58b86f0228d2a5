import { formatPath } from '@design-sim/sim-core';
import { act, render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { getIn } from '../model/doc-path.ts';
import { smallDoc } from '../test-support/fixtures.ts';
import { AppStoreContext, createAppStore } from '../state/app-store.ts';
import { selectDoc, selectSelection } from '../state/design-slice.ts';
import { InspectorPane } from './Inspector.tsx';

describe('the inspector over the app store', () => {
  it("shows the selected component's fields from the store, a detached one's too, and follows undo", () => {
    const store = createAppStore(null, smallDoc());
    // A cache added from the palette is kept under spec.canvas.detached until connected, and selected.
    act(() => store.getState().dispatch({ type: 'addComponent', kind: 'cache' }));
    const [id] = selectSelection(store.getState());
    expect(id).toMatch(/^detached:/);
    const key = id!.slice('detached:'.length);
    const hit = getIn(selectDoc(store.getState()), ['spec', 'canvas', 'detached', key, 'hitRatio']);
    expect(hit).toBeDefined();
    const { container } = render(
      <AppStoreContext.Provider value={store}>
        <InspectorPane errors={[]} />
      </AppStoreContext.Provider>,
    );
    const input = () => container.querySelector<HTMLInputElement>(`[data-field='${formatPath(['spec', 'canvas', 'detached', key, 'hitRatio'])}']`);
    expect(input()?.value).toBe(String(hit));
    expect(container.querySelector('h2')?.textContent).toContain('Cache');
    // Undo removes the cache: the inspector shows the scenario again.
    act(() => store.getState().undo());
    expect(container.querySelector('h2')?.textContent).toBe('Scenario');
  });
});
