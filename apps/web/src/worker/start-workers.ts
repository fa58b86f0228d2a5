/**
 * The simulator's workers, started when this module is evaluated: main.tsx imports it first, so the
 * workers begin loading their chunk before the rest of the app's code is evaluated (React, the canvas,
 * the schema) and the first run finds a worker ready. Only small modules are imported here.
 */
import { newSimWorker } from './new-sim-worker.ts';
import { afterFirstResult } from './first-result.ts';
import { createSimClient, type SimClient } from './sim-client.ts';
import { createWorkerValidator, type Validator } from './validation-client.ts';

/** The app's run client (its worker already loading) and the validation worker's validator. */
// The validation worker and the first spare start once the first result is on screen (first-result.ts).
export const workers: { client: SimClient; validator: Validator } = {
  client: createSimClient(newSimWorker, () => performance.now(), afterFirstResult),
  validator: createWorkerValidator(newSimWorker, afterFirstResult),
};
workers.client.prewarm();
