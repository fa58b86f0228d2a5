/** Shared test builders: small, explicit fixtures so tests state the numbers they depend on. */
import type { GpuSpec } from '../types.ts';

/** A made-up GPU with round numbers (1000 dense BF16 TFLOPS, 100 GB) so test arithmetic is easy to read. */
export function fakeGpu(overrides: Partial<GpuSpec> = {}): GpuSpec {
  return {
    id: 'fake-gpu',
    name: 'Test GPU',
    bf16DenseTflops: 1000,
    fp16DenseTflops: 1000,
    fp8DenseTflops: 2000,
    memoryGB: 100,
    memBandwidthTBs: 1,
    tdpW: null,
    nvlinkGBs: null,
    aliases: [],
    source: 'TEST',
    sourceDate: 'undated',
    ...overrides,
  };
}

/** Relative difference |a − b| / |b|. */
export function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}
