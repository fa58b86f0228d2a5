import type { CliContext } from '../context.ts';

/** What every command registration receives: the context, and a way to report its exit code. */
export interface CommandEnv {
  ctx: CliContext;
  /** Records an exit code; the process exits with the worst one recorded. */
  exit(code: number): void;
}
