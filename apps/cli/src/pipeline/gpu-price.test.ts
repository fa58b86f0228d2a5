import { listInstances } from '@design-sim/cost-model';
import { describe, expect, it } from 'vitest';
import { chooseGpuPrice } from './gpu-price.ts';

describe('chooseGpuPrice', () => {
  it('picks the cheapest per-GPU-hour catalog price for the GPU and capacity', () => {
    const choice = chooseGpuPrice({ gpu: 'l4', capacity: 'on-demand' });
    const perGpu = listInstances({ gpu: 'l4' }).flatMap((i) => (i.prices['on-demand'] === null ? [] : [i.prices['on-demand'].usdPerHour / i.gpuCount]));
    expect(choice.usdPerGpuHour).toBe(Math.min(...perGpu));
    expect(choice.note).toContain('the cheapest l4 on-demand price per GPU-hour in the catalog');
    expect(choice.note).toMatch(/\[source [A-Z_0-9]+, /);
  });

  it('respects --cloud, --instance and --price', () => {
    expect(chooseGpuPrice({ gpu: 'l4', cloud: 'aws', capacity: 'on-demand' }).instance?.cloud).toBe('aws');
    const inst = chooseGpuPrice({ instance: 'aws/us-east-1/p4de.24xlarge', capacity: 'on-demand' });
    expect(inst.gpu.id).toBe('a100-80gb');
    expect(inst.usdPerGpuHour).toBeCloseTo((inst.instance?.prices['on-demand']?.usdPerHour ?? NaN) / 8, 12);
    expect(chooseGpuPrice({ gpu: 'h100', capacity: 'spot', price: 2.5 }).usdPerGpuHour).toBe(2.5);
  });

  it('rejects unknown ids and mismatched hardware with suggestions', () => {
    expect(() => chooseGpuPrice({ gpu: 'h1000', capacity: 'spot' })).toThrow(/--gpu: unknown GPU "h1000" \(did you mean /);
    expect(() => chooseGpuPrice({ instance: 'aws/us-east-1/p4de.24xlarg', capacity: 'spot' })).toThrow(/did you mean aws\/us-east-1\/p4de.24xlarge/);
    expect(() => chooseGpuPrice({ gpu: 'l4', instance: 'aws/us-east-1/p4de.24xlarge', capacity: 'spot' })).toThrow('has a100-80gb GPUs, not l4');
    expect(() => chooseGpuPrice({ capacity: 'spot' })).toThrow('name the hardware');
  });
});
