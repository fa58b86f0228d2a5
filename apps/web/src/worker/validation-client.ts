/**
 * Validation off the main thread: a second instance of the simulator worker writes the design as
 * YAML and answers `SimApi.validate` on it (writing and parsing a long scenario and its catalog
 * checks take tens of ms, more than a keystroke may block). Same contract, same code as the CLI's `validate`.
 */
import type { ValidateResponse } from '@design-sim/sim-core';
import { wrap, type Remote } from 'comlink';
import type { PlainObject } from '../model/doc-path.ts';
import type { WorkerLike } from './sim-client.ts';
import type { LazySimWorkerApi } from './lazy-sim-api.ts';

/** Validates a design document (without `spec.canvas`); answers arrive in request order. */
export type Validator = (doc: PlainObject, fileName: string) => Promise<ValidateResponse>;

/**
 * A validator backed by a lazily started worker, started once `startAfter` settles (start-workers.ts:
 * after the page's first result, whose run validates the design itself; answers keep request order).
 */
export function createWorkerValidator(createWorker: () => WorkerLike, startAfter: () => Promise<void> = () => Promise.resolve()): Validator {
  let remote: Promise<Remote<LazySimWorkerApi>> | null = null;
  return async (doc, fileName): Promise<ValidateResponse> => {
    remote ??= startAfter().then(() => wrap<LazySimWorkerApi>(createWorker()));
    return (await remote).validateDesign(doc, fileName);
  };
}
