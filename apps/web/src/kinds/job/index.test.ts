import { describe, expect, it } from 'vitest';
import { setIn } from '../../model/doc-path.ts';
import { formatMinutes } from '../../results/format.ts';
import { nodeStatus } from '../../results/node-status.ts';
import { runDoc, smallDoc } from '../../test-support/fixtures.ts';

describe('a cluster job node after a run', () => {
  // smallDoc's six 1-GPU replicas on g5.2xlarge nodes (1 GPU each, 6–10 nodes), plus two 1-GPU jobs of one team: a
  // 2-minute one and a 20-minute one, which cannot finish in the 10-minute run.
  let doc = setIn(smallDoc({ expect: ['jobs.completed >= 2'] }), ['spec', 'teams'], [{ name: 'research' }]);
  doc = setIn(doc, ['spec', 'jobs'], [
    { name: 'sweep', team: 'research', nodePool: 'gpu', gpusPerPod: 1, duration: '2m' },
    { name: 'pretrain', team: 'research', nodePool: 'gpu', gpusPerPod: 1, duration: '20m' },
  ]);
  const result = runDoc(doc);
  const status = (name: string) => nodeStatus('job', result, null, { services: 1, pools: 1, fragment: { name } })!;

  it('shows its runs done and waits as headlines, then interruptions and lost work, over the whole run', () => {
    const [sweep, pretrain] = result.summary!.shared!.jobs;
    expect(status('sweep').lines.map((l) => [l.label, l.value, l.base, l.headline ?? false])).toEqual([
      ['runs done', `${sweep!.completed} of 1`, 'run', true],
      ['wait p50 / max', `${formatMinutes(sweep!.waitMinutes!.p50)} / ${formatMinutes(sweep!.waitMinutes!.max)}`, 'run', true],
      ['interruptions', '0', 'run', false],
      ['GPU-h lost', '0.0', 'run', false],
    ]);
    expect(status('pretrain').lines[0]!.value).toBe(`${pretrain!.completed} of 1`);
    expect(pretrain!.completed).toBe(0);
  });

  it('carries the failing jobs expectation only on the jobs with runs left', () => {
    expect(result.expectations.find((e) => e.metric === 'jobs.completed')!.pass).toBe(false);
    expect(status('pretrain').failing).toEqual(['jobs.completed >= 2']);
    expect(status('sweep').failing).toEqual([]);
  });

  it('has no status for a name the run does not know', () => {
    expect(nodeStatus('job', result, null, { services: 1, pools: 1, fragment: { name: 'other' } })).toBeNull();
  });
});
