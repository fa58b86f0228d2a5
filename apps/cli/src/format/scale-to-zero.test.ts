import type { ScaleToZeroSummary } from '@design-sim/sim-core';
import { describe, expect, it } from 'vitest';
import { scaleToZeroRows } from './scale-to-zero.ts';

describe('scaleToZeroRows', () => {
  it('gives every start-up figure its unit, the image pull on a warm node too', () => {
    const z = {
      services: ['nim'],
      hoursAtZero: 0.5,
      zeroShare: 1,
      coldStarts: 0,
      coldStartMinutes: null,
      unfinishedColdStarts: 0,
      abandonedColdStarts: 0,
      coldStartParts: null,
      knative: [],
      startup: [{ service: 'nim', imagePullSeconds: 141, weightLoadSeconds: 47.9, engineStartSeconds: 64, readinessSeconds: 10, weights: null }],
      waitSeconds: null,
      waited: 0,
      failed: 0,
      refused: 0,
      timedOut: 0,
      gpuHoursAtZero: 0.5,
      savedUsd: null,
      baselineCostUsd: null,
    } as unknown as ScaleToZeroSummary;
    // It read "(0 on a node with the image)": zero what.
    expect(scaleToZeroRows(z)[1]).toEqual(['', 'start-up of nim: image pull 141 s (0 s on a node with the image) · weights 47.9 s · engine start 64 s · readiness 10 s']);
  });
});
