/**
 * The queue of control-plane events (HPA syncs, autoscaler scans, node and pod transitions, interval
 * boundaries). They are rare next to request events, so they are closures in an object heap; equal
 * times run in scheduling order (a sequence number), which keeps runs deterministic and readable.
 */
interface ControlEvent {
  time: number;
  seq: number;
  run: (now: number) => void;
}

export class ControlQueue {
  private heap: ControlEvent[] = [];
  private seq = 0;
  /** The earliest event's time, kept as a number: the event loop reads it before every event. */
  private next = Infinity;

  peekTime(): number {
    return this.next;
  }

  schedule(time: number, run: (now: number) => void): void {
    const ev: ControlEvent = { time, seq: this.seq++, run };
    const h = this.heap;
    let i = h.length;
    h.push(ev);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(ev, h[p]!)) break;
      h[i] = h[p]!;
      i = p;
    }
    h[i] = ev;
    this.next = h[0]!.time;
  }

  /** Removes and runs the earliest event. */
  runNext(): void {
    const h = this.heap;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= h.length) break;
        if (c + 1 < h.length && before(h[c + 1]!, h[c]!)) c++;
        if (!before(h[c]!, last)) break;
        h[i] = h[c]!;
        i = c;
      }
      h[i] = last;
    }
    this.next = h.length > 0 ? h[0]!.time : Infinity;
    top.run(top.time);
  }
}

function before(a: ControlEvent, b: ControlEvent): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}
