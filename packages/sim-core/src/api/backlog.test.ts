import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../scenario/parse-scenario.ts';
import { runScenario } from './run-scenario.ts';

/**
 * 100 requests a second, evenly spaced, each 100 ms at `api` and then a 100 ms call to `db` (constant
 * times, no network time): at any instant 20 end-to-end requests are in flight (Little's law: 100/s ×
 * 0.2 s), and 30 visits (the 20 at `api`, 10 of them waiting on their call, plus those 10 calls at `db`).
 */
const chain = (extra = ''): string => `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: backlog-with-calls }
spec:
  duration: 10m
  network: { sameZone: 0ms }
  traffic:
    - { target: api, arrivals: uniform, profile: { type: constant, qps: 100 } }
  services:
    - name: api
      replicas: 4
      concurrency: 50
      releaseDuringCalls: true
      latency: { distribution: constant, ms: 100 }
      calls:
        - { to: db }
    - name: db
      replicas: 4
      concurrency: 50
      latency: { distribution: constant, ms: 100 }
${extra}`;

describe('the backlog of a design with calls', () => {
  it("counts end-to-end requests in backlog.max (20 by Little's law), not the 30 visits in flight", () => {
    const parsed = parseScenarioText(chain(), 'backlog.yaml');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const r = runScenario(parsed.scenario);
    expect(r.summary!.backlog.max).toBeGreaterThanOrEqual(20);
    expect(r.summary!.backlog.max).toBeLessThanOrEqual(21);
    // The series stay the work in flight (visits): what the overload check reads, and what docs/json-output.md says.
    const ts = r.timeseries!;
    const last = ts.t.length - 1;
    expect(ts.waiting[last]! + ts.inService[last]!).toBeGreaterThanOrEqual(29);
    expect(ts.waiting[last]! + ts.inService[last]!).toBeLessThanOrEqual(31);
  });
});
