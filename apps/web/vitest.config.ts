import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { exampleScenario } from './scripts/example-scenario-plugin.ts';
import { yamlDoc } from './scripts/yaml-doc-plugin.ts';

// Unit and component tests: happy-dom, beside the code as src/**/x.test.ts(x). The e2e suite has its own config.
export default defineConfig({
  plugins: [react(), yamlDoc(), exampleScenario()],
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    environment: 'happy-dom',
    setupFiles: ['../../vitest.setup.ts', './src/test-setup.ts'],
    testTimeout: 60_000,
  },
});
