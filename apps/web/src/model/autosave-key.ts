/** The localStorage key of the autosaved design (its own module: the entry, main.tsx, reads it before React loads). */
export const AUTOSAVE_KEY = 'design-sim.autosave.v1';
