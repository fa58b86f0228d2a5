import { describe, expect, it } from 'vitest';
import { availabilityText, costBasis, loraList, nodeCounts, preemptionsList } from './summary-text.ts';

describe('nodeCounts', () => {
  it('with no node pools says none are modelled, not "peak 0" beside the replicas\' GPUs', () => {
    expect(nodeCounts({ nodes: { max: 0, mean: 0, min: 0 }, nodePools: [] })).toBe('none modelled (no node pools: capacity is unlimited)');
  });

  it('with node pools gives the peak, mean and least node counts', () => {
    const pool = {} as Parameters<typeof nodeCounts>[0]['nodePools'][number];
    expect(nodeCounts({ nodes: { max: 12, mean: 7.25, min: 3 }, nodePools: [pool] })).toBe('peak 12 · mean 7.25 · min 3');
  });
});

describe('loraList', () => {
  it('names each multi-LoRA service with its adapters, max_loras, loads, their time and the requests held', () => {
    expect(loraList({ variants: { adapters: 100, maxLoras: 32, diskLoads: 300, cpuLoads: 18905, loadSeconds: 78.5576, delayedRequests: 0 } })).toBe(
      'variants 100 adapters, max_loras 32: 300 disk + 18,905 host loads (78.6 s), 0 requests held by max_loras',
    );
  });
});

describe('preemptionsList', () => {
  it('names each service with paged KV allocation and its preemptions', () => {
    expect(preemptionsList({ chat: 1234, batch: 0 })).toBe('chat 1,234 · batch 0');
  });
});

describe('availabilityText', () => {
  type Measured = Parameters<typeof availabilityText>[0]['measured'];
  const measured = (offered: number, served: number) => ({ offered, served, dropped: offered - served, timedOut: 0, unfinished: 0 }) as unknown as Measured;
  it('with nothing offered after the warm-up reads no value, not the JSON\'s 100% (a trace squeezed to t = 0 by timeScale)', () => {
    expect(availabilityText({ measured: measured(0, 0), availability: 1 })).toBe('— (no request arrived after the warm-up)');
  });
  it('otherwise the measured served share', () => {
    expect(availabilityText({ measured: measured(1000, 999), availability: 0.999 })).toBe('99.9%');
  });
  it('never reads 100% while a request went unserved (2 dropped of 7,201,260: 0.99999972, "100.000" at three places)', () => {
    expect(availabilityText({ measured: measured(7_201_260, 7_201_258), availability: 7_201_258 / 7_201_260 })).toBe('99.99997%');
  });
});

describe('costBasis', () => {
  type Requests = Parameters<typeof costBasis>[0]['requests'];
  const requests = (served: number) => ({ served }) as unknown as Requests;
  it('says the bill and its per-1k count are the whole run when a warm-up is left out of the Requests row', () => {
    // fixed-fleet for 20 min with a 5 min warm-up: $15.68 over 1,199,790 served in the run is $0.01307 per 1k, the
    // figure printed; the Requests row's 899,790 (after the warm-up) would give $0.01743.
    expect(costBasis({ warmupSeconds: 300, requests: requests(1_199_790) })).toBe(' (whole run, warm-up included: 1,199,790 requests served)');
  });
  it('says nothing without a warm-up (the Requests row is then the whole run)', () => {
    expect(costBasis({ warmupSeconds: 0, requests: requests(1000) })).toBe('');
  });
});
