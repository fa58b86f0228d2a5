// Any console output from code under test is a failure: the core must stay silent and pure (STYLE.md §11).
import fc from 'fast-check';
import { afterEach, beforeEach, vi } from 'vitest';

// Property tests explore hundreds of cases, but CI must be reproducible: a fixed seed unless FC_SEED says
// otherwise (FC_SEED=random explores new cases locally; a failure prints the seed to replay).
const seed = process.env.FC_SEED;
if (seed !== 'random') fc.configureGlobal({ seed: Number(seed ?? 20261123) });

const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;

beforeEach(() => {
  for (const m of methods) {
    vi.spyOn(console, m).mockImplementation((...args: unknown[]) => {
      throw new Error(`console.${m} called in a test: ${args.map(String).join(' ')}`);
    });
  }
});

afterEach(() => {
  vi.restoreAllMocks();
});
