import type { ArrivalSource } from './arrival-source.ts';

/**
 * Several traffic sources as one stream: the next arrival is the earliest of each source's next one,
 * and `source` says whose it is. Kept out of the event loop so that a one-source run's loop stays small
 * enough for the JIT to inline its arrival process (with the merge inside the loop, `perf` showed it called,
 * not inlined: docs/performance.md).
 */
export class ArrivalMerge {
  private readonly due: Float64Array;
  /** The source of the arrival `next()` returned last. */
  source = 0;

  constructor(private readonly processes: readonly ArrivalSource[]) {
    this.due = Float64Array.from(processes, (p) => p.next());
  }

  /** The earliest pending arrival time (taking it from its source), or Infinity when none is left. */
  next(): number {
    const due = this.due;
    let best = Infinity;
    let src = 0;
    for (let i = 0; i < due.length; i++) {
      if (due[i]! < best) {
        best = due[i]!;
        src = i;
      }
    }
    if (best !== Infinity) due[src] = this.processes[src]!.next();
    this.source = src;
    return best;
  }
}
