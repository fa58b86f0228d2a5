/**
 * Inter-token latency (ITL) as serving benchmarks measure it, kept per pod without visiting the batch.
 *
 * sglang.bench_serving (the client of the held-out runs; sgl-project/sglang@0033168f0f58b2bc05aa0273bd475d9c01bafb1c
 * python/sglang/bench_serving.py, adapted from vLLM's benchmarks/backend_request_func.py and benchmark_serving.py):
 * `async_request_openai_completions` takes a timestamp for every streamed chunk that carries text; the first sets
 * `ttft`, each later one appends `timestamp − most_recent_timestamp` to the request's `itl` list (the first chunk's
 * gap is TTFT, not ITL); `calculate_metrics` pools `itls += outputs[i].itl` over the successful requests and reports
 * the mean, median and p99 of the pool. A chunk is whatever the server streams at once: one token per iteration,
 * a multi-step round's tokens at its end (vLLM 0.6 `--num-scheduler-steps`).
 *
 * In the executor every decoding sequence receives a chunk at the end of each decode iteration (or round), and none
 * during a prefill-only batch (separate prefill). So after a delivery every decoding sequence last received a chunk
 * at that instant; the only other times are those of first tokens emitted since (by prefill-only batches, or a
 * decode replica's admissions). The sequences are kept as a few groups (time of their last chunk, how many), and a
 * delivery records each group's gap once with its count: O(groups) per iteration, not O(batch).
 * Only measured sequences (arrived after the warm-up) are counted.
 *
 * A delivery writes its gaps to a `PendingGaps` buffer, which enters the histogram 256 gaps at a time: recording
 * straight into the histogram from the executor's finishIteration made V8 spend that function's inlining budget
 * on the histogram and stop inlining the ends heap's pop, +8% CPU on an LLM run (docs/performance.md).
 */
import type { LatencyHistogram } from '../metrics/latency-histogram.ts';

const PENDING = 256;

/** Gaps (ms, with how many sequences share each) waiting to enter a histogram; `flush` before reading it. */
export class PendingGaps {
  private readonly ms = new Float64Array(PENDING);
  private readonly count = new Int32Array(PENDING);
  private size = 0;

  constructor(private readonly into: LatencyHistogram) {}

  /** `n` sequences received a chunk `ms` after their previous one. */
  add(ms: number, n: number): void {
    if (this.size === PENDING) this.flush();
    this.ms[this.size] = ms;
    this.count[this.size++] = n;
  }

  /** Records every pending gap into the histogram. */
  flush(): void {
    for (let k = 0; k < this.size; k++) this.into.recordN(this.ms[k]!, this.count[k]!);
    this.size = 0;
  }
}

export class ChunkGaps {
  /** Time (s) of the groups' last chunk, oldest first, and how many measured sequences are in each. */
  private readonly at: Float64Array;
  private readonly count: Int32Array;
  private groups = 0;

  /** `capacity`: the most sequences a batch holds (a group per joining sequence at worst, plus the delivered one). */
  constructor(capacity: number) {
    this.at = new Float64Array(capacity + 1);
    this.count = new Int32Array(capacity + 1);
  }

  /** `n` measured sequences received their first token at `t` and decode from now on. */
  join(t: number, n: number): void {
    const g = this.groups;
    if (g > 0 && this.at[g - 1] === t) this.count[g - 1]! += n;
    else {
      this.at[g] = t;
      this.count[g] = n;
      this.groups = g + 1;
    }
  }

  /**
   * An iteration ends at `now`. If it `delivered` (a decode iteration, or a multi-step round's end) every decoding
   * sequence receives a chunk; then the `joined` measured sequences that emitted their first token now start
   * decoding, and the `left` ones that received their last chunk now leave (they were in the delivery's one group).
   * One call an iteration with counts: the executor's loops over prefilling and finishing sequences only count them,
   * which keeps its `finishIteration` small enough for V8 to inline what it inlined before ITL (docs/performance.md).
   */
  iteration(now: number, delivered: boolean, joined: number, left: number, itl: PendingGaps): void {
    if (delivered) this.deliver(now, itl);
    if (joined > 0) this.join(now, joined);
    if (left > 0) this.count[0]! -= left;
  }

  /** A measured sequence whose last chunk came at `t` stops decoding before its end (preempted, engine/paged-kv.ts): it leaves that group. */
  leave(t: number): void {
    for (let k = 0; k < this.groups; k++) {
      if (this.at[k] === t && this.count[k]! > 0) {
        this.count[k]!--;
        return;
      }
    }
  }

  /** Every decoding sequence receives a chunk at `now`: each group's gap (ms) is recorded once, weighted by its count; then all share `now`. */
  private deliver(now: number, itl: PendingGaps): void {
    if (this.groups === 1) {
      // The steady state: every decoding sequence got its previous chunk at the previous delivery.
      const n = this.count[0]!;
      if (n > 0) itl.add((now - this.at[0]!) * 1000, n);
      else this.groups = 0;
      this.at[0] = now;
      return;
    }
    let total = 0;
    for (let k = 0; k < this.groups; k++) {
      const n = this.count[k]!;
      if (n === 0) continue;
      itl.add((now - this.at[k]!) * 1000, n);
      total += n;
    }
    if (total === 0) {
      this.groups = 0;
      return;
    }
    this.at[0] = now;
    this.count[0] = total;
    this.groups = 1;
  }

}
