import { describe, expect, it } from 'vitest';
import { LLAMA3_FAILURES_PER_GPU_HOUR, nodeFailuresPerHour } from './failure-rate.ts';

describe('nodeFailuresPerHour', () => {
  it('defaults to the Llama 3 snapshot: 419 interruptions in 54 days on 16,384 GPUs', () => {
    expect(LLAMA3_FAILURES_PER_GPU_HOUR).toBeCloseTo(419 / 21_233_664, 12);
    // Over the snapshot itself, 2,048 eight-GPU nodes for 54 days give back the 419 interruptions.
    expect(nodeFailuresPerHour({}, 8) * 2048 * 54 * 24).toBeCloseTo(419, 9);
  });

  it('scales a per-GPU rate by the GPUs of a node, and takes a per-node rate as given', () => {
    expect(nodeFailuresPerHour({ perGpuHour: 1e-4 }, 4)).toBeCloseTo(4e-4, 15);
    expect(nodeFailuresPerHour({ perNodeHour: 0.01 }, 8)).toBe(0.01);
  });

  it('refuses a CPU node without a rate and both rates at once', () => {
    expect(() => nodeFailuresPerHour({}, 0)).toThrow(/no default failure rate/);
    expect(() => nodeFailuresPerHour({ perGpuHour: 1, perNodeHour: 1 }, 8)).toThrow(/not both/);
  });
});
