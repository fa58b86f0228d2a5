import { describe, expect, it } from 'vitest';
import { frontierGeometry, logTicks } from './frontier-geometry.ts';

describe('frontier chart geometry', () => {
  it('puts cheaper designs left and slower ones higher, the limit between them, as a staircase', () => {
    const g = frontierGeometry([{ cost: 5, latency: 105 }, { cost: 6, latency: 78 }, { cost: 7, latency: 65 }], 100, 600, 220);
    expect(g.log).toBe(false);
    const [a, b, c] = g.points;
    expect(a!.x).toBeLessThan(b!.x);
    expect(b!.x).toBeLessThan(c!.x);
    expect(a!.y).toBeLessThan(g.limitY!); // SVG y grows downwards: 105 ms is above the 100 ms line
    expect(b!.y).toBeGreaterThan(g.limitY!);
    expect(g.stepPath).toBe(`M${a!.x},${a!.y}H${b!.x}V${b!.y}H${c!.x}V${c!.y}`);
    expect(g.xTicks.every((t) => t.label.startsWith('$'))).toBe(true);
  });

  it('switches to a log scale when latencies span more than 20×, so the near-overloaded design does not flatten the rest', () => {
    const g = frontierGeometry([{ cost: 6, latency: 4310 }, { cost: 7, latency: 150 }, { cost: 8, latency: 92 }, { cost: 12, latency: 50 }], 100, 600, 220);
    expect(g.log).toBe(true);
    expect(g.yTicks.map((t) => t.label)).toEqual(['50', '100', '200', '500', '1k', '2k', '5k']);
    const ys = g.points.map((p) => p.y);
    // Equal ratios, equal distances: 150 → 92 and 92 → 50 are both about a factor of 1.7.
    expect((ys[2]! - ys[1]!) / (ys[3]! - ys[2]!)).toBeCloseTo(Math.log(150 / 92) / Math.log(92 / 50), 6);
  });
});

it('log ticks keep to 1-2-5, or powers of ten over a wide span', () => {
  expect(logTicks(30, 700)).toEqual([50, 100, 200, 500]);
  expect(logTicks(1, 1e6)).toEqual([1, 10, 100, 1000, 10000, 100000, 1000000]);
});
