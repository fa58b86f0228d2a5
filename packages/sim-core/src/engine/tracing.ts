import { VisitFlag, type RequestStore } from './request-store.ts';
import { widened } from './typed-array-growth.ts';

/** Where the end-to-end time of an entry point's requests goes, on their critical path (means over sampled requests, ms). */
export interface LatencyBreakdown {
  /** Requests traced (served, arrived after the warm-up). */
  traces: number;
  /** Mean end-to-end latency of the traced requests, ms: the sum of every part below. */
  totalMs: number;
  /** Per service on the critical path: mean queueing and own work, ms. */
  services: { service: number; queueMs: number; workMs: number }[];
  /** Network time on the critical path (each call and its reply), ms. */
  networkMs: number;
  /** Time lost to failed attempts, caller timeouts and retry back-off, ms. */
  retryMs: number;
  /** The most frequent critical path (service indices, caller first) and the share of traces that took it. */
  path: { services: number[]; share: number };
}

/** Most traces kept (the breakdown's sample). */
const MAX_TRACES = 4096;

/**
 * Sampled request tracing: one end-to-end request in `every` is followed through every visit it makes
 * (spans: when it was sent, arrived, started work, ended and was answered), as a distributed tracer
 * samples, so that the breakdown costs nothing for the other requests. A visit records which of a step's
 * calls replied last: that call is on the critical path.
 *
 * Spans live in a pool of parallel typed arrays with a free list, not as objects: spans held across
 * many events and kept for the breakdown made the young generation's collections ten times slower (6%
 * of a 4-hop chain's run time with one request in 64 traced).
 */
export class TraceRecorder {
  private readonly spans = new SpanPool();
  /** Per visit slot: its open span, -1 for none (read only for visits flagged Traced). */
  private spanOf = new Int32Array(1024).fill(-1);
  /** Root spans of the traces kept, oldest first. */
  private readonly finished: number[] = [];
  private countdown = 1;
  private lastReplied = -1;

  constructor(
    private readonly store: RequestStore,
    private readonly serviceCount: number,
    private every = 64,
  ) {}

  /** A new end-to-end request: every `every`-th one is traced. */
  maybeStart(slot: number, now: number): void {
    if (--this.countdown > 0) return;
    this.countdown = this.every;
    this.open(slot, this.spans.take(this.store.service[slot]!, now));
  }

  /** A traced visit sends a call. */
  child(parent: number, child: number, sentAt: number): void {
    const p = this.spanOf[parent]!;
    if (p < 0) return;
    const c = this.spans.take(this.store.service[child]!, sentAt);
    this.spans.addChild(p, c);
    this.open(child, c);
  }

  private open(slot: number, span: number): void {
    if (slot >= this.spanOf.length) {
      const wider = new Int32Array(Math.max(slot + 1, this.spanOf.length * 2)).fill(-1);
      wider.set(this.spanOf);
      this.spanOf = wider;
    }
    this.spanOf[slot] = span;
    this.spans.slot[span] = slot;
    this.spans.slotGen[span] = this.store.gen[slot]!;
    this.store.flags[slot]! |= VisitFlag.Traced;
  }

  /** The visit no longer writes to its span. */
  private close(slot: number): void {
    const span = this.spanOf[slot]!;
    if (span < 0) return;
    this.spanOf[slot] = -1;
    this.spans.slot[span] = -1;
  }

  /** A traced visit ended. */
  end(slot: number, now: number, ok: boolean): void {
    const s = this.spanOf[slot]!;
    if (s < 0) return;
    const store = this.store;
    const spans = this.spans;
    const arrive = store.start[slot]!;
    spans.arrive[s] = arrive;
    spans.workStart[s] = store.workStart[slot]! >= arrive ? store.workStart[slot]! : arrive;
    spans.end[s] = now;
    spans.ok[s] = ok ? 1 : 0;
    spans.callWait[s] = store.callWait[slot]!;
    if ((store.flags[slot]! & VisitFlag.Root) === 0) return;
    this.close(slot);
    if (!ok) {
      this.drop(s);
      return;
    }
    const finished = this.finished;
    finished.push(s);
    // Full: keep every other trace and sample half as often, so the sample spans the whole run evenly.
    if (finished.length >= MAX_TRACES) {
      let k = 0;
      for (let i = 0; i < finished.length; i++) {
        if (i % 2 === 0) finished[k++] = finished[i]!;
        else this.drop(finished[i]!);
      }
      finished.length = k;
      this.every *= 2;
    }
  }

  /**
   * Frees a trace's spans. A visit of it still running (a call its failed caller abandoned) stops being
   * traced: its slot is checked by generation, since a slot released without its span closed may carry
   * another visit by now.
   */
  private drop(root: number): void {
    const spans = this.spans;
    const stack = [root];
    while (stack.length > 0) {
      const s = stack.pop()!;
      for (let c = spans.firstChild[s]!; c >= 0; c = spans.nextSibling[c]!) stack.push(c);
      const slot = spans.slot[s]!;
      if (slot >= 0 && this.spanOf[slot] === s && this.store.gen[slot] === spans.slotGen[s]) {
        this.spanOf[slot] = -1;
        this.store.flags[slot]! &= ~VisitFlag.Traced;
      }
      spans.give(s);
    }
  }

