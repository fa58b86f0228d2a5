import { describe, expect, it } from 'vitest';
import { birthDeathStationary } from './birth-death.ts';

describe('birthDeathStationary', () => {
  it('a constant ratio ρ gives the truncated geometric law (M/M/1/K), summing to 1', () => {
    const rho = 0.8;
    const p = birthDeathStationary(4, () => Math.log(rho));
    const norm = (1 - rho) / (1 - rho ** 5);
    for (let n = 0; n <= 4; n++) expect(p[n]).toBeCloseTo(norm * rho ** n, 12);
  });

  it('stays finite where the products overflow a double (ratio e^10 over 200 states)', () => {
    const p = birthDeathStationary(200, () => 10);
    expect(p[200]).toBeCloseTo(1 - Math.exp(-10), 9);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});
