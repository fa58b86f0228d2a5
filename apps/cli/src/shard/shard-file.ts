/**
 * Shards: `--shard I/N` runs one deterministic slice of a sweep's variants or of an optimize search's
 * branches and prints a shard file (JSON) instead of the answer; `design-sim merge` reads the N files
 * and prints exactly what the unsharded command prints. A shard file carries what the answer is made
 * from (the run outcomes) plus the inputs, and a fingerprint of the inputs so that files from
 * different runs are never mixed.
 */
import { toPlainJson } from '@design-sim/sim-core';
import { createHash } from 'node:crypto';
import { CliError } from '../cli-error.ts';
import { JSON_FORMAT_VERSION, stringifyJson } from '../format/json-output.ts';

/** Marks a shard file. */
export const SHARD_KIND = 'design-sim-shard';

/** Which slice: `index` of `count`, 1-based. */
export interface ShardSpec {
  index: number;
  count: number;
}

/** Most shards one run may be cut into. */
export const MAX_SHARDS = 10_000;

/** One shard's output. */
export interface ShardFile<I = unknown, T = unknown> {
  kind: typeof SHARD_KIND;
  formatVersion: number;
  command: 'sweep' | 'optimize';
  shard: ShardSpec;
  /** Hash of the command's inputs (file bytes, options): every shard of one run has the same. */
  fingerprint: string;
  file: string;
  input: I;
  items: T[];
  /** Hash of `file`, `input` and `items` as written: a row edited or cut in transit no longer matches it. */
  digest: string;
}

/** Parses `--shard I/N`. */
export function parseShardOption(text: string): ShardSpec {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (m === null || !(count >= 1) || count > MAX_SHARDS || !(index >= 1) || index > count) {
    throw new CliError(`--shard ${text}: expected I/N with 1 ≤ I ≤ N ≤ ${MAX_SHARDS}, e.g. --shard 2/8 (the second of eight slices)`);
  }
  return { index, count };
}

/** A short, stable hash of the inputs that decide a run's output. */
export function fingerprint(bytes: Uint8Array, inputs: unknown): string {
  return createHash('sha256').update(bytes).update(JSON.stringify(inputs)).digest('hex').slice(0, 32);
}

/**
 * The digest of a shard's payload as JSON. Computed on the plain-JSON form, which survives the file (JSON.parse of
 * JSON.stringify gives the same text back), so the reader recomputes it from what it parsed.
 */
function payloadDigest(file: unknown, input: unknown, items: unknown): string {
  return createHash('sha256').update(JSON.stringify({ file, input, items })).digest('hex').slice(0, 32);
}

/** The shard file's text, ending with a newline. */
export function formatShardFile<I, T>(shard: Omit<ShardFile<I, T>, 'kind' | 'formatVersion' | 'digest'>): string {
  const plain = toPlainJson({ kind: SHARD_KIND, formatVersion: JSON_FORMAT_VERSION, ...shard }) as Omit<ShardFile, 'digest'>;
  return `${stringifyJson({ ...plain, digest: payloadDigest(plain.file, plain.input, plain.items) })}\n`;
}

/**
 * What is wrong with a shard whose rows passed merge's checks of their place and values, or undefined: their run
 * outcomes are read as written, so a row with `latencyMs.p99: "y"`, no `summary`, or `durationSeconds: -1` printed
 * "—" or a misleading row (exit 1 as if complete), and `ok: false` without issues printed "error: s.yaml undefined".
 */
