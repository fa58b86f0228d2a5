/**
 * Reads the manifest files of `import k8s` into plain documents, refusing what cannot be manifests with one
 * located line each: a directory, more than MAX_MANIFEST_BYTES (io/read-input.ts: a pipe or /dev/zero cannot
 * exhaust memory, a silent pipe cannot hang), bytes that are not UTF-8 text, YAML syntax errors, alias bombs and
 * absurd nesting. Never throws anything but CliError.
 */
import { resolve } from 'node:path';
import { blockNestingTooDeepAt, byteLineColumn, createLocator, decodeUtf8, createSourceLocator, duplicateKeyErrors, flowNestingTooDeepAt, jsonDuplicateKey, MAX_BLOCK_NESTING, MAX_FLOW_NESTING, MAX_FILE_BYTES, toJSWithAliasLimit, AliasLimitError } from '@design-sim/sim-core';
import type { PathSegment } from '@design-sim/sim-core';
import { LineCounter, parseAllDocuments } from 'yaml';
import { CliError } from '../cli-error.ts';
import { errnoOf, readInput, reasonOf, type InputOptions } from '../io/read-input.ts';
import type { ManifestDoc } from './import-k8s.ts';

/**
 * Largest manifest input, bytes (16 MiB): `kubectl get deploy,hpa -A -o yaml` of a large cluster is a few MB;
 * the cap is what stands between a pipe that never ends and the process's memory.
 */
export const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

const group = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** The file's bytes, at most MAX_MANIFEST_BYTES (a pipe or device is read, up to the cap; a silent pipe is given up on). */
async function readCapped(file: string, absolute: string, input: Omit<InputOptions, 'maxBytes'>): Promise<Uint8Array> {
  const read = await readInput(file, absolute, { ...input, maxBytes: MAX_MANIFEST_BYTES });
  if (read.ok) return read.bytes;
  switch (read.kind) {
    case 'stat':
      throw new CliError(errnoOf(read.error) === 'ENOENT' ? `${file}: no such file` : `${file}: cannot read: ${reasonOf(read.error)}`);
    case 'directory':
      throw new CliError(`${file}: is a directory, not a manifest file: name the files, e.g. ${file.replace(/\/$/, '')}/*.yaml`);
    case 'too-large':
      throw new CliError(`${file}: too large: more than ${group(MAX_MANIFEST_BYTES)} bytes of manifests (the limit is 16 MiB; see docs/limits.md)`);
    case 'stream':
      throw new CliError(`${file}: ${read.message}`);
  }
}

function decode(file: string, bytes: Uint8Array): string {
  const at = (offset: number) => byteLineColumn(bytes, offset).join(':');
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new CliError(`${file}:${at(nul)}: not a text file: found a NUL byte at byte ${nul} (manifests are UTF-8 YAML or JSON)`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // TextDecoder says only that the bytes are not UTF-8; sim-core's strict decoder says where (it is slower, so only now).
    const bad = decodeUtf8(bytes);
    const where = bad.ok ? '' : `:${at(bad.offset)}`;
    throw new CliError(`${file}${where}: not a text file: found bytes that are not valid UTF-8${bad.ok ? '' : ` at byte ${bad.offset}`} (manifests are UTF-8 YAML or JSON)`);
  }
}

const TOO_DEEP = 'the document nests too deeply to be a manifest (thousands of levels)';

/**
 * Refuses text nested past sim-core's limits before the YAML parser sees it, at the line and column where the
 * limit is crossed: 16 MiB of `[` ran past a minute, and of `- ` took 60 s and 2.2 GB, before the parser's stack
 * overflowed. A manifest nests about 15 levels.
 */
function refuseDeepNesting(file: string, text: string): void {
  const flow = flowNestingTooDeepAt(text);
  const at = flow >= 0 ? flow : blockNestingTooDeepAt(text);
  if (at < 0) return;
  const { line, col } = lineCol(text, at);
  const what = flow >= 0 ? `${MAX_FLOW_NESTING} levels of [ or {` : `${MAX_BLOCK_NESTING} levels of nested lists or mappings`;
  throw new CliError(`${file}:${line}:${col}: the document nests too deeply to be a manifest: more than ${what} (docs/limits.md)`);
}

