import { parseScenarioText, trainingSummary } from '@design-sim/sim-core';
import { describe, expect, it } from 'vitest';
import { CONTENT_FILES } from '../model/content-files.ts';
import { gpuCountCurve, trainingHardware, trainingTimeline } from './training-view.ts';

const parsed = parseScenarioText(CONTENT_FILES['training-7b-p5-spot.yaml']!, 'training-7b-p5-spot.yaml');
if (!parsed.ok) throw new Error('content file does not parse');
const scenario = parsed.scenario;
const t = trainingSummary(scenario);

describe('training panel model', () => {
  it('names the hardware as GPUs on nodes of an instance, or GPUs of a kind', () => {
    expect(trainingHardware(t)).toBe('32 GPUs (4 × p5.48xlarge)');
    expect(trainingHardware({ gpuCount: 64, gpu: 'h100-sxm-80gb', nodes: null })).toBe('64 GPUs (h100-sxm-80gb)');
  });

  it('draws the expected timeline: setbacks at the drawn interruptions, 100% at the expected days, the cost accruing to the total', () => {
    const tl = trainingTimeline(t, 3600)!;
    expect(tl.interruptions).toHaveLength(Math.round(t.interruptions));
    expect(tl.interruptions.length).toBeGreaterThan(0);
    const last = tl.points.at(-1)!;
    expect(last.day).toBeCloseTo(t.days, 9);
    expect(last.progress).toBe(1);
    expect(last.usd).toBeCloseTo(t.costUsd!, 6);
    for (let i = 1; i < tl.points.length; i++) expect(tl.points[i]!.day).toBeGreaterThanOrEqual(tl.points[i - 1]!.day);
    // The drops add up to the redone work, as a share of the work.
    let drops = 0;
    for (let i = 1; i < tl.points.length; i++) drops += Math.max(0, tl.points[i - 1]!.progress - tl.points[i]!.progress);
    expect(drops).toBeCloseTo(t.breakdownDays.lostWork / t.breakdownDays.work, 9);
    // One save an hour over weeks of compute: thinned to at most 40 marks.
    expect(tl.checkpoints.length).toBeLessThanOrEqual(40);
    expect(tl.checkpointsPerMark).toBeGreaterThan(1);
  });

  it('puts the same training on fewer and more nodes: more GPUs finish sooner, the design itself is marked', () => {
    const curve = gpuCountCurve(scenario);
    expect(curve.map((p) => p.nodes)).toEqual([1, 2, 4, 8, 16, 32]);
    expect(curve.filter((p) => p.current).map((p) => p.gpus)).toEqual([32]);
    for (let i = 1; i < curve.length; i++) expect(curve[i]!.days).toBeLessThan(curve[i - 1]!.days);
    const mine = curve.find((p) => p.current)!;
    expect(mine.days).toBeCloseTo(t.days, 9);
    expect(mine.usd).toBeCloseTo(t.costUsd!, 6);
  });
});
