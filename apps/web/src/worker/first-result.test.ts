import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** A fresh copy of the module (its gates are module state, made once per page). */
async function fresh() {
  vi.resetModules();
  return import('./first-result.ts');
}

// Without User Timing observers the first result's gate is open at once (first-result.ts); this tests what follows it.
beforeEach(() => vi.stubGlobal('PerformanceObserver', undefined));
afterEach(() => vi.unstubAllGlobals());

/** Whether `p` has settled after the pending microtasks and a macrotask. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((r) => setTimeout(r, 0));
  return done;
}

describe('the first screen gate', () => {
  it('waits for the first result, then for what the first screen registered (the canvas chunk)', async () => {
    const m = await fresh();
    let loaded!: () => void;
    m.firstScreenAlso(new Promise<void>((r) => (loaded = r)));
    const gate = m.afterFirstScreen();
    expect(await settled(m.afterFirstResult())).toBe(true);
    expect(await settled(gate)).toBe(false);
    loaded();
    expect(await settled(gate)).toBe(true);
  });

  it('opens when the registered load fails, and when nothing was registered', async () => {
    const m = await fresh();
    m.firstScreenAlso(Promise.reject(new Error('chunk failed')));
    expect(await settled(m.afterFirstScreen())).toBe(true);
    const n = await fresh();
    expect(await settled(n.afterFirstScreen())).toBe(true);
  });
});
