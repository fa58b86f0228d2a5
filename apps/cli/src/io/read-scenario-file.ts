/**
 * Reads a scenario file's bytes, refusing before any read what can never be a scenario: a missing
 * path (with the nearest file name in that folder), a directory, a device or FIFO (reading one could
 * block forever), and anything over sim-core's MAX_FILE_BYTES, checked with fs.stat so a 50 MB file
 * costs one system call, not 50 MB of memory.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { MAX_FILE_BYTES, suggestNearest, type ScenarioIssue } from '@design-sim/sim-core';

/** The bytes of a scenario file, or one issue naming the file. */
export type ReadScenarioFileResult = { ok: true; bytes: Uint8Array } | { ok: false; issue: ScenarioIssue };

const SCENARIO_EXTENSIONS = /\.(ya?ml|json)$/i;

function fileIssue(file: string, message: string, suggestion?: string): ScenarioIssue {
  return { file, line: null, column: null, path: '', message, ...(suggestion === undefined ? {} : { suggestion }) };
}

const groupThousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** The nearest scenario-looking file name beside a missing path, as the user would type it. */
async function nearestSibling(file: string, absolute: string): Promise<string | undefined> {
  try {
    const names = (await readdir(dirname(absolute))).filter((n) => SCENARIO_EXTENSIONS.test(n));
    const near = suggestNearest(basename(absolute), names);
    if (near === undefined) return undefined;
    const dir = dirname(file);
    return dir === '.' && !file.startsWith('./') ? near : `${dir}/${near}`;
  } catch {
    return undefined;
  }
}

function errnoOf(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : undefined;
}

async function describeStatError(file: string, absolute: string, e: unknown): Promise<ScenarioIssue> {
  switch (errnoOf(e)) {
    case 'ENOENT':
      return fileIssue(file, 'no such file', await nearestSibling(file, absolute));
    case 'EACCES':
    case 'EPERM':
      return fileIssue(file, 'permission denied: cannot read this file');
    case 'ENOTDIR':
      return fileIssue(file, 'no such file: a folder in this path is a file');
    case 'ENAMETOOLONG':
      return fileIssue(file, 'the file name is too long');
    default:
      return fileIssue(file, `cannot read this file: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Reads `file` (relative to `cwd`); never throws. */
export async function readScenarioFile(file: string, cwd: string): Promise<ReadScenarioFileResult> {
  const absolute = resolve(cwd, file);
  let info;
  try {
    info = await stat(absolute);
  } catch (e) {
    return { ok: false, issue: await describeStatError(file, absolute, e) };
  }
  if (info.isDirectory()) {
    return { ok: false, issue: fileIssue(file, `is a directory, not a scenario file: name the files, e.g. ${file.replace(/\/$/, '')}/*.yaml`) };
  }
  if (!info.isFile()) return { ok: false, issue: fileIssue(file, 'is not a regular file (a device, socket or pipe): save the scenario to a file first') };
  if (info.size > MAX_FILE_BYTES) {
    return {
      ok: false,
      issue: fileIssue(file, `file is too large: ${groupThousands(info.size)} bytes (the limit is ${groupThousands(MAX_FILE_BYTES)} bytes = 1 MiB; see docs/limits.md)`),
    };
  }
  try {
    return { ok: true, bytes: new Uint8Array(await readFile(absolute)) };
  } catch (e) {
    return { ok: false, issue: await describeStatError(file, absolute, e) };
  }
}