export function payloadDamage(s: ShardFile): string | undefined {
  return payloadDigest(s.file, s.input, s.items) === s.digest ? undefined : 'its file, input and items do not match the digest they were written with (edited or cut)';
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isWhole = (v: unknown, min: number, max: number): v is number => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

/**
 * What is wrong with a shard file's envelope (the fields merge reads before any row), or undefined. A hand-edited
 * file with `shard.count` 1e308 ended in "internal error: Invalid array length", one without `shard` in "Cannot
 * read properties of undefined (reading 'count')", `items: 5` or `input: null` likewise.
 */
function envelopeDamage(d: Partial<ShardFile>): string | undefined {
  const shard: unknown = d.shard;
  if (!isObject(shard) || !isWhole(shard.count, 1, MAX_SHARDS) || !isWhole(shard.index, 1, shard.count)) {
    return `shard: expected { index, count } with 1 ≤ index ≤ count ≤ ${MAX_SHARDS}, got ${JSON.stringify(shard) ?? 'nothing'}`;
  }
  if (d.command !== 'sweep' && d.command !== 'optimize') return `command: expected "sweep" or "optimize", got ${JSON.stringify(d.command) ?? 'nothing'}`;
  if (typeof d.fingerprint !== 'string' || typeof d.file !== 'string') return 'fingerprint and file: expected strings';
  if (typeof d.digest !== 'string') return 'digest: expected a string (shards written before it was added must be run again)';
  const input: unknown = d.input;
  if (d.command === 'sweep') {
    const vary = isObject(input) ? input.vary : undefined;
    if (!Array.isArray(vary) || !vary.every((v) => isObject(v) && typeof v.label === 'string' && Array.isArray(v.paths) && v.paths.every((p) => typeof p === 'string') && Array.isArray(v.values))) {
      return 'input.vary: expected a list of { label, paths, values }';
    }
  } else if (!isObject(input) || !isObject(input.space) || !isObject(input.options) || !Array.isArray(input.edits)) {
    return 'input: expected { space, options, edits }';
  }
  if (!Array.isArray(d.items)) return 'items: expected a list';
  const bad = d.items.findIndex((item) => !isObject(item) || (d.command === 'sweep' ? !Number.isInteger(item.index) || !Array.isArray(item.values) || !isObject(item.response) || typeof item.response.ok !== 'boolean' : !Array.isArray(item.design) || !Array.isArray(item.evaluations)));
  if (bad >= 0) return `items[${bad}]: expected ${d.command === 'sweep' ? '{ index, values, response }' : '{ design, evaluations, feasible, decided }'}`;
  return undefined;
}

/** Checks that `files` (parsed JSON, with their names) are all the shards of one run, and orders them by index. */
export function checkShardSet(files: readonly { name: string; doc: unknown }[]): ShardFile[] {
  const shards: ShardFile[] = [];
  for (const { name, doc } of files) {
    const d = doc as Partial<ShardFile> | null;
    if (d === null || typeof d !== 'object' || d.kind !== SHARD_KIND) throw new CliError(`${name}: not a design-sim shard file (made by sweep or optimize with --shard I/N)`);
    if (d.formatVersion !== JSON_FORMAT_VERSION) throw new CliError(`${name}: shard format ${String(d.formatVersion)}, this design-sim reads ${JSON_FORMAT_VERSION}: merge with the version that made it`);
    const damage = envelopeDamage(d);
    if (damage !== undefined) throw new CliError(`${name}: a damaged shard file: ${damage}; run that shard again`);
    shards.push(d as ShardFile);
  }
  const first = shards[0];
  if (first === undefined) throw new CliError('merge: no shard files given');
  shards.forEach((s, i) => {
    const name = files[i]?.name ?? '';
    if (s.fingerprint !== first.fingerprint || s.command !== first.command || s.shard.count !== first.shard.count) {
      throw new CliError(`${name}: from a different run than ${files[0]?.name ?? ''} (another file, options or shard count): merge the shards of one run`);
    }
  });
  const seen = new Map<number, string>();
  shards.forEach((s, i) => {
    const prev = seen.get(s.shard.index);
    if (prev !== undefined) throw new CliError(`${files[i]?.name ?? ''}: shard ${s.shard.index}/${s.shard.count} again (also in ${prev})`);
    seen.set(s.shard.index, files[i]?.name ?? '');
  });
  const missing = Array.from({ length: first.shard.count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) throw new CliError(`merge: missing shard${missing.length === 1 ? '' : 's'} ${missing.slice(0, 20).join(', ')}${missing.length > 20 ? ', …' : ''} of ${first.shard.count}`);
  return [...shards].sort((a, b) => a.shard.index - b.shard.index);
}
