/** spec.costs, spec.baseline, CPU-only pools, training facts and claims graded through the public API. */
import { describe, expect, it } from 'vitest';
import { createSimApi } from './sim-api.ts';

const api = createSimApi();

function run(yaml: string) {
  const r = api.run(yaml, 'test.yaml');
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return r;
}

function issues(yaml: string): string[] {
  const r = api.run(yaml, 'test.yaml');
  return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
}

const HEAD = 'apiVersion: design-sim/v1\nkind: Scenario\nmetadata: { name: t }\nspec:\n';

describe('spec.costs', () => {
  const yaml = `${HEAD}  costs:
    period: 18d
    items:
      - { name: fsx, storage: aws/us-east-1/fsx-lustre-persistent, gb: 1200 }
      - { name: upload, transfer: aws/us-east-1/egress-direct-connect, gb: 500, linkGbps: 10 }
      - { name: db, managed: aws/us-east-1/rds-postgres-db.t3.large, count: 2 }
      - { name: eks, controlPlane: aws }
  expect:
    - costs.monthly[fsx] < 200
  claims:
    costs.monthly[fsx]: { value: 600, quote: "~$600/month for 1.2TB Lustre" }
    costs.total[fsx]: 300
    costs.transferHours[upload]: 0.5
`;

  it('runs on its own and prices every item over the period', () => {
    const { result } = run(yaml);
    expect(result.summary).toBeNull();
    const c = result.costs!;
    expect(c.periodSeconds).toBe(18 * 86_400);
    const fsx = c.items.find((i) => i.name === 'fsx')!;
    // 1,200 GB × $0.145/GB-month × (432 h / 730 h).
    expect(fsx.line.usd).toBeCloseTo(1200 * 0.145 * (432 / 730), 9);
    expect(c.items.find((i) => i.name === 'upload')!.transferHours).toBeCloseTo((500 * 8) / 10 / 3600, 12);
    expect(c.items.find((i) => i.name === 'db')!.line.usd).toBeCloseTo(2 * 0.145 * 432, 9);
    // One EKS cluster at the catalog's $0.10 per cluster-hour.
    expect(c.items.find((i) => i.name === 'eks')!.line).toMatchObject({ unit: 'cluster-hour', usdPerUnit: 0.1 });
  });

  it('checks expect lines on one item', () => {
    expect(run(yaml).result.expectations).toMatchObject([{ text: 'costs.monthly[fsx] < 200', pass: true }]);
    expect(issues(yaml.replace('costs.monthly[fsx] < 200', 'costs.monthly[fxs] < 200'))).toEqual(['spec.expect[0]: no spec.costs item named "fxs"']);
  });

  it('grades costs.* claims per item, with the ratio of a large miss', () => {
    const claims = run(yaml).result.claims;
    expect(claims.map((g) => [g.key, g.item, g.verdict])).toEqual([
      ['costs.monthly[fsx]', 'fsx', 'way-off'],
      ['costs.total[fsx]', 'fsx', 'way-off'],
      ['costs.transferHours[upload]', 'upload', 'way-off'],
    ]);
    // $600 against 1,200 × 0.145 = $174: 3.4× too high.
    expect(claims[0]!.actual).toBeCloseTo(174, 9);
    expect(claims[0]!.ratio).toBeCloseTo(600 / 174, 9);
    expect(claims[0]!.quote).toBe('~$600/month for 1.2TB Lustre');
  });

  it('rejects unknown ids, kinds that do not match, and claims about items that do not exist', () => {
    const bad = `${HEAD}  costs:
    items:
      - { name: a, storage: aws/us-east-1/egress-inter-az, gb: 1 }
      - { name: b, managed: aws/us-east-1/rds-postgres-db.t3.larg }
      - { name: c, managed: gcp/us-central1/memorystore-redis-basic }
      - { name: d, usd: 5 }
  claims:
    costs.total[zz]: 1
`;
    expect(issues(bad)).toEqual([
      'spec.costs.items[3].note: a fixed usd amount needs a note saying where the number comes from',
      'spec.claims["costs.total[zz]"]: no spec.costs item named "zz"',
    ]);
    const catalog = bad.replace('      - { name: d, usd: 5 }\n', '').replace('  claims:\n    costs.total[zz]: 1\n', '');
    expect(issues(catalog)).toEqual([
      'spec.costs.items[0].storage: aws/us-east-1/egress-inter-az is a transfer rate, not storage',
      'spec.costs.items[1].managed: unknown managed service "aws/us-east-1/rds-postgres-db.t3.larg" in the catalog',
      'spec.costs.items[2]: gcp/us-central1/memorystore-redis-basic is billed per GB-hour: a service billed per GB-hour needs usage.gb',
    ]);
  });
});

describe('spec.costs quantities past their limits', () => {
  it('are refused at their field, not billed as $∞ (gb: 1e308 was, and its expect line read "$Infinity")', () => {
    const yaml = `${HEAD}  costs:
    items:
      - { name: s3, storage: aws/us-east-1/s3-standard, gb: 1e308 }
      - { name: sqs, managed: aws/us-east-1/sqs-standard, requestsPerSecond: 2e6 }
      - { name: cash, usd: 1e13, note: a typo }
  expect:
    - costs.monthly[s3] < 100
`;
    expect(issues(yaml)).toEqual([
      'spec.costs.items[0].gb: must be at most 1,000,000,000, got 1e308',
      'spec.costs.items[1].requestsPerSecond: must be at most 1,000,000, got 2,000,000',
      'spec.costs.items[2].usd: must be at most 1,000,000,000,000, got 10,000,000,000,000',
    ]);
    // At the limit: 1e9 GB-months of S3 Standard at its catalog rate is a finite bill.
    const atLimit = run(yaml.replace('1e308', '1e9').replace('2e6', '1e6').replace('1e13', '1e12'));
    expect(Number.isFinite(atLimit.result.costs!.totalUsd)).toBe(true);
  });
});

