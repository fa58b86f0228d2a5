/**
 * kubernetes-sigs/karpenter @ 2266468104f36373ed002241afaee2d3bbc26078 state/statenode.go `nominationWindow`
 * (max(2 × BatchMaxDuration, 10 s)) and `Nominated` (`nominatedUntil.After(now)`: strict).
 */
import { describe, expect, it } from 'vitest';
import { isNominated, nominationWindowSeconds } from './node-nomination.ts';

describe('nominationWindow and Nominated', () => {
  it('twice the batch max duration, at least 10 s: 20 s with the default 10 s; 10 s with a 3 s batch', () => {
    expect(nominationWindowSeconds(10)).toBe(20);
    expect(nominationWindowSeconds(3)).toBe(10);
  });

  it('a round at 381 s nominates until 401 s: nominated at 385 and 400.9 s, not at 401 s itself; never nominated: never', () => {
    const until = 381 + nominationWindowSeconds(10);
    expect(isNominated(until, 385)).toBe(true);
    expect(isNominated(until, 400.9)).toBe(true);
    expect(isNominated(until, 401)).toBe(false);
    expect(isNominated(-Infinity, 0)).toBe(false);
  });
});
