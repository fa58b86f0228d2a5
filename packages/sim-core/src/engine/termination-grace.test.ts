/**
 * The kubelet's SIGKILL at the end of a terminating pod's grace period, worked by hand.
 *
 * The setup: two replicas, concurrency 1, a constant 50 s service time, least-outstanding routing. Uniform arrivals
 * over a 2 s spike of 1 req/s at t = 89.5 s: the arrival process covers half a request of integrated rate before the
 * first (arrival-process.ts `need = 0.5`), so the requests arrive at 90 s and 91 s, one on each replica (the first
 * takes one, the second the idle other), to finish at 140 s and 141 s. An HPA with minReplicas = maxReplicas = 1 and
 * its first sync pinned at t = 100 s sets 2 → 1 there (replicas above maxReplicas), so one replica begins terminating
 * at 100 s with its request 10 s (or 9 s) into its work.
 *  - grace 30 s (the default): SIGKILL at 100 + 30 = 130 s, before 140/141: that request fails, 1 of 2 served.
 *  - grace 60 s: the kill would be at 160 s; the request finishes at 140 or 141 s and the pod is gone then: 2 of 2.
 *  - grace 0 s: the kubelet's 2 s minimum (termination-grace.ts): killed at 102 s, 1 of 2 served.
 */
import { describe, expect, it } from 'vitest';
import { fleet, pool, service } from '../test-support/builders.ts';
import { runEngine } from './simulation.ts';
import type { EngineConfig, EngineService } from './engine-config.ts';
import { CA_MAX_GRACEFUL_TERMINATION_SECONDS, killDelaySeconds } from './termination-grace.ts';
import { llmConfig } from '../test-support/llm-builders.ts';
import { compileScenario } from '../api/compile-scenario.ts';
import { parseScenarioText } from '../scenario/parse-scenario.ts';

const HPA_DOWN_AT_100: EngineService['hpa'] = {
  controller: { minReplicas: 1, maxReplicas: 1, behavior: null },
  metrics: [{ type: 'concurrency', source: 'Pods', targetType: 'AverageValue', target: 1, windowSeconds: 0, scrapeIntervalSeconds: 15, scrapePhaseSeconds: 0 }],
  syncPeriodSeconds: 200,
  syncPhaseSeconds: 100,
};

function scaledDown(serviceSeconds: number, grace: number | undefined, over: Partial<EngineService> = {}): EngineConfig {
  return fleet({
    profile: { type: 'spike', base: 0, peak: 1, at: 89.5, duration: 2 },
    arrivals: 'uniform',
    replicas: 2,
    serviceTime: { kind: 'constant', seconds: serviceSeconds },
    durationSeconds: 300,
    drainSeconds: 0,
    service: { hpa: HPA_DOWN_AT_100, ...(grace === undefined ? {} : { terminationGraceSeconds: grace }), ...over },
  });
}

