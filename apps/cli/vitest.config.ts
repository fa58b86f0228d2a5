import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    setupFiles: ['../../vitest.setup.ts'],
    // Builds dist/design-sim.mjs once: the e2e tests spawn the real binary (turbo's test task only builds dependencies).
    globalSetup: ['./src/e2e/global-setup.ts'],
    testTimeout: 60_000,
  },
});
