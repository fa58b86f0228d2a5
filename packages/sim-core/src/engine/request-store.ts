/**
 * In-flight requests live in parallel typed arrays indexed by a recycled slot id, so a request costs no
 * allocation and memory grows with the number of requests in flight at once, never with the total.
 */
export class RequestStore {
  /** Time the request first arrived, s (kept across retries, so latency includes the retry). */
  arrival: Float64Array;
  /** Index of the service the request is for. */
  service: Int32Array;
  /** Uid of the pod serving the request, and its position in that pod's active list. */
  pod: Int32Array;
  pos: Int32Array;
  /** 1 when the request was abandoned (its pod died) but a completion event for it is still queued. */
  dead: Uint8Array;
  private free: Int32Array;
  private freeCount: number;
  private capacity: number;
  /** Slots taken (requests queued or in service, plus abandoned ones whose stale completion event is still queued). */
  live = 0;
  /** Slots marked dead (abandoned after their pod's node died, retried under a new slot) and not yet released. */
  deadCount = 0;

  constructor(capacity = 4096) {
    this.capacity = capacity;
    this.arrival = new Float64Array(capacity);
    this.service = new Int32Array(capacity);
    this.pod = new Int32Array(capacity);
    this.pos = new Int32Array(capacity);
    this.dead = new Uint8Array(capacity);
    this.free = new Int32Array(capacity);
    for (let i = 0; i < capacity; i++) this.free[i] = capacity - 1 - i;
    this.freeCount = capacity;
  }

  /** Takes a slot for a request that arrived at `arrival` for service index `service`. */
  alloc(arrival: number, service: number): number {
    if (this.freeCount === 0) this.grow();
    const slot = this.free[--this.freeCount]!;
    this.arrival[slot] = arrival;
    this.service[slot] = service;
    this.live++;
    return slot;
  }

  release(slot: number): void {
    this.free[this.freeCount++] = slot;
    this.live--;
  }

  /** Marks a slot abandoned: its retry lives under another slot; it is released when its stale event fires. */
  markDead(slot: number): void {
    this.dead[slot] = 1;
    this.deadCount++;
  }

  /** Releases a dead slot whose stale event has fired. */
  releaseDead(slot: number): void {
    this.dead[slot] = 0;
    this.deadCount--;
    this.release(slot);
  }

  /** Requests in flight: taken slots that are not dead. */
  get inFlight(): number {
    return this.live - this.deadCount;
  }

  /**
   * Calls `fn` with each in-flight (taken, not dead) slot. O(capacity): for the end of a run and
   * snapshots, never on the request path.
   */
  forEachInFlight(fn: (slot: number) => void): void {
    const free = new Uint8Array(this.capacity);
    for (let i = 0; i < this.freeCount; i++) free[this.free[i]!] = 1;
    for (let slot = 0; slot < this.capacity; slot++) if (free[slot] === 0 && this.dead[slot] === 0) fn(slot);
  }

  private grow(): void {
    const old = this.capacity;
    const cap = old * 2;
    const arrival = new Float64Array(cap);
    arrival.set(this.arrival);
    const service = new Int32Array(cap);
    service.set(this.service);
    const pod = new Int32Array(cap);
    pod.set(this.pod);
    const pos = new Int32Array(cap);
    pos.set(this.pos);
    const dead = new Uint8Array(cap);
    dead.set(this.dead);
    this.pod = pod;
    this.pos = pos;
    this.dead = dead;
    const free = new Int32Array(cap);
    for (let i = 0; i < old; i++) free[i] = cap - 1 - i;
    this.arrival = arrival;
    this.service = service;
    this.free = free;
    this.freeCount = old;
    this.capacity = cap;
  }
}
