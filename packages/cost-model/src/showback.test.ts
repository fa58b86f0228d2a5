import { describe, expect, it } from 'vitest';
import { showback } from './showback.ts';

describe('showback', () => {
  it('charges GPU-hours at the bill per capacity GPU-hour, and the parts add up to the bill', () => {
    // 80 GPUs for 10 h = 800 GPU-hours for $2,000: $2.50 per GPU-hour.
    const s = showback(2000, 800, [{ name: 'nlp', gpuHours: 320 }, { name: 'cv', gpuHours: 240 }]);
    expect(s.usdPerGpuHour).toBe(2.5);
    expect(s.teams.map((t) => t.usd)).toEqual([800, 600]);
    expect(s.unallocatedGpuHours).toBe(240);
    expect(s.unallocatedUsd! + 800 + 600).toBeCloseTo(2000, 9);
  });

  it('keeps an unknown bill unknown', () => {
    expect(showback(null, 800, [{ name: 'a', gpuHours: 1 }]).teams[0]!.usd).toBeNull();
  });
});
