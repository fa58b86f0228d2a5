import { describe, expect, it } from 'vitest';
import { tokenLengthSchema } from './llm-schema.ts';

const issues = (value: unknown) => {
  const r = tokenLengthSchema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('tokenLengthSchema: a lognormal length', () => {
  it('takes a cap at or above the median, and none', () => {
    expect(issues({ distribution: 'lognormal', p50: 100, p99: 800, max: 100 })).toEqual([]);
    expect(issues({ distribution: 'lognormal', p50: 100, p99: 800, max: 500 })).toEqual([]);
    expect(issues({ distribution: 'lognormal', p50: 100, p99: 800 })).toEqual([]);
  });

  it('refuses a cap below the median, which ran as a fixed length of the cap without a word', () => {
    expect(issues({ distribution: 'lognormal', p50: 100, p99: 200, max: 50 })).toEqual([
      'max: max (the cap) must be at least p50: below the median it would cut most lengths to max; write a fixed length instead',
    ]);
  });
});
