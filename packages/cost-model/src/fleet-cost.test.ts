import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accruedBillUsd } from './cost-rate.ts';
import { fleetCost, type NodeUsage } from './fleet-cost.ts';
import { getInstance } from './lookup.ts';
import { HOURS_PER_MONTH } from './units.ts';

const H = 3600;
const L4 = 'gcp/us-central1/g2-standard-8';
const A10G = 'aws/us-east-1/g5.2xlarge';
const price = (id: string, c: 'on-demand' | 'spot') => getInstance(id).prices[c]?.usdPerHour ?? NaN;

describe('fleetCost', () => {
  it('prices node-hours per pool and capacity, with per-hour, per-month (730 h) and per-1k-request rates', () => {
    // 55 L4 nodes for 2 h (the fixed-fleet example) plus one GKE cluster, 7.2M requests.
    const cost = fleetCost({
      usage: [{ pool: 'gpu', instanceId: L4, capacity: 'on-demand', nodeSeconds: 55 * 2 * H }],
      durationSeconds: 2 * H,
      requestsServed: 7_200_000,
      controlPlane: { cloud: 'gcp', clusters: 1 },
    });
    const expected = 110 * price(L4, 'on-demand') + 2 * 0.1;
    expect(cost.totalUsd).toBeCloseTo(expected, 9);
    expect(cost.perHourUsd).toBeCloseTo(expected / 2, 9);
    expect(cost.monthlyUsd).toBeCloseTo((expected / 2) * HOURS_PER_MONTH, 6);
    expect(cost.per1kRequestsUsd).toBeCloseTo((expected / 7_200_000) * 1000, 12);
    expect(cost.lines.map((l) => [l.label, l.unit, l.quantity])).toEqual([
      ['gpu: gcp/us-central1/g2-standard-8 (on-demand)', 'node-hour', 110],
      ['gcp control plane × 1', 'cluster-hour', 2],
    ]);
    expect(cost.lines[0]).toMatchObject({ source: 'SKY_GCP', usdPerUnit: 0.85362 });
    expect(cost.complete).toBe(true);
  });

  it('accrues the control plane with time beside the nodes, so the accrued bill ends at the total', () => {
    // Two GKE clusters ($0.10/h each) over a 2 h run; the nodes accrued $1, $1 and $3 by 40, 80 and 120 min.
    const cost = fleetCost({ usage: [{ pool: 'gpu', instanceId: L4, capacity: 'on-demand', nodeSeconds: 3600 }], durationSeconds: 2 * H, controlPlane: { cloud: 'gcp', clusters: 2 } });
    const nodes = price(L4, 'on-demand');
    const accrued = accruedBillUsd([2400, 4800, 7200], [1, 1, nodes], cost.lines, 2 * H);
    // $0.20/h of control plane: $0.1333 by 40 min, $0.2667 by 80 min, $0.40 by the end.
    expect(accrued[0]).toBeCloseTo(1 + 0.4 / 3, 12);
    expect(accrued[1]).toBeCloseTo(1 + 0.8 / 3, 12);
    expect(accrued[2]).toBeCloseTo(cost.totalUsd, 12);
    // Without a control plane the nodes' accrual is the bill's.
    const bare = fleetCost({ usage: [], durationSeconds: 2 * H });
    expect([...accruedBillUsd([3600, 7200], [0.5, 2], bare.lines, 2 * H)]).toEqual([0.5, 2]);
  });

  it('splits on-demand and spot lines and merges repeated usage of the same pool and capacity', () => {
    const cost = fleetCost({
      usage: [
        { pool: 'gpu', instanceId: A10G, capacity: 'on-demand', nodeSeconds: 10 * H },
        { pool: 'gpu', instanceId: A10G, capacity: 'spot', nodeSeconds: 6 * H },
        { pool: 'gpu', instanceId: A10G, capacity: 'spot', nodeSeconds: 4 * H },
      ],
      durationSeconds: H,
    });
    expect(cost.lines).toHaveLength(2);
    expect(cost.byCapacity.spot).toBeCloseTo(10 * price(A10G, 'spot'), 9);
    expect(cost.byCapacity['on-demand']).toBeCloseTo(10 * price(A10G, 'on-demand'), 9);
    expect(cost.byPool.gpu).toBeCloseTo(cost.totalUsd, 9);
  });

  it('prices an all-spot fleet entirely as spot', () => {
    const cost = fleetCost({ usage: [{ pool: 'gpu', instanceId: A10G, capacity: 'spot', nodeSeconds: 5 * H }], durationSeconds: H });
    expect(cost.totalUsd).toBeCloseTo(5 * price(A10G, 'spot'), 9);
    expect(cost.byCapacity['on-demand']).toBe(0);
  });

  it('lists an unknown price, adds 0 for it and marks the total incomplete', () => {
    const cost = fleetCost({
      usage: [
        { pool: 'train', instanceId: 'aws/us-east-1/p5.48xlarge', capacity: 'commit1y', nodeSeconds: H },
        { pool: 'mystery', instanceId: 'gcp/us-central1/g2-standard-12', capacity: 'on-demand', nodeSeconds: H },
      ],
      durationSeconds: H,
      asOf: '2025-01-01',
    });
    expect(cost.unknownPrices).toEqual([
      'aws/us-east-1/p5.48xlarge commit1y price unknown',
      'gcp/us-central1/g2-standard-12 on-demand price unknown',
    ]);
    expect(cost.totalUsd).toBe(0);
    expect(cost.lines.every((l) => l.usd === null && l.usdPerUnit === null)).toBe(true);
    expect(cost.complete).toBe(false);
  });

  it('handles zero hours: no usage costs nothing, a cost with no time is an error', () => {
    const empty = fleetCost({ usage: [], durationSeconds: 0 });
    expect(empty).toMatchObject({ totalUsd: 0, perHourUsd: 0, monthlyUsd: 0, per1kRequestsUsd: null });
    const idle = fleetCost({ usage: [{ pool: 'gpu', instanceId: L4, capacity: 'spot', nodeSeconds: 0 }], durationSeconds: H, requestsServed: 0 });
    expect(idle.totalUsd).toBe(0);
    expect(idle.per1kRequestsUsd).toBeNull();
    expect(() => fleetCost({ usage: [], durationSeconds: 0, extras: [{ label: 'x', usd: 1 }] })).toThrow(/no hourly rate/);
  });

  it('adds storage, egress and named extras as their own lines', () => {
    const month = HOURS_PER_MONTH * H;
    const cost = fleetCost({
      usage: [],
      durationSeconds: month,
      storage: [{ rateId: 'aws/us-east-1/s3-standard', gb: 1000 }],
      egress: [{ rateId: 'aws/us-east-1/egress-internet', gb: 1100 }],
      extras: [{ label: 'load balancer', usd: 20 }],
    });
    expect(cost.lines.map((l) => l.usd)).toEqual([expect.closeTo(1000 * 0.023, 9), expect.closeTo(1100 * 0.09, 9), 20]);
    expect(cost.lines[0]).toMatchObject({ unit: 'GB-month', quantity: expect.closeTo(1000, 9), source: 'INFRACOST_AWS_S3' });
    expect(cost.lines[0]?.freshness).toMatchObject({ status: 'fresh', observed: '2024-07-01' });
  });

  it('prices with the catalog in force on asOf (the p4de cut)', () => {
    const usage: NodeUsage[] = [{ pool: 'train', instanceId: 'aws/us-east-1/p4de.24xlarge', capacity: 'on-demand', nodeSeconds: H }];
    expect(fleetCost({ usage, durationSeconds: H, asOf: '2025-05-01' }).totalUsd).toBe(40.96575);
    expect(fleetCost({ usage, durationSeconds: H }).totalUsd).toBe(27.44705);
  });

  it('rejects negative or non-finite quantities and unknown instance ids', () => {
    expect(() => fleetCost({ usage: [{ pool: 'p', instanceId: L4, capacity: 'spot', nodeSeconds: -1 }], durationSeconds: H })).toThrow(RangeError);
    expect(() => fleetCost({ usage: [], durationSeconds: Number.NaN })).toThrow(RangeError);
    expect(() => fleetCost({ usage: [{ pool: 'p', instanceId: 'gcp/us-central1/g2-standard-9', capacity: 'spot', nodeSeconds: 1 }], durationSeconds: H })).toThrow(
      /Did you mean/,
    );
  });

  it('always totals its lines, and scales linearly with node time', () => {
    const ids = [L4, A10G, 'aws/us-east-1/p5.48xlarge', 'azure/eastus/Standard_NC40ads_H100_v5'];
    const usage = fc.record({
      pool: fc.constantFrom('a', 'b'),
      instanceId: fc.constantFrom(...ids),
      capacity: fc.constantFrom('on-demand', 'spot', 'commit1y', 'commit3y') as fc.Arbitrary<NodeUsage['capacity']>,
      nodeSeconds: fc.double({ min: 0, max: 1e7, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(usage, { maxLength: 8 }), fc.double({ min: 1, max: 1e6, noNaN: true }), (u, duration) => {
        const a = fleetCost({ usage: u, durationSeconds: duration });
        const sum = a.lines.reduce((s, l) => s + (l.usd ?? 0), 0);
        expect(a.totalUsd).toBeCloseTo(sum, 6);
        const b = fleetCost({ usage: u.map((x) => ({ ...x, nodeSeconds: 2 * x.nodeSeconds })), durationSeconds: duration });
        expect(b.totalUsd).toBeCloseTo(2 * a.totalUsd, 4);
        expect(a.monthlyUsd).toBeCloseTo(a.perHourUsd * HOURS_PER_MONTH, 6);
      }),
    );
  });
});
