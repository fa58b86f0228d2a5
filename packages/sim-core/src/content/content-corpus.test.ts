/**
 * Every scenario in content/ and examples/ is the regression corpus (STYLE.md §12): it validates, runs,
 * conserves requests and its bill (services' shares plus the unallocated rest), and matches its committed golden summary. Goldens record what the simulator
 * said, not the truth — fidelity is tested elsewhere against theory — so updating them is an explicit,
 * reviewed step: `UPDATE_GOLDENS=1 npx vitest run src/content`.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../api/run-result.ts';
import { createSimApi } from '../api/sim-api.ts';
import type { TraceOpener } from '../traffic/trace-reader.ts';

/** Trace files beside the scenario (the CLI reads them in chunks; here a small file is read whole). */
const tracesBeside = (scenarioPath: string): TraceOpener => (file) => {
  let text: string | null = readFileSync(isAbsolute(file) ? file : join(dirname(scenarioPath), file), 'utf8');
  return {
    read: () => {
      const chunk = text;
      text = null;
      return chunk;
    },
  };
};

const root = join(import.meta.dirname, '../../../..');
const goldens = join(import.meta.dirname, 'goldens');
const update = process.env.UPDATE_GOLDENS === '1';
const files = ['content', 'examples'].flatMap((dir) =>
  readdirSync(join(root, dir))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => ({ dir, file: f, path: join(root, dir, f) })),
);
const api = createSimApi();

/** The numbers a golden pins: everything a user reads in the summary, rounded to 9 significant digits. */
function digest(r: RunResult): unknown {
  const s = r.summary;
  const t = r.training;
  const round = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? null : Number(x.toPrecision(9)));
  return {
    pass: r.pass,
    diagnostics: r.diagnostics.map((d) => `${d.severity} ${d.code}: ${d.message}`),
    expectations: r.expectations.map((e) => ({ text: e.text, pass: e.pass, actual: round(e.actual) })),
    claims: r.claims.map((c) => ({ key: c.key, claimed: c.claimed, actual: round(c.actual), verdict: c.verdict, ratio: round(c.ratio), reason: c.reason })),
    summary: s && {
      requests: s.requests,
      latencyMs: Object.fromEntries(Object.entries(s.latencyMs).map(([k, v]) => [k, round(v)])),
      availability: round(s.availability),
      replicas: { min: s.replicas.min, max: s.replicas.max, mean: round(s.replicas.mean) },
      nodes: { min: s.nodes.min, max: s.nodes.max, mean: round(s.nodes.mean) },
      spotInterruptions: s.spotInterruptions,
      costTotalUsd: round(s.cost.totalUsd),
      stalePrices: s.cost.stalePrices,
      scaleUp: s.scaleUp && { p50Minutes: round(s.scaleUp.p50Minutes), maxMinutes: round(s.scaleUp.maxMinutes), decisions: s.scaleUp.decisions },
      llm: s.llm && { ttftP99: round(s.llm.ttftMs.p99), tpotP50: round(s.llm.tpotMs.p50), itlP50: round(s.llm.itlMs.p50), outputTokens: s.llm.outputTokens },
      // Only designs with a KEDA ScaledObject pin it, so the other goldens keep their shape.
      ...(s.scaleToZero
        ? {
            scaleToZero: {
              hoursAtZero: round(s.scaleToZero.hoursAtZero),
              coldStarts: s.scaleToZero.coldStarts,
              coldStartP50Minutes: round(s.scaleToZero.coldStartMinutes?.p50),
              coldStartMaxMinutes: round(s.scaleToZero.coldStartMinutes?.max),
              abandoned: s.scaleToZero.abandonedColdStarts,
              waited: s.scaleToZero.waited,
              failed: s.scaleToZero.failed,
              savedUsd: round(s.scaleToZero.savedUsd),
            },
          }
        : {}),
      // Only designs with a Kueue ClusterQueue pin the shared cluster's teams and jobs, so the other goldens keep their shape.
      ...(s.shared?.teams.some((x) => x.kueue !== undefined)
        ? {
            shared: {
              allocation: round(s.shared.allocation),
              teams: s.shared.teams.map((x) => ({ name: x.name, gpuHours: round(x.gpuHours), quotaRefusals: x.quotaRefusals, podsPreempted: x.podsPreempted, kueue: x.kueue ? { ...x.kueue, borrowedGpuHours: round(x.kueue.borrowedGpuHours) } : null })),
              jobs: s.shared.jobs.map((j) => ({ name: j.name, submitted: j.submitted, completed: j.completed, waitMaxMinutes: round(j.waitMinutes?.max), interruptions: j.interruptions })),
              jobsWaitingAtEnd: s.shared.jobsWaitingAtEnd,
            },
          }
        : {}),
      // Only designs with a metrics fault pin what their autoscalers did in it, so the other goldens keep their shape.
      ...(s.metricsOutage ? { metricsOutage: s.metricsOutage } : {}),
      // Only designs with a Karpenter pool or a stock-out pin their pools, so the other goldens keep their shape.
      ...(s.nodePools.some((p) => p.provisioner === 'karpenter' || p.insufficientCapacity > 0)
        ? // Their figures; the pools' node series are checked against the fleet's in api/node-pool-summary.test.ts.
          { nodePools: s.nodePools.map(({ timeseries: series, ...p }) => (void series, { ...p, nodeHours: round(p.nodeHours), costUsd: round(p.costUsd) })) }
        : {}),
    },
    // A design of several services pins each one's figures too (a regression in one service shows).
    services:
      r.services && Object.keys(r.services).length > 1
        ? Object.fromEntries(
            Object.entries(r.services).map(([name, x]) => [
              name,
              { requests: x.requests, ownP99: round(x.latencyMs.p99), subtreeP99: round(x.subtreeLatencyMs.p99), utilization: round(x.utilization), replicasMax: x.replicas.max },
            ]),
          )
        : null,
    training: t && { days: round(t.days), costUsd: round(t.costUsd), gpuHours: round(t.gpuHours), stalePrices: t.stalePrices },
    costs: r.costs && { totalUsd: round(r.costs.totalUsd), items: r.costs.items.map((i) => ({ name: i.name, usd: round(i.line.usd), freshness: i.line.freshness?.status ?? null })), stalePrices: r.costs.stalePrices },
  };
}

