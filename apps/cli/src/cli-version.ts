import packageJson from '../package.json' with { type: 'json' };

/** The CLI's version (from apps/cli/package.json). */
export const CLI_VERSION: string = packageJson.version;
