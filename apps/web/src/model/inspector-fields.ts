/**
 * The inspector's forms, as data: the vocabulary of sections and fields (each kind's own sections
 * live in its folder, kinds/<kind>/), and the scenario's and a call's forms. Fields are keyed by
 * their path inside the component's document object. Placeholders show the schema
 * default (an empty box means "default"). Fields not listed here are still editable through the
 * component's YAML box; validation is always sim-core's.
 */
import type { PathSegment } from '@design-sim/sim-core';
import type { PlainObject } from './doc-path.ts';

/** How a field is edited. `value` boxes accept numbers or unit strings (`2h`, `50ms`, `10K`, `50%`). */
export type FieldInput = 'value' | 'text' | 'select' | 'checkbox' | 'instance' | 'gpu' | 'lines' | 'pairs' | 'numbers' | 'claims' | 'model';

/** One field. */
export interface FieldDef {
  kind: 'field';
  key: PathSegment[];
  label: string;
  input: FieldInput;
  options?: readonly string[];
  placeholder?: string;
  help?: string;
}

/** A sub-object whose fields depend on a discriminator (`latency.distribution`, `profile.type`). */
export interface VariantDef {
  kind: 'variant';
  key: PathSegment[];
  discriminator: string;
  label: string;
  variants: Readonly<Record<string, { defaults: PlainObject; fields: FieldDef[] }>>;
  /** Hidden when this sibling key is present (a service with `llm` has no `latency`). */
  hiddenWhen?: string;
}

/**
 * A choice between mutually exclusive keys of the component (a service's `latency` or `llm`):
 * choosing a mode removes the other modes' keys and starts its own from `create`.
 */
export interface ModeDef {
  kind: 'mode';
  label: string;
  /** Option label → the key it owns and the value that key starts with. */
  modes: Readonly<Record<string, { key: string; create: PlainObject }>>;
}

/** A list of variant items (HPA metrics). */
export interface ListDef {
  kind: 'list';
  key: PathSegment[];
  label: string;
  item: VariantDef;
  /** The item added by "+". */
  create: PlainObject;
}

/** A titled group of fields; `optional` sections can be added and removed as a whole. */
export interface SectionDef {
  title: string;
  /** Path of the section's object (relative to the component), or [] for the component itself. */
  key: PathSegment[];
  optional?: { create: PlainObject };
  /** Shown only while its object exists, with no Add/Remove (a mode of the parent owns it). */
  whenPresent?: boolean;
  items: (FieldDef | VariantDef | ListDef | ModeDef)[];
}

/** A field definition (`input` defaults to a value box). */
export const field = (key: PathSegment | PathSegment[], label: string, input: FieldInput = 'value', extra: Partial<FieldDef> = {}): FieldDef => ({
  kind: 'field',
  key: Array.isArray(key) ? key : [key],
  label,
  input,
  ...extra,
});

const f = field;

/** A call between services (a selected call edge): its fields inside the caller's `calls`. */
export const CALL_SECTIONS: readonly SectionDef[] = [
  {
    title: 'Call',
    key: [],
    items: [
      f('to', 'Calls service', 'text'),
      f('probability', 'Probability', 'value', { placeholder: '1' }),
      f('async', 'Async (fire and forget)', 'checkbox'),
      f('timeout', 'Timeout', 'value', { placeholder: 'none' }),
      f('retries', 'Retries', 'value', { placeholder: '0' }),
      f('connections', 'Connection pool per caller replica', 'value', { placeholder: 'no limit' }),
    ],
  },
  { title: 'Retry back-off', key: ['backoff'], optional: { create: { base: '25ms' } }, items: [f('base', 'Base'), f('max', 'Max', 'value', { placeholder: '10 × base' }), f('jitter', 'Full jitter', 'checkbox')] },
];

/** The scenario-wide form (nothing selected), relative to the document root. */
export const SCENARIO_SECTIONS: readonly SectionDef[] = [
  { title: 'Scenario', key: ['metadata'], items: [f('name', 'Name', 'text'), f('title', 'Title', 'text')] },
  {
    title: 'Run',
    key: ['spec'],
    items: [
      f('duration', 'Duration', 'value', { help: 'e.g. 2h, 24h (max 7d)' }),
      f('warmup', 'Warm-up', 'value', { placeholder: '0' }),
      f('seed', 'Seed', 'value', { placeholder: '1' }),
      f('interval', 'Chart interval', 'value', { placeholder: '60s' }),
      f('catalogDate', 'Catalog date', 'text', { placeholder: 'latest', help: 'YYYY-MM-DD: prices in force that day' }),
    ],
  },
  { title: 'Cluster', key: ['spec', 'cluster'], optional: { create: { controlPlane: 'eks' } }, items: [f('controlPlane', 'Control plane', 'select', { options: ['gke', 'eks', 'aks', 'none'] }), f('clusters', 'Clusters', 'value', { placeholder: '1' })] },
  { title: 'Expectations', key: ['spec'], items: [f('expect', 'One per line: metric op value', 'lines', { help: 'e.g. latency.p99 < 100ms' })] },
  { title: 'Your estimates (claims)', key: ['spec'], items: [f('claims', 'One per line: metric: value', 'claims', { help: 'graded against the run; a source\'s words may follow in quotes: gpus.peak: 65 — "65 pods"' })] },
];