describe('the scenario corpus (content/ and examples/)', () => {
  it('has every worked example', () => {
    expect(files.length).toBeGreaterThanOrEqual(46);
  });

  for (const { dir, file, path } of files) {
    it(`${dir}/${file}: validates, runs, conserves requests and matches its golden`, () => {
      const response = api.run(readFileSync(path, 'utf8'), `${dir}/${file}`, { traces: tracesBeside(path) });
      if (!response.ok) throw new Error(response.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
      expect(response.warnings).toEqual([]);
      const s = response.result.summary;
      if (s) {
        expect(s.requests.offered).toBe(s.requests.served + s.requests.dropped + s.requests.timedOut + s.requests.unfinished);
        expect(s.measured.unfinished).toBe(s.latencyMs.censored);
        // The services' cost shares and what no service holds add up to the bill (api/cost-allocation.ts), when priced.
        const parts = [...Object.values(response.result.services ?? {}).map((x) => x.cost.perHourUsd), ...s.cost.unallocated.map((u) => u.perHourUsd)];
        if (parts.every((x) => x !== null)) expect(parts.reduce((a: number, x) => a + x!, 0)).toBeCloseTo(s.cost.perHourUsd, 6);
      }
      const golden = join(goldens, `${dir}--${file.replace(/\.yaml$/, '')}.json`);
      const actual = digest(response.result);
      if (update || !existsSync(golden)) {
        if (!update) throw new Error(`no golden for ${dir}/${file}: run UPDATE_GOLDENS=1 npx vitest run src/content`);
        writeFileSync(golden, `${JSON.stringify(actual, null, 2)}\n`);
      }
      expect(actual).toEqual(JSON.parse(readFileSync(golden, 'utf8')));
    });
  }
});
