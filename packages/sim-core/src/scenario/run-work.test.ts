import { describe, expect, it } from 'vitest';
import { parseScenarioText } from './parse-scenario.ts';
import { requestEquivalents, runWork, VISIT_COST_IN_REQUESTS } from './run-work.ts';

/** api → 64 × mid → 64 × leaf: 1 + 64 + 4,096 = 4,161 visits a request. */
const fanOut = (qps: number, duration: string) => {
  const fan = (to: string) => `[{ parallel: [${Array.from({ length: 64 }, () => `{ to: ${to} }`).join(', ')}] }]`;
  const svc = (name: string, calls = '') => `    - { name: ${name}, gpusPerReplica: 0, replicas: 64, concurrency: 64, latency: { distribution: constant, ms: 1 }${calls === '' ? '' : `, calls: ${calls}`} }\n`;
  return `apiVersion: design-sim/v1\nkind: Scenario\nmetadata: { name: fan }\nspec:\n  duration: ${duration}\n  traffic: { profile: { type: constant, qps: ${qps} } }\n  services:\n${svc('api', fan('mid'))}${svc('mid', fan('leaf'))}${svc('leaf')}`;
};

describe('run work in request-equivalents', () => {
  it('a request without calls is one; each visit past the first is VISIT_COST_IN_REQUESTS more', () => {
    expect(VISIT_COST_IN_REQUESTS).toBe(2.5);
    expect(requestEquivalents(1000, 1)).toBe(1000);
    // Two-service chain: 1 + 2.5 × 1 = 3.5 a request.
    expect(requestEquivalents(1000, 2)).toBe(3500);
    // The 64 × 64 fan-out: 6,000 requests × (1 + 2.5 × 4,160) = 62,406,000.
    expect(requestEquivalents(6000, 4161)).toBe(62_406_000);
  });

  it('sums the sources, visits as the graph gives them, and names the heaviest', () => {
    const w = runWork(
      [
        { profile: { type: 'constant', qps: 10 }, target: 0, path: ['traffic', 0, 'profile'] },
        { profile: { type: 'constant', qps: 1 }, target: 1, path: ['traffic', 1, 'profile'] },
      ],
      100,
      [3, 1],
    );
    // 1,000 requests × 3 visits (work 1,000 × 6) and 100 requests × 1.
    expect(w).toEqual({ requests: 1100, visits: 3100, work: 6100, heaviest: ['traffic', 0, 'profile'] });
  });

  it('refuses a fan-out whose request count is legal but whose work is not: 60 QPS for 1 h into 64 × 64', () => {
    // 216,000 requests × 4,161 = 9.0e8 visits was under the limit of 1e9 and ran for about 13 minutes (CLI, 2 cores);
    // as work it is 216,000 × 10,401 = 2.25e9.
    const r = parseScenarioText(fanOut(60, '1h'), 'fan.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.message)).toEqual([
      "expects 216,000 requests over 1h, each visiting 4,161 services on average along the calls: 899,000,000 service visits, each past a request's first costing about 2.5 requests' simulation, so the work of 2,250,000,000 requests, above the limit of 1,000,000,000: lower the rate, the fan-out or the run's length (docs/limits.md)",
    ]);
  });

  it('warns of a slow run by its work, not its request count: 10 QPS for 1 h into 64 × 64', () => {
    // 36,000 requests (far below the 2e8 of the warning) × 10,401 = 3.74e8 request-equivalents.
    const r = parseScenarioText(fanOut(10, '1h'), 'fan.yaml');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings.map((w) => [w.path, w.message])).toContainEqual(['spec.traffic.profile', 'about 36,000 requests making 150,000,000 service visits (the work of 374,000,000 requests): the run may take several minutes']);
  });
});
