import { describe, expect, it } from 'vitest';
import { fleetCost, nodePoolHourly } from './fleet-cost.ts';
import { getInstance, listInstances } from './lookup.ts';
import { getManagedService, listManagedServices, managedServiceCost, managedServiceHourly, unitsPerHour } from './managed-services.ts';

describe('CPU-only instances', () => {
  it('resolve with no GPU, a family, vCPUs and memory, and price a node pool per hour', () => {
    const m6i = getInstance('aws/us-east-1/m6i.large');
    expect(m6i).toMatchObject({ gpu: null, gpuCount: 0, family: 'general-purpose', vcpus: 2, memoryGiB: 8 });
    // Three nodes at $0.096/h.
    expect(nodePoolHourly({ instanceId: 'aws/us-east-1/m6i.large', nodes: 3 }).usdPerHour).toBeCloseTo(0.288, 12);
    expect(nodePoolHourly({ instanceId: 'gcp/us-central1/c2-standard-8', nodes: 2, capacity: 'spot' }).usdPerHour).toBeCloseTo(2 * 0.12946, 12);
    expect(nodePoolHourly({ instanceId: 'aws/us-east-1/m6i.large', nodes: 1, capacity: 'commit1y' })).toEqual({ usdPerHour: null, price: null });
  });

  it('come in general-purpose and compute-optimized families on every cloud', () => {
    for (const cloud of ['aws', 'gcp', 'azure'] as const) {
      const families = new Set(listInstances({ cloud, cpuOnly: true }).map((i) => i.family));
      expect([...families].sort(), cloud).toEqual(['compute-optimized', 'general-purpose']);
    }
    expect(listInstances({ cpuOnly: true }).every((i) => i.gpu === null && i.gpuCount === 0)).toBe(true);
  });

  it('bill like any pool in fleetCost', () => {
    const bill = fleetCost({ usage: [{ pool: 'api', instanceId: 'gcp/us-central1/e2-standard-4', capacity: 'on-demand', nodeSeconds: 3 * 3600 }], durationSeconds: 3600 });
    expect(bill.perHourUsd).toBeCloseTo(3 * 0.134, 12);
  });
});

describe('managed services', () => {
  it('look up by id with a dated, sourced price and suggest near ids', () => {
    const rds = getManagedService('aws/us-east-1/rds-postgres-db.t3.large');
    expect(rds).toMatchObject({ kind: 'database', unit: 'instance-hour', price: { usdPerUnit: 0.145, source: 'INFRACOST_AWS_RDS' } });
    expect(rds.price?.freshness.status).toBe('fresh');
    expect(() => getManagedService('aws/us-east-1/rds-postgres-db.t3.larg')).toThrow(/Did you mean: aws\/us-east-1\/rds-postgres-db.t3.large/);
  });

  it('cover a database, a cache and a queue on AWS and GCP, and a database and a cache on Azure', () => {
    const kinds = (cloud: 'aws' | 'gcp' | 'azure') => new Set(listManagedServices({ cloud }).map((m) => m.kind));
    expect([...kinds('aws')]).toEqual(expect.arrayContaining(['database', 'cache', 'queue', 'network']));
    expect([...kinds('gcp')]).toEqual(expect.arrayContaining(['database', 'cache', 'queue', 'network']));
    expect([...kinds('azure')]).toEqual(expect.arrayContaining(['database', 'cache']));
  });

  it('convert a usage to units per hour in the unit the service is billed in', () => {
    expect(unitsPerHour('instance-hour', {})).toBe(1);
    expect(unitsPerHour('instance-hour', { count: 2 })).toBe(2);
    expect(unitsPerHour('GB-hour', { gb: 8 })).toBe(8);
    // 1,000 requests/s is 3.6M requests an hour.
    expect(unitsPerHour('million-requests', { requestsPerSecond: 1000 })).toBeCloseTo(3.6, 12);
    // 1 MiB/s for an hour is 3,600 MiB = 3600 / 2^20 TiB.
    expect(unitsPerHour('TiB', { bytesPerSecond: 2 ** 20 })).toBeCloseTo(3600 / 2 ** 20, 15);
    expect(() => unitsPerHour('GB-hour', {})).toThrow(/needs usage.gb/);
    expect(() => unitsPerHour('instance-hour', { count: -1 })).toThrow(RangeError);
  });

  it('price per hour and as a bill line', () => {
    // A primary and a replica: 2 × $0.156.
    expect(managedServiceHourly('aws/us-east-1/elasticache-redis-cache.m4.large', { count: 2 }).usdPerHour).toBeCloseTo(0.312, 12);
    // SQS at 500 requests/s: 1.8M requests an hour × $0.40 per million = $0.72/h.
    expect(managedServiceHourly('aws/us-east-1/sqs-standard', { requestsPerSecond: 500 }).usdPerHour).toBeCloseTo(0.72, 12);
    const line = managedServiceCost({ id: 'gcp/us-central1/memorystore-redis-standard', usage: { gb: 8 }, hours: 730 });
    // 8 GB × 730 h × $0.054 per GB-hour = $315.36 a month.
    expect(line).toMatchObject({ unit: 'GB-hour', quantity: 5840, usdPerUnit: 0.054, source: 'INFRACOST_GCP_MEMORYSTORE' });
    expect(line.usd).toBeCloseTo(315.36, 9);
    expect(line.freshness?.status).toBe('fresh');
  });
});
