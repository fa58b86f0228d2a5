/**
 * Validation off the main thread: a second instance of the simulator worker answers
 * `SimApi.validate` (parsing a long scenario and its catalog checks can take tens of ms, more
 * than a keystroke may block). Same contract, same code as the CLI's `validate`.
 */
import type { SimApi, ValidateResponse } from '@design-sim/sim-core';
import { wrap, type Remote } from 'comlink';
import type { WorkerLike } from './sim-client.ts';

/** Validates scenario text; answers arrive in request order. */
export type Validator = (text: string, fileName: string) => Promise<ValidateResponse>;

/** A validator backed by a lazily started worker. */
export function createWorkerValidator(createWorker: () => WorkerLike): Validator {
  let remote: Remote<SimApi> | null = null;
  return (text, fileName) => {
    remote ??= wrap<SimApi>(createWorker());
    return remote.validate(text, fileName);
  };
}
