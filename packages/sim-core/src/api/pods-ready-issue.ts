/**
 * A run stopped at the limit of waitForPodsReady evictions (MAX_PODS_READY_EVICTIONS), as a located input issue like
 * a schema issue: the file and line are added where the text is known (sim-api, the CLI).
 */
import { formatNumber } from '../scenario/describe-value.ts';
import { formatDuration, formatPath, MAX_PODS_READY_EVICTIONS, type ScenarioIssue } from '../scenario/index.ts';
import type { PodsReadyLimitError } from '../cluster/kueue-pods-ready.ts';

/** The eviction limit reached, located at `waitForPodsReady.timeout`. */
export function podsReadyLimitIssue(e: PodsReadyLimitError): ScenarioIssue {
  const limit = formatNumber(MAX_PODS_READY_EVICTIONS);
  return {
    file: '',
    line: null,
    column: null,
    path: formatPath(['spec', 'cluster', 'kueue', 'waitForPodsReady', 'timeout']),
    message: `waitForPodsReady evicted workloads (PodsReadyTimeout) more than ${limit} times by ${formatDuration(Number(e.at.toPrecision(3)))} simulated, above the limit of ${limit} in a run (docs/limits.md): a workload whose pods are never all ready is evicted again after every requeue; set requeuingStrategy.backoffLimitCount, a longer backoff (backoffBaseSeconds) or a longer timeout`,
    expected: `at most ${limit} evictions`,
  };
}
