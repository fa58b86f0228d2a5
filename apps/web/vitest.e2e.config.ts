import { defineConfig } from 'vitest/config';

// End-to-end: a real headless Chromium (Debian `chromium`) driven by playwright-core against `vite preview`.
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['../../vitest.setup.ts'],
    globalSetup: ['./e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
