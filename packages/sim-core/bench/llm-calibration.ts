/**
 * Calibrates the token-level LLM model against the published runs in
 * docs/llm-calibration-data.md and prints prediction vs measurement for each case.
 * `--fit` grid-searches the three efficiencies (compute, bandwidth, step overhead) for the smallest mean
 * absolute log error over all cases; without it, the current defaults are evaluated.
 * Run: npx tsx bench/llm-calibration.ts [--fit]
 */
import { calibrationCases, evaluateCase } from '../src/llm/calibration-cases.ts';
import { DEFAULT_LLM_EFFICIENCY, type LlmEfficiency } from '../src/llm/llm-perf.ts';

function score(eff: LlmEfficiency): number {
  const errs = calibrationCases.map((c) => Math.abs(Math.log(evaluateCase(c, eff).predicted / c.measured)));
  return errs.reduce((a, b) => a + b, 0) / errs.length;
}

// Coordinate descent over a grid per parameter: a full grid of five parameters would take an hour.
const GRID: Record<keyof LlmEfficiency, number[]> = {
  compute: [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7],
  bandwidth: [0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9],
  stepOverheadSeconds: [0.0005, 0.001, 0.0015, 0.002, 0.0025, 0.003, 0.004],
  overlap: [0, 0.25, 0.5, 0.75, 1],
  requestOverheadSeconds: [0, 0.002, 0.004, 0.006, 0.008, 0.01, 0.012],
};

let best: LlmEfficiency = { ...DEFAULT_LLM_EFFICIENCY };
if (process.argv.includes('--fit')) {
  let bestScore = score(best);
  for (let round = 0; round < 3; round++) {
    for (const key of Object.keys(GRID) as (keyof LlmEfficiency)[]) {
      for (const v of GRID[key]) {
        const eff = { ...best, [key]: v };
        const s = score(eff);
        if (s < bestScore - 1e-9) {
          bestScore = s;
          best = eff;
        }
      }
    }
  }
  console.log(`best fit: ${JSON.stringify(best)} (mean |log error| ${bestScore.toFixed(3)})`);
}
const rows = calibrationCases.map((c) => {
  const r = evaluateCase(c, best);
  return { case: c.name, metric: c.metric, measured: c.measured, predicted: Number(r.predicted.toPrecision(4)), 'error %': Number((((r.predicted - c.measured) / c.measured) * 100).toFixed(1)) };
});
console.table(rows);
console.log(`mean |error| ${(rows.reduce((a, r) => a + Math.abs(r['error %']), 0) / rows.length).toFixed(1)}%`);
