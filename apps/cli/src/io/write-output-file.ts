/**
 * Output files (--csv, --plot, --write, --out). `checkOutputPath` runs before any simulation, so a path
 * that can never be written costs nothing (not a finished run thrown away); `writeOutputFile` writes a
 * temporary file beside the target and renames it, so a failed write leaves no partial file behind.
 */
import { constants } from 'node:fs';
import { access, mkdir, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { CliError } from '../cli-error.ts';
import { reasonOf } from './read-input.ts';

async function kindOf(path: string): Promise<'file' | 'directory' | 'other' | 'missing'> {
  try {
    const s = await stat(path);
    return s.isDirectory() ? 'directory' : s.isFile() ? 'file' : 'other';
  } catch {
    return 'missing';
  }
}

/**
 * Refuses, before anything runs, an output `file` (relative to `cwd`) that cannot be written: empty, a
 * directory or a path ending in "/" (or, with `directory`, a file where the folder goes), under a file, or in a
 * folder not writable.
 */
export async function checkOutputPath(cwd: string, file: string, flag: string, options: { directory?: boolean } = {}): Promise<void> {
  if (file.trim() === '') throw new CliError(`${flag}: expected a ${options.directory ? 'folder' : 'file'} name, got an empty value`);
  // `--plot plots/` wrote a file named plots and said "wrote plots/": a path ending in a slash names a folder.
  if (!options.directory && /[\\/]$/.test(file)) throw new CliError(`${flag}: ${file} names a folder (it ends in "/"): name a file in it, e.g. ${file}out`);
  const absolute = resolve(cwd, file);
  const kind = await kindOf(absolute);
  if (options.directory ? kind === 'file' || kind === 'other' : kind === 'directory') {
    throw new CliError(`${flag}: ${file} is ${options.directory ? 'a file, not a folder' : 'a directory: name a file, e.g. ' + file.replace(/\/$/, '') + '/out'}`);
  }
  // The nearest folder that exists must be a writable folder (the rest is created on write).
  let parent = options.directory && kind === 'directory' ? absolute : dirname(absolute);
  for (;;) {
    const k = await kindOf(parent);
    if (k === 'directory') break;
    if (k !== 'missing') throw new CliError(`${flag}: cannot write ${file}: ${parent} is a file, not a folder`);
    const up = dirname(parent);
    if (up === parent) break;
    parent = up;
  }
  try {
    await access(parent, constants.W_OK);
  } catch {
    throw new CliError(`${flag}: cannot write ${file}: permission denied in ${parent}`);
  }
}

const sameFile = async (path: string): Promise<string> => realpath(path).catch(() => path);

/**
 * Refuses an output `file` that is one of the command's `inputs` (both relative to `cwd`; links followed):
 * `run s.yaml --plot s.yaml` replaced the scenario with its own chart, and `export k8s s.yaml -o s.yaml` or
 * `import k8s m.yaml -o m.yaml` would replace the input with the output. Checked before anything runs.
 */
export async function refuseInputAsOutput(cwd: string, file: string, inputs: readonly string[], flag: string): Promise<void> {
  const out = await sameFile(resolve(cwd, file));
  for (const input of inputs) {
    if ((await sameFile(resolve(cwd, input))) === out) throw new CliError(`${flag}: ${file} is an input of this command (${input}); writing it would replace it: name another file (nothing was run or written)`);
  }
}

/** Writes `text` to `file` (relative to `cwd`); `flag` names the option in the error message. */
export async function writeOutputFile(cwd: string, file: string, text: string, flag: string): Promise<void> {
  const absolute = resolve(cwd, file);
  const temporary = `${absolute}.${process.pid}.tmp`;
  try {
    await mkdir(dirname(absolute), { recursive: true });
    if ((await kindOf(absolute)) === 'other') {
      // A device or pipe (/dev/stdout): write it directly, there is nothing to rename over.
      await writeFile(absolute, text);
      return;
    }
    await writeFile(temporary, text);
    await rename(temporary, absolute);
  } catch (e) {
    await unlink(temporary).catch(() => undefined);
    throw new CliError(`${flag}: cannot write ${file}: ${reasonOf(e)}`);
  }
}
