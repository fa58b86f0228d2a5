/**
 * Entry point of the bundled binary (dist/design-sim.mjs). The same file is the sweep worker: started
 * as a worker thread with sweep worker data, it serves simulation requests instead of parsing argv.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { processContext } from './context.ts';
import { EXIT_USAGE } from './exit-codes.ts';
import { runCli } from './program.ts';
import { isSweepWorkerData, serveSweepRequests } from './sweep/sweep-worker.ts';

async function main(): Promise<void> {
  // A closed pipe (`design-sim prices | head`) is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  const fail = (e: unknown) => {
    process.stderr.write(`design-sim: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(EXIT_USAGE);
  };
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
  // Only the bundle can start itself as a worker; from TypeScript source (tsx) sweeps run in-process.
  const self = new URL(import.meta.url);
  process.exitCode = await runCli(process.argv.slice(2), processContext(self.pathname.endsWith('.ts') ? undefined : self));
}

if (!isMainThread && isSweepWorkerData(workerData) && parentPort !== null) serveSweepRequests(parentPort);
else void main();
