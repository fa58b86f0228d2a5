/**
 * What the run itself says is wrong, whatever the scenario's expectations: a verdict is a promise, so a
 * design that leaves requests unserved is never reported as passing. Errors fail the run; warnings are
 * shown beside the result.
 */
import type { EngineResult } from '../engine/engine-result.ts';
import { formatInteger, formatNumber } from '../scenario/describe-value.ts';
import { formatClock } from '../scenario/units.ts';
import { detectOverload } from './overload.ts';

/** One finding about a run. */
export interface Diagnostic {
  /** `error` fails the run (as a failed expectation does); `warning` is shown only. */
  severity: 'error' | 'warning';
  code: 'overloaded' | 'nothing-served' | 'in-flight-limit' | 'unfinished';
  /** One plain sentence, with the numbers. */
  message: string;
  /** Simulated time the finding starts, s, when it has one. */
  atSeconds?: number;
}

/** A share of unfinished requests above which a run that is not overloaded still gets a warning. */
const UNFINISHED_WARNING_SHARE = 0.01;

const rate = (x: number): string => formatNumber(Number(x.toPrecision(x >= 10 ? 3 : 2)));

/** The findings of one serving run, most serious first. */
export function servingDiagnostics(r: EngineResult): Diagnostic[] {
  const out: Diagnostic[] = [];
  const m = r.measured;
  if (m.offered > 0 && m.served === 0) {
    out.push({ severity: 'error', code: 'nothing-served', message: `no request was served: ${formatInteger(m.offered)} offered, ${formatInteger(m.dropped + m.timedOut)} dropped or timed out, ${formatInteger(m.unfinished)} unfinished at the end` });
  }
  const overload = detectOverload(r.timeseries);
  if (overload !== null) {
    out.push({
      severity: 'error',
      code: 'overloaded',
      message: `overloaded from ${formatClock(overload.fromSeconds)}: the backlog grows by ${rate(overload.growthPerSecond)} req/s (${formatInteger(overload.backlogAtEnd)} requests in flight at the end)`,
      atSeconds: overload.fromSeconds,
    });
  } else if (m.offered > 0 && m.unfinished > UNFINISHED_WARNING_SHARE * m.offered) {
    out.push({ severity: 'warning', code: 'unfinished', message: `${formatInteger(m.unfinished)} requests (${formatNumber(Number(((100 * m.unfinished) / m.offered).toPrecision(3)))}% of those offered) were still in flight at the end: they count as not served` });
  }
  if (r.inFlightLimitDrops > 0) {
    const first = r.events.find((e) => e.kind === 'in-flight-limit');
    out.push({
      severity: 'error',
      code: 'in-flight-limit',
      message: `${formatInteger(r.inFlightLimitDrops)} arrivals were dropped because ${first?.detail ?? 'the in-flight limit was reached'} (docs/limits.md)`,
      ...(first ? { atSeconds: first.t } : {}),
    });
  }
  return out;
}
