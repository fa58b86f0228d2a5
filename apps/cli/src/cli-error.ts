import type { ScenarioIssue } from '@design-sim/sim-core';
import { EXIT_USAGE } from './exit-codes.ts';

/**
 * An error the user can act on: printed as one `design-sim: <message>` line (never a stack trace),
 * then the process exits with `exitCode`. `issues` carries located scenario problems to print instead.
 */
export class CliError extends Error {
  readonly exitCode: number;
  readonly issues: readonly ScenarioIssue[];

  constructor(message: string, options: { exitCode?: number; issues?: readonly ScenarioIssue[] } = {}) {
    super(message);
    this.name = 'CliError';
    this.exitCode = options.exitCode ?? EXIT_USAGE;
    this.issues = options.issues ?? [];
  }
}
