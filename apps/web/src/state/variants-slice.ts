/**
 * The variants slice of the app store: Compare's pinned variant A and Practice's reference answer,
 * the two designs kept beside the one on the canvas.
 */
import type { StateCreator } from 'zustand';
import type { PlainObject } from '../model/doc-path.ts';

/** A pinned variant. */
export interface Baseline {
  doc: PlainObject;
  label: string;
}

/** The variants state and its actions. */
export interface VariantsState {
  /** Compare's variant A (null until one is pinned). */
  baseline: Baseline | null;
  /** The reference answer of the practice prompt being worked on. */
  practiceRef: PlainObject | null;
  setBaseline: (baseline: Baseline | null) => void;
  setPracticeRef: (doc: PlainObject | null) => void;
}

/** The variants slice: nothing pinned, no practice. */
export const createVariantsSlice: StateCreator<VariantsState, [], [], VariantsState> = (set) => ({
  baseline: null,
  practiceRef: null,
  setBaseline: (baseline) => set({ baseline }),
  setPracticeRef: (practiceRef) => set({ practiceRef }),
});
