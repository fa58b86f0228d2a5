/**
 * A stand-in for the simulator worker in unit tests: the worker's API exposed over a MessageChannel in this
 * thread, as sim.worker.ts exposes it (`api` behind the engine-only first run of lazy-sim-api.ts).
 */
import { expose } from 'comlink';
import type { WorkerLike } from '../worker/sim-client.ts';
import { createLazySimApi } from '../worker/lazy-sim-api.ts';
import { createWorkerSimApi, type SimWorkerApi } from '../worker/worker-sim-api.ts';

/** A worker factory whose workers serve `api`; `started` records each one and whether it was terminated. */
export function fakeWorkerFactory(api: SimWorkerApi = createWorkerSimApi()) {
  const started: { terminated: boolean }[] = [];
  const create = (): WorkerLike => {
    const { port1, port2 } = new MessageChannel();
    expose(createLazySimApi(() => Promise.resolve(api)), port2);
    const record = { terminated: false };
    started.push(record);
    return {
      postMessage: (msg: unknown, transfer?: unknown) => port1.postMessage(msg, transfer as Transferable[]),
      addEventListener: port1.addEventListener.bind(port1) as WorkerLike['addEventListener'],
      removeEventListener: port1.removeEventListener.bind(port1) as WorkerLike['removeEventListener'],
      terminate: () => {
        record.terminated = true;
        port1.close();
        port2.close();
      },
    };
  };
  return { create, started };
}
