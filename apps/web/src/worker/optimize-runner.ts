/**
 * Optimize in the browser: sim-core's search (`runSearch` → `summarizeSearch`, the code behind
 * `design-sim optimize`) decides what to run; each (design, seed) runs in one of a few simulator
 * workers (`evaluate`: the run reduced to what the search reads), so the main thread only builds each
 * design's YAML once and keeps the books. Cancelling terminates the workers. The worker factory is
 * injected, so tests run it over a MessageChannel.
 */
import {
  buildSearchSpace,
  checkObjective,
  runSearch,
  searchPlanFor,
  staircaseTooLong,
  summarizeSearch,
  type Design,
  type EvaluateDesign,
  type OptimizeResult,
  type Scenario,
  type SearchOptions,
  type SearchSpace,
  type VariedField,
} from '@design-sim/sim-core';
import { wrap, type Remote } from 'comlink';
import { setIn, type PlainObject } from '../model/doc-path.ts';
import { docToYaml, withoutCanvas } from '../model/scenario-yaml.ts';
import type { WorkerLike } from './sim-client.ts';
import type { LazySimWorkerApi } from './lazy-sim-api.ts';

/** Most combinations searched one by one (fields with no known order): a browser tab is not a cluster. */
export const MAX_PANEL_BRANCHES = 400;

/** What to search. */
export interface OptimizeRequest {
  /** The design as on the canvas (its `spec.canvas` is dropped before running). */
  doc: PlainObject;
  /** The parsed design: it decides which fields are monotone (replicas under an HPA are not). */
  scenario: Scenario;
  fileName: string;
  fields: readonly VariedField[];
  minimize: string;
  seeds: number;
}

/** Progress: runs finished so far, and the full grid's runs (designs × seeds). */
export interface OptimizeProgress {
  runs: number;
  gridRuns: number;
  gridDesigns: number;
}

/** How a search ended. */
export type OptimizeOutcome =
  | { kind: 'done'; result: OptimizeResult; space: SearchSpace; elapsedMs: number }
  | { kind: 'cancelled' }
  | { kind: 'invalid'; message: string };

/** A search in progress. */
export interface OptimizeJob {
  outcome: Promise<OptimizeOutcome>;
  cancel(): void;
}

class Cancelled extends Error {}

/** The scenario text of `design`: the design's document with each varied path set. */
export function designDoc(doc: PlainObject, space: SearchSpace, fields: readonly VariedField[], design: Design): PlainObject {
  let out = doc;
  fields.forEach((f, i) => {
    const value = space.dimensions[i]?.values[design[i] ?? 0];
    for (const p of f.paths) out = setIn(out, p, value);
  });
  return out;
}

