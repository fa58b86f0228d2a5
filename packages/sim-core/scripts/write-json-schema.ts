// Writes content/schema/scenario.schema.json from the zod schema (run: pnpm --filter @design-sim/sim-core schema).
// A test (src/scenario/json-schema.test.ts) fails when the committed file differs, so run this after any schema change.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchemaText } from '../src/scenario/index.ts';

const target = fileURLToPath(new URL('../../../content/schema/scenario.schema.json', import.meta.url));
writeFileSync(target, scenarioJsonSchemaText());
process.stdout.write(`wrote ${target}\n`);
