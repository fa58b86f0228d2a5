/**
 * The CLI's exit codes, the contract CI scripts rely on (documented in docs/cli.md):
 * 0 every expectation holds, 1 an expectation failed, 2 invalid input or usage.
 */
export const EXIT_OK = 0;
/** At least one `expect:` line failed (the run itself worked). */
export const EXIT_FAILED = 1;
/** Invalid input (file, YAML, schema, catalog reference) or command-line usage; nothing ran. */
export const EXIT_USAGE = 2;

/** The worst of several exit codes: usage errors outrank failed expectations, which outrank success. */
export function worstExitCode(codes: readonly number[]): number {
  return codes.reduce((worst, c) => Math.max(worst, c), EXIT_OK);
}