/** Every document of every file, in order. */
export async function readManifests(cwd: string, files: readonly string[], input: Omit<InputOptions, 'maxBytes'> = {}): Promise<ManifestDoc[]> {
  const docs: ManifestDoc[] = [];
  for (const file of files) {
    const text = decode(file, await readCapped(file, resolve(cwd, file), input));
    refuseDeepNesting(file, text);
    // `kubectl get … -o json` is JSON: JSON.parse reads it in a fraction of the YAML parser's time (9 MB of
    // 100,000 objects took 12 s and 840 MB). Text it refuses goes to the YAML parser, which locates the error.
    const json = parseJson(text);
    if (json !== undefined) {
      const dup = jsonDuplicateKey(text);
      if (dup !== null) {
        const { line, col } = lineCol(text, dup.offset);
        throw new CliError(`${file}:${line}:${col}: duplicate key ${JSON.stringify(dup.key)}: each key may appear once in an object (JSON.parse would keep the last silently)`);
      }
      // JSON is YAML: a field's line is found by parsing it as YAML, once and only for an error, and only for a
      // file the size of a scenario (a cluster's 9 MB took the YAML parser 12 s; its errors name no line).
      let locator: ReturnType<typeof createSourceLocator> | undefined;
      const locate = (path: readonly PathSegment[]) => (text.length > MAX_FILE_BYTES ? null : (locator ??= createSourceLocator(text))(path));
      docs.push({ file, doc: json.value, locate });
      continue;
    }
    let parsed;
    const lineCounter = new LineCounter();
    try {
      // Duplicate keys are found by sim-core in one pass: the library's own check is quadratic in a mapping's keys.
      // prettyErrors false: the pretty message repeats the position ("… at line 3, column 11:") this one gives.
      // merge: kubectl reads YAML with go-yaml, which resolves merge keys (`- <<: *container`); read as YAML 1.2, a
      // container merged from another kept its "<<" as an unknown key and lost its resources: a pod of two 1-GPU
      // containers imported as 1 GPU, exit 0. (A scenario refuses merge keys instead: parse-scenario.ts.)
      parsed = parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false, lineCounter, merge: true });
    } catch (e) {
      throw new CliError(`${file}: ${/maximum call stack/i.test(reasonOf(e)) ? TOO_DEEP : `YAML error: ${reasonOf(e)}`}`);
    }
    for (const d of Array.isArray(parsed) ? parsed : [parsed]) {
      const err = d.errors[0] ?? duplicateKeyErrors(d)[0];
      if (err !== undefined) {
        const at = err.linePos?.[0] ?? lineCol(text, err.pos[0]);
        const where = `${file}${at === undefined ? '' : `:${at.line}:${at.col}`}`;
        if (/maximum call stack/i.test(err.message)) throw new CliError(`${where}: ${TOO_DEEP}`);
        throw new CliError(`${where}: YAML syntax error: ${err.message.split('\n')[0] ?? ''}`);
      }
      try {
        docs.push({ file, doc: toJSWithAliasLimit(d), locate: createLocator(d, lineCounter) });
      } catch (e) {
        if (e instanceof AliasLimitError) {
          const at = e.offset === undefined ? undefined : lineCounter.linePos(e.offset);
          throw new CliError(`${file}${at === undefined ? '' : `:${at.line}:${at.col}`}: ${e.message}`);
        }
        const msg = reasonOf(e);
        if (/maximum call stack/i.test(msg)) throw new CliError(`${file}: ${TOO_DEEP}`);
        throw new CliError(`${file}: YAML error: ${msg}`);
      }
    }
  }
  return docs;
}

/** `text` as JSON when it is a JSON object or array, else undefined (YAML, or JSON with an error to locate). */
function parseJson(text: string): { value: unknown } | undefined {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return undefined;
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

/** 1-based line and column of a character offset (for errors found after parsing, which carry no position). */
function lineCol(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const nl = before.lastIndexOf('\n');
  return { line: before.split('\n').length, col: offset - nl };
}
