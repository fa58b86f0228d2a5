/**
 * Validation off the main thread: a second instance of the simulator worker writes the design as
 * YAML and answers `SimApi.validate` on it (writing and parsing a long scenario and its catalog
 * checks take tens of ms, more than a keystroke may block). Same contract, same code as the CLI's `validate`.
 */
import type { ValidateResponse } from '@design-sim/sim-core';
import { wrap, type Remote } from 'comlink';
import type { PlainObject } from '../model/doc-path.ts';
import type { WorkerLike } from './sim-client.ts';
import type { SimWorkerApi } from './worker-sim-api.ts';

/** Validates a design document (without `spec.canvas`); answers arrive in request order. */
export type Validator = (doc: PlainObject, fileName: string) => Promise<ValidateResponse>;

/** A validator backed by a lazily started worker. */
export function createWorkerValidator(createWorker: () => WorkerLike): Validator {
  let remote: Remote<SimWorkerApi> | null = null;
  return (doc, fileName) => {
    remote ??= wrap<SimWorkerApi>(createWorker());
    return remote.validateDesign(doc, fileName);
  };
}
