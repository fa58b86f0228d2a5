/**
 * Queueing networks not covered by user-yaml-truth.test.ts, written as YAML and read through the public
 * API: visit ratios above one, the end-to-end latency distribution of an M/M/1 tandem (Burke–Reich), async
 * calls, caller timeouts, a Jackson network that splits and merges, and Little's law per component. The cases and their
 * closed forms (cited beside each) are src/test-support/network-truth-cases.ts; docs/fidelity.md gives the
 * long runs' figures (bench/graph-fidelity-report.ts).
 */
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../scenario/parse-scenario.ts';
import { NETWORK_TRUTH_CASES, theoryOf } from '../test-support/network-truth-cases.ts';
import { runScenario } from './run-scenario.ts';

describe('queueing networks written as YAML, against closed forms', () => {
  for (const entry of NETWORK_TRUTH_CASES) {
    const c = entry.build(entry.quick);
    it(c.label, () => {
      const parsed = parseScenarioText(c.yaml, `${c.id}.yaml`);
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
      const r = runScenario(parsed.scenario);
      const misses: string[] = [];
      for (const f of c.figures) {
        const theory = theoryOf(f, r);
        const sim = f.sim(r);
        const ok = f.tolerance === 0 ? sim === theory : Math.abs(sim / theory - 1) < f.tolerance;
        if (!ok) misses.push(`${f.figure}: sim ${sim} vs theory ${theory} (${((sim / theory - 1) * 100).toFixed(2)}%, tolerance ${(f.tolerance * 100).toFixed(2)}%)`);
      }
      expect(misses).toEqual([]);
      const m = r.summary!.measured;
      expect(m.offered).toBe(m.served + m.dropped + m.timedOut + m.unfinished);
    });
  }
});
