/** Shared builders for tests and benchmarks: engine configs with every field set to a neutral default. */
import type { EngineConfig, EngineKarpenterPool, EnginePool, EngineService, Routing } from '../engine/engine-config.ts';
import type { DurationDistribution } from '../random/service-time.ts';
import { DEFAULT_DRAIN_SECONDS } from '../scenario/scenario-schema.ts';
import { compileRateProfile, type ProfileSpec } from '../traffic/rate-profile.ts';

export interface FleetOptions {
  qps?: number;
  profile?: ProfileSpec;
  replicas: number;
  serviceTime: DurationDistribution;
  routing?: Routing;
  concurrency?: number;
  durationSeconds?: number;
  warmupSeconds?: number;
  intervalSeconds?: number;
  drainSeconds?: number;
  seed?: number;
  arrivals?: 'poisson' | 'uniform';
  queueMaxLength?: number;
  queueTimeoutSeconds?: number;
  service?: Partial<EngineService>;
  pools?: EnginePool[];
}

export function service(overrides: Partial<EngineService> & Pick<EngineService, 'serviceTime'>): EngineService {
  return {
    name: 'model',
    initialReplicas: 1,
    gpusPerReplica: 1,
    concurrency: 1,
    routing: 'least-outstanding',
    batching: null,
    queueMaxLength: Infinity,
    queueTimeoutSeconds: Infinity,
    startup: { imagePullSeconds: 0, modelLoadSeconds: 0, readinessSeconds: 0 },
    pools: [],
    hpa: null,
    cache: null,
    llm: null,
    ...overrides,
  };
}

/** A fixed fleet with no node pools: the pure queueing system. */
export function fleet(o: FleetOptions): EngineConfig {
  const duration = o.durationSeconds ?? 600;
  return {
    seed: o.seed ?? 1,
    durationSeconds: duration,
    warmupSeconds: o.warmupSeconds ?? 0,
    intervalSeconds: o.intervalSeconds ?? 60,
    drainSeconds: o.drainSeconds ?? DEFAULT_DRAIN_SECONDS,
    traffic: [{
      profile: compileRateProfile(o.profile ?? { type: 'constant', qps: o.qps ?? 100 }, duration),
      arrivals: o.arrivals ?? 'poisson',
      service: 0,
    }],
    services: [
      service({
        serviceTime: o.serviceTime,
        initialReplicas: o.replicas,
        routing: o.routing ?? 'least-outstanding',
        concurrency: o.concurrency ?? 1,
        queueMaxLength: o.queueMaxLength ?? Infinity,
        queueTimeoutSeconds: o.queueTimeoutSeconds ?? Infinity,
        ...o.service,
      }),
    ],
    pools: o.pools ?? [],
  };
}

/** A node pool with upstream cluster-autoscaler defaults and a constant provisioning delay. */
export function pool(overrides: Partial<EnginePool> = {}): EnginePool {
  return {
    name: 'gpu',
    instanceId: 'test/none/gpu-1',
    gpusPerNode: 1,
    minNodes: 0,
    maxNodes: 100,
    initialNodes: 0,
    spotShare: 0,
    spotUsdPerHour: 0.4,
    regularUsdPerHour: 1,
    regularCapacity: 'on-demand',
    provisioning: { kind: 'constant', seconds: 180 },
    provisioningFailure: 0,
    autoscaler: {
      enabled: true,
      scaleDownUnneededSeconds: 600,
      scaleDownUnreadySeconds: 1200,
      utilizationThreshold: 0.5,
      maxNodeProvisionSeconds: 900,
      priority: null,
    },
    spot: null,
    ...overrides,
  };
}

/**
 * A Karpenter NodePool of one on-demand 8-GPU type (p4d.24xlarge at $32/h) in one zone, WhenEmpty, the default
 * 10 % budget, no limits, no expiry and no node terminationGracePeriod.
 */
export function p4dNodePool(overrides: Partial<EngineKarpenterPool> = {}): EngineKarpenterPool {
  return {
    types: [{ instanceId: 'aws/us-east-1/p4d.24xlarge', gpus: 8, onDemandUsdPerHour: 32, spotUsdPerHour: null }],
    capacityTypes: ['on-demand'],
    zones: ['us-east-1a'],
    limitUnits: null,
    limitNodes: null,
    consolidationPolicy: 'WhenEmpty',
    consolidateAfterSeconds: null,
    budgets: [{ percent: 10, count: null, reasons: null, schedule: null }],
    expireAfterSeconds: null,
    terminationGracePeriodSeconds: null,
    weight: 0,
    initialType: 0,
    initialSpot: false,
    ...overrides,
  };
}
