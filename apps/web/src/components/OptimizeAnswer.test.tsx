import { optimizeDesign, type SearchSpace, type SeedEvaluation } from '@design-sim/sim-core';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { OptimizeAnswer } from './OptimizeAnswer.tsx';

/** One dimension, replicas 1..4, every design passing on each seed; `lost` says what each seed's run left unserved. */
async function answer(lost: (seed: number) => string | null, quiet = false) {
  const space: SearchSpace = { dimensions: [{ label: 'replicas', paths: ['spec.services[0].replicas'], values: [1, 2, 3, 4], capacity: 'up' }] };
  return optimizeDesign(space, { seeds: [1, 2], minimize: 'cost.hourly' }, async (design, seed): Promise<SeedEvaluation> => {
    const replicas = design[0]! + 1;
    return {
      seed,
      pass: true,
      expectations: [{ text: 'availability >= 90%', metric: 'availability', op: '>=', expected: 0.9, actual: 0.95, pass: true }],
      errors: [],
      unserved: lost(seed),
      ...(quiet ? { nothingOffered: 'no request arrived after the warm-up: the run shows nothing about serving (its latency and availability have no value)' } : {}),
      metrics: { availability: 0.95, 'cost.hourly': replicas },
    };
  });
}

describe('the optimizer’s answer', () => {
  it('a best design whose runs left requests unserved is amber and says so per seed, not a green ✓', async () => {
    const r = await answer((seed) => `${seed * 10} of 1,000 requests not served (${seed * 10} dropped, 0 timed out)`);
    render(<OptimizeAnswer result={r} current={{}} elapsedMs={1200} onLoad={() => undefined} />);
    const verdict = screen.getByTestId('optimize-answer').querySelector('.ds-verdict')!;
    expect(verdict.className).toContain('is-warn');
    expect(verdict.querySelector('strong')?.textContent).toMatch(/^⚠ Best design: replicas = 1/);
    expect(screen.getByTestId('optimize-unserved').textContent).toBe(
      'It meets every expectation, with unserved requests: on seed 1: 10 of 1,000 requests not served (10 dropped, 0 timed out); on seed 2: 20 of 1,000 requests not served (20 dropped, 0 timed out).',
    );
  });

  it('is green when every run served every request', async () => {
    const r = await answer(() => null);
    render(<OptimizeAnswer result={r} current={{}} elapsedMs={1200} onLoad={() => undefined} />);
    expect(screen.getByTestId('optimize-answer').querySelector('.ds-verdict')!.className).toContain('is-pass');
    expect(screen.queryByTestId('optimize-unserved')).toBeNull();
  });

  it('a best design offered nothing after the warm-up is amber and says so, not a green ✓', async () => {
    const r = await answer(() => null, true);
    render(<OptimizeAnswer result={r} current={{}} elapsedMs={1200} onLoad={() => undefined} />);
    expect(screen.getByTestId('optimize-answer').querySelector('.ds-verdict')!.className).toContain('is-warn');
    expect(screen.getByTestId('optimize-nothing-offered').textContent).toBe(
      'It meets every expectation, with nothing offered after the warm-up: on seeds 1, 2: no request arrived after the warm-up: the run shows nothing about serving (its latency and availability have no value).',
    );
  });

  it('has no answer when the minimized cost is a lower bound (a bill that lacks prices), not a green best design', async () => {
    const space: SearchSpace = { dimensions: [{ label: 'replicas', paths: ['spec.services[0].replicas'], values: [1, 2], capacity: 'up' }] };
    const r = await optimizeDesign(space, { seeds: [1], minimize: 'cost.hourly' }, async (_design, seed): Promise<SeedEvaluation> => ({
      seed,
      pass: true,
      expectations: [],
      errors: [],
      unserved: null,
      unknownPrices: ['no node pools: the nodes the replicas run on are not priced (capacity is unlimited; add spec.nodePools to price it)'],
      metrics: { 'cost.hourly': 0 },
    }));
    render(<OptimizeAnswer result={r} current={{}} elapsedMs={1200} onLoad={() => undefined} />);
    expect(screen.getByTestId('optimize-unpriced').textContent).toMatch(/^✗ No answer: cost\.hourly is a lower bound on every design run, not a price/);
    expect(screen.queryByTestId('optimize-load-best')).toBeNull();
  });
});
