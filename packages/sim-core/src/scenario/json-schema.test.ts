import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema, scenarioJsonSchemaText } from './json-schema.ts';
import { BASE_YAML, edit } from './scenario-test-builders.ts';

const COMMITTED = join(import.meta.dirname, '../../../../content/schema/scenario.schema.json');

type Schema = Record<string, unknown>;

/**
 * A small JSON-Schema checker for the keywords the generator emits (type, const, enum, pattern,
 * bounds, properties/required/additionalProperties/propertyNames, items/prefixItems, anyOf/oneOf).
 * Enough to show that what an editor sees accepts the examples and rejects the usual mistakes.
 */
function jsonSchemaErrors(schema: Schema, value: unknown, path = '$'): string[] {
  const errors: string[] = [];
  const fail = (why: string) => errors.push(`${path}: ${why}`);
  const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  if (Array.isArray(schema.anyOf) && !(schema.anyOf as Schema[]).some((s) => jsonSchemaErrors(s, value, path).length === 0)) fail('matches no anyOf branch');
  if (Array.isArray(schema.oneOf) && (schema.oneOf as Schema[]).filter((s) => jsonSchemaErrors(s, value, path).length === 0).length !== 1) fail('matches not exactly one oneOf branch');
  if (schema.type !== undefined) {
    const types = ([] as unknown[]).concat(schema.type);
    const t = typeOf(value);
    const ok = types.some((x) => x === t || (x === 'integer' && Number.isInteger(value)));
    if (!ok) return [...errors, `${path}: expected ${types.join('|')}, got ${t}`];
  }
  if ('const' in schema && schema.const !== value) fail(`expected ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) fail('not in enum');
  if (typeof value === 'string') {
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) fail(`does not match ${schema.pattern}`);
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) fail('too long');
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) fail('below minimum');
    if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum) fail('not above exclusiveMinimum');
    if (typeof schema.maximum === 'number' && value > schema.maximum) fail('above maximum');
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) fail('too few items');
    const prefix = (schema.prefixItems as Schema[] | undefined) ?? [];
    value.forEach((v, i) => {
      const s = prefix[i] ?? (schema.items as Schema | undefined);
      if (s !== undefined) errors.push(...jsonSchemaErrors(s, v, `${path}[${i}]`));
    });
  }
  if (typeOf(value) === 'object') {
    const obj = value as Record<string, unknown>;
    const props = (schema.properties as Record<string, Schema> | undefined) ?? {};
    for (const key of (schema.required as string[] | undefined) ?? []) if (!(key in obj)) fail(`missing ${key}`);
    for (const [key, v] of Object.entries(obj)) {
      const names = schema.propertyNames as Schema | undefined;
      if (names !== undefined && jsonSchemaErrors(names, key).length > 0) fail(`property name ${key} not allowed`);
      if (props[key] !== undefined) errors.push(...jsonSchemaErrors(props[key], v, `${path}.${key}`));
      else if (schema.additionalProperties === false) fail(`unknown property ${key}`);
      else if (typeof schema.additionalProperties === 'object') errors.push(...jsonSchemaErrors(schema.additionalProperties as Schema, v, `${path}.${key}`));
    }
  }
  return errors;
}

function examples(): string[] {
  const dir = join(import.meta.dirname, '../../../../examples');
  return readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => join(dir, f));
}

describe('content/schema/scenario.schema.json', () => {
  it('is exactly what the zod schema generates (run `pnpm --filter @design-sim/sim-core schema` after a schema change)', () => {
    expect(readFileSync(COMMITTED, 'utf8')).toBe(scenarioJsonSchemaText());
  });

  it('unit-bearing fields accept a number or a string with units', () => {
    const spec = (scenarioJsonSchema().properties as Record<string, Schema>).spec as Schema;
    const duration = (spec.properties as Record<string, Schema>).duration as Schema;
    expect(duration.anyOf).toEqual([
      expect.objectContaining({ type: 'number', maximum: 604_800 }),
      expect.objectContaining({ type: 'string', pattern: expect.any(String) }),
    ]);
    expect(duration.description).toMatch(/horizon/);
  });

  it.each(examples())('accepts %s', (file) => {
    expect(jsonSchemaErrors(scenarioJsonSchema(), parse(readFileSync(file, 'utf8')))).toEqual([]);
  });

  it('accepts the test scenario and rejects the usual mistakes', () => {
    const schema = scenarioJsonSchema();
    const errors = (text: string) => jsonSchemaErrors(schema, parse(text));
    expect(errors(BASE_YAML)).toEqual([]);
    expect(errors(edit(['      replicas: 4', '      replica: 4']))).toContain('$.spec.services[0]: unknown property replica');
    expect(errors(edit(['  duration: 30m', '  duration: 30 minutes']))).toContain('$.spec.duration: matches no anyOf branch');
    expect(errors(edit(['      concurrency: 4\n', '      concurrency: 4\n      routing: leastoutstanding\n']))).toContain('$.spec.services[0].routing: not in enum');
    expect(errors(edit(['    - latency.p99 < 2s', '    - latency.p99 < 2s\n  claims: { training.dayz: 3 }']))).toContain('$.spec.claims: property name training.dayz not allowed');
    expect(errors(edit(['    - latency.p99 < 2s', '    - latency.p99 < 2s\n  claims: { "latency.p99[x]": 3 }']))).toContain('$.spec.claims: property name latency.p99[x] not allowed');
    expect(errors(edit(['    - latency.p99 < 2s', '    - latency.p99 < 2s\n  claims: { "costs.monthly[fsx]": { value: 600, quote: "~$600/month" }, latency.p99: { value: 100, notModelled: "why" } }']))).toEqual([]);
    expect(errors(edit(['    - latency.p99 < 2s', '    - latency.p99 < 2s\n  claims: { latency.p99: { value: 100, because: "why" } }']))).toContain('$.spec.claims.latency.p99: matches no anyOf branch');
    expect(errors(edit(['type: step', 'type: stepp']))).toContain('$.spec.traffic: matches no anyOf branch');
  });
});
