/**
 * The scenario JSON Schema for inspector help, loaded once on first use as its own chunk (the
 * canvas does not wait for it); null until it has arrived.
 */
import { useSyncExternalStore } from 'react';
import type { SchemaNode } from '../model/schema-help.ts';

let schema: SchemaNode | null = null;
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();

function load(): void {
  loading ??= import('../../../../content/schema/scenario.schema.json?raw').then(
    (m) => {
      schema = JSON.parse(m.default) as SchemaNode;
      for (const l of listeners) l();
    },
    () => undefined, // without the schema the inspector still works, without help text
  );
}

/** The schema, or null while it loads. */
export function useScenarioSchema(): SchemaNode | null {
  return useSyncExternalStore(
    (onChange) => {
      listeners.add(onChange);
      load();
      return () => listeners.delete(onChange);
    },
    () => schema,
  );
}
