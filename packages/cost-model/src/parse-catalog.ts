/**
 * The catalog's zod check, apart from the data (catalog.ts) so that a price lookup loads neither zod nor
 * the schema. It runs where a bad edit to the data is caught before it ships: cost-model's own test (CI)
 * and the CLI's build (apps/cli/build.mjs), which bakes the catalog into the bundle.
 */
import * as z from 'zod';
import catalogJson from '../data/catalog.json' with { type: 'json' };
import { rawCatalogSchema, type RawCatalog } from './catalog-schema.ts';

/** Validates raw catalog JSON; throws an Error listing every problem. Exported for tests and alternate catalogs. */
export function parseCatalog(json: unknown): RawCatalog {
  const result = rawCatalogSchema.safeParse(json);
  if (!result.success) throw new Error(`cost-model catalog is invalid:\n${z.prettifyError(result.error)}`);
  return result.data;
}

/** Validates the bundled catalog with zod; throws an Error listing every problem (the CLI's build and the tests call it). */
export function checkBundledCatalog(): void {
  parseCatalog(catalogJson);
}
