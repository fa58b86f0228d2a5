/**
 * `spec.claims`: the numbers a practice answer (or an interview guide) gives, by metric, graded against
 * the run. A value is a number (or a string in the metric's units, `100ms`, `$1.36`, `85%`), or an object
 * that also quotes the claim and, when the tool cannot model it, says why instead of grading it:
 *
 *   claims:
 *     training.days: 18
 *     cost.hourly: { value: 1.36, quote: "$1.63/hr -> $1.36/hr baseline" }
 *     costs.monthly[fsx]: { value: 600, quote: "~$600/month for 1.2TB Lustre" }
 *     availability: { value: 99.9%, notModelled: "regional failover is not in the spec" }
 *
 * `costs.*` metrics take a `[name]` selector naming one `spec.costs` item.
 */
import * as z from 'zod';
import { MAX_EXPECTATIONS } from './limits.ts';
import { parseMetricValue } from './metric-value.ts';
import { getMetric, METRIC_NAMES, METRICS, SERVICE_METRICS, type MetricName } from './metrics.ts';
import { suggestNearest } from './suggest.ts';

/** A parsed claim. `value` is in the metric's canonical unit. */
export interface ScenarioClaim {
  /** The key as written, e.g. `costs.monthly[fsx]`. */
  key: string;
  metric: MetricName;
  /** The `spec.costs` item a `costs.*` claim is about, or null for the whole. */
  item: string | null;
  value: number;
  /** The claim in the source's own words. */
  quote: string | null;
  /** Why the tool cannot model this claim: it is shown with this reason instead of a grade. */
  notModelled: string | null;
}

const KEY = /^([A-Za-z][\w.-]*)(?:\[([a-z0-9][a-z0-9-]*)\])?$/;
const ITEMIZED = METRICS.filter((m) => 'item' in m).map((m) => m.name.replace('.', '\\.'));
/** A claim key in the JSON Schema: a metric name, or an itemized metric with `[item]`. */
export const CLAIM_KEY_PATTERN = `^(${ITEMIZED.join('|')})\\[[a-z0-9][a-z0-9-]*\\]$`;
/** A per-service claim key in the JSON Schema: `services.<name>.<metric>`. */
export const SERVICE_CLAIM_KEY_PATTERN = `^services\\.[a-z0-9-]+\\.(${SERVICE_METRICS.map((m) => m.name.replace('.', '\\.')).join('|')})$`;
const OBJECT_FIELDS = ['value', 'quote', 'notModelled'] as const;

type Ctx = z.core.$RefinementCtx<Record<string, unknown>>;

function issue(ctx: Ctx, path: (string | number)[], input: unknown, message: string, params: Record<string, unknown> = {}): void {
  ctx.addIssue({ code: 'custom', path, input, message, params });
}

function parseKey(key: string, ctx: Ctx): { metric: MetricName; item: string | null } | undefined {
  const m = KEY.exec(key);
  const info = m === null ? undefined : getMetric(m[1] ?? '');
  if (m === null || info === undefined) {
    const bare = key.replace(/\[.*$/, '');
    issue(ctx, [key], key, `unknown metric "${bare}"`, { atKey: true, suggestion: suggestNearest(bare, METRIC_NAMES), expected: 'a metric name (see docs/scenario-format.md)' });
    return undefined;
  }
  const item = m[2] ?? null;
  if (item !== null && info.item === undefined) {
    issue(ctx, [key], key, `${info.name} takes no [item]: only costs.* metrics name a spec.costs item`, { atKey: true, suggestion: info.name });
    return undefined;
  }
  if (item === null && info.item === 'required') {
    issue(ctx, [key], key, `${info.name} needs the item it is about, e.g. ${info.name}[model-upload]`, { atKey: true });
    return undefined;
  }
  return { metric: info.name as MetricName, item };
}

function text(ctx: Ctx, key: string, field: string, v: unknown): string | null {
  if (v === undefined) return null;
  if (typeof v === 'string' && v.trim() !== '' && v.length <= 1000) return v;
  issue(ctx, [key, field], v, `${field} must be text of 1 to 1,000 characters`);
  return null;
}

function parseClaim(key: string, raw: unknown, ctx: Ctx): ScenarioClaim | undefined {
  const parsedKey = parseKey(key, ctx);
  if (parsedKey === undefined) return undefined;
  const metric = getMetric(parsedKey.metric)!;
  const isObject = raw !== null && typeof raw === 'object' && !Array.isArray(raw);
  const obj = isObject ? (raw as Record<string, unknown>) : { value: raw };
  if (isObject) {
    for (const k of Object.keys(obj)) {
      if (!(OBJECT_FIELDS as readonly string[]).includes(k)) {
        issue(ctx, [key, k], k, `unknown field "${k}" (allowed: ${OBJECT_FIELDS.join(', ')})`, { atKey: true, suggestion: suggestNearest(k, OBJECT_FIELDS) });
        return undefined;
      }
    }
    if (!('value' in obj)) {
      issue(ctx, [key], raw, 'missing required field "value" (the claimed number)', { expected: '{ value: <number>, quote?: <text>, notModelled?: <reason> }' });
      return undefined;
    }
  }
  const r = parseMetricValue(metric, obj.value);
  if (!r.ok) {
    issue(ctx, isObject ? [key, 'value'] : [key], obj.value, r.message, { expected: r.expected, suggestion: r.suggestion });
    return undefined;
  }
  return { key, ...parsedKey, value: r.value, quote: text(ctx, key, 'quote', obj.quote), notModelled: text(ctx, key, 'notModelled', obj.notModelled) };
}

const valueForms = [{ type: 'number' }, { type: 'string' }, { type: 'boolean' }];

/** `spec.claims`: a mapping from metric (optionally `costs.*[item]`) to a value or `{ value, quote?, notModelled? }`. */
export const claimsSchema = z
  .record(z.string(), z.unknown())
  .meta({
    propertyNames: { anyOf: [{ enum: [...METRIC_NAMES] }, { type: 'string', pattern: CLAIM_KEY_PATTERN }, { type: 'string', pattern: SERVICE_CLAIM_KEY_PATTERN }] },
    additionalProperties: {
      anyOf: [
        ...valueForms,
        {
          type: 'object',
          additionalProperties: false,
          required: ['value'],
          properties: {
            value: { anyOf: valueForms, description: "The claimed number, in the metric's units" },
            quote: { type: 'string', description: "The claim in the source's own words" },
            notModelled: { type: 'string', description: 'Why the tool cannot model this claim: shown instead of a grade' },
          },
        },
      ],
    },
  })
  .describe("A practice answer's numbers by metric name, graded against the tool's result; a value or { value, quote, notModelled }")
  .transform((claims, ctx): ScenarioClaim[] => {
    const entries = Object.entries(claims);
    if (entries.length > MAX_EXPECTATIONS) issue(ctx, [], claims, `too many claims: ${entries.length} (max ${MAX_EXPECTATIONS})`);
    return entries.flatMap(([key, raw]) => parseClaim(key, raw, ctx) ?? []);
  });
