/**
 * The bundled data/catalog.json. Its zod check (`checkBundledCatalog`) is not run at module load: in the
 * browser it cost the main thread and the simulator worker 60–140 ms before the first result
 * (docs/performance.md, "Streaming results"). It runs where a bad edit to the data is caught before it
 * ships: cost-model's own test (CI) and the CLI's build (apps/cli/build.mjs refuses a bad catalog). The schema has no
 * defaults or transforms, so the checked data and the raw JSON are the same values. No fs: the JSON is
 * a static import, so this works unchanged in the browser bundle. The check lives in parse-catalog.ts:
 * a price lookup loads neither zod nor the schema (the web worker's first run: docs/performance.md, "fifth pass").
 */
import catalogJson from '../data/catalog.json' with { type: 'json' };
import type { RawCatalog } from './catalog-schema.ts';
import { CatalogLookupError } from './catalog-lookup-error.ts';
import { suggest } from './suggest.ts';

/** The catalog data (raw, dated shape; checked by `checkBundledCatalog`). Prefer the lookup functions. */
export const catalog: RawCatalog = catalogJson as unknown as RawCatalog;

/** The date (YYYY-MM-DD) the catalog was compiled; the default `asOf` for every price lookup. */
export const catalogAsOf: string = catalog.asOf;

/** Where a number came from: the entry in the catalog's `sources` map. */
export interface SourceRef {
  key: string;
  url: string;
  date: string;
  kind: string;
  confidence: 'high' | 'medium' | 'low';
  notes?: string;
}

/** Resolves a source key (e.g. `SKY_AWS_PRECUT`) to its URL, date and confidence; throws CatalogLookupError if unknown. */
export function getSource(key: string): SourceRef {
  const s = catalog.sources[key];
  if (!s) throw new CatalogLookupError('source', key, suggest(key, Object.keys(catalog.sources)));
  return { key, url: s.url, date: s.date, kind: s.kind, confidence: s.confidence, ...(s.notes === undefined ? {} : { notes: s.notes }) };
}

/** Every source the catalog cites, by key. */
export function listSources(): SourceRef[] {
  return Object.keys(catalog.sources).map(getSource);
}
