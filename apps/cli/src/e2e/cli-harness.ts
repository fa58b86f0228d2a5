/** Spawns the built CLI (dist/design-sim.mjs) as users run it, with a clean, colourless environment. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

/** The bundle the global setup builds. */
export const CLI_BIN = fileURLToPath(new URL('../../dist/design-sim.mjs', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Wall-clock time of the whole process, ms. */
  ms: number;
}

/** Runs `node dist/design-sim.mjs ...args`; stdout and stderr are pipes (not terminals). */
export function cli(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): CliRun {
  const start = performance.now();
  const r = spawnSync(process.execPath, [CLI_BIN, ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', ...options.env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - start };
}

/** A stack-trace line ("    at fn (file:1:2)"): must never reach the user. */
export const STACK_LINE = /^\s+at\s/m;

/**
 * A temporary folder for a test file's inputs, removed after its tests: `file(name, content)` writes one
 * and returns its name (the CLI runs with the folder as its working directory).
 */
export function tempFolder(prefix: string): { dir: string; file: (name: string, content: string | Uint8Array) => string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    file: (name, content) => {
      writeFileSync(join(dir, name), content);
      return name;
    },
  };
}
