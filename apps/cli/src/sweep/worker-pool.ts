/**
 * Simulation runs on up to `maxWorkers` worker threads (the bundled CLI file started with sweep worker
 * data), each taking the next queued request as soon as it answers. The pool stays open across
 * requests, so a search (optimize) can ask for runs as it goes; a sweep submits all at once. Without a
 * worker URL (tests run from TypeScript source) the same handler runs in-process, one request at a time.
 */
import { Worker } from 'node:worker_threads';
import { handleSweepRequest } from './sweep-worker.ts';
import { SWEEP_WORKER_KIND, type SweepRequest, type SweepResponse, type SweepWorkerData } from './worker-protocol.ts';

interface Job {
  req: SweepRequest;
  resolve: (r: SweepResponse) => void;
  reject: (e: Error) => void;
}

/** A queue of simulation runs over worker threads. */
export class SimWorkerPool {
  private readonly queue: Job[] = [];
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Job>();
  private readonly workers: Worker[] = [];
  private failure: Error | undefined;
  private nextId = 0;

  constructor(private readonly options: { workerUrl: URL | undefined; maxWorkers: number }) {}

  /** Runs one request (its `id` is assigned here); resolves with the worker's answer. */
  run(req: Omit<SweepRequest, 'id'>): Promise<SweepResponse> {
    const full: SweepRequest = { ...req, id: this.nextId++ };
    if (this.options.workerUrl === undefined) {
      // In-process: still asynchronous, so callers' Promise.all sees the same shape as with workers.
      return Promise.resolve().then(() => handleSweepRequest(full));
    }
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise<SweepResponse>((resolve, reject) => {
      this.queue.push({ req: full, resolve, reject });
      this.pump();
    });
  }

  /** Stops every worker; queued requests are rejected. */
  async close(): Promise<void> {
    this.fail(new Error('the worker pool was closed'));
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let w = this.idle.pop();
      if (w === undefined && this.workers.length < Math.max(1, this.options.maxWorkers)) w = this.spawn();
      if (w === undefined) return;
      const job = this.queue.shift()!;
      this.busy.set(w, job);
      w.postMessage(job.req);
    }
  }

  private spawn(): Worker {
    const data: SweepWorkerData = { kind: SWEEP_WORKER_KIND };
    const w = new Worker(this.options.workerUrl!, { workerData: data });
    this.workers.push(w);
    w.on('message', (r: SweepResponse) => {
      const job = this.busy.get(w);
      this.busy.delete(w);
      this.idle.push(w);
      job?.resolve(r);
      this.pump();
    });
    w.on('error', (e) => this.fail(new Error(`sweep worker failed: ${e.message}`)));
    return w;
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const job of [...this.busy.values(), ...this.queue.splice(0)]) job.reject(error);
    this.busy.clear();
  }
}

/** Runs every request; answers in request order; `onDone` is called after each answer with the count so far. */
export async function runSweepRequests(
  requests: readonly Omit<SweepRequest, 'id'>[],
  options: { workerUrl: URL | undefined; maxWorkers: number; onDone?: (done: number) => void },
): Promise<SweepResponse[]> {
  const pool = new SimWorkerPool({ workerUrl: options.workerUrl, maxWorkers: Math.min(options.maxWorkers, requests.length) });
  let done = 0;
  try {
    return await Promise.all(
      requests.map((r) =>
        pool.run(r).then((answer) => {
          options.onDone?.(++done);
          return answer;
        }),
      ),
    );
  } finally {
    await pool.close();
  }
}
