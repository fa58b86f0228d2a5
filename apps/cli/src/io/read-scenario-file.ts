/**
 * Reads a scenario file's bytes (read-input.ts: a regular file sized before it is read, a pipe read up
 * to the limit and given up on when silent), refusing what can never be a scenario: a missing path (with
 * the nearest file name in that folder), a directory, anything over sim-core's MAX_FILE_BYTES.
 */
import { readdir } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { MAX_FILE_BYTES, suggestNearest, type ScenarioIssue } from '@design-sim/sim-core';
import { errnoOf, readInput, SYMLINK_LOOP, type InputOptions } from './read-input.ts';

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
    // Was "cannot read this file: ELOOP: too many symbolic links encountered, stat '/the/absolute/path'".
    case 'ELOOP':
      return fileIssue(file, `cannot read this file: ${SYMLINK_LOOP}`);
    default:
      return fileIssue(file, `cannot read this file: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Reads `file` (relative to `cwd`); never throws. `input` says where to tell that a pipe is silent, and how long to wait. */
export async function readScenarioFile(file: string, cwd: string, input: Omit<InputOptions, 'maxBytes'> = {}): Promise<ReadScenarioFileResult> {
  const absolute = resolve(cwd, file);
  const read = await readInput(file, absolute, { ...input, maxBytes: MAX_FILE_BYTES });
  if (read.ok) return read;
  switch (read.kind) {
    case 'stat':
      return { ok: false, issue: await describeStatError(file, absolute, read.error) };
    case 'directory':
      return { ok: false, issue: fileIssue(file, `is a directory, not a scenario file: name the files, e.g. ${file.replace(/\/$/, '')}/*.yaml`) };
    case 'too-large': {
      const size = read.size === null ? `more than ${groupThousands(MAX_FILE_BYTES)} bytes` : `${groupThousands(read.size)} bytes`;
      return { ok: false, issue: fileIssue(file, `file is too large: ${size} (the limit is ${groupThousands(MAX_FILE_BYTES)} bytes = 1 MiB; see docs/limits.md)`) };
    }
    case 'stream':
      return { ok: false, issue: fileIssue(file, read.message) };
  }
}
