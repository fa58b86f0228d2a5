// Component tests render into happy-dom; unmount after each test so tests do not see each other's DOM.
import { cleanup } from '@testing-library/react';
import { afterEach, beforeAll } from 'vitest';
import { loadScenarioParser } from './model/load-design.ts';

// The app loads sim-core's scenario parser on first use (load-design.ts); tests open designs at once.
beforeAll(loadScenarioParser);

afterEach(() => {
  cleanup();
});
