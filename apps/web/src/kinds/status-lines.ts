/** Helpers the kinds' live lines share (results/node-status.ts defines the shapes). */
import type { ExpectationResult, RunResult } from '@design-sim/sim-core';
import type { StatusContext, StatusLine } from '../results/node-status.ts';

/** A value at the time cursor (or the run's last interval). */
export const cur = (label: string, value: string): StatusLine => ({ label, value, base: 'cursor' });
/** A value over the whole run. */
export const run = (label: string, value: string): StatusLine => ({ label, value, base: 'run' });
/** `line` as a headline figure: kept, drawn large, when the canvas is zoomed out (at most two a node). */
export const headline = (line: StatusLine): StatusLine => ({ ...line, headline: true });

/** The expectations that fail on metrics `owns` says belong to the component. */
export function failingOn(expectations: readonly ExpectationResult[], owns: (metric: string) => boolean): string[] {
  return expectations.filter((e) => !e.pass && owns(e.metric)).map((e) => e.text);
}

/** Where in the fleet series a node reads: index `i`, the time it ends, and whether it is the last interval. */
export function seriesPoint(result: RunResult, index: number | null) {
  const ts = result.timeseries;
  const i = ts === null ? 0 : Math.min(index ?? ts.t.length - 1, ts.t.length - 1);
  const at = (a: ArrayLike<number> | undefined) => (a === undefined || i < 0 ? null : (a[i] ?? null));
  const atSeconds = ts === null || i < 0 || ts.t.length === 0 ? null : ts.t[i]!;
  const atEnd = ts === null || i >= ts.t.length - 1;
  return { ts, at, atSeconds, atEnd };
}

/** " (fleet)" when a fleet series is shared by several components. */
export const fleet = (n: number): string => (n > 1 ? ' (fleet)' : '');

/** The node's name (`fragment.name`: a service's or a pool's), by which the result keys its own figures. */
export function ownName(ctx: Pick<StatusContext, 'fragment'>): string | undefined {
  const name = ctx.fragment?.name;
  return typeof name === 'string' ? name : undefined;
}
