/**
 * Runs sweep requests on up to `maxWorkers` worker threads (the bundled CLI file started with sweep
 * worker data), each taking the next request as soon as it answers. Without a worker URL (tests run
 * from TypeScript source) the same handler runs in-process, one request at a time.
 */
import { Worker } from 'node:worker_threads';
import { handleSweepRequest } from './sweep-worker.ts';
import { SWEEP_WORKER_KIND, type SweepRequest, type SweepResponse, type SweepWorkerData } from './worker-protocol.ts';

/** Answers in request order; `onDone` is called after each answer with the count so far. */
export async function runSweepRequests(
  requests: readonly SweepRequest[],
  options: { workerUrl: URL | undefined; maxWorkers: number; onDone?: (done: number) => void },
): Promise<SweepResponse[]> {
  const answers = new Map<number, SweepResponse>();
  const record = (r: SweepResponse) => {
    answers.set(r.id, r);
    options.onDone?.(answers.size);
  };
  if (options.workerUrl === undefined || requests.length === 0) {
    for (const req of requests) record(handleSweepRequest(req));
  } else {
    await runOnWorkers(requests, options.workerUrl, Math.max(1, Math.min(options.maxWorkers, requests.length)), record);
  }
  return requests.map((r) => answers.get(r.id) ?? { id: r.id, ok: false, message: 'no answer from the worker' });
}

function runOnWorkers(requests: readonly SweepRequest[], url: URL, count: number, record: (r: SweepResponse) => void): Promise<void> {
  const data: SweepWorkerData = { kind: SWEEP_WORKER_KIND };
  const workers: Worker[] = [];
  let next = 0;
  let answered = 0;
  return new Promise<void>((resolve, reject) => {
    const finish = (error?: Error) => {
      for (const w of workers) void w.terminate();
      if (error) reject(error);
      else resolve();
    };
    const feed = (w: Worker) => {
      const req = requests[next++];
      if (req !== undefined) w.postMessage(req);
    };
    for (let i = 0; i < count; i++) {
      const w = new Worker(url, { workerData: data });
      workers.push(w);
      w.on('message', (r: SweepResponse) => {
        record(r);
        if (++answered === requests.length) finish();
        else feed(w);
      });
      w.on('error', (e) => finish(new Error(`sweep worker failed: ${e.message}`)));
      feed(w);
    }
  });
}
