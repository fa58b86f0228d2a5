// Builds the CLI bundle before any test file runs, so the e2e tests spawn what users run.
// @ts-expect-error build.mjs is plain JavaScript without type declarations.
import { buildCli } from '../../build.mjs';

export default async function setup(): Promise<void> {
  await buildCli();
}
