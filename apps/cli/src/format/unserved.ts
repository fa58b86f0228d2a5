/**
 * What a passing verdict must not hide: requests that went unserved. A run passes on its expectations
 * (the exit code and --json's `pass` say so), but a PASS over dropped, timed-out or unfinished requests, or
 * over failed visits at a service the expectations do not watch, is shown as a warning, not in green.
 */
import type { RunResult } from '@design-sim/sim-core';
import { formatInt } from './numbers.ts';

/** "83 of 135,416 requests not served (0 dropped, 83 timed out, 0 unfinished); failed visits: api 83, db 12", or null when all were served. */
export function unservedNote(r: RunResult): string | null {
  const parts: string[] = [];
  const m = r.summary?.measured;
  if (m !== undefined) {
    const unserved = m.dropped + m.timedOut + m.unfinished;
    if (unserved > 0) parts.push(`${formatInt(unserved)} of ${formatInt(m.offered)} requests not served (${formatInt(m.dropped)} dropped, ${formatInt(m.timedOut)} timed out, ${formatInt(m.unfinished)} unfinished)`);
  }
  // A failed visit can be hidden end to end (a retried call, an async event), so each service's own count too.
  const failed = Object.entries(r.services ?? {}).filter(([, s]) => s.requests.failed + s.requests.unfinished > 0);
  if (failed.length > 0 && Object.keys(r.services ?? {}).length > 1) {
    parts.push(`failed or unfinished visits: ${failed.map(([name, s]) => `${name} ${formatInt(s.requests.failed + s.requests.unfinished)}`).join(', ')}`);
  }
  return parts.length === 0 ? null : parts.join('; ');
}
