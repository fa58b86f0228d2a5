/**
 * One scenario file end to end for the commands that run: load (with edits), check the flags that need
 * the scenario, run through sim-core's SimApi with a progress bar, and wrap the result for formatting.
 */
import { createSimApi, createSourceLocator, parsePath, type ScenarioIssue, type SourceLocator } from '@design-sim/sim-core';
import { CliError } from '../cli-error.ts';
import { checkInterval, editsFromOptions, type ScenarioOptions } from '../commands/scenario-options.ts';
import type { CliContext } from '../context.ts';
import { createProgressBar } from '../format/progress-bar.ts';
import type { RunReport } from '../format/run-report.ts';
import { loadScenario, type LoadScenarioResult } from '../io/load-scenario.ts';
import { inputOptions } from '../io/read-input.ts';
import { fileTraceOpener, missingTraceIssues } from '../io/trace-file.ts';

/** A finished run, or the issues that stopped the file. */
export type RunFileOutcome = { ok: true; report: RunReport } | { ok: false; file: string; issues: ScenarioIssue[] };

type Loaded = Extract<LoadScenarioResult, { ok: true }>;

/** A scenario file loaded (with edits) and checked, ready to run, or the issues that stop it before any run. */
export type PreparedFile = { ok: true; file: string; loaded: Loaded } | { ok: false; file: string; issues: ScenarioIssue[] };

/** Loads `file` and checks what can be checked without running it; throws CliError only for bad flags. */
export async function prepareScenarioFile(ctx: CliContext, file: string, options: ScenarioOptions): Promise<PreparedFile> {
  const loaded = await loadScenario(file, ctx.cwd, editsFromOptions(options), inputOptions(ctx));
  if (!loaded.ok) return loaded;
  checkInterval(loaded.scenario, options, file);
  const missing = missingTraceIssues(loaded.scenario, file, ctx.cwd, loaded.text);
  if (missing.length > 0) return { ok: false, file, issues: missing };
  return { ok: true, file, loaded };
}

/**
 * Loads and runs `file`; throws CliError only for bad flags. `beforeRun` receives the file's warnings before the
 * simulation starts (a slow-run warning is worth seeing first).
 */
export async function runScenarioFile(ctx: CliContext, file: string, options: ScenarioOptions, hooks: { beforeRun?: (warnings: ScenarioIssue[]) => void } = {}): Promise<RunFileOutcome> {
  const prepared = await prepareScenarioFile(ctx, file, options);
  return prepared.ok ? runPreparedFile(ctx, prepared, hooks) : prepared;
}

/** Runs a prepared file through sim-core's SimApi with a progress bar (`beforeRun` as for runScenarioFile). */
export function runPreparedFile(ctx: CliContext, prepared: Extract<PreparedFile, { ok: true }>, hooks: { beforeRun?: (warnings: ScenarioIssue[]) => void } = {}): RunFileOutcome {
  const { file, loaded } = prepared;
  hooks.beforeRun?.(loaded.warnings);
  const bar = createProgressBar(ctx.stderr, loaded.scenario.metadata.name, ctx.now);
  let response;
  try {
    response = createSimApi().runScenario(loaded.scenario, { traces: fileTraceOpener(file, ctx.cwd) }, (f) => bar.update(f));
  } catch (e) {
    throw new CliError(`${file}: the simulation stopped: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    bar.finish();
  }
  // Issues name the scenario file, except a trace row's, which names the trace file.
  if (!response.ok) {
    // A run-time issue in the scenario (a closed loop over the request limit) has a path but no line: locate it.
    let locate: SourceLocator | undefined;
    const at = (i: ScenarioIssue): ScenarioIssue => {
      if (i.line !== null || i.path === '') return i;
      locate ??= createSourceLocator(loaded.text);
      const loc = locate(parsePath(i.path) ?? []);
      return loc === null ? i : { ...i, line: loc.line, column: loc.column };
    };
    return { ok: false, file, issues: response.issues.map((i) => (i.file === '' ? at({ ...i, file }) : i)) };
  }
  return { ok: true, report: { file, scenario: loaded.scenario, result: response.result, warnings: [...loaded.warnings, ...response.warnings] } };
}
