import { VisitFlag, type RequestStore } from './request-store.ts';

/** One visit of a sampled request: when it was sent, arrived, started work, ended and was answered (s). */
interface Span {
  service: number;
  sent: number;
  arrive: number;
  workStart: number;
  end: number;
  replyAt: number;
  callWait: number;
  ok: boolean;
  critical: boolean;
  children: Span[];
}

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
 * (the spans above), as a distributed tracer samples, so that the breakdown costs nothing for the other
 * requests. A visit records which of a step's calls replied last: that call is on the critical path.
 */
export class TraceRecorder {
  private readonly open = new Map<number, Span>();
  private readonly finished: Span[] = [];
  private countdown = 1;

  constructor(
    private readonly store: RequestStore,
    private readonly serviceCount: number,
    private every = 64,
  ) {}

  /** A new end-to-end request: every `every`-th one is traced. */
  maybeStart(slot: number, now: number): void {
    if (--this.countdown > 0) return;
    this.countdown = this.every;
    this.store.flags[slot]! |= VisitFlag.Traced;
    this.open.set(slot, span(this.store.service[slot]!, now));
  }

  /** A traced visit sends a call. */
  child(parent: number, child: number, sentAt: number): void {
    const p = this.open.get(parent);
    if (p === undefined) return;
    const s = span(this.store.service[child]!, sentAt);
    p.children.push(s);
    this.open.set(child, s);
    this.store.flags[child]! |= VisitFlag.Traced;
  }

  /** A traced visit ended. */
  end(slot: number, now: number, ok: boolean): void {
    const s = this.open.get(slot);
    if (s === undefined) return;
    const store = this.store;
    s.arrive = store.start[slot]!;
    s.workStart = store.workStart[slot]! >= s.arrive ? store.workStart[slot]! : s.arrive;
    s.end = now;
    s.ok = ok;
    s.callWait = store.callWait[slot]!;
    if ((store.flags[slot]! & VisitFlag.Root) !== 0) {
      this.open.delete(slot);
      if (!ok) return;
      this.finished.push(s);
      // Full: keep every other trace and sample half as often, so the sample spans the whole run evenly.
      if (this.finished.length >= MAX_TRACES) {
        let k = 0;
        for (let i = 0; i < this.finished.length; i += 2) this.finished[k++] = this.finished[i]!;
        this.finished.length = k;
        this.every *= 2;
      }
    }
  }

  /** A traced call's reply reached its caller. */
  replied(child: number, now: number): void {
    const s = this.open.get(child);
    if (s === undefined) return;
    s.replyAt = now;
    this.lastReplied = s;
    this.open.delete(child);
  }

  private lastReplied: Span | null = null;

  /** The call that replied last (see `replied`) completed its step: it is on the critical path. */
  critical(): void {
    if (this.lastReplied !== null) this.lastReplied.critical = true;
    this.lastReplied = null;
  }

  /** A traced call failed or was given up on: it stays in its caller's span, off the critical path. */
  forget(child: number): void {
    this.open.delete(child);
  }

  /** The breakdown of the traced requests that arrived at or after `measureFrom`. */
  breakdown(measureFrom: number): LatencyBreakdown {
    const queue = new Float64Array(this.serviceCount);
    const work = new Float64Array(this.serviceCount);
    const onPath = new Uint8Array(this.serviceCount);
    let network = 0;
    let retry = 0;
    let total = 0;
    let n = 0;
    const paths = new Map<string, { services: number[]; count: number }>();
    const walk = (s: Span, path: number[]): void => {
      onPath[s.service] = 1;
      path.push(s.service);
      const q = s.workStart - s.arrive;
      queue[s.service]! += q;
      work[s.service]! += s.end - s.arrive - s.callWait - q;
      let critical = 0;
      for (const c of s.children) {
        if (!c.critical) continue;
        critical += c.replyAt - c.sent;
        network += c.replyAt - c.sent - (c.end - c.arrive);
        walk(c, path);
      }
      retry += s.callWait - critical;
    };
    for (const root of this.finished) {
      if (root.sent < measureFrom) continue;
      n++;
      total += root.end - root.arrive;
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

function span(service: number, sent: number): Span {
  return { service, sent, arrive: sent, workStart: sent, end: sent, replyAt: sent, callWait: 0, ok: false, critical: false, children: [] };
}
