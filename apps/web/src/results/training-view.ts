/**
 * What the training panel draws (pure): the hardware line ("32 GPUs (4 × p4de.24xlarge)"), the
 * expected timeline of the run, and days against dollars over GPU counts. The estimate is a closed
 * form (sim-core's trainingSummary), an average over interruptions, not one simulated run: the
 * timeline spreads the expected interruptions evenly and says so.
 */
import { trainingSummary, type Scenario, type TrainingSummary } from '@design-sim/sim-core';

/** "32 GPUs (4 × p4de.24xlarge)" for an instance-based run; "64 GPUs (h100-sxm-80gb)" when given in GPUs. */
export function trainingHardware(t: Pick<TrainingSummary, 'gpuCount' | 'gpu' | 'nodes'>): string {
  const short = t.gpu.split('/').at(-1) ?? t.gpu;
  return t.nodes === null ? `${t.gpuCount} GPUs (${short})` : `${t.gpuCount} GPUs (${t.nodes} × ${short})`;
}

/** One point of the timeline: days since the start, share of the work done (0..1), dollars spent so far. */
export interface TimelinePoint {
  day: number;
  progress: number;
  usd: number | null;
}

/** The expected timeline: progress with its setbacks, interruptions, checkpoints (thinned to a drawable number). */
export interface TrainingTimeline {
  points: TimelinePoint[];
  /** Days of the interruptions drawn (spread evenly: the estimate gives their expected number, not their times). */
  interruptions: number[];
  /** Days of the checkpoint saves drawn, and how many saves each mark stands for. */
  checkpoints: number[];
  checkpointsPerMark: number;
  /** Expected interruptions, and how many are drawn. */
  expectedInterruptions: number;
  days: number;
}

const MAX_INTERRUPTIONS = 60;
const MAX_CHECKPOINT_MARKS = 40;

/**
 * Wall time is days = W + C + L + R (compute, checkpoint saves, redone work, restarts). With n
 * interruptions drawn, the running time W + C + L is cut into n + 1 equal stretches; during a
 * stretch the line rises by its share of W + L (new and redone compute); each interruption drops
 * it by L / n (work since the last checkpoint) and pauses R / n. It ends at 100% on `days`. The
 * cost accrues evenly (the fleet is billed while it waits for a restart too).
 */
export function trainingTimeline(t: TrainingSummary, checkpointEverySeconds: number | null): TrainingTimeline | null {
  const { work: W, checkpoint: C, lostWork: L, restart: R } = t.breakdownDays;
  const days = t.days;
  if (!(days > 0) || !Number.isFinite(days) || !(W > 0)) return null;
  const n = Math.min(MAX_INTERRUPTIONS, Math.round(t.interruptions));
  const usd = (day: number) => (t.costUsd === null ? null : (t.costUsd * day) / days);
  const points: TimelinePoint[] = [{ day: 0, progress: 0, usd: 0 }];
  const interruptions: number[] = [];
  if (n > 0) {
    const stretch = (W + C + L) / (n + 1);
    const rise = (stretch * (W + L)) / (W + C + L) / W;
    let day = 0;
    let progress = 0;
    for (let k = 0; k < n; k++) {
      day += stretch;
      progress += rise;
      points.push({ day, progress, usd: usd(day) });
      interruptions.push(day);
      progress -= L / n / W;
      points.push({ day, progress, usd: usd(day) });
      day += R / n;
      points.push({ day, progress, usd: usd(day) });
    }
  }
  points.push({ day: days, progress: 1, usd: usd(days) });
  const saves = checkpointEverySeconds === null ? 0 : Math.floor((W * 86_400) / checkpointEverySeconds);
  const perMark = Math.max(1, Math.ceil(saves / MAX_CHECKPOINT_MARKS));
  const checkpoints: number[] = [];
  for (let i = perMark; i <= saves; i += perMark) checkpoints.push((i / saves) * days);
  return { points, interruptions, checkpoints, checkpointsPerMark: perMark, expectedInterruptions: t.interruptions, days };
}

/** One design of the days–dollars curve. */
export interface CurvePoint {
  gpus: number;
  nodes: number | null;
  days: number;
  usd: number | null;
  current: boolean;
}

const FACTORS = [0.25, 0.5, 1, 2, 4, 8];

/** Days and dollars of the same training at a quarter to 8× the GPUs (whole nodes), by sim-core's training estimate. */
export function gpuCountCurve(scenario: Scenario): CurvePoint[] {
  const t = scenario.spec.training;
  if (t === undefined) return [];
  const byNodes = t.instance !== undefined && t.nodes !== undefined;
  const base = byNodes ? t.nodes! : t.gpus!;
  const counts = [...new Set(FACTORS.map((f) => Math.max(1, Math.round(base * f))))];
  const out: CurvePoint[] = [];
  for (const n of counts) {
    const training = byNodes ? { ...t, nodes: n } : { ...t, gpus: n };
    try {
      const s = trainingSummary({ ...scenario, spec: { ...scenario.spec, training } });
      if (!Number.isFinite(s.days)) continue;
      out.push({ gpus: s.gpuCount, nodes: s.nodes, days: s.days, usd: s.costUsd, current: n === base });
    } catch {
      // A count the estimate refuses (none in practice): left off the curve.
    }
  }
  return out;
}
