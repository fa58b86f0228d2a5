/** A shared cluster's jobs: per job its runs done, how long they waited, interruptions and the work they lost (summary.shared.jobs). */
import type { RunResult } from '@design-sim/sim-core';
import { formatCount, formatMinutes } from '../results/format.ts';

/** The jobs table; nothing for a design without jobs. */
export function JobsView({ result }: { result: RunResult }) {
  const s = result.summary?.shared;
  if (!s || s.jobs.length === 0) return null;
  const w = s.jobsWaitingAtEnd;
  const waiting = w.queued + w.quotaBlocked;
  return (
    <table className="ds-table" data-testid="jobs-table">
      <caption>
        Jobs — waits from submission to running (a gang: all its pods)
        {waiting > 0 && ` · still waiting at the end: ${formatCount(w.queued)} queued, ${formatCount(w.quotaBlocked)} blocked by quota (longest ${formatMinutes(w.oldestWaitMinutes)})`}
      </caption>
      <thead>
        <tr>
          <th scope="col">Job</th>
          <th scope="col">Team</th>
          <th scope="col">Runs done</th>
          <th scope="col">Wait median / max</th>
          <th scope="col">Interruptions</th>
          <th scope="col">GPU-hours lost</th>
        </tr>
      </thead>
      <tbody>
        {s.jobs.map((j) => (
          <tr key={j.name}>
            <th scope="row">{j.name}</th>
            <td>{j.team}</td>
            <td>
              {formatCount(j.completed)} of {formatCount(j.submitted)}
            </td>
            <td>{j.waitMinutes === null ? 'none started' : `${formatMinutes(j.waitMinutes.p50)} / ${formatMinutes(j.waitMinutes.max)}`}</td>
            <td>{formatCount(j.interruptions)}</td>
            <td>{j.lostGpuHours.toFixed(1)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
