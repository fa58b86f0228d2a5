import fc from 'fast-check';
import { compressToEncodedURIComponent } from 'lz-string';
import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '@design-sim/sim-core';
import { decodeShareHash, encodeShareHash, MAX_LEGACY_LINK_CHARS } from './share-url.ts';

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

  it('a link that inflates past the 1 MiB of a scenario file is refused as soon as it passes it, not inflated whole', async () => {
    // 4 MiB of one character deflates to about 4 KB (a 2 MB link, which a browser accepts, inflates to gigabytes).
    const bomb = await encodeShareHash({ text: 'a'.repeat(4 * 1024 * 1024), libraryFile: null });
    expect(bomb.length).toBeLessThan(10_000);
    const refused = await decodeShareHash(bomb);
    expect(refused).toEqual({ ok: false, message: expect.stringContaining('larger than 1,048,576 bytes (1 MiB)') });
    // At the limit it opens (the parser then judges the text like any file's).
    const atLimit = 'x'.repeat(MAX_FILE_BYTES);
    expect(await decodeShareHash(await encodeShareHash({ text: atLimit, libraryFile: null }))).toEqual({ ok: true, payload: { text: atLimit, libraryFile: null } });
    const over = await decodeShareHash(await encodeShareHash({ text: `${atLimit}x`, libraryFile: null }));
    expect(over).toEqual({ ok: false, message: expect.stringContaining('it was not opened') });
  });

  it('an old-form (#s=) link longer than the limit is refused before lz-string inflates it (n codes can give n²/2 characters)', async () => {
    // 5e5 characters of one letter compress to about 2,000: lz-string's worst case, quadratic in the link's length.
    const long = compressToEncodedURIComponent('a'.repeat(5e5));
    expect(long.length).toBeLessThanOrEqual(MAX_LEGACY_LINK_CHARS);
    const decoded = await decodeShareHash(`#s=${long}`);
    expect(decoded?.ok === true && decoded.payload.text?.length).toBe(5e5);
    // One character over the limit (such a link of one repeated letter would ask for about 35 M characters).
    const tooLong = `#s=${'A'.repeat(MAX_LEGACY_LINK_CHARS + 1)}`;
    const started = performance.now();
    expect(await decodeShareHash(tooLong)).toEqual({ ok: false, message: expect.stringContaining('old form (#s=) and longer than 16,384 characters') });
    // Refused by its length alone: no inflating (which would take seconds and gigabytes).
    expect(performance.now() - started).toBeLessThan(50);
  });
});
