/**
 * CPU time of `runScenario` on one scenario file (the parse not counted), for docs/performance.md "Speculative decoding:
 * per-step cost". Bundle it from each checkout to compare and alternate the bundles in one process with
 * `cpu-time-compare.mjs` (usage there); CPU time moves less than wall time with the other load of a shared machine.
 */
import { readFileSync } from 'node:fs';
import { parseScenarioText } from '../../src/scenario/parse-scenario.ts';
import { runScenario } from '../../src/api/run-scenario.ts';

/** Seconds of CPU (user + system) one `runScenario` of `file` takes, and its output tokens (so the run is consumed). */
export function cpuSeconds(file: string): { seconds: number; outputTokens: number } {
  const parsed = parseScenarioText(readFileSync(file, 'utf8'), file);
  if (!parsed.ok) throw new Error(`${file}: ${parsed.issues.map((i) => i.message).join('; ')}`);
  const before = process.cpuUsage();
  const result = runScenario(parsed.scenario);
  const d = process.cpuUsage(before);
  return { seconds: (d.user + d.system) / 1e6, outputTokens: result.summary?.llm?.outputTokens ?? 0 };
}
