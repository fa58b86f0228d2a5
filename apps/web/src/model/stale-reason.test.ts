import { describe, expect, it } from 'vitest';
import { runDoc, smallDoc } from '../test-support/fixtures.ts';
import type { ShownResult } from './run-state.ts';
import { staleReason } from './stale-reason.ts';

const result = runDoc(smallDoc());
const shown: ShownResult = { runId: 1, result, key: 'a', scenario: null, warnings: [] };
const base = { shown, status: 'done' as const, designKey: 'a', designName: result.scenario.name, hasErrors: false };

describe('stale results', () => {
  it('a complete result of the exact design on screen is current', () => {
    expect(staleReason(base)).toBeNull();
    expect(staleReason({ ...base, shown: null })).toBeNull();
  });

  it('says why a result no longer describes the design', () => {
    expect(staleReason({ ...base, designName: 'other-design' })).toBe(`from another design (${result.scenario.name})`);
    expect(staleReason({ ...base, hasErrors: true, designKey: 'b' })).toBe('the design has issues to fix; these results are from before them');
    expect(staleReason({ ...base, designKey: 'b' })).toBe('from before your last edit');
  });

  it('a snapshot is current while its run goes on, and stale once the run stops short', () => {
    const snap: ShownResult = { ...shown, result: { ...result, progress: 0.374 } };
    expect(staleReason({ ...base, shown: snap, status: 'running' })).toBeNull();
    expect(staleReason({ ...base, shown: snap, status: 'idle' })).toBe('incomplete: the run stopped at 37%');
  });
});