describe('spec.costs and spec.baseline rates near zero', () => {
  it('are refused at their field, not reported as ∞ or -Infinity% (found by the CLI fuzzer with 5e-324)', () => {
    // Before: period 5e-324 stopped the run with "volume must be a finite number >= 0 GB, got Infinity" (cost-model's
    // words, unlocated); linkGbps 5e-324 printed "∞ h to move over its link"; hourlyUsd 5e-324 "-Infinity% below".
    const yaml = `${HEAD}  costs:
    period: 5e-324
    items:
      - { name: upload, transfer: aws/us-east-1/egress-direct-connect, gb: 500, linkGbps: 5e-324 }
  baseline: { hourlyUsd: 5e-324, label: a stated before-figure }
`;
    expect(issues(yaml)).toEqual([
      'spec.costs.period: must be at least 1s, got 5e-324',
      'spec.costs.items[0].linkGbps: must be at least 0.001, got 5e-324',
      'spec.baseline.hourlyUsd: must be at least 0.01, got 5e-324',
    ]);
    // At the bounds: 500 GB over 1 Mbit/s is 500 × 8 / 0.001 / 3600 = 1,111.1 hours, a finite answer.
    const r = run(yaml.replace('period: 5e-324', 'period: 1s').replace('linkGbps: 5e-324', 'linkGbps: 0.001').replace('hourlyUsd: 5e-324', 'hourlyUsd: 0.01'));
    expect(r.result.costs!.items[0]!.transferHours).toBeCloseTo((500 * 8) / 0.001 / 3600, 6);
  });
});

describe('a CPU-only node pool', () => {
  const yaml = `${HEAD}  duration: 1h
  traffic: { profile: { type: constant, qps: 50 } }
  services:
    - { name: api, replicas: 3, cpuPerReplica: 1.5, latency: { distribution: constant, ms: 20 }, nodePool: cpu }
  nodePools:
    - { name: cpu, instance: aws/us-east-1/m6i.large, minNodes: 3, maxNodes: 3, clusterAutoscaler: { enabled: false } }
  baseline: { hourlyUsd: 0.5, label: a stated before-figure }
  claims:
    cost.hourly: 0.388
    cost.savingVsBaseline: 0.44
`;

  it('validates, serves and bills the CPU nodes plus the EKS fee', () => {
    const { result } = run(yaml);
    const s = result.summary!;
    expect(s.measured.served).toBeGreaterThan(0);
    expect(s.availability).toBe(1);
    // 3 × m6i.large $0.096/h + EKS $0.10/h.
    expect(s.cost.perHourUsd).toBeCloseTo(3 * 0.096 + 0.1, 9);
    expect(s.cost.savingVsBaseline).toBeCloseTo(1 - (3 * 0.096 + 0.1) / 0.5, 9);
    expect(result.claims.map((g) => g.verdict)).toEqual(['ok', 'way-off']);
  });

  it('rejects a GPU replica on a CPU-only pool with the fix', () => {
    expect(issues(yaml.replace('cpuPerReplica: 1.5, ', ''))).toEqual([
      'spec.services[0].gpusPerReplica: pool "cpu" (aws/us-east-1/m6i.large) is CPU-only but a replica needs 1 GPU (the default is 1): it can never be scheduled',
    ]);
  });

  // Before: 256 replicas at 80% utilization requesting nothing ran on one 4-vCPU node for $0.27/h.
  it('rejects a replica that requests neither GPUs nor vCPUs on a pool', () => {
    const nothing = 'spec.services[0].gpusPerReplica: a replica on pool "cpu" requests no GPUs and no vCPUs, so any number of replicas would share one node and the service would cost nothing: give the vCPUs each replica requests';
    expect(issues(yaml.replace('cpuPerReplica: 1.5, ', 'gpusPerReplica: 0, '))).toEqual([nothing]);
  });

  it('accepts an explicit cpuPerReplica 0 (a dependency outside the cluster), with no share of the bill', () => {
    const { result } = run(yaml.replace('cpuPerReplica: 1.5, ', 'cpuPerReplica: 0, '));
    expect(result.summary!.measured.served).toBeGreaterThan(0);
    expect(result.services!.api!.cost.perHourUsd).toBe(0);
  });
});

describe('training facts and stale prices', () => {
  const yaml = `${HEAD}  training: { parameters: 7B, tokens: 2T, instance: aws/us-east-1/p4de.24xlarge, nodes: 4, purchase: spot, mfu: 0.5 }
  claims:
    training.memoryGB: { value: 56, quote: "~56GB memory (4x model size with Adam)" }
    training.peakTflopsPerGpu: 80
`;

  it('reports 16 bytes per parameter and the dense peak, and flags the pre-cut spot price', () => {
    const { result } = run(yaml);
    expect(result.training!.memoryGB).toBe(112);
    expect(result.training!.peakTflopsPerGpu).toBe(312);
    expect(result.claims.map((g) => [g.metric, g.ratio])).toEqual([
      ['training.memoryGB', 0.5],
      ['training.peakTflopsPerGpu', 80 / 312],
    ]);
    expect(result.training!.stalePrices).toEqual([expect.stringMatching(/^aws\/us-east-1\/p4de\.24xlarge spot \$6\.8234\/h: STALE: observed by 2025-05-31, before AWS_GPU_CUT_2025_06/)]);
    // Before the cut the same price is current.
    expect(run(yaml.replace('  training:', '  catalogDate: "2025-05-01"\n  training:')).result.training!.stalePrices).toEqual([]);
  });
});
