/** Writes an output file (--csv, --plot), creating its folder; failures become one CliError line. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { CliError } from '../cli-error.ts';

/** Writes `text` to `file` (relative to `cwd`); `flag` names the option in the error message. */
export async function writeOutputFile(cwd: string, file: string, text: string, flag: string): Promise<void> {
  const absolute = resolve(cwd, file);
  try {
    await mkdir(dirname(absolute), { recursive: true });
    await writeFile(absolute, text);
  } catch (e) {
    const reason = e instanceof Error ? e.message.replace(/^[A-Z]+: /, '') : String(e);
    throw new CliError(`${flag}: cannot write ${file}: ${reason}`);
  }
}
