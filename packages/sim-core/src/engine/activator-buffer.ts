/**
 * Where requests wait while a scaled-to-zero service has no ready replica: Knative's activator ("responsible to
 * queue incoming requests (if a Knative Service is scaled-to-zero)", https://knative.dev/docs/serving/architecture)
 * or the KEDA HTTP add-on interceptor, which "holds requests during cold starts while backends scale up"
 * (https://keda.sh/http-add-on/1.0/concepts/architecture/). A FIFO with a capacity (the add-on's
 * `coldStart.maxPendingRequests`, default unlimited, https://keda.sh/http-add-on/1.0/reference/environment-variables/)
 * and a wait limit (its readiness timeout, default none, https://keda.sh/http-add-on/1.0/operations/configure-interceptor/).
 * Only a service at zero touches it, so it is plain arrays, not the typed rings of the per-request path.
 */
export class ActivatorBuffer {
  private slots: number[] = [];
  private since: number[] = [];
  private head = 0;
  private timerAt = Infinity;
  /** Requests that entered the buffer, refused because it was full, and failed on its timeout. */
  held = 0;
  refused = 0;
  timedOut = 0;
  /** Waits of the requests released to a replica, s. */
  waitSum = 0;
  waitMax = 0;
  released = 0;

  constructor(
    private readonly capacity: number,
    private readonly timeoutSeconds: number,
    private readonly schedule: (at: number, fn: (now: number) => void) => void,
    /** A request waited past the timeout: it fails (timed out). */
    private readonly expire: (slot: number, now: number) => void,
  ) {}

  get length(): number {
    return this.slots.length - this.head;
  }

  /** Holds a request; false when the buffer is full (the caller refuses it). */
  hold(slot: number, now: number): boolean {
    if (this.length >= this.capacity) {
      this.refused++;
      return false;
    }
    this.slots.push(slot);
    this.since.push(now);
    this.held++;
    this.arm(now + this.timeoutSeconds);
    return true;
  }

  /** A replica is ready: every request still within its wait limit goes to `route`, oldest first. */
  release(now: number, route: (slot: number, now: number) => void): void {
    this.dropExpired(now);
    const slots = this.slots.slice(this.head);
    const since = this.since.slice(this.head);
    this.slots = [];
    this.since = [];
    this.head = 0;
    for (let i = 0; i < slots.length; i++) {
      const wait = now - since[i]!;
      this.waitSum += wait;
      if (wait > this.waitMax) this.waitMax = wait;
      this.released++;
      route(slots[i]!, now);
    }
  }

  /**
   * Fails the requests that have waited past the timeout (the oldest are first). The deadline is compared as the
   * timer computes it, since + timeout: with now - since >= timeout, a request that arrived at 1200.8 s with a 15m
   * timeout was not expired by its own timer (the difference rounds below 900), which re-armed at the same instant
   * for ever and hung the run.
   */
  dropExpired(now: number): void {
    while (this.head < this.slots.length && now >= this.since[this.head]! + this.timeoutSeconds) {
      const slot = this.slots[this.head]!;
      this.head++;
      this.timedOut++;
      this.expire(slot, now);
    }
    if (this.head > 1024 && this.head * 2 > this.slots.length) {
      this.slots = this.slots.slice(this.head);
      this.since = this.since.slice(this.head);
      this.head = 0;
    }
  }

  /** Calls `fn` with each waiting request. */
  forEach(fn: (slot: number) => void): void {
    for (let i = this.head; i < this.slots.length; i++) fn(this.slots[i]!);
  }

  /** One timer for the oldest request's deadline; re-armed for the next oldest when it fires. */
  private arm(at: number): void {
    if (!Number.isFinite(at) || at >= this.timerAt) return;
    this.timerAt = at;
    this.schedule(at, (now) => {
      this.timerAt = Infinity;
      this.dropExpired(now);
      if (this.length > 0) this.arm(this.since[this.head]! + this.timeoutSeconds);
    });
  }
}
