import { describe, expect, it } from 'vitest';
import { gpuOptions, instanceOptions } from './catalog-options.ts';
import { DEFAULT_INSTANCE } from '../kinds/node-pool/index.ts';

describe('catalog pickers', () => {
  it('list instances with their on-demand and spot prices and sources', () => {
    const opts = instanceOptions();
    expect(opts.length).toBeGreaterThan(10);
    const g5 = opts.find((o) => o.id === DEFAULT_INSTANCE)!;
    expect(g5.gpuCount).toBe(1);
    expect(g5.onDemand).toMatchObject({ source: expect.any(String), sourceDate: expect.stringMatching(/\d{4}-\d{2}-\d{2}/) });
    expect(g5.label).toContain(`$${g5.onDemand!.usdPerHour}/h`);
    expect(g5.onDemand!.url).toMatch(/^https?:\/\//);
  });

  it('use the prices in force on the catalog date asked for, and an empty list for a malformed date', () => {
    const early = instanceOptions('2025-03-20').find((o) => o.id === DEFAULT_INSTANCE)!;
    const now = instanceOptions().find((o) => o.id === DEFAULT_INSTANCE)!;
    expect(early.spot!.usdPerHour).not.toBe(now.spot!.usdPerHour);
    expect(instanceOptions('not-a-date')).toEqual([]);
  });

  it('give each GPU its cheapest on-demand price per GPU-hour, with where it comes from', () => {
    const h100 = gpuOptions().find((g) => g.id === 'h100-sxm-80gb')!;
    expect(h100.cheapest).not.toBeNull();
    expect(h100.cheapest!.usdPerHour).toBeGreaterThan(0);
    expect(h100.cheapest!.where).not.toBe('');
  });
});
