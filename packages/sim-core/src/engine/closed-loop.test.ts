/**
 * Closed-loop traffic against exact Mean Value Analysis (theory/closed-mva.ts): N users, think time Z,
 * one station of c exponential servers with a FIFO queue (one replica of concurrency c). Throughput
 * and mean response time must match within 2% (the run lengths give standard errors well under 1%).
 */
import { describe, expect, it } from 'vitest';
import { fleet } from '../test-support/builders.ts';
import { closedMva } from '../theory/index.ts';
import { compileRateProfile, type ProfileSpec } from '../traffic/rate-profile.ts';
import { userSchedule, type ThinkDistribution } from '../traffic/closed-loop.ts';
import type { EngineConfig } from './engine-config.ts';
import { runEngine } from './simulation.ts';

const MU = 20; // 50 ms mean service time

function closedRun(o: { users: number | ProfileSpec; think: ThinkDistribution; servers: number; duration: number; warmup?: number; seed?: number; queueMax?: number; interval?: number }): EngineConfig {
  const cfg = fleet({
    qps: 0,
    replicas: 1,
    concurrency: o.servers,
    serviceTime: { kind: 'exponential', meanSeconds: 1 / MU },
    durationSeconds: o.duration,
    warmupSeconds: o.warmup ?? o.duration * 0.02,
    intervalSeconds: o.interval ?? o.duration / 20,
    seed: o.seed ?? 7,
    ...(o.queueMax === undefined ? {} : { queueMaxLength: o.queueMax }),
  });
  const users = typeof o.users === 'number' ? ({ type: 'constant', qps: o.users } as const) : o.users;
  cfg.traffic[0]!.closed = { users: compileRateProfile(users, o.duration), think: o.think };
  return cfg;
}

/** The MVA recursion of Reiser & Lavenberg for a load-dependent station: exact, but unstable past ~50 users. */
function mvaRecursion(n: number, z: number, mu: number, c: number): { x: number; r: number } {
  let p = [1];
  let x = 0;
  let r = 0;
  for (let k = 1; k <= n; k++) {
    r = 0;
    for (let j = 1; j <= k; j++) r += (j / (Math.min(j, c) * mu)) * p[j - 1]!;
    x = k / (z + r);
    const next = [0];
    for (let j = 1; j <= k; j++) next.push((x / (Math.min(j, c) * mu)) * p[j - 1]!);
    next[0] = 1 - next.slice(1).reduce((a, b) => a + b, 0);
    p = next;
  }
  return { x, r };
}

describe('the closed-network truth (finite-source M/M/c//N, product form) is right', () => {
  it('agrees with the MVA recursion where that is stable (N ≤ 40)', () => {
    for (const [n, z, c] of [[5, 0.1, 1], [20, 0.5, 4], [40, 0.3, 8]] as const) {
      const a = closedMva({ users: n, thinkSeconds: z, mu: MU, servers: c });
      const b = mvaRecursion(n, z, MU, c);
      expect(a.throughput).toBeCloseTo(b.x, 8);
      expect(a.responseSeconds).toBeCloseTo(b.r, 10);
    }
  });
  it('with no think time every user is at the station', () => {
    expect(closedMva({ users: 64, thinkSeconds: 0, mu: MU, servers: 16 })).toEqual({ throughput: 320, responseSeconds: 0.2, queueLength: 64 });
  });
  it('c = 1 matches the machine-repairman closed form X = μ(1 − p0)', () => {
    const n = 10;
    const z = 0.3;
    let sum = 0;
    let term = 1;
    for (let k = 0; k <= n; k++) {
      sum += term;
      term *= (n - k) / (MU * z);
    }
    const x = MU * (1 - 1 / sum);
    expect(closedMva({ users: n, thinkSeconds: z, mu: MU, servers: 1 }).throughput).toBeCloseTo(x, 10);
  });
  it('with more servers than users nobody waits: R = 1/μ', () => {
    const r = closedMva({ users: 4, thinkSeconds: 1, mu: MU, servers: 8 });
    expect(r.responseSeconds).toBeCloseTo(1 / MU, 12);
    expect(r.throughput).toBeCloseTo(4 / (1 + 1 / MU), 12);
  });
});

