/**
 * The speculating batch's aggregates (engine/speculative-batch.ts), worked by hand with every draft accepted (α 1, k 3:
 * every step yields 4 tokens, so the steps and the growth are certain).
 */
import { describe, expect, it } from 'vitest';
import { SpeculativeSteps } from '../llm/speculative-steps.ts';
import { Rng } from '../random/rng.ts';
import { SpeculativeBatch } from './speculative-batch.ts';

describe('SpeculativeBatch', () => {
  it('two sequences: steps, context growth and whole tokens a step, by hand', () => {
    const b = new SpeculativeBatch(new SpeculativeSteps(1, 3, new Rng(1, 0)), 4);
    // A (position 0) starts after step 0 with 8 tokens: 2 steps (4 + 4); growth before its steps 0 + 4 = 4, so slope
    // 2·4 / (2·1) = 4; rate 8 / 2 = 4.
    expect(b.start(0, 0, 8)).toBe(2);
    expect(b.growth(0)).toBe(0);
    // Step 1: A gains 4.
    expect(b.tokens(1)).toBe(4);
    // B (position 1) starts after step 1 with 5 tokens: 2 steps (4, then 1 of 4); growth 0 + 4, slope 4; rate 2.5.
    expect(b.start(1, 1, 5)).toBe(2);
    // Before step 2: A has grown 4, B nothing: 1·(4 + 4) − (0·4 + 1·4) = 4.
    expect(b.growth(1)).toBe(4);
    // Step 2: the count so far is A's 2 · 4 + B's 1 · 2.5 = 10.5, rounded up to 11; the step gets 11 − 4 = 7.
    expect(b.tokens(2)).toBe(7);
    // A ends at step 2: 2 steps, 8 tokens drawn.
    expect(b.stepsOf(0, 2)).toBe(2);
    expect(b.drawnOf(0)).toBe(8);
    b.finished(0, 8);
    b.moved(0, 1);
    // Before step 3: B has grown 4 (its slope, one step): 2·4 − 1·4.
    expect(b.growth(2)).toBe(4);
    // Step 3: 8 finished + B's 2 · 2.5 = 13; 13 − 11 = 2. Over the three steps 4 + 7 + 2 = 13 = 8 + 5, exact.
    expect(b.tokens(3)).toBe(2);
    expect(b.stepsOf(0, 3)).toBe(2);
    expect(b.drawnOf(0)).toBe(8);
    b.finished(0, 5);
    // Nobody decodes: no growth, and no token left to hand out.
    expect(b.growth(3)).toBe(0);
    expect(b.tokens(4)).toBe(0);
  });

  it('a sequence with nothing to go has no steps and no growth', () => {
    const b = new SpeculativeBatch(new SpeculativeSteps(1, 3, new Rng(1, 0)), 2);
    b.none(0, 5);
    expect(b.growth(9)).toBe(0);
    expect(b.stepsOf(0, 5)).toBe(0);
    expect(b.drawnOf(0)).toBe(0);
    b.finished(0, 0);
    expect(b.tokens(6)).toBe(0);
  });
});
