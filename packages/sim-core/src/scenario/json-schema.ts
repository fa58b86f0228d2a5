/**
 * The JSON Schema of the scenario format, generated from the zod schema (input side: what a user
 * may write). Unit-bearing fields become `number | string` with the accepted string pattern, so
 * editors (yaml-language-server) accept `5m` and `"50%"` and still complete and hover-document
 * every key. Committed at content/schema/scenario.schema.json by `pnpm schema`.
 */
import * as z from 'zod';
import { jsonSchemaRequired } from './json-required.ts';
import { scenarioSchema } from './scenario-schema.ts';
import { unitFieldRegistry, type UnitFieldMeta, type UnitKind } from './unit-fields.ts';
import { CLOCK_PATTERN, COUNT_PATTERN, DURATION_PATTERN, PERCENT_PATTERN } from './units.ts';

const STRING_FORMS: Readonly<Record<UnitKind, { pattern: string; description: string }>> = {
  duration: { pattern: DURATION_PATTERN, description: 'duration: 50ms, 90s, 5m, 24h, 1d, 1h30m' },
  durationMs: { pattern: DURATION_PATTERN, description: 'duration: 50ms, 1.5s' },
  fraction: { pattern: PERCENT_PATTERN, description: 'percentage, e.g. "50%"' },
  percent: { pattern: PERCENT_PATTERN, description: 'percentage, e.g. "70%"' },
  count: { pattern: COUNT_PATTERN, description: 'count with suffix: 7e9, 7B, 2T, 1.5M, 10K' },
  clockOrDuration: { pattern: `${CLOCK_PATTERN}|${DURATION_PATTERN}`, description: 'clock time "14:00" or a duration' },
};

const NUMBER_UNIT: Readonly<Record<UnitKind, string>> = {
  duration: 'seconds',
  durationMs: 'milliseconds',
  fraction: 'fraction 0-1',
  percent: 'percent 0-100',
  count: 'count',
  clockOrDuration: 'seconds after 00:00',
};

function numberBranch(meta: UnitFieldMeta): Record<string, unknown> {
  const n: Record<string, unknown> = { type: 'number', description: NUMBER_UNIT[meta.kind] };
  if (meta.min !== undefined) n[meta.exclusiveMin ? 'exclusiveMinimum' : 'minimum'] = meta.min;
  if (meta.max !== undefined) n.maximum = meta.max;
  return n;
}

/** The unit metadata of a unit-bearing field, looking through a `.default()`/`.optional()` wrapper. */
function unitMetaOf(schema: z.core.$ZodType): { meta: UnitFieldMeta; defaultValue?: unknown } | undefined {
  const direct = unitFieldRegistry.get(schema);
  if (direct !== undefined) return { meta: direct };
  const def = schema._zod.def as { type: string; innerType?: z.core.$ZodType; defaultValue?: unknown };
  if ((def.type !== 'default' && def.type !== 'optional') || def.innerType === undefined) return undefined;
  const meta = unitFieldRegistry.get(def.innerType);
  if (meta === undefined) return undefined;
  // zod leaves defaults of transforming fields out of input schemas; ours are canonical numbers, valid inputs.
  return def.type === 'default' ? { meta, defaultValue: def.defaultValue } : { meta };
}

/** Rewrites each unit-bearing field (and its default/optional wrapper) into `number | string` with the string's pattern. */
function overrideUnits(ctx: { zodSchema: z.core.$ZodType; jsonSchema: z.core.JSONSchema.BaseSchema }): void {
  const found = unitMetaOf(ctx.zodSchema);
  if (found === undefined) return;
  const js = ctx.jsonSchema as Record<string, unknown>;
  const { description } = js;
  for (const key of Object.keys(js)) delete js[key];
  if (description !== undefined) js.description = description;
  const form = STRING_FORMS[found.meta.kind];
  js.anyOf = [numberBranch(found.meta), { type: 'string', pattern: form.pattern, description: form.description }];
  if (found.defaultValue !== undefined) js.default = found.defaultValue;
}

/** The scenario JSON Schema (draft 2020-12) as a plain object. */
export function scenarioJsonSchema(): Record<string, unknown> {
  const override = (ctx: { zodSchema: z.core.$ZodType; jsonSchema: z.core.JSONSchema.BaseSchema }) => {
    const required = jsonSchemaRequired.get(ctx.zodSchema)?.required;
    if (required !== undefined) ctx.jsonSchema.required = [...required];
    overrideUnits(ctx);
  };
  const generated = z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any', override }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return { $schema, title: 'design-sim scenario (design-sim/v1)', ...rest };
}

/** The committed file's exact text: 2-space JSON with a trailing newline. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
