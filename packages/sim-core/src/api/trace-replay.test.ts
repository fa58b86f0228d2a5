/** Trace replay and closed loops end to end: scenario text → runScenario, with an in-memory trace opener. */
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../scenario/index.ts';
import type { TraceOpener } from '../traffic/trace-reader.ts';
import { createSimApi } from './sim-api.ts';
import { runScenario } from './run-scenario.ts';
import { traceRowIssues } from './trace-issues.ts';

function scenario(traffic: string, service = 'latency: { distribution: constant, ms: 10 }', duration = '10m') {
  const text = `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: t }
spec:
  duration: ${duration}
  drain: 0s
  traffic: ${traffic}
  services:
    - name: s
      replicas: 1
      concurrency: 64
      gpusPerReplica: ${service.includes('llm:') ? 1 : 0}
      ${service}
`;
  const parsed = parseScenarioText(text, 't.yaml');
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  return parsed.scenario;
}

const files = (map: Record<string, string>): TraceOpener => (file) => {
  const text = map[file];
  if (text === undefined) throw new Error(`no ${file}`);
  let done = false;
  return { read: () => (done ? null : ((done = true), text)) };
};

const LLM = 'llm: { model: llama-3.1-8b, gpu: h100-sxm-80gb, inputTokens: 10, outputTokens: 10 }';

