/** The output format `--json` and `--format` choose together, one rule for every command that has both. */
import { CliError } from '../cli-error.ts';

/** Output formats of the commands that print a report. */
export type OutputFormat = 'text' | 'markdown' | 'json';

/**
 * `--json` is `--format json`; with another `--format` as well the two disagree, a usage error before anything
 * runs. `run` refused the pair; sweep, optimize, compare and merge printed JSON, minutes of runs later, for a
 * `--format markdown` the user also asked for.
 */
export function outputFormat(o: { json?: boolean; format: OutputFormat }): OutputFormat {
  if (o.json === true && o.format !== 'text' && o.format !== 'json') throw new CliError(`--json and --format ${o.format} disagree: use one of them`);
  return o.json === true ? 'json' : o.format;
}
