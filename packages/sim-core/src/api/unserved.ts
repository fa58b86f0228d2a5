/**
 * What a passing verdict must not hide: requests that went unserved. A run passes on its expectations (an
 * availability bar of 90% lets 9% fail), but a PASS over dropped, timed-out or unfinished requests, or over
 * failed visits at a service nobody watches, is a warning every output shows beside the verdict (the CLI in
 * yellow, the canvas in amber), never a plain green PASS. One function, so the CLI and the canvas say the same.
 */
import type { RequestCounts } from '../engine/run-stats.ts';
import { UNFINISHED_WARNING_SHARE, type Diagnostic } from './diagnostics.ts';
import type { ServiceSummary } from './service-summary.ts';
import { formatInteger } from '../scenario/describe-value.ts';

/**
 * Unfinished work that counts: above the `unfinished` warning's share of its total (below it, the run's edge: 4 of
 * 524,420 in flight at an LLM run's end), and only once the run is complete.
 */
const counted = (unfinished: number, total: number, complete: boolean): number => (complete && unfinished > UNFINISHED_WARNING_SHARE * total ? unfinished : 0);

/**
 * The `unserved` warning of a passing run, or null when every request was served. `complete` is false for a
 * snapshot of a run still going: its unfinished requests are simply in flight, so only dropped and timed-out ones count.
 * `killedAtTermination`: visits (requests or calls, the whole run) killed on a terminating pod at the end of its grace
 * period; they are among the dropped, and the verdict's own line says so, since "dropped" alone reads as a full queue.
 */
export function unservedDiagnostic(measured: RequestCounts, services: Readonly<Record<string, ServiceSummary>> | null, complete: boolean, killedAtTermination = 0): Diagnostic | null {
  const parts: string[] = [];
  const unfinished = counted(measured.unfinished, measured.offered, complete);
  const unserved = measured.dropped + measured.timedOut + unfinished;
  if (unserved > 0) {
    const how = `${formatInteger(measured.dropped)} dropped, ${formatInteger(measured.timedOut)} timed out${unfinished > 0 ? `, ${formatInteger(unfinished)} unfinished (in flight at the end)` : ''}`;
    parts.push(`${formatInteger(unserved)} of ${formatInteger(measured.offered)} requests not served (${how})`);
  }
  if (killedAtTermination > 0) parts.push(`${formatInteger(killedAtTermination)} ${killedAtTermination === 1 ? 'request or call' : 'requests or calls'} killed in service at the end of a terminating pod's grace period`);
  // A failed visit can be hidden end to end (a retried call, an async event), so each service's own count too.
  const entries = Object.entries(services ?? {});
  if (entries.length > 1) {
    const failed = entries
      .map(([name, s]) => ({ name, failed: s.requests.failed, unfinished: counted(s.requests.unfinished, s.requests.visits, complete) }))
      .map((x) => ({ ...x, n: x.failed + x.unfinished }))
      .filter((x) => x.n > 0);
    const what = failed.some((x) => x.unfinished > 0) ? 'failed or unfinished visits' : 'failed visits';
    if (failed.length > 0) parts.push(`${what}: ${failed.map((x) => `${x.name} ${formatInteger(x.n)}`).join(', ')}`);
  }
  return parts.length === 0 ? null : { severity: 'warning', code: 'unserved', message: parts.join('; ') };
}