describe('trace replay', () => {
  it('sends one request per row at the row\'s time (scaled), and loops one mean gap after the last row', () => {
    const trace = 't,inputTokens,outputTokens\n0,1,1\n1,1,1\n2,1,1\n3,1,1\n';
    const once = runScenario(scenario('{ trace: { file: a.csv, format: csv } }'), { traces: files({ 'a.csv': trace }) });
    expect(once.summary!.requests.offered).toBe(4);
    expect(once.summary!.requests.served).toBe(4);
    expect(once.summary!.latencyMs.mean).toBeCloseTo(10, 1);
    // timeScale 0.5: rows every 0.5 s; looping: passes start every 4 trace-seconds (3 s span + 1 s mean gap) = 2 s,
    // so arrivals at 0, 0.5, …, 60 s (an arrival at the horizon itself is sent, as with a rate profile).
    const looped = runScenario(scenario('{ trace: { file: a.csv, format: csv, timeScale: 0.5, loop: true } }', undefined, '60s'), { traces: files({ 'a.csv': trace }) });
    expect(looped.summary!.requests.offered).toBe(121);
  });

  it('token counts from the trace override the llm service\'s inputTokens/outputTokens', () => {
    const trace = 'TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46.6805900,2000,300\n2023-11-16 18:15:47.0000000,500,0\n2023-11-16 18:15:49.5000000,100,41\n';
    const r = runScenario(scenario('{ trace: { file: az.csv, format: azure-llm } }', LLM), { traces: files({ 'az.csv': trace }) });
    // 300 + 1 (a request generates at least its first token) + 41; the service's own 10 would give 30.
    expect(r.summary!.llm!.outputTokens).toBe(342);
    expect(r.summary!.requests.served).toBe(3);
    const sampled = runScenario(scenario('{ profile: { type: constant, qps: 1 }, arrivals: uniform }', LLM, '3s'));
    expect(sampled.summary!.llm!.outputTokens).toBe(30);
  });

  it('a bad row is a located issue naming the trace file, line, column and field', () => {
    const trace = 't,inputTokens,outputTokens\n0,1,1\n1,1,-4\n';
    const r = createSimApi().runScenario(scenario('{ trace: { file: a.csv, format: csv } }'), { traces: files({ 'a.csv': trace }) });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([{ file: 'a.csv', line: 3, column: 5, path: 'outputTokens', message: 'expected a whole number of tokens from 0 to 10000000, got "-4"', expected: 'a whole number of tokens from 0 to 10000000' }]);
  });

  it('traceRowIssues (validate) finds what a run meets: a header and no rows, a bad row; nothing in a good trace', () => {
    const s = scenario('{ trace: { file: a.csv, format: csv } }');
    const opener = files({ 'a.csv': 't,inputTokens,outputTokens\n' });
    const run = createSimApi().runScenario(s, { traces: opener });
    expect(run.ok).toBe(false);
    if (run.ok) return;
    // The same issue run gives: line 2, where the first row belongs.
    expect(traceRowIssues(s, opener)).toEqual(run.issues);
    expect(run.issues[0]).toMatchObject({ file: 'a.csv', line: 2, column: 1, path: 'row' });
    expect(traceRowIssues(s, files({ 'a.csv': 't,inputTokens,outputTokens\n0,1,1\n1,1,-4\n' }))).toMatchObject([{ line: 3, column: 5, path: 'outputTokens' }]);
    expect(traceRowIssues(s, files({ 'a.csv': 't,inputTokens,outputTokens\n0,1,1\n' }))).toEqual([]);
    // A bad row past the run's end (10 minutes = 600 s) is never read by run, nor by validate; one at 600 s is.
    const late = files({ 'a.csv': 't,inputTokens,outputTokens\n0,1,1\n601,1,1\n602,x,1\n' });
    expect(traceRowIssues(s, late)).toEqual([]);
    expect(createSimApi().runScenario(s, { traces: late }).ok).toBe(true);
    expect(traceRowIssues(s, files({ 'a.csv': 't,inputTokens,outputTokens\n0,1,1\n600,1,1\n602,x,1\n' }))).toMatchObject([{ line: 4, path: 'inputTokens' }]);
  });

  it('without a trace reader (the web worker) the run is refused with a clear issue, not a crash', () => {
    const r = createSimApi().runScenario(scenario('{ trace: { file: a.csv, format: csv } }'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.message).toMatch(/^trace files are run from the CLI/);
  });
});

describe('closed loop in a scenario', () => {
  it('reports users, throughput and one level per user count; TTFT/TPOT stay per request', () => {
    const s = scenario('{ arrivals: closed, users: { type: points, points: [[0, 1], [90, 1], [90, 8]] }, thinkTime: 0s }', LLM, '3m');
    const r = runScenario(s);
    const c = r.summary!.closedLoop!;
    expect(c.levels.map((l) => [l.users, l.fromSeconds, l.toSeconds])).toEqual([[1, 0, 90], [8, 90, 180]]);
    // One user at a time: TTFT of a 10-token prompt alone, and the next request leaves as the reply arrives.
    expect(c.levels[1]!.servedQps).toBeGreaterThan(c.levels[0]!.servedQps * 4);
    expect(c.levels[0]!.ttftMs!.p50).toBeLessThan(c.levels[0]!.latencyMs.p50);
    expect(r.summary!.llm!.tpotMs.p50).toBeGreaterThan(0);
    expect(r.timeseries!.users[0]).toBe(1);
    expect(r.timeseries!.users[2]).toBe(8);
  });

  it('users and profile are exclusive, and closed needs users', () => {
    const bad = (traffic: string) => {
      const text = `apiVersion: design-sim/v1\nkind: Scenario\nmetadata: { name: t }\nspec:\n  duration: 1m\n  traffic: ${traffic}\n  services: [{ name: s, gpusPerReplica: 0, latency: { distribution: constant, ms: 1 } }]\n`;
      const p = parseScenarioText(text, 't.yaml');
      return p.ok ? [] : p.issues.map((i) => `${i.path}: ${i.message}`);
    };
    expect(bad('{ arrivals: closed }')).toEqual(['spec.traffic.users: missing required field "users" (required with arrivals: closed)']);
    expect(bad('{ arrivals: closed, users: 4, profile: { type: constant, qps: 1 } }')).toEqual(['spec.traffic.profile: not allowed with arrivals: closed (the users set the load; give users a profile instead)']);
    expect(bad('{ users: 4 }')).toEqual(['spec.traffic.profile: missing required field "profile" (or arrivals: closed with users, or trace)', 'spec.traffic.users: not allowed with arrivals: poisson (add arrivals: closed)']);
    expect(bad('{ arrivals: closed, users: 4.5 }')[0]).toMatch(/^spec\.traffic\.users/);
    expect(bad('{ trace: { file: a.csv, format: parquet } }')[0]).toMatch(/^spec\.traffic\.trace\.format: expected one of azure-llm \| csv \| jsonl/);
    expect(bad('{ arrivals: closed, users: 4, thinkTime: { distribution: exponential, mean: 2s } }')).toEqual([]);
  });
});
