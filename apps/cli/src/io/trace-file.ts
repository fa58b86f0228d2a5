/**
 * The CLI's side of trace replay: sim-core pulls a trace's text in chunks through a TraceOpener and
 * never touches the file system; this module opens the file (relative to the scenario file, or absolute)
 * and reads it synchronously in 1 MiB chunks, so a 10-million-line trace never sits in memory.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { Scenario, ScenarioIssue, TraceChunkReader, TraceOpener } from '@design-sim/sim-core';
import { formatPath, locatePath } from '@design-sim/sim-core';

const CHUNK_BYTES = 1 << 20;

/** Where a trace path written in `scenarioFile` points: relative to the scenario's folder, or absolute. */
export function tracePath(file: string, scenarioFile: string, cwd: string): string {
  return isAbsolute(file) ? file : resolve(dirname(resolve(cwd, scenarioFile)), file);
}

/**
 * A trace's path as messages show it: relative to the working directory when it lies inside it, else absolute
 * (`/dev/zero` read as `../../../dev/zero`).
 */
export function shownTracePath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

/** Opens traces named in `scenarioFile` (paths relative to it), reading each in chunks. */
export function fileTraceOpener(scenarioFile: string, cwd: string): TraceOpener {
  return (file) => {
    const path = tracePath(file, scenarioFile, cwd);
    return chunkReader(path, shownTracePath(path, cwd));
  };
}

/** Raw bytes, a fresh buffer per chunk (sim-core keeps a chunk until the next one); sim-core parses bytes, never decoded text. */
function chunkReader(path: string, name: string): TraceChunkReader {
  let fd: number | null = openSync(path, 'r');
  return {
    name,
    read() {
      if (fd === null) return null;
      const buf = Buffer.allocUnsafe(CHUNK_BYTES);
      const n = readSync(fd, buf, 0, CHUNK_BYTES, null);
      if (n === 0) {
        closeSync(fd);
        fd = null;
        return null;
      }
      return buf.subarray(0, n);
    },
    close() {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}

/** A located issue per trace file that cannot be read (missing, a directory), before the run starts. */
export function missingTraceIssues(scenario: Scenario, scenarioFile: string, cwd: string, text: string): ScenarioIssue[] {
  const sources = scenario.spec.trafficSources;
  const many = sources.length > 1;
  return sources.flatMap((t, i) => {
    if (t.trace === undefined) return [];
    const path = tracePath(t.trace.file, scenarioFile, cwd);
    let problem: string | null = null;
    try {
      if (!statSync(path).isFile()) problem = 'is not a file';
    } catch {
      problem = 'does not exist';
    }
    if (problem === null) return [];
    const segments = ['spec', 'traffic', ...(many ? [i] : []), 'trace', 'file'];
    const at = locatePath(text, segments);
    return [{
      file: scenarioFile,
      line: at?.line ?? null,
      column: at?.column ?? null,
      path: formatPath(segments),
      message: `trace file ${shownTracePath(path, cwd)} ${problem} (paths are relative to the scenario file)`,
      expected: 'a readable trace file',
    }];
  });
}
