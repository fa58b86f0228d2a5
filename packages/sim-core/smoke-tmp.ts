import { readFileSync } from 'node:fs';
import { parseScenarioText, formatIssue } from './src/scenario/index.ts';
const base = readFileSync('/work/shared/examples/hpa-step.yaml', 'utf8');
const cases: Record<string, string> = {
  empty: '', comments: '# hi\n# there\n', nul: 'apiVersion: design-sim/v1\0\n', fffd: 'a: \uFFFD\n',
  malformed: 'apiVersion: design-sim/v1\nkind: [Scenario\nmetadata: {}\n',
  dup: 'apiVersion: design-sim/v1\nkind: Scenario\nkind: Scenario\n',
  list: '- a\n- b\n', scalar: 'hello\n', multi: 'a: 1\n---\nb: 2\n',
  apiv: base.replace('design-sim/v1', 'design-sim/v2'), kind: base.replace('kind: Scenario', 'kind: scenario'),
  k8s: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\n',
  unknown: base.replace('gpusPerReplica: 1', 'gpus_per_replica: 1').replace('concurrency: 4', 'concurency: 4').replace('      nodePool: l4\n', '      nodePool: l4\n      colour: red\n'),
  routing: base.replace('concurrency: 4', 'concurrency: 4\n      routing: leastoutstanding'),
  types: base.replace('replicas: 4\n', 'replicas: "four"\n').replace('maxLength: 64', 'maxLength: true').replace('target: 3', 'target: [3]'),
  neg: base.replace('replicas: 4\n', 'replicas: -1\n').replace('p50Ms: 80', 'p50Ms: 0').replace('target: 3', 'target: .nan'),
  absurd: base.replace('from: 100, to: 600', 'from: 100, to: 1e12').replace('duration: 30m', 'duration: 3650d'),
  dur: base.replace('duration: 30m', 'duration: 5 minutes').replace('timeout: 2s', 'timeout: 2 secs').replace('imagePull: 45s', 'imagePull: 45S'),
  years: base.replace('duration: 30m', 'duration: 10 years'),
  profile: base.replace('type: step', 'type: stepp'),
  noprofiletype: base.replace('type: step, ', ''),
  pool: base.replace('nodePool: l4', 'nodePool: l5'),
  hpa: base.replace('minReplicas: 4', 'minReplicas: 50'),
  expect: base.replace('latency.p99 < 2s', 'latency.p98 < 2s').replace('availability >= 99%', 'availability >= 99'),
  expect2: base.replace('latency.p99 < 2s', 'latency.p99 = 2s').replace('availability >= 99%', 'cost.monthly < 40000ms'),
  json: JSON.stringify({ apiVersion: 'design-sim/v1', kind: 'Scenario', metadata: { name: 'j' }, spec: { training: { parameters: '7B', tokens: '2T', gpu: 'h100', gpus: 8, pricePerGpuHour: 2, mfu: '40%' }, claims: { 'training.dayz': 3, 'training.days': '3d' } } }),
  warmup: base.replace('duration: 30m', 'duration: 30m\n  warmup: 1h\n  interval: 1ms'),
  noservices: 'apiVersion: design-sim/v1\nkind: Scenario\nmetadata:\n  name: x\nspec: {}\n',
  missingName: 'apiVersion: design-sim/v1\nkind: Scenario\nmetadata:\n  title: x\nspec:\n  duration: 1h\n  traffic: {profile: {type: constant, qps: 5}}\n  services:\n    - latency: {distribution: constant, ms: 5}\n',
  name: base.replace('name: hpa-step', 'name: HPA Step'),
  points: base.replace('{ type: step, from: 100, to: 600, at: 5m }', '{ type: points, points: [[0, 100], [5m, x], {at: 1m, qps: 3}] }'),
  batching: base.replace('      nodePool: l4\n', '      nodePool: l4\n      batching: { maxBatchSize: 8, batchLatency: { baseMs: 5 } }\n'),
  frac: base.replace('      nodePool: l4\n', '      nodePool: l4\n').replace('minNodes: 4\n', 'minNodes: 4\n      spotShare: 50\n'),
  spike: base.replace('{ type: step, from: 100, to: 600, at: 5m }', '{ type: spike, base: 100, peak: 50, at: 1h, duration: 5m }'),
};
for (const [k, v] of Object.entries(cases)) {
  const t0 = performance.now();
  const r = parseScenarioText(v, 'examples/bad.yaml');
  console.log(`--- ${k} (${(performance.now() - t0).toFixed(1)} ms)`);
  if (r.ok) console.log('OK', r.warnings.map(formatIssue)); else for (const i of r.issues) console.log(formatIssue(i));
}
const t0 = performance.now();
const big = 'a'.repeat(50 * 1024 * 1024);
const t1 = performance.now();
const r = parseScenarioText(big, 'big.yaml');
console.log('big', (performance.now() - t1).toFixed(2), 'ms', !r.ok && formatIssue(r.issues[0]!));
const lol = ['apiVersion: design-sim/v1', 'kind: Scenario', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
for (let i = 1; i < 10; i++) lol.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
const t2 = performance.now();
const r2 = parseScenarioText(lol.join('\n'), 'lol.yaml');
console.log('lol', (performance.now() - t2).toFixed(2), 'ms', !r2.ok && r2.issues.map(formatIssue));
