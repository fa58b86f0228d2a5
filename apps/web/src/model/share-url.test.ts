import fc from 'fast-check';
import { compressToEncodedURIComponent } from 'lz-string';
import { describe, expect, it } from 'vitest';
import { decodeShareHash, encodeShareHash } from './share-url.ts';

describe('share links', () => {
  it('round-trips any text, with or without a library file, using only URL-safe characters', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 400 }), fc.option(fc.constantFrom('a.yaml', 'with space & amp.yaml')), async (text, libraryFile) => {
        const hash = await encodeShareHash({ text, libraryFile });
        expect(hash).toMatch(/^#z=[A-Za-z0-9_-]*(&lib=[A-Za-z0-9._~%-]+)?$/);
        expect(await decodeShareHash(hash)).toEqual({ ok: true, payload: { text, libraryFile } });
      }),
      { numRuns: 60 },
    );
  });

  it('a library design unchanged is its file name alone', async () => {
    expect(await encodeShareHash({ text: null, libraryFile: 'autoscaling-100-to-1000-qps.yaml' })).toBe('#lib=autoscaling-100-to-1000-qps.yaml');
    expect(await decodeShareHash('#lib=autoscaling-100-to-1000-qps.yaml')).toEqual({ ok: true, payload: { text: null, libraryFile: 'autoscaling-100-to-1000-qps.yaml' } });
  });

  it('deflate makes a scenario shorter than the lz-string links it replaces, and those still open', async () => {
    const yaml = ['apiVersion: design-sim/v1', 'kind: Scenario', 'metadata:', '  name: x', 'spec:', '  duration: 1h', ...Array.from({ length: 12 }, (_, i) => `  # line ${i}: services, pools and their replicas`)].join('\n');
    const z = await encodeShareHash({ text: yaml, libraryFile: null });
    const s = `#s=${compressToEncodedURIComponent(yaml)}`;
    expect(z.length).toBeLessThan(s.length);
    expect(await decodeShareHash(s)).toEqual({ ok: true, payload: { text: yaml, libraryFile: null } });
  });

  it('ignores fragments that are not share links and reports damaged ones', async () => {
    expect(await decodeShareHash('')).toBeNull();
    expect(await decodeShareHash('#section')).toBeNull();
    const damaged = { ok: false, message: expect.stringContaining('damaged') };
    expect(await decodeShareHash('#s=%%%')).toEqual(damaged);
    expect(await decodeShareHash('#z=%%%')).toEqual(damaged);
    expect(await decodeShareHash('#z=AAAA-_')).toEqual(damaged);
    expect(await decodeShareHash('#z=')).toEqual(damaged);
  });
});
