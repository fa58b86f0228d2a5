import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getGpu } from './lookup.ts';
import { fakeGpu } from './testing/builders.ts';
import { MIXED_ADAM_BYTES_PER_PARAM, trainingMemory, type TrainingMemoryRegime } from './training-memory.ts';

const a100 = getGpu('a100-80gb');

describe('trainingMemory', () => {
  it('uses the ZeRO paper\'s 2 + 2 + 12 = 16 bytes per parameter for mixed-precision Adam', () => {
    expect(MIXED_ADAM_BYTES_PER_PARAM).toEqual({ weights: 2, gradients: 2, optimizer: 12 });
    const m = trainingMemory({ parameters: 7e9, regime: 'mixed-adam', gpuCount: 32, gpu: a100 });
    expect(m.unshardedBytesPerParam.total).toBe(16);
    expect(m.bytesPerParamPerGpu.total).toBe(16);
    expect(m.gbPerGpu).toBeCloseTo(112, 9);
  });

  it('shows a 7B model does NOT fit on one A100-80GB unsharded (the seed guessed ~56 GB; it is 112 GB)', () => {
    const m = trainingMemory({ parameters: 7e9, regime: 'mixed-adam', gpuCount: 1, gpu: a100 });
    expect(m.fits).toBe(false);
    expect(m.minGpus).toBeNull(); // replication alone needs 112 GB per GPU, so no GPU count helps
  });

  it('shards optimizer (ZeRO-1), + gradients (ZeRO-2), + weights (ZeRO-3 / FSDP) over the GPUs', () => {
    const at = (regime: TrainingMemoryRegime) => trainingMemory({ parameters: 7e9, regime, gpuCount: 32, gpu: a100 });
    // ZeRO-1: 2 + 2 + 12/32 = 4.375 B/param → 30.6 GB; needs 12N / (80 GB − 4N) = 84 / 52 → 2 GPUs.
    expect(at('zero1')).toMatchObject({ fits: true, minGpus: 2, bytesPerParamPerGpu: { total: 4.375 } });
    // ZeRO-2: 2 + 14/32 = 2.4375 B/param; needs 14N / (80 GB − 2N) = 98 / 66 → 2 GPUs.
    expect(at('zero2')).toMatchObject({ minGpus: 2, bytesPerParamPerGpu: { total: 2.4375 } });
    // ZeRO-3: 16/32 = 0.5 B/param = 3.5 GB; needs 112 GB / 80 GB → 2 GPUs. FSDP FULL_SHARD is the same.
    expect(at('zero3')).toMatchObject({ minGpus: 2, gbPerGpu: expect.closeTo(3.5, 9) });
    expect(at('fsdp').bytesPerGpu).toBe(at('zero3').bytesPerGpu);
  });

  it('counts activations against the room left, and reports when nothing fits', () => {
    const big = trainingMemory({ parameters: 70e9, regime: 'zero3', gpuCount: 8, gpu: a100, activationBytesPerGpu: 20e9 });
    // 16 × 70e9 = 1,120 GB of states over 80 − 20 = 60 GB per GPU → 19 GPUs.
    expect(big.minGpus).toBe(19);
    expect(big.fits).toBe(false);
    expect(trainingMemory({ parameters: 1e9, regime: 'zero3', gpuCount: 1, gpu: a100, activationBytesPerGpu: 90e9 }).minGpus).toBeNull();
  });

  it('rejects nonsense inputs', () => {
    expect(() => trainingMemory({ parameters: 0, regime: 'zero1', gpuCount: 1, gpu: a100 })).toThrow(RangeError);
    expect(() => trainingMemory({ parameters: 1e9, regime: 'zero1', gpuCount: 1.5, gpu: a100 })).toThrow(RangeError);
  });

  it('minGpus is the least count that fits: it fits, and one fewer does not', () => {
    const regimes: TrainingMemoryRegime[] = ['mixed-adam', 'zero1', 'zero2', 'zero3'];
    fc.assert(
      fc.property(fc.double({ min: 1e8, max: 5e11, noNaN: true }), fc.constantFrom(...regimes), fc.integer({ min: 16, max: 200 }), (n, regime, memoryGB) => {
        const gpu = fakeGpu({ memoryGB });
        const m = trainingMemory({ parameters: n, regime, gpuCount: 1, gpu });
        if (m.minGpus === null) return;
        expect(trainingMemory({ parameters: n, regime, gpuCount: m.minGpus, gpu }).fits).toBe(true);
        if (m.minGpus > 1) expect(trainingMemory({ parameters: n, regime, gpuCount: m.minGpus - 1, gpu }).fits).toBe(false);
      }),
    );
  });
});
