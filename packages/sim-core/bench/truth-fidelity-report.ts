/**
 * Queueing truth through the user-facing path: each case of the truth table (src/test-support/truth-cases.ts,
 * at its `full` length) is a scenario YAML written as a user would, run by the built CLI (`design-sim run FILE
 * --json`), and its --json figures compared with closed forms (src/theory). Prints one markdown row per figure; docs/fidelity.md ("Independent checks through the CLI")
 * holds the table it made. Build first: `npx -y pnpm@10 -r build`; then, from the repository root,
 * `npx tsx packages/sim-core/bench/truth-fidelity-report.ts [filter]` (a substring of the case names).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { theoryOn, TRUTH_CASES, type TruthRun } from '../src/test-support/truth-cases.ts';

const CLI = resolve(import.meta.dirname, '../../../apps/cli/dist/design-sim.mjs');
const dir = mkdtempSync(join(tmpdir(), 'truth-'));

interface Json {
  summary: {
    durationSeconds: number;
    warmupSeconds: number;
    requests: Counts;
    measured: Counts;
    latencyMs: Record<'p50' | 'p90' | 'p99' | 'mean', number>;
    closedLoop: { throughputQps: number } | null;
  };
  services: Record<
    string,
    { requests: { visits: number; served: number; dropped: number; timedOut: number; connectionWaits: number }; latencyMs: Record<'p50' | 'p90' | 'p99' | 'mean', number>; subtreeLatencyMs: { mean: number }; utilization: number }
  >;
  timeseries: { waiting: number[]; inService: number[]; servedQps: number[] };
}
interface Counts {
  offered: number;
  served: number;
  dropped: number;
  timedOut: number;
  unfinished: number;
}

function run(name: string, yaml: string): Json {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, yaml);
  let out: string;
  try {
    out = execFileSync('node', [CLI, 'run', file, '--json'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  } catch (e) {
    // A failed verdict (e.g. an overloaded front) exits non-zero but still prints the JSON.
    out = (e as { stdout: string }).stdout;
  }
  return JSON.parse(out) as Json;
}

/** A run as the truth cases read it, from the CLI's --json. */
function fromJson(j: Json): TruthRun {
  return {
    measured: j.summary.measured,
    latencyMs: j.summary.latencyMs,
    service: (name) => {
      const s = j.services[name]!;
      return { ownMeanMs: s.latencyMs.mean, subtreeMeanMs: s.subtreeLatencyMs.mean, utilization: s.utilization, ...s.requests };
    },
    serviceNames: Object.keys(j.services),
    closedThroughputQps: j.summary.closedLoop?.throughputQps ?? NaN,
    waiting: j.timeseries.waiting,
    inService: j.timeseries.inService,
  };
}

const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(1) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toFixed(4));

const filter = process.argv[2] ?? '';
/** SEED_OFFSET=k reruns every case on other seeds (the seed of each case plus k). */
const seedOffset = Number(process.env.SEED_OFFSET ?? 0);

console.log('| case | figure | theory | design-sim | error |\n|---|---|---|---|---|');
for (const entry of TRUTH_CASES) {
  if (entry.full === undefined || !entry.id.includes(filter)) continue;
  const kase = entry.build(entry.full, seedOffset);
  const r = fromJson(run(kase.id, kase.yaml));
  for (const f of kase.figures) {
    const theory = theoryOn(f, r);
    const sim = f.sim(r);
    const err = (sim / theory - 1) * 100;
    console.log(`| ${kase.label(r)} | ${f.figure} | ${fmt(theory)} ${f.unit} | ${fmt(sim)} ${f.unit} | ${err >= 0 ? '+' : '−'}${Math.abs(err).toFixed(2)}% |`);
  }
}
