/**
 * Shared builders for the scenario tests: a small valid scenario with stable line numbers, and
 * an editor that fails loudly if a replacement does not apply (so no test silently tests nothing).
 */
import { formatIssue } from './scenario-issue.ts';
import { parseScenarioText, type ParseScenarioResult } from './parse-scenario.ts';

/** A valid serving scenario; line numbers are referenced by inline snapshots, so append rather than insert. */
export const BASE_YAML = `apiVersion: design-sim/v1
kind: Scenario
metadata:
  name: bad
spec:
  duration: 30m
  traffic:
    profile: { type: step, from: 100, to: 600, at: 5m }
  services:
    - name: model
      replicas: 4
      concurrency: 4
      latency: { distribution: lognormal, p50Ms: 80, p99Ms: 250 }
      queue: { maxLength: 64, timeout: 2s }
      nodePool: l4
      hpa:
        maxReplicas: 40
        metrics:
          - type: concurrency
            target: 3
  nodePools:
    - name: l4
      instance: gcp/us-central1/g2-standard-8
      maxNodes: 40
  expect:
    - latency.p99 < 2s
`;

/** BASE_YAML with each `[from, to]` applied once; throws if `from` is absent. */
export function edit(...replacements: [from: string, to: string][]): string {
  let text = BASE_YAML;
  for (const [from, to] of replacements) {
    if (!text.includes(from)) throw new Error(`test edit does not apply: ${JSON.stringify(from)}`);
    text = text.replace(from, to);
  }
  return text;
}

/** Parses and returns the formatted issue lines (or 'ok' plus warnings). */
export function report(text: string, file = 'examples/bad.yaml'): string {
  const r: ParseScenarioResult = parseScenarioText(text, file);
  const lines = r.ok ? ['ok', ...r.warnings.map((w) => `warning: ${formatIssue(w)}`)] : r.issues.map(formatIssue);
  return lines.join('\n');
}

/** Parses text that must be valid and returns the scenario. */
export function parseOk(text: string) {
  const r = parseScenarioText(text, 'test.yaml');
  if (!r.ok) throw new Error(`expected a valid scenario:\n${r.issues.map(formatIssue).join('\n')}`);
  return r;
}
