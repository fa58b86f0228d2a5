import { describe, expect, it } from 'vitest';
import { constantArrivals, erlangArrivals, giM1Sigma, giM1SojournRate } from './gi-m-1.ts';

describe('GI/M/1', () => {
  it('Poisson arrivals give σ = ρ (M/M/1)', () => {
    expect(giM1Sigma(erlangArrivals(1, 70), 100)).toBeCloseTo(0.7, 12);
  });

  it('E4/M/1 (round-robin of a 280/s Poisson stream over 4 replicas), μ = 100/s: the root and its check', () => {
    // σ = (280/(280 + 100(1 − σ)))⁴: σ = 0.552912 gives 280/324.709 = 0.862310, to the 4th 0.552912.
    const s = giM1Sigma(erlangArrivals(4, 280), 100);
    expect(s).toBeCloseTo(0.552912, 5);
    expect((280 / (280 + 100 * (1 - s))) ** 4).toBeCloseTo(s, 12);
    expect(1000 / giM1SojournRate(erlangArrivals(4, 280), 100)).toBeCloseTo(22.3669, 3);
  });

  it('D/M/1 at 80/s, μ = 100/s: σ = e^{−100(1 − σ)/80}', () => {
    // σ = 0.628630: e^{−1.25 × 0.371370} = e^{−0.464213} = 0.628630; mean sojourn 1/(100 × 0.371370) = 26.927 ms.
    const s = giM1Sigma(constantArrivals(1 / 80), 100);
    expect(s).toBeCloseTo(0.62863, 5);
    expect(1000 / giM1SojournRate(constantArrivals(1 / 80), 100)).toBeCloseTo(26.927, 2);
  });
});