describe('closed loop against the exact closed-network solution', () => {
  const cases = [
    { users: 8, think: 0.2, servers: 1 },
    // At the knee N* = c·(1 + Z·μ), where queueing is most sensitive: 88 = 8 × (1 + 0.5 × 20), 1312 = 32 × (1 + 2 × 20).
    { users: 88, think: 0.5, servers: 8 },
    { users: 64, think: 0, servers: 16 },
    { users: 1312, think: 2, servers: 32 },
  ];
  for (const c of cases) {
    for (const kind of ['exponential', 'constant'] as const) {
      it(`N=${c.users}, Z=${c.think} s (${kind}), c=${c.servers}: throughput and mean response within 2%`, () => {
        const truth = closedMva({ users: c.users, thinkSeconds: c.think, mu: MU, servers: c.servers });
        // About 400k requests; 3M at N = 1,312, where the queue at the knee relaxes slowly.
        const duration = (c.users > 1000 ? 3_000_000 : 400_000) / truth.throughput;
        const think: ThinkDistribution = kind === 'constant' ? { kind, seconds: c.think } : { kind, meanSeconds: c.think };
        const r = runEngine(closedRun({ users: c.users, think, servers: c.servers, duration }));
        const measuredSeconds = r.durationSeconds - r.warmupSeconds;
        const x = r.measured.served / measuredSeconds;
        expect(Math.abs(x / truth.throughput - 1)).toBeLessThan(0.02);
        expect(Math.abs(r.latency.mean() / (truth.responseSeconds * 1000) - 1)).toBeLessThan(0.02);
        expect(r.closedLoop!.users.mean).toBe(c.users);
        // Conservation: every offered request is served, dropped, timed out or still in flight.
        const q = r.requests;
        expect(q.offered).toBe(q.served + q.dropped + q.timedOut + q.unfinished);
      });
    }
  }
});

describe('closed loop: users follow their profile', () => {
  it('a step sweep reports one level per user count, each with its own throughput', () => {
    const profile: ProfileSpec = { type: 'points', points: [[0, 4], [600, 4], [600, 16], [1200, 16], [1200, 64]] };
    const r = runEngine(closedRun({ users: profile, think: { kind: 'constant', seconds: 0 }, servers: 8, duration: 1800, warmup: 0, interval: 60 }));
    const levels = r.closedLoop!.levels;
    expect(levels.map((l) => [l.users, l.from, l.to])).toEqual([[4, 0, 600], [16, 600, 1200], [64, 1200, 1800]]);
    for (const l of levels) {
      const truth = closedMva({ users: l.users, thinkSeconds: 0, mu: MU, servers: 8 });
      expect(Math.abs(l.served / (l.to - l.from) / truth.throughput - 1)).toBeLessThan(0.03);
    }
    // Users at interval ends follow the profile.
    expect(r.timeseries.users[5]).toBe(4);
    expect(r.timeseries.users[15]).toBe(16);
    expect(r.timeseries.users[29]).toBe(64);
  });

  it('when users fall, they retire after their request: the population reaches the new target', () => {
    const profile: ProfileSpec = { type: 'step', from: 50, to: 5, at: 300 };
    const r = runEngine(closedRun({ users: profile, think: { kind: 'exponential', meanSeconds: 1 }, servers: 4, duration: 600, warmup: 0, interval: 60 }));
    expect(r.timeseries.users[4]).toBe(50);
    expect(r.timeseries.users[5]).toBe(5);
    expect(r.timeseries.users[9]).toBe(5);
  });

  it('a ramp starts users one at a time at each integer crossing', () => {
    const s = userSchedule(compileRateProfile({ type: 'ramp', from: 0, to: 4, start: 10, end: 50 }, 100), 100);
    expect(s.initial).toBe(0);
    expect([...s.times]).toEqual([20, 30, 40, 50]);
    expect([...s.targets]).toEqual([1, 2, 3, 4]);
    const down = userSchedule(compileRateProfile({ type: 'ramp', from: 4, to: 0, start: 10, end: 50 }, 100), 100);
    expect([...down.times]).toEqual([10, 20, 30, 40]);
    expect([...down.targets]).toEqual([3, 2, 1, 0]);
  });

  it('failed requests return their users to the loop: a full queue drops, users think and retry (no deadlock)', () => {
    // 40 users on one server whose queue holds 2: most requests are dropped at once.
    const r = runEngine(closedRun({ users: 40, think: { kind: 'constant', seconds: 0.1 }, servers: 1, duration: 300, warmup: 0, queueMax: 2 }));
    expect(r.requests.dropped).toBeGreaterThan(10_000);
    // The server is never idle for long: it serves close to μ per second all run.
    expect(r.requests.served / 300).toBeGreaterThan(MU * 0.95);
    expect(r.closedLoop!.users.min).toBe(40);
  });

  it('is deterministic for a seed', () => {
    const cfg = () => closedRun({ users: 16, think: { kind: 'exponential', meanSeconds: 0.5 }, servers: 4, duration: 300 });
    const a = runEngine(cfg());
    const b = runEngine(cfg());
    expect(a.requests).toEqual(b.requests);
    expect(a.latency.mean()).toBe(b.latency.mean());
  });
});