  /** A traced call's reply reached its caller. */
  replied(child: number, now: number): void {
    const s = this.spanOf[child]!;
    this.lastReplied = s;
    if (s < 0) return;
    this.spans.replyAt[s] = now;
    this.close(child);
  }

  /** The call that replied last (see `replied`) completed its step: it is on the critical path. */
  critical(): void {
    if (this.lastReplied >= 0) this.spans.critical[this.lastReplied] = 1;
    this.lastReplied = -1;
  }

  /** A traced call failed or was given up on: it stays in its caller's span, off the critical path. */
  forget(child: number): void {
    this.close(child);
  }

  /** The breakdown of the traced requests that arrived at or after `measureFrom`. */
  breakdown(measureFrom: number): LatencyBreakdown {
    const spans = this.spans;
    const queue = new Float64Array(this.serviceCount);
    const work = new Float64Array(this.serviceCount);
    const onPath = new Uint8Array(this.serviceCount);
    let network = 0;
    let retry = 0;
    let total = 0;
    let n = 0;
    const paths = new Map<string, { services: number[]; count: number }>();
    const walk = (s: number, path: number[]): void => {
      const service = spans.service[s]!;
      onPath[service] = 1;
      path.push(service);
      const arrive = spans.arrive[s]!;
      const q = spans.workStart[s]! - arrive;
      queue[service]! += q;
      work[service]! += spans.end[s]! - arrive - spans.callWait[s]! - q;
      let critical = 0;
      for (let c = spans.firstChild[s]!; c >= 0; c = spans.nextSibling[c]!) {
        if (spans.critical[c] === 0) continue;
        const replyIn = spans.replyAt[c]! - spans.sent[c]!;
        critical += replyIn;
        network += replyIn - (spans.end[c]! - spans.arrive[c]!);
        walk(c, path);
      }
      retry += spans.callWait[s]! - critical;
    };
    for (const root of this.finished) {
      if (spans.sent[root]! < measureFrom) continue;
      n++;
      total += spans.end[root]! - spans.arrive[root]!;
      const path: number[] = [];
      walk(root, path);
      const key = path.join(',');
      const e = paths.get(key);
      if (e) e.count++;
      else paths.set(key, { services: path, count: 1 });
    }
    let best = { services: [] as number[], count: 0 };
    for (const e of paths.values()) if (e.count > best.count) best = e;
    const ms = (x: number): number => (n > 0 ? (x / n) * 1000 : 0);
    const services: LatencyBreakdown['services'] = [];
    for (let i = 0; i < this.serviceCount; i++) if (onPath[i]) services.push({ service: i, queueMs: ms(queue[i]!), workMs: ms(work[i]!) });
    return { traces: n, totalMs: ms(total), services, networkMs: ms(network), retryMs: ms(Math.max(0, retry)), path: { services: best.services, share: n > 0 ? best.count / n : 0 } };
  }
}

/**
 * The spans, by index: service, times (s), flags, the tree (first child, last child, next sibling; children
 * in the order they were sent) and, while its visit may still write to it, the visit's slot and generation.
 */
class SpanPool {
  service = new Int32Array(0);
  sent = new Float64Array(0);
  arrive = new Float64Array(0);
  workStart = new Float64Array(0);
  end = new Float64Array(0);
  replyAt = new Float64Array(0);
  callWait = new Float64Array(0);
  ok = new Uint8Array(0);
  critical = new Uint8Array(0);
  firstChild = new Int32Array(0);
  lastChild = new Int32Array(0);
  nextSibling = new Int32Array(0);
  slot = new Int32Array(0);
  slotGen = new Uint32Array(0);
  private free: number[] = [];
  private size = 0;

  /** A new span at `service`, sent (and, until told otherwise, arrived, started, ended and answered) at `sent`. */
  take(service: number, sent: number): number {
    let s = this.free.pop();
    if (s === undefined) {
      if (this.size === this.service.length) this.grow();
      s = this.size++;
    }
    this.service[s] = service;
    this.sent[s] = sent;
    this.arrive[s] = sent;
    this.workStart[s] = sent;
    this.end[s] = sent;
    this.replyAt[s] = sent;
    this.callWait[s] = 0;
    this.ok[s] = 0;
    this.critical[s] = 0;
    this.firstChild[s] = -1;
    this.lastChild[s] = -1;
    this.nextSibling[s] = -1;
    this.slot[s] = -1;
    return s;
  }

  addChild(parent: number, child: number): void {
    const last = this.lastChild[parent]!;
    if (last < 0) this.firstChild[parent] = child;
    else this.nextSibling[last] = child;
    this.lastChild[parent] = child;
  }

  give(s: number): void {
    this.free.push(s);
  }

  private grow(): void {
    const n = Math.max(256, this.service.length * 2);
    this.service = widened(this.service, n);
    this.sent = widened(this.sent, n);
    this.arrive = widened(this.arrive, n);
    this.workStart = widened(this.workStart, n);
    this.end = widened(this.end, n);
    this.replyAt = widened(this.replyAt, n);
    this.callWait = widened(this.callWait, n);
    this.ok = widened(this.ok, n);
    this.critical = widened(this.critical, n);
    this.firstChild = widened(this.firstChild, n);
    this.lastChild = widened(this.lastChild, n);
    this.nextSibling = widened(this.nextSibling, n);
    this.slot = widened(this.slot, n);
    this.slotGen = widened(this.slotGen, n);
  }
}