/** Starts a search with `workers` simulator workers from `createWorker`; `now` is a clock in ms. */
export function startOptimize(
  req: OptimizeRequest,
  createWorker: () => WorkerLike,
  workers: number,
  onProgress: (p: OptimizeProgress) => void,
  now: () => number = () => performance.now(),
): OptimizeJob {
  const objective = checkObjective(req.minimize);
  if (!objective.ok) return { outcome: Promise.resolve({ kind: 'invalid', message: objective.message }), cancel: () => undefined };
  if (!(Number.isInteger(req.seeds) && req.seeds >= 1 && req.seeds <= 20)) return { outcome: Promise.resolve({ kind: 'invalid', message: 'Seeds: a whole number from 1 to 20' }), cancel: () => undefined };
  const space = buildSearchSpace(req.scenario, req.fields);
  const first = req.scenario.spec.seed;
  const options: SearchOptions = { seeds: Array.from({ length: req.seeds }, (_, i) => first + i), minimize: objective.metric };
  const plan = searchPlanFor(space, options);
  if (plan.branchCount > MAX_PANEL_BRANCHES) {
    return { outcome: Promise.resolve({ kind: 'invalid', message: `${plan.branchCount} combinations of fields with no known order is more than the ${MAX_PANEL_BRANCHES} the browser searches one by one; narrow the lists (or use the CLI, with --shard)` }), cancel: () => undefined };
  }
  const staircase = staircaseTooLong(space, plan, MAX_PANEL_BRANCHES);
  if (staircase !== null) return { outcome: Promise.resolve({ kind: 'invalid', message: staircase }), cancel: () => undefined };
  const gridDesigns = space.dimensions.reduce((n, d) => n * d.values.length, 1);
  const gridRuns = gridDesigns * options.seeds.length;

  // The pool: idle workers, and runs waiting for one.
  const started: WorkerLike[] = [];
  const idle: Remote<LazySimWorkerApi>[] = [];
  const waiting: { resolve: (r: Remote<LazySimWorkerApi>) => void; reject: (e: Error) => void }[] = [];
  for (let i = 0; i < Math.max(1, workers); i++) {
    const w = createWorker();
    started.push(w);
    idle.push(wrap<LazySimWorkerApi>(w));
  }
  let cancelled = false;
  const acquire = (): Promise<Remote<LazySimWorkerApi>> => {
    if (cancelled) return Promise.reject(new Cancelled());
    const r = idle.pop();
    return r !== undefined ? Promise.resolve(r) : new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  };
  const release = (r: Remote<LazySimWorkerApi>) => {
    const next = waiting.shift();
    if (next !== undefined) next.resolve(r);
    else idle.push(r);
  };
  const stop = () => {
    for (const w of started) w.terminate();
    started.length = 0;
  };

  const base = withoutCanvas(req.doc);
  const texts = new Map<string, string>();
  let runs = 0;
  const evaluate: EvaluateDesign = async (design, seed) => {
    const key = design.join(',');
    let text = texts.get(key);
    if (text === undefined) {
      text = docToYaml(designDoc(base, space, req.fields, design));
      texts.set(key, text);
    }
    const remote = await acquire();
    let r;
    try {
      r = await remote.evaluate(text, req.fileName, seed);
    } finally {
      release(remote);
    }
    if (cancelled) throw new Cancelled();
    if (!r.ok) {
      const where = space.dimensions.map((d, i) => `${d.label} = ${JSON.stringify(d.values[design[i] ?? 0])}`).join(', ');
      throw new Error(`${where}: ${r.issues.map((i) => `${i.path ? `${i.path}: ` : ''}${i.message}`).join('; ')}`);
    }
    onProgress({ runs: ++runs, gridRuns, gridDesigns });
    return r.evaluation;
  };

  let settle!: (o: OptimizeOutcome) => void;
  const outcome = new Promise<OptimizeOutcome>((resolve) => {
    settle = resolve;
  });
  const t0 = now();
  onProgress({ runs: 0, gridRuns, gridDesigns });
  runSearch(space, options, evaluate, { concurrency: Math.max(2, 2 * workers) }).then(
    (records) => {
      stop();
      settle(cancelled ? { kind: 'cancelled' } : { kind: 'done', result: summarizeSearch(space, options, records), space, elapsedMs: now() - t0 });
    },
    (e: unknown) => {
      stop();
      settle(cancelled || e instanceof Cancelled ? { kind: 'cancelled' } : { kind: 'invalid', message: e instanceof Error ? e.message : String(e) });
    },
  );
  return {
    outcome,
    cancel: () => {
      if (cancelled) return;
      cancelled = true;
      stop();
      for (const w of waiting.splice(0)) w.reject(new Cancelled());
      settle({ kind: 'cancelled' });
    },
  };
}

/**
 * Simulator workers for a search: one fewer than the cores the machine reports (the page keeps one), at
 * least 1, at most 4. On this 2-core machine one worker searched as fast as two (2.8–3.7 s against
 * 3.3–5.4 s for the e2e case, docs/performance.md) and left the main thread a core.
 */
export function optimizeWorkerCount(cores: number | undefined): number {
  return Math.max(1, Math.min(4, (cores ?? 2) - 1));
}