describe('a terminating pod is killed at the end of its grace period', () => {
  it('the HPA scales 2 → 1 at t = 100 s (the setup every case below relies on)', () => {
    const r = runEngine(scaledDown(50, undefined));
    expect(r.events.filter((e) => e.kind === 'hpa-scale').map((e) => [e.t, e.from, e.to])).toEqual([[100, 2, 1]]);
  });

  it('default 30 s: the request 10 s into its 50 s is killed at 130 s and fails (1 of 2 served)', () => {
    const r = runEngine(scaledDown(50, undefined));
    expect(r.measured.offered).toBe(2);
    expect(r.measured.served).toBe(1);
    expect(r.measured.dropped).toBe(1);
    expect(r.events.filter((e) => e.kind === 'pod-killed').map((e) => e.t)).toEqual([130]);
    expect(r.graceKills).toEqual([{ service: 0, pods: 1, visits: 1 }]);
  });

  it('terminationGracePeriod 60 s: the request finishes (at 140 or 141 s) before the kill at 160 s, 2 of 2 served', () => {
    const r = runEngine(scaledDown(50, 60));
    expect(r.measured.served).toBe(2);
    expect(r.measured.dropped).toBe(0);
    // Both took exactly their 50 s: the terminating one was not cut or re-sent.
    expect(r.latency.max).toBeCloseTo(50_000, 3); // ms
    expect(r.events.some((e) => e.kind === 'pod-killed')).toBe(false);
    expect(r.graceKills).toEqual([]);
  });

  it('0 s: killed 2 s after the scale-down, the kubelet minimum (102 s)', () => {
    const r = runEngine(scaledDown(50, 0));
    expect(r.events.filter((e) => e.kind === 'pod-killed').map((e) => e.t)).toEqual([102]);
    expect(r.measured.served).toBe(1);
  });

  it('short requests conform with before: a 5 s request (done at 95/96 s) is gone before the scale-down, nothing is killed', () => {
    const short = runEngine(scaledDown(5, undefined));
    const forever = runEngine(scaledDown(5, 3600));
    expect(short.measured).toEqual(forever.measured);
    expect(short.measured.served).toBe(2);
    expect(short.graceKills).toEqual([]);
  });

  it('a request shorter than the grace but still running at the scale-down drains as before: 20 s from 90 s ends at 110 s < 130 s', () => {
    const r = runEngine(scaledDown(20, undefined));
    expect(r.measured.served).toBe(2);
    expect(r.graceKills).toEqual([]);
  });

  it('a caller retries a call killed this way: the end-to-end request is served, the killed visit counts at the backend', () => {
    // front (1 replica, 1 ms) calls back with one retry; back is the 2 → 1 service above. The first call reaches
    // back at 90 s, the second at 91 s; the one on the terminating pod is killed at 130 s and retried on the
    // survivor, free from 140 or 141 s: served 50 s later.
    const cfg = scaledDown(50, undefined);
    const back = { ...cfg.services[0]!, name: 'back' };
    const front = service({ name: 'front', serviceTime: { kind: 'constant', seconds: 0.001 }, initialReplicas: 1, concurrency: 10, calls: [{ calls: [{ to: 1, probability: 1, async: false, timeoutSeconds: Infinity, retries: 1, connections: 0, backoff: { baseSeconds: 0, maxSeconds: 0, jitter: false } }] }] });
    const r = runEngine({ ...cfg, services: [front, back] });
    expect(r.graceKills).toEqual([{ service: 1, pods: 1, visits: 1 }]);
    expect(r.measured.served).toBe(2);
    expect(r.services[1]!.stats!.dropped).toBe(1);
    expect(r.services[1]!.stats!.visits).toBe(3);
  });
});

describe('the kill delay', () => {
  it('is the pod grace, at least the kubelet 2 s, capped by the cluster autoscaler at --max-graceful-termination-sec (600 s)', () => {
    expect(killDelaySeconds(30)).toBe(30);
    expect(killDelaySeconds(0)).toBe(2);
    expect(killDelaySeconds(1)).toBe(2);
    expect(killDelaySeconds(3600, CA_MAX_GRACEFUL_TERMINATION_SECONDS)).toBe(600);
    expect(killDelaySeconds(120, CA_MAX_GRACEFUL_TERMINATION_SECONDS)).toBe(120);
  });
});

describe('an LLM generation cut at the end of the grace period', () => {
  // Llama 3.1 8B in bf16 on one L4: every decode step reads the 16 GB of weights from 300 GB/s of memory, ≥ 53 ms a
  // token, so 1,000 output tokens take ≥ 53 s. The two requests (90 s, 91 s) are 9–10 s into theirs when the HPA
  // sets 2 → 1 at 100 s: with the default 30 s the one on the terminating replica is cut at 130 s, with 600 s it
  // completes (kill at 700 s).
  const llm = (grace: number | undefined): EngineConfig =>
    scaledDown(0, grace, { llm: llmConfig({ gpu: 'l4', input: { kind: 'fixed', tokens: 100 }, output: { kind: 'fixed', tokens: 1000 } }), routing: 'least-outstanding', concurrency: 1 });

  it('default 30 s: one generation is cut at 130 s (1 of 2 served)', () => {
    const r = runEngine(llm(undefined));
    expect(r.events.filter((e) => e.kind === 'pod-killed').map((e) => e.t)).toEqual([130]);
    expect(r.measured.served).toBe(1);
    expect(r.measured.dropped).toBe(1);
  });

  it('600 s: both complete, each longer than the 40 s the default grace would have left it', () => {
    const r = runEngine(llm(600));
    expect(r.measured.served).toBe(2);
    expect(r.latency.min).toBeGreaterThan(40_000); // ms
    expect(r.graceKills).toEqual([]);
  });
});

