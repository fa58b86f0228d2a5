import { describe, expect, it } from 'vitest';
import { smallDoc } from '../test-support/fixtures.ts';
import { keepRecent, MAX_RECENT, readRecent } from './recent-designs.ts';

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
}

describe('recent designs', () => {
  it('keeps replaced designs newest first, once each, at most MAX_RECENT', () => {
    const s = memoryStorage();
    const now = new Date('2026-12-02T19:00:00Z');
    keepRecent(smallDoc({ qps: 1 }), now, s);
    keepRecent(smallDoc({ qps: 2 }), now, s);
    keepRecent(smallDoc({ qps: 1 }), now, s);
    const list = readRecent(s);
    expect(list.map((r) => (r.doc.spec as { traffic: { profile: { qps: number } } }).traffic.profile.qps)).toEqual([1, 2]);
    expect(list[0]).toMatchObject({ title: 'Small test design', savedAt: '2026-12-02T19:00:00.000Z' });
    for (let q = 10; q < 30; q++) keepRecent(smallDoc({ qps: q }), now, s);
    expect(readRecent(s)).toHaveLength(MAX_RECENT);
  });

  it('reads damaged storage as an empty list', () => {
    expect(readRecent({ getItem: () => '{not json' })).toEqual([]);
    expect(readRecent({ getItem: () => '[{"title":1}]' })).toEqual([]);
  });
});
