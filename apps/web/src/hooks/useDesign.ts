/**
 * The design as the views see it: its state is the app store's design slice
 * (state/design-slice.ts); this hook adds its validation, which runs in a worker
 * (useValidation). It reads only the document without `spec.canvas`, so a drag, a selection or
 * a note re-renders nothing that calls it.
 */
import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { DesignValidation } from '../model/validate-design.ts';
import type { AppState } from '../state/app-store.ts';
import { designFileName, selectFileName, selectSimDoc } from '../state/design-slice.ts';
import type { Validator } from '../worker/validation-client.ts';
import { useValidation } from './useValidation.ts';

export { designFileName };

/** The validation of the design in `store`, by `validator` (a worker in the app). */
export function useDesignValidation(store: StoreApi<AppState>, validator: Validator): DesignValidation {
  const simDoc = useStore(store, selectSimDoc);
  const fileName = useStore(store, selectFileName);
  return useValidation(simDoc, fileName, validator);
}
