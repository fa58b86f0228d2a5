/**
 * The live state a canvas node shows after a run, each value labelled with its time base: at the
 * time cursor (or the run's last interval) — replicas ready/desired, nodes, utilization — or over
 * the whole run — p99, availability, average $/hour, peak GPUs — and the expectations that fail on
 * what the node stands for (a red mark). Series are fleet totals; with several services or pools
 * the node says so rather than pretending to know its own share. Each kind's lines are in its
 * module (kinds/<kind>/); this file holds their shape.
 */
import type { RunResult } from '@design-sim/sim-core';
import { kindModule } from '../kinds/index.ts';
import type { ComponentKind } from '../model/design-graph.ts';

/** Which time a value describes: the interval at the time cursor (or the last one), or the whole run. */
export type TimeBase = 'cursor' | 'run';

/** One line of a node's live state. */
export interface StatusLine {
  label: string;
  value: string;
  base: TimeBase;
  /** One of a node's (at most two) headline figures: all a zoomed-out canvas still shows of its state. */
  headline?: boolean;
}

/** What a node shows after a run. */
export interface NodeStatus {
  lines: StatusLine[];
  /** Simulated time (s, an interval end) the `cursor` lines describe; null without a time series. */
  atSeconds: number | null;
  /** True when `atSeconds` is the last interval of the result (no cursor set, or the cursor at the end). */
  atEnd: boolean;
  /** Expectations on this component that fail (the node gets a red mark). */
  failing: string[];
}

/** Context a node needs: how many services and pools share the fleet series, and this node's own entry. */
export interface StatusContext {
  services: number;
  pools: number;
  /** Where the node's entry is in the document (a traffic source's index in a `spec.traffic` list). */
  docPath?: readonly (string | number)[];
  /** The node's own document entry (a pool's `instance`, say). */
  fragment?: Readonly<Record<string, unknown>>;
}

/** The status of a node of `kind` at series index `index` (null = the last interval): its kind's module says what it shows. */
export function nodeStatus(kind: ComponentKind, result: RunResult, index: number | null, ctx: StatusContext): NodeStatus | null {
  return kindModule(kind).status(result, index, ctx);
}
