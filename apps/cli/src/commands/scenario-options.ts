/**
 * The options every scenario-running command shares (run, compare, sweep): --seed, --duration,
 * --interval and repeatable --set. All four become document edits, validated by the schema like the
 * file itself (io/scenario-edits.ts).
 */
import { formatDuration, type Scenario } from '@design-sim/sim-core';
import type { Command } from 'commander';
import { CliError } from '../cli-error.ts';
import { parseEditValue, parseSetArgument, type ScenarioEdit } from '../io/scenario-edits.ts';
import { parseInteger } from './option-parsers.ts';

/** The parsed values of the shared options. */
export interface ScenarioOptions {
  seed?: number;
  duration?: string;
  interval?: string;
  set?: string[];
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** Adds --seed, --duration, --interval and --set to `cmd`. */
export function addScenarioOptions(cmd: Command): Command {
  return cmd
    .option('--seed <n>', 'random seed (overrides spec.seed)', parseInteger)
    .option('--duration <duration>', 'simulated time, e.g. 30m, 2h (overrides spec.duration)')
    .option('--interval <duration>', 'time-series resolution, e.g. 15s (default 1m; at least the HPA sync period)')
    .option('--set <path=value>', 'change a field before validation, e.g. spec.services[0].replicas=10 (repeatable)', collect);
}

/** The document edits the options ask for, in the order they apply (--set last, so it wins). */
export function editsFromOptions(o: ScenarioOptions): ScenarioEdit[] {
  const edits: ScenarioEdit[] = [];
  if (o.seed !== undefined) edits.push({ path: ['spec', 'seed'], value: o.seed, source: `--seed ${o.seed}` });
  if (o.duration !== undefined) edits.push({ path: ['spec', 'duration'], value: parseEditValue(o.duration, `--duration ${o.duration}`), source: `--duration ${o.duration}` });
  if (o.interval !== undefined) edits.push({ path: ['spec', 'interval'], value: parseEditValue(o.interval, `--interval ${o.interval}`), source: `--interval ${o.interval}` });
  for (const s of o.set ?? []) edits.push(parseSetArgument(s));
  return edits;
}

/**
 * --interval may not be finer than the fastest HPA sync period: the controller changes nothing between
 * syncs, so finer points would only repeat its state (and multiply the output). Without an HPA, 1 s.
 */
export function checkInterval(scenario: Scenario, o: ScenarioOptions, file: string): void {
  if (o.interval === undefined) return;
  const syncs = (scenario.spec.services ?? []).flatMap((s) => (s.hpa === undefined ? [] : [s.hpa.syncPeriod]));
  const floor = syncs.length > 0 ? Math.min(...syncs) : 1;
  const interval = scenario.spec.interval;
  if (interval < floor) {
    const why = syncs.length > 0 ? `the HPA sync period (${formatDuration(floor)})` : '1s';
    throw new CliError(`${file}: --interval ${o.interval} is finer than ${why}: use at least ${formatDuration(floor)}`);
  }
}
