import { describe, expect, it } from 'vitest';
import { createSimApi } from './sim-api.ts';
import { poisson, station, truthHead } from '../test-support/truth-yaml.ts';
import { unservedDiagnostic } from './unserved.ts';
import { shownDiagnostics, verdictOf } from './verdict.ts';
import { erlangB } from '../theory/index.ts';

const api = createSimApi();
const int = (n: number): string => n.toLocaleString('en-US');

/** One replica with no queue, offered 20 times what it serves: an M/M/1/1 refuses ρ/(1+ρ) = 20/21 of its arrivals. */
const refusing = (expect: string) => `${truthHead({ name: 'mostly-refused', seconds: 600, warmup: 0, seed: 3, traffic: `[${poisson(200)}]` })}    - { name: api, replicas: 1, concurrency: 1, queue: { maxLength: 0 }, latency: { distribution: exponential, meanMs: 100 } }
${expect}`;

describe('a passing run over unserved requests', () => {
  it('carries an `unserved` warning with the counts, which its verdict shows instead of a plain PASS', () => {
    const r = api.run(refusing("  expect: ['availability >= 1%']\n"), 'lenient.yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const m = r.result.summary!.measured;
    // The counts are the run's own, and the run is the loss system it claims to be (Erlang B with c = 1, a = 20).
    expect(m.dropped / m.offered).toBeCloseTo(erlangB(1, 20), 2);
    expect(r.result.pass).toBe(true);
    const warning = r.result.diagnostics.find((d) => d.code === 'unserved');
    expect(warning?.severity).toBe('warning');
    expect(warning?.message).toBe(`${int(m.dropped + m.timedOut)} of ${int(m.offered)} requests not served (${int(m.dropped)} dropped, ${int(m.timedOut)} timed out)`);
    const v = verdictOf(r.result);
    expect(v.pass).toBe(true);
    expect(v.unserved).toBe(warning!.message);
    // Listed once: in the verdict, not again under it.
    expect(shownDiagnostics(r.result).map((d) => d.code)).not.toContain('unserved');
  });

  it('has none when every request was served, and none when the run fails (what failed it says so)', () => {
    const clean = api.run(`${truthHead({ name: 'clean', seconds: 600, warmup: 60, seed: 1, traffic: `[${poisson(10)}]` })}${station('api', 4, 20)}  expect: ['availability >= 99.9%']\n`, 'clean.yaml');
    if (!clean.ok) throw new Error(JSON.stringify(clean.issues));
    expect(clean.result.summary!.measured.served).toBe(clean.result.summary!.measured.offered);
    expect(clean.result.diagnostics.map((d) => d.code)).not.toContain('unserved');
    expect(verdictOf(clean.result).unserved).toBeNull();

    const strict = api.run(refusing("  expect: ['availability >= 99%']\n"), 'strict.yaml');
    if (!strict.ok) throw new Error(JSON.stringify(strict.issues));
    expect(strict.result.pass).toBe(false);
    expect(strict.result.diagnostics.map((d) => d.code)).not.toContain('unserved');
    expect(verdictOf(strict.result).unserved).toBeNull();
  });

  it('names failed visits that the end-to-end counts hide: async events a saturated worker refused', () => {
    // Every request is served by api; each also enqueues an event for a one-slot worker with no queue, which refuses most.
    const text =
      truthHead({ name: 'async-loss', seconds: 600, warmup: 0, seed: 5, traffic: `[${poisson(50)}]` }) +
      `    - { name: api, replicas: 4, concurrency: 100, gpusPerReplica: 0, releaseDuringCalls: true, latency: { distribution: exponential, meanMs: 5 }, calls: [{ to: worker, async: true }] }\n` +
      `    - { name: worker, replicas: 1, concurrency: 1, gpusPerReplica: 0, queue: { maxLength: 0 }, latency: { distribution: exponential, meanMs: 100 } }\n` +
      `  expect: ['availability >= 99.9%']\n`;
    const r = api.run(text, 'async-loss.yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const m = r.result.summary!.measured;
    expect(m.served).toBe(m.offered);
    const worker = r.result.services!.worker!.requests;
    expect(worker.failed).toBeGreaterThan(0.5 * worker.visits);
    expect(r.result.pass).toBe(true);
    expect(verdictOf(r.result).unserved).toBe(`failed visits: worker ${int(worker.failed)}`);
  });
});

describe('unservedDiagnostic', () => {
  const counts = { offered: 1000, served: 900, dropped: 50, timedOut: 20, unfinished: 30 };
  it('counts unfinished requests only in a complete run, and only above 1% of those offered (below, they are the run’s edge)', () => {
    expect(unservedDiagnostic(counts, null, true)?.message).toBe('100 of 1,000 requests not served (50 dropped, 20 timed out, 30 unfinished (in flight at the end))');
    expect(unservedDiagnostic(counts, null, false)?.message).toBe('70 of 1,000 requests not served (50 dropped, 20 timed out)');
    expect(unservedDiagnostic({ ...counts, served: 920, unfinished: 10 }, null, true)?.message).toBe('70 of 1,000 requests not served (50 dropped, 20 timed out)');
    expect(unservedDiagnostic({ offered: 1000, served: 995, dropped: 0, timedOut: 0, unfinished: 5 }, null, true)).toBeNull();
  });

  it('names requests killed at the end of a terminating pod\'s grace period (they are among the dropped)', () => {
    expect(unservedDiagnostic({ offered: 2, served: 1, dropped: 1, timedOut: 0, unfinished: 0 }, null, true, 1)?.message).toBe(
      "1 of 2 requests not served (1 dropped, 0 timed out); 1 request or call killed in service at the end of a terminating pod's grace period",
    );
  });
});
