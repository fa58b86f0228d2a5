/** Trace files for the benchmarks: a chunked reader as the CLI's, and a Poisson trace written once to the temp folder. */
import { closeSync, existsSync, openSync, readSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng, type TraceOpener } from '../src/index.ts';

/** Traces are read from disk in 1 MiB chunks, as the CLI does (apps/cli/src/io/trace-file.ts). */
export const fileTraces: TraceOpener = (file) => {
  const fd = openSync(file, 'r');
  let open = true;
  return {
    read() {
      if (!open) return null;
      const buf = Buffer.allocUnsafe(1 << 20);
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) {
        closeSync(fd);
        open = false;
        return null;
      }
      return buf.subarray(0, n);
    },
  };
};

/** A csv trace of Poisson arrivals at `qps` for `seconds`, with fixed token counts, written once to the temp folder. */
export function poissonTrace(qps: number, seconds: number, tokens: number): string {
  const file = join(tmpdir(), `design-sim-bench-${qps}-${seconds}-${tokens}.csv`);
  if (existsSync(file)) return file;
  const rng = new Rng(99, 1);
  const fd = openSync(file, 'w');
  writeSync(fd, 't,inputTokens,outputTokens\n');
  let t = 0;
  let chunk = '';
  for (;;) {
    t += -Math.log(rng.next()) / qps;
    if (t > seconds) break;
    chunk += `${t.toFixed(6)},${tokens},${tokens}\n`;
    if (chunk.length > 1 << 20) {
      writeSync(fd, chunk);
      chunk = '';
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
  return file;
}