describe('services[].terminationGracePeriod from the scenario', () => {
  const yaml = (grace: string | null): string => `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: grace }
spec:
  duration: 10m
  traffic: { profile: { type: constant, qps: 1 } }
  services:
    - name: api
      latency: { distribution: constant, ms: 100 }
${grace === null ? '' : `      terminationGracePeriod: ${grace}\n`}`;
  const compiled = (grace: string | null) => {
    const r = parseScenarioText(yaml(grace), 'grace.yaml');
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
    return compileScenario(r.scenario).services[0]!.terminationGraceSeconds;
  };
  it('defaults to 30 s, takes durations, 0 included, and refuses more than an hour at its field', () => {
    expect(compiled(null)).toBe(30);
    expect(compiled('2m')).toBe(120);
    expect(compiled('0s')).toBe(0);
    const r = parseScenarioText(yaml('2h'), 'grace.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.path).toBe('spec.services[0].terminationGracePeriod');
  });
});

describe('a disaggregated decode pool scaled down', () => {
  // Prefill on an H100, decode on an L4 (≥ 53 ms a token, above): the requests of 90 s and 91 s prefill in well under
  // a second and each take one of two decode replicas for 1,000 tokens (≥ 53 s). The decode pool's HPA sets 2 → 1 at
  // 100 s; its terminating replica is killed at 130 s, the prefill side's call fails (no retry) and the request is lost.
  const tokens = { input: { kind: 'fixed', tokens: 100 }, output: { kind: 'fixed', tokens: 1000 } } as const;
  const cfg = (grace: number | undefined): EngineConfig => {
    const base = scaledDown(0, undefined);
    const call = { to: 1, probability: 1, async: false, timeoutSeconds: Infinity, retries: 0, connections: 0, backoff: { baseSeconds: 0, maxSeconds: 0, jitter: false } };
    const prefill = service({ name: 'chat', serviceTime: { kind: 'constant', seconds: 0 }, llm: { ...llmConfig({ gpu: 'h100', ...tokens }), role: 'prefill' }, calls: [{ calls: [call] }], releaseDuringCalls: true });
    const decode = service({
      name: 'chat-decode',
      serviceTime: { kind: 'constant', seconds: 0 },
      llm: { ...llmConfig({ gpu: 'l4', ...tokens }), role: 'decode', kvTransferBytesPerSecond: 50e9 },
      initialReplicas: 2,
      hpa: HPA_DOWN_AT_100,
      ...(grace === undefined ? {} : { terminationGraceSeconds: grace }),
    });
    return { ...base, services: [prefill, decode] };
  };

  it('default 30 s: one generation is cut at 130 s on the decode replica; 600 s: both complete', () => {
    const cut = runEngine(cfg(undefined));
    expect(cut.events.filter((e) => e.kind === 'pod-killed').map((e) => [e.t, e.target])).toEqual([[130, 'chat-decode']]);
    expect(cut.graceKills).toEqual([{ service: 1, pods: 1, visits: 1 }]);
    expect(cut.measured.served).toBe(1);
    const kept = runEngine(cfg(600));
    expect(kept.graceKills).toEqual([]);
    expect(kept.measured.served).toBe(2);
  });
});

describe('a spot notice: the earlier of the grace period and the notice', () => {
  // One replica on a spot node (2-min notice, notices at random, 2 an hour), 600 s requests so one is nearly always
  // in service. A notice deletes the pod: with a 30 s or 60 s grace the pod is killed that long after every notice
  // that finds it serving (the kill comes first); with 300 s the node dies at the notice's end, 120 s, and what is
  // left is re-sent as before (no kill at the grace).
  const cfg = (grace: number): EngineConfig =>
    fleet({
      qps: 1 / 700,
      arrivals: 'uniform',
      replicas: 1,
      serviceTime: { kind: 'constant', seconds: 600 },
      durationSeconds: 6 * 3600,
      drainSeconds: 0,
      service: { pools: [0], terminationGraceSeconds: grace },
      pools: [pool({ minNodes: 1, initialNodes: 1, maxNodes: 3, spotShare: 1, spot: { interruptionsPerNodeHour: 2, noticeSeconds: 120 } })],
    });
  const times = (r: ReturnType<typeof runEngine>, kind: string) => r.events.filter((e) => e.kind === kind).map((e) => e.t);

  for (const grace of [30, 60]) {
    it(`grace ${grace} s: every kill is ${grace} s after a notice`, () => {
      const r = runEngine(cfg(grace));
      const notices = times(r, 'spot-notice');
      const kills = times(r, 'pod-killed');
      expect(kills.length).toBeGreaterThan(0);
      for (const k of kills) expect(notices.some((n) => Math.abs(n + grace - k) < 1e-6)).toBe(true);
      expect(r.graceKills[0]!.visits).toBe(kills.length);
    });
  }

  it('grace 300 s, past the 120 s notice: no kill at the grace; the node dies at the notice end', () => {
    const r = runEngine(cfg(300));
    expect(times(r, 'spot-notice').length).toBeGreaterThan(0);
    expect(times(r, 'pod-killed')).toEqual([]);
    const lost = times(r, 'spot-lost');
    for (const n of times(r, 'spot-notice')) if (n + 120 <= 6 * 3600) expect(lost).toContain(n + 120);
  });
});
