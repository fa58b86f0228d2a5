/**
 * The simulator's workers, started when this module is evaluated: the entry (main.tsx, a small chunk)
 * imports it, then the app, so the worker loads its chunk while the app's (React, the canvas) loads and
 * the first run finds a worker ready. Only small modules are imported here: they are the entry's chunk.
 */
import { newSimWorker } from './new-sim-worker.ts';
import { afterFirstScreen } from './first-result.ts';
import { createSimClient, type SimClient } from './sim-client.ts';
import { createWorkerValidator, type Validator } from './validation-client.ts';

/** The app's run client (its worker already loading) and the validation worker's validator. */
// The validation worker and the first spare start once the first result and then the canvas's chunk are in (first-result.ts).
export const workers: { client: SimClient; validator: Validator } = {
  client: createSimClient(newSimWorker, () => performance.now(), afterFirstScreen),
  validator: createWorkerValidator(newSimWorker, afterFirstScreen),
};
workers.client.prewarm();
