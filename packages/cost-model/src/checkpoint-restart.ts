/**
 * Expected wall-clock time of a synchronous job under Poisson interruptions with periodic checkpoints.
 *
 * Model. The job needs W seconds of compute. It saves a checkpoint after every τ seconds of compute, taking
 * δ seconds, so it runs as segments of s = τ + δ seconds (the last one shorter: the remainder + δ). The whole
 * job is interrupted at rate Λ per second (synchronous data parallel: N nodes each reclaimed at rate λ gives
 * Λ = N·λ). An interruption rolls the segment back to its start (the last checkpoint) and costs R seconds of
 * restart, during which no further interruption is counted. For one segment, by the renewal argument:
 *
 *   E[interruptions] = e^{Λs} − 1
 *   E[work lost per interruption] = E[X | X < s] = 1/Λ − s / (e^{Λs} − 1)   (≈ s/2 when Λs ≪ 1)
 *   E[segment time] = (e^{Λs} − 1)(R + 1/Λ) = s + E[interruptions]·(R + E[lost])
 *
 * This is Daly's exponential model ("A higher order estimate of the optimum checkpoint interval for restart
 * dumps", FGCS 22, 2006) without the e^{ΛR} factor for failures during restart. To first order in Λ it is
 * Young's (CACM 17(9), 1974): W·(1 + δ/τ)·(1 + Λ·(R + (τ + δ)/2)), i.e. each interruption loses half an
 * interval plus the restart; Young's optimum interval is τ* = √(2δ/Λ). Spot notices (2 min on AWS) could
 * allow an emergency save; that is not modelled, so lost work is an upper estimate.
 */

/** How often the job checkpoints and what saving and restarting cost, in seconds. */
export interface CheckpointPolicy {
  everySeconds: number;
  saveSeconds: number;
  restartSeconds: number;
}

/** Expected wall time and its parts, seconds; expectedSeconds = work + checkpointOverhead + lostWork + restart. */
export interface WallTimeBreakdown {
  workSeconds: number;
  checkpointOverheadSeconds: number;
  lostWorkSeconds: number;
  restartSeconds: number;
  expectedSeconds: number;
  expectedInterruptions: number;
  /** False when e^{Λs} overflows: the job is expected never to finish (checkpoint more often). */
  converges: boolean;
  /** Young's optimal compute time between checkpoints, √(2δ/Λ) seconds; null without interruptions or saves. */
  youngOptimalEverySeconds: number | null;
}

function segment(s: number, rate: number, restart: number): { time: number; interruptions: number; lost: number } {
  if (rate === 0 || s === 0) return { time: s, interruptions: 0, lost: 0 };
  const interruptions = Math.expm1(rate * s);
  if (!Number.isFinite(interruptions)) return { time: Infinity, interruptions: Infinity, lost: Infinity };
  // lost = s·(1/x − 1/(e^x − 1)) with x = Λs; below 1e-4 use its series s·(1/2 − x/12) to avoid cancellation.
  const x = rate * s;
  const lostEach = x < 1e-4 ? s * (0.5 - x / 12) : s * (1 / x - 1 / interruptions);
  return { time: s + interruptions * (restart + lostEach), interruptions, lost: interruptions * lostEach };
}

/** Expected wall time for `workSeconds` of compute under `ratePerSecond` job interruptions; pure. */
export function expectedWallTime(workSeconds: number, ratePerSecond: number, policy: CheckpointPolicy | null): WallTimeBreakdown {
  for (const [name, v] of [['workSeconds', workSeconds], ['ratePerSecond', ratePerSecond]] as const) {
    if (!(v >= 0) || !Number.isFinite(v)) throw new RangeError(`${name} must be a finite number >= 0, got ${v}`);
  }
  if (policy && !(policy.everySeconds > 0 && policy.saveSeconds >= 0 && policy.restartSeconds >= 0)) {
    throw new RangeError('checkpoint.everySeconds must be > 0 and saveSeconds, restartSeconds >= 0');
  }
  // Without checkpoints the whole job is one segment: an interruption restarts it from scratch.
  const every = policy?.everySeconds ?? Math.max(workSeconds, Number.MIN_VALUE);
  const save = policy?.saveSeconds ?? 0;
  const restart = policy?.restartSeconds ?? 0;
  let full = Math.floor(workSeconds / every);
  let rest = workSeconds - full * every;
  if (full > 0 && rest <= 1e-9 * every) rest = 0; // float noise from W/τ after whole segments, not a real partial one
  if (every - rest <= 1e-9 * every) { full += 1; rest = 0; }
  const none = { time: 0, interruptions: 0, lost: 0 };
  const a = full > 0 ? segment(every + save, ratePerSecond, restart) : none;
  const b = rest > 0 ? segment(rest + save, ratePerSecond, restart) : none;
  const interruptions = full * a.interruptions + b.interruptions;
  const lost = full * a.lost + b.lost;
  const expected = full * a.time + b.time;
  const segments = full + (rest > 0 ? 1 : 0);
  const converges = Number.isFinite(expected);
  return {
    workSeconds,
    checkpointOverheadSeconds: segments * save,
    lostWorkSeconds: lost,
    restartSeconds: converges ? interruptions * restart : Infinity,
    expectedSeconds: expected,
    expectedInterruptions: interruptions,
    converges,
    youngOptimalEverySeconds: ratePerSecond > 0 && save > 0 ? Math.sqrt((2 * save) / ratePerSecond) : null,
  };
}
