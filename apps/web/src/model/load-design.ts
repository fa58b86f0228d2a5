/**
 * Loading a design from outside (an imported file, a shared link, the library): the text goes
 * through sim-core's `parseScenarioText` exactly like a CLI input, and only a design that parses
 * is loaded. The document kept is the file as written (units as strings), not the parsed form,
 * so exporting it gives back the same file. The parser (zod and the scenario schema, a third of the
 * app's code) is a chunk of its own, loaded on first use (`loadScenarioParser`): the first screen,
 * whose design the worker checks, does not wait for it.
 */
import { formatIssue, MAX_FILE_BYTES, type ScenarioIssue } from '@design-sim/sim-core';
import type { PlainObject } from './doc-path.ts';
import { isObject } from './doc-path.ts';
import { yamlToDoc } from './scenario-yaml.ts';

/** A loaded design, or the issues that stopped it (with lines and columns). */
export type LoadResult = { ok: true; doc: PlainObject; warnings: ScenarioIssue[] } | { ok: false; issues: ScenarioIssue[] };

let parseScenarioText: typeof import('./scenario-parser.ts').parseScenarioText | null = null;
let parserLoading: Promise<void> | null = null;

/** Loads sim-core's scenario parser (once); `loadDesignText` needs it. */
export function loadScenarioParser(): Promise<void> {
  parserLoading ??= import('./scenario-parser.ts').then((m) => {
    parseScenarioText = m.parseScenarioText;
  });
  return parserLoading;
}

/**
 * Parses and validates scenario text from outside. Never throws. Needs the parser loaded
 * (`loadScenarioParser`: the library and the share links load it first); before that a design is refused, never half-loaded.
 */
export function loadDesignText(text: string, fileName: string): LoadResult {
  if (parseScenarioText === null) return { ok: false, issues: [{ file: fileName, line: null, column: null, path: '', message: 'the scenario checker is still loading: try again in a moment' }] };
  const parsed = parseScenarioText(text, fileName);
  if (!parsed.ok) return parsed;
  const raw = yamlToDoc(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (!raw.ok) return { ok: false, issues: [{ file: fileName, line: null, column: null, path: '', message: raw.message }] };
  return { ok: true, doc: raw.doc, warnings: parsed.warnings };
}

/** Loads a File (size checked before reading, like the CLI). */
export async function loadDesignFile(file: Pick<File, 'name' | 'size' | 'text'>): Promise<LoadResult> {
  if (file.size > MAX_FILE_BYTES) {
    return { ok: false, issues: [{ file: file.name, line: null, column: null, path: '', message: `file is too large: ${file.size} bytes (the limit is ${MAX_FILE_BYTES} bytes = 1 MiB)` }] };
  }
  const text = await file.text();
  await loadScenarioParser();
  return loadDesignText(text, file.name);
}

/**
 * The autosaved document (JSON) if it is still a scenario-shaped mapping small enough to be a
 * file; it may hold work in progress with errors, which the inspector then shows.
 */
export function restoreAutosaved(text: string): PlainObject | null {
  if (text.length > MAX_FILE_BYTES) return null;
  let d: unknown;
  try {
    d = JSON.parse(text);
  } catch {
    return null;
  }
  return isObject(d) && d.apiVersion !== undefined && isObject(d.metadata) && isObject(d.spec) ? d : null;
}

/** Issue lines for a message box: `file:line:col path: message`. */
export function issueLines(issues: readonly ScenarioIssue[]): string[] {
  return issues.map(formatIssue);
}

/** A minimal valid design when the library is empty: one service on one pool under constant traffic. */
export const STARTER_DOC: PlainObject = {
  apiVersion: 'design-sim/v1',
  kind: 'Scenario',
  metadata: { name: 'my-design', title: 'A new design' },
  spec: {
    duration: '1h',
    traffic: { profile: { type: 'constant', qps: 100 } },
    services: [{ name: 'model', replicas: 7, latency: { distribution: 'constant', ms: 50 }, nodePool: 'gpu' }],
    nodePools: [{ name: 'gpu', instance: 'aws/us-east-1/g5.2xlarge', minNodes: 7, maxNodes: 10 }],
    expect: ['latency.p99 < 100ms'],
  },
};
