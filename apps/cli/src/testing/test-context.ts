/**
 * Shared test builders: a CliContext that captures output in memory (the shared vitest setup fails any
 * test that calls console.*), and a helper that runs the CLI in-process and returns what it printed.
 */
import { fileURLToPath } from 'node:url';
import { createColors, type CliContext, type TextSink } from '../context.ts';
import { runCli } from '../program.ts';

/** A sink that records what is written to it. */
export interface CapturedSink extends TextSink {
  text(): string;
}

export function capturedSink(isTTY = false): CapturedSink {
  const chunks: string[] = [];
  return { isTTY, write: (t) => void chunks.push(t), text: () => chunks.join('') };
}

/** A context over captured sinks; no colour, no workers, a frozen clock unless given. */
export function testContext(overrides: Partial<CliContext> = {}): CliContext & { stdout: CapturedSink; stderr: CapturedSink } {
  return {
    stdout: capturedSink(),
    stderr: capturedSink(),
    env: {},
    cwd: process.cwd(),
    colors: createColors(false),
    errColors: createColors(false),
    now: () => 0,
    workerUrl: undefined,
    maxWorkers: 1,
    ...overrides,
  } as CliContext & { stdout: CapturedSink; stderr: CapturedSink };
}

/** Runs the CLI in-process. */
export async function runInProcess(argv: readonly string[], overrides: Partial<CliContext> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const ctx = testContext(overrides);
  const code = await runCli(argv, ctx);
  return { code, stdout: ctx.stdout.text(), stderr: ctx.stderr.text() };
}

/** The example scenarios the CLI must run unchanged: examples/ in the repository. */
export const EXAMPLES_DIR = fileURLToPath(new URL('../../../../examples', import.meta.url));

/** A small, fast serving scenario (one service, HPA, one pool) for tests; `extra` is appended under spec. */
export function smallScenarioYaml(extra = ''): string {
  return `apiVersion: design-sim/v1
kind: Scenario
metadata:
  name: small-test
  title: "A <small> & fast test"
spec:
  duration: 10m
  seed: 3
  traffic:
    profile: { type: step, from: 20, to: 34, at: 2m }
  services:
    - name: model
      replicas: 2
      concurrency: 1
      latency: { distribution: constant, ms: 50 }
      nodePool: gpu
      hpa:
        minReplicas: 2
        maxReplicas: 10
        metrics:
          - type: qpsPerReplica
            target: 12
  nodePools:
    - name: gpu
      instance: gcp/us-central1/g2-standard-8
      minNodes: 2
      maxNodes: 10
  expect:
    - latency.p99 < 5s
    - availability >= 90%
${extra}`;
}
