/** A closed loop's request count is not known before the run: past the limit's pace it stops at once, located at its users. */
import { describe, expect, it } from 'vitest';
import { createSimApi } from './sim-api.ts';

const scenario = (users: number, duration: string, ms = 0.001) => `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: closed }
spec:
  duration: ${duration}
  interval: 10m
  traffic:
    arrivals: closed
    users: ${users}
    thinkTime: 0s
  services:
    - name: api
      replicas: 10000
      gpusPerReplica: 1
      concurrency: 4096
      latency: { distribution: constant, ms: ${ms} }
      nodePool: app
  nodePools:
    - { name: app, instance: gcp/us-central1/g2-standard-8, minNodes: 10000, maxNodes: 10000 }
`;

describe('closed-loop request limit', () => {
  it('100,000 users of a 1 µs service for 7 days (about 6e13 requests) stop early (not after days), at spec.traffic.users', () => {
    const start = performance.now();
    const r = createSimApi().run(scenario(100_000, '7d'), 'closed.yaml');
    expect(performance.now() - start).toBeLessThan(20_000);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]!.path).toBe('spec.traffic.users');
    // run(text, file) knows the text: the issue names the file and the line of `users:` (the sweep's workers call it so).
    expect(r.issues[0]).toMatchObject({ file: 'closed.yaml', line: 9, column: 12 });
    expect(r.issues[0]!.message).toMatch(/^the closed loop sent 1,048,576 requests in the first .+ simulated; at that pace the 7d run would send about \d{1,3}(,\d{3}){4,6}, above the limit of 1,000,000,000 requests in a run \(docs\/limits\.md\)/);
  });

  it('requests that take no simulated time stop with a message that says so, not "would send about Infinity"', () => {
    const r = createSimApi().run(scenario(1, '1m', 0), 'closed.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.message)).toEqual([
      'the closed loop sent 1,048,576 requests without the simulated clock moving (each took 0 s: thinkTime and the service time are 0), so the 1m run would send requests without end, above the limit of 1,000,000,000 requests in a run (docs/limits.md): fewer users, a longer think time or a shorter run',
    ]);
  });

  it('a closed loop within the limit runs as before', () => {
    const r = createSimApi().run(scenario(10, '10s', 10), 'closed.yaml');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.result.summary?.requests.offered).toBeGreaterThan(9000);
  });
});
