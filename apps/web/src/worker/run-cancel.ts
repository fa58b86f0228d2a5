/**
 * Cancelling a run that is busy in its worker. `Worker.terminate()` does not stop one: in Debian's
 * Chromium a terminated worker in the middle of a synchronous run keeps running it, for seconds,
 * posting snapshots on its MessagePorts (measured: a cancelled 4 h 30 min run went on to its end
 * beside the next edit's run on the 2 cores; docs/performance.md, "fourth pass"). The run must stop
 * itself, and a synchronous run can read nothing posted to it. What it can read is a blob URL: the
 * page makes one per run and revokes it to cancel; the worker checks it with a synchronous request
 * (a few ms, through the browser) at interval boundaries every CHECK_EVERY_MS of wall time, and a
 * revoked URL ends the run (`RunCancelled` thrown from the progress callback unwinds the engine).
 * A SharedArrayBuffer flag would cost nothing to read but needs cross-origin isolation (COOP/COEP
 * headers) from whatever serves the app.
 */

/** How often a run checks its cancel URL, in ms of wall time (the check costs a few ms: ~2–4% of a run). */
export const CHECK_EVERY_MS = 150;

/** Thrown in the worker by a run whose cancel URL was revoked. */
export class RunCancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

/** The page's side: a URL to hand to the run, and `cancel` (idempotent) to revoke it. */
export function createCancelUrl(): { url: string | undefined; cancel: () => void } {
  if (typeof URL.createObjectURL !== 'function' || typeof Blob === 'undefined') return { url: undefined, cancel: () => undefined };
  return cancelUrlOf(URL.createObjectURL(new Blob([''])));
}

/** The page's side of a cancel URL made elsewhere (index.html's inline script: early-example.ts). */
export function cancelUrlOf(url: string): { url: string; cancel: () => void } {
  let revoked = false;
  return {
    url,
    cancel: () => {
      if (revoked) return;
      revoked = true;
      URL.revokeObjectURL(url);
    },
  };
}

/** Whether `url` can still be read (synchronously; false once revoked). */
function readable(url: string): boolean {
  try {
    const r = new XMLHttpRequest();
    r.open('GET', url, false);
    r.send();
    return r.status === 200;
  } catch {
    return false;
  }
}

/** True in a browser's dedicated worker, where a synchronous request for a blob URL works. */
function inBrowserWorker(): boolean {
  // Not in the app's DOM typings (tsconfig's lib), hence the structural read.
  const scope = (globalThis as { DedicatedWorkerGlobalScope?: abstract new () => unknown }).DedicatedWorkerGlobalScope;
  return scope !== undefined && globalThis instanceof scope;
}

/**
 * The worker's side: a check that says whether the run was cancelled, reading `url` at most every
 * CHECK_EVERY_MS of `now`. Without a URL, or where a first read fails (no synchronous requests
 * here: a test's in-process worker), it never cancels, as before. In a browser's worker that first read
 * is skipped (`proven`): it is a round trip through the browser, 8–25 ms before a run's first snapshot
 * when the browser is busy loading the page (docs/performance.md, "seventh pass").
 */
export function cancelledBy(
  url: string | undefined,
  now: () => number,
  isReadable: (url: string) => boolean = readable,
  proven: boolean = inBrowserWorker(),
): () => boolean {
  if (url === undefined || typeof XMLHttpRequest === 'undefined' || (!proven && !isReadable(url))) return () => false;
  let next = now() + CHECK_EVERY_MS;
  return () => {
    const t = now();
    if (t < next) return false;
    next = t + CHECK_EVERY_MS;
    return !isReadable(url);
  };
}
