/** The waitForPodsReady eviction limit as an input issue: at the timeout, with the count, the time and what to change. */
import { describe, expect, it } from 'vitest';
import { PodsReadyLimitError } from '../cluster/kueue-pods-ready.ts';
import { podsReadyLimitIssue } from './pods-ready-issue.ts';

describe('podsReadyLimitIssue', () => {
  it('is located at waitForPodsReady.timeout and says when the limit was passed', () => {
    // 50,001 evictions 1.2 s apart from 1 h on (the content scenario's gang, timeout 1s, backoffBaseSeconds 0, 7 days).
    const issue = podsReadyLimitIssue(new PodsReadyLimitError(3600 + 50_001 * 1.2));
    expect(issue.path).toBe('spec.cluster.kueue.waitForPodsReady.timeout');
    expect(issue.message).toMatchInlineSnapshot(`"waitForPodsReady evicted workloads (PodsReadyTimeout) more than 50,000 times by 17h40m simulated, above the limit of 50,000 in a run (docs/limits.md): a workload whose pods are never all ready is evicted again after every requeue; set requeuingStrategy.backoffLimitCount, a longer backoff (backoffBaseSeconds) or a longer timeout"`);
    expect(issue.expected).toBe('at most 50,000 evictions');
  });
});
