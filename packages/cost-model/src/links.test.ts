import { describe, expect, it } from 'vitest';
import { getGpu } from './lookup.ts';
import { getLink } from './links.ts';
import { usdPerMillionTokens } from './token-cost.ts';

describe('GPUs added for issue #14 against their sources (SOURCES.md)', () => {
  it('MI300X: 192 GB, 5.3 TB/s, 1307.4 dense BF16 and 2614.9 dense FP8 TFLOPS (MI300X_VS_H200), no ring interconnect', () => {
    const g = getGpu('mi300x');
    expect([g.memoryGB, g.memBandwidthTBs, g.bf16DenseTflops, g.fp8DenseTflops, g.tdpW]).toEqual([192, 5.3, 1307.4, 2614.9, 750]);
    expect(g.interconnect).toBeUndefined();
  });
});

describe('KV-transfer links (STAS_NET_LINKS; NVLink from the GPU)', () => {
  it('NVLink is half the per-GPU bidirectional figure: H100 900 GB/s → 450 GB/s per direction', () => {
    const l = getLink('nvlink', getGpu('h100'));
    expect(typeof l === 'string' ? l : l.bytesPerSecond).toBe(450e9);
  });

  it('InfiniBand NDR 400 Gb/s = 50 GB/s; Ethernet 100 Gb/s = 12.5 GB/s', () => {
    const ib = getLink('infiniband', getGpu('h100'));
    const eth = getLink('ethernet', getGpu('l40s'));
    expect(typeof ib === 'string' ? ib : ib.bytesPerSecond).toBe(50e9);
    expect(typeof eth === 'string' ? eth : eth.bytesPerSecond).toBe(12.5e9);
  });

  it('a GPU without an NVLink switch fabric cannot send over NVLink: a sentence, not a number', () => {
    expect(getLink('nvlink', getGpu('l40s'))).toMatch(/l40s has no NVLink switch fabric in the catalog/);
  });
});

describe('usdPerMillionTokens', () => {
  it('divides cost by tokens in millions; no tokens is no price', () => {
    expect(usdPerMillionTokens(3, 2_000_000)).toBeCloseTo(1.5, 12);
    expect(usdPerMillionTokens(3, 0)).toBeNull();
  });
});
