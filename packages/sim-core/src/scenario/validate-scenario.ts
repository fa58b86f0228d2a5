/**
 * Catalog-dependent checks, run after parsing: instance and GPU ids exist (with suggestions),
 * a replica fits on one node of its pool, training hardware resolves, and the prices the run
 * needs are known. Kept out of the zod schema so the schema stays catalog-free (and so the JSON
 * Schema does not go stale when the catalog changes).
 */
import * as costModel from '@design-sim/cost-model';
import type { Scenario } from './scenario-schema.ts';
import { poolNamesOf } from './pool-names.ts';
import type { ServiceSpec } from './service-schema.ts';
import type { TokenLengthSpec } from './llm-schema.ts';
import { formatPath, type PathSegment, type ScenarioIssue } from './scenario-issue.ts';
import { createSourceLocator } from './yaml-locator.ts';
import { resolveLlm } from '../llm/resolve-llm.ts';
import { migSlicesPerGpu } from '../cluster/mig-profiles.ts';
import { CohortQuota } from '../cluster/kueue-quota.ts';
import { kvTransferBytesPerSecond } from '../llm/kv-transfer.ts';
import { decodeServiceOf } from './disaggregation.ts';
import { formatInteger, formatNumber } from './describe-value.ts';
import { estimateTraining } from './training-estimate.ts';
import { formatDuration } from './units.ts';

/** The part of an instance type these checks read. */
export interface CatalogInstance {
  id: string;
  gpuCount: number;
  /** vCPUs of a node (what a CPU pool schedules by); null when the catalog does not say. */
  vcpus?: number | null;
  /** null for a CPU-only instance (gpuCount 0). */
  gpu: { id: string } | null;
  prices: Readonly<Record<'on-demand' | 'spot' | 'commit1y' | 'commit3y', unknown>>;
}

/** The catalog API these checks need; `@design-sim/cost-model` satisfies it. Lookups throw an error with `suggestions` for unknown ids. */
export interface ScenarioCatalog {
  getInstance(id: string, opts?: { asOf?: string }): CatalogInstance;
  getGpu(id: string): { id: string };
}

/** Where the scenario came from, to give issues a file, line and column. */
export interface ScenarioSource {
  text: string;
  file: string;
}

type Draft = { path: PathSegment[]; message: string; suggestion?: string | undefined; expected?: string | undefined };

function suggestionsOf(e: unknown): string[] {
  const s = (e as { suggestions?: unknown } | null)?.suggestions;
  return Array.isArray(s) ? s.filter((x): x is string => typeof x === 'string') : [];
}

function unknownId(kind: string, id: string, path: PathSegment[], e: unknown): Draft {
  const suggestions = suggestionsOf(e);
  if (suggestions.length === 0) return { path, message: `${e instanceof Error ? e.message : `unknown ${kind} "${id}"`}` };
  const rest = suggestions.length > 1 ? ` (also close: ${suggestions.slice(1).join(', ')})` : '';
  return { path, message: `unknown ${kind} "${id}" in the catalog${rest}`, suggestion: suggestions[0] };
}

function lookupInstance(catalog: ScenarioCatalog, id: string, asOf: string | undefined, path: PathSegment[], out: Draft[]): CatalogInstance | undefined {
  try {
    return catalog.getInstance(id, asOf === undefined ? undefined : { asOf });
  } catch (e) {
    out.push(suggestionsOf(e).length > 0 || !(e instanceof RangeError) ? unknownId('instance', id, path, e) : { path: ['spec', 'catalogDate'], message: e.message });
    return undefined;
  }
}

function checkPools(scenario: Scenario, catalog: ScenarioCatalog, out: Draft[]): void {
  const { nodePools, services, catalogDate } = scenario.spec;
  const gpusPerNode = new Map<string, CatalogInstance>();
  nodePools.forEach((pool, i) => {
    const k = pool.karpenter;
    // A Karpenter pool's instance defaults to its first type: report an unknown id where it was written.
    const path = k && k.instanceTypes[0] === pool.instance ? ['spec', 'nodePools', i, 'karpenter', 'instanceTypes', 0] : ['spec', 'nodePools', i, 'instance'];
    const inst = lookupInstance(catalog, pool.instance, catalogDate, path, out);
    if (inst !== undefined && pool.mig !== undefined) {
      // A MIG pool schedules by slices: its units per node are GPUs × instances of the profile per GPU.
      const slices = inst.gpu === null ? 'the instance has no GPUs' : migSlicesPerGpu(inst.gpu.id, pool.mig.profile);
      if (typeof slices === 'string') out.push({ path: ['spec', 'nodePools', i, 'mig', 'profile'], message: slices });
      else gpusPerNode.set(pool.name, { ...inst, gpuCount: inst.gpuCount * slices });
    } else if (inst !== undefined) gpusPerNode.set(pool.name, inst);
    if (k !== undefined && inst !== undefined) checkKarpenterTypes(pool.name, k.instanceTypes, inst, i, scenario, catalog, out);
    // The default failure rate is per GPU-hour (Llama 3): a CPU pool has none to scale.
    if (inst !== undefined && inst.gpuCount === 0 && pool.failures !== undefined && pool.failures.perNodeHour === undefined) {
      out.push({ path: ['spec', 'nodePools', i, 'failures'], message: `pool "${pool.name}" (${inst.id}) has no GPUs, so the per-GPU failure rate (default: Llama 3's) does not apply`, expected: 'failures.perNodeHour' });
    }
  });
  services.forEach((svc, i) => {
    const names = poolNamesOf(svc);
    // A replica that requests nothing fits on any node any number of times: the cluster would place every
    // replica on one node and bill that node alone, however much work they do (a 256-replica fleet at 80%
    // ran on one 4-vCPU node for $0.27/h, each service's share $0). Kubernetes allows such BestEffort pods;
    // design-sim does not model the CPU they would then fight over, so it asks for the request. An explicit
    // `cpuPerReplica: 0` is a statement, not an omission: a dependency outside the cluster (object storage,
    // a SaaS API) that takes time but no node, as content/100-models-graph.yaml models S3.
    if (names.length > 0 && svc.gpusPerReplica === 0 && svc.cpuPerReplica === undefined) {
      out.push({
        path: ['spec', 'services', i, 'gpusPerReplica'],
        message: `a replica on pool "${names[0]}" requests no GPUs and no vCPUs, so any number of replicas would share one node and the service would cost nothing: give the vCPUs each replica requests`,
        expected: 'cpuPerReplica (vCPUs per replica; 0 for a dependency outside the cluster) or gpusPerReplica ≥ 1',
      });
    }
    for (const name of names) {
      // A MIG slice's speed is not modelled: a token-level service would be timed as a whole GPU.
      if (svc.llm !== undefined && nodePools.some((p) => p.name === name && p.mig !== undefined)) {
        out.push({ path: ['spec', 'services', i, 'llm'], message: `pool "${name}" is partitioned with MIG, whose slice speed design-sim does not model: an llm service would be timed as a whole GPU`, expected: 'a pool without mig, or latency instead of llm' });
      }
      const inst = gpusPerNode.get(name);
      if (inst !== undefined && svc.cpuPerReplica !== undefined) {
        if (inst.gpuCount > 0) {
          out.push({ path: ['spec', 'services', i, 'cpuPerReplica'], message: `pool "${name}" (${inst.id}) is a GPU pool, which schedules by GPUs: a CPU service (cpuPerReplica) runs on a CPU-only pool`, expected: 'a node pool of a CPU-only instance type' });
        } else if (inst.vcpus != null && svc.cpuPerReplica > inst.vcpus) {
          out.push({ path: ['spec', 'services', i, 'cpuPerReplica'], message: `a replica needs ${svc.cpuPerReplica} vCPUs but a node of pool "${name}" (${inst.id}) has ${inst.vcpus}: it can never be scheduled`, expected: `at most ${inst.vcpus}` });
        }
        continue;
      }
      if (inst === undefined || svc.gpusPerReplica <= inst.gpuCount) continue;
      if (inst.gpuCount === 0) {
        out.push({
          path: ['spec', 'services', i, 'gpusPerReplica'],
          message: `pool "${name}" (${inst.id}) is CPU-only but a replica needs ${svc.gpusPerReplica} GPU${svc.gpusPerReplica === 1 ? '' : 's'} (the default is 1): it can never be scheduled${names.length > 1 ? ' there' : ''}`,
          expected: 'a CPU service on a CPU-only pool: cpuPerReplica (vCPUs per replica) instead of GPUs',
        });
        continue;
      }
      out.push({
        path: ['spec', 'services', i, 'gpusPerReplica'],
        message: `a replica needs ${svc.gpusPerReplica} GPUs but a node of pool "${name}" (${inst.id}) has ${inst.gpuCount}: it can never be scheduled${names.length > 1 ? ' there' : ''}`,
        expected: `at most ${inst.gpuCount}`,
      });
    }
    // A disaggregated service's decode pool is scheduled the same way, on its own pool: 2-GPU decode replicas on
    // 1-GPU nodes passed validation and the run then said they "never got a node (pool at its maxNodes)".
    const decode = decodeServiceOf(svc);
    if (decode === null) return;
    const decodeNames = poolNamesOf(decode);
    for (const name of decodeNames) {
      const inst = gpusPerNode.get(name);
      if (inst === undefined || inst.gpuCount === 0 || decode.gpusPerReplica <= inst.gpuCount) continue;
      out.push({
        path: ['spec', 'services', i, 'llm', 'disaggregated', 'decode', 'gpusPerReplica'],
        message: `decode pool: a replica needs ${decode.gpusPerReplica} GPUs but a node of pool "${name}" (${inst.id}) has ${inst.gpuCount}: it can never be scheduled${decodeNames.length > 1 ? ' there' : ''}`,
        expected: `at most ${inst.gpuCount}`,
      });
    }
  });
}

/**
 * A job's pod must fit on one node of its pool; its run must fit its team's quota (admission reserves every pod's
 * units at once); a gang's pods must fit the pool at its largest (they start together). Otherwise the job would sit in
 * the queue for the whole run and only a warning at the end would say so.
 */
/** The largest workload a team's ClusterQueue could ever admit (Kueue's `PotentialAvailable`), or null without one. */
function kueueMost(teams: Scenario['spec']['teams'], team: string): number | null {
  const q = teams.findIndex((t) => t.name === team);
  if (q < 0 || teams[q]!.kueue === undefined) return null;
  const quota = new CohortQuota(
    teams.map((t) => {
      const k = t.kueue;
      return { nominal: k?.nominalQuota ?? 0, borrowingLimit: k?.borrowingLimit ?? null, lendingLimit: k?.lendingLimit ?? null, cohort: k?.cohort === undefined ? null : teams.findIndex((x) => x.kueue?.cohort === k.cohort) };
    }),
  );
  return quota.potentialAvailable(q);
}

function checkJobs(scenario: Scenario, catalog: ScenarioCatalog, out: Draft[]): void {
  const { jobs, nodePools, catalogDate, teams } = scenario.spec;
  jobs.forEach((j, i) => {
    const pool = nodePools.find((p) => p.name === j.nodePool);
    if (pool === undefined) return;
    let inst: CatalogInstance;
    try {
      inst = catalog.getInstance(pool.instance, catalogDate === undefined ? undefined : { asOf: catalogDate });
    } catch {
      return; // reported under nodePools
    }
    const slices = pool.mig !== undefined && inst.gpu !== null ? migSlicesPerGpu(inst.gpu.id, pool.mig.profile) : 1;
    if (typeof slices === 'string') return;
    const units = inst.gpuCount * slices;
    const unit = pool.mig ? 'MIG slices' : 'GPUs';
    if (j.gpusPerPod > units) {
      out.push({ path: ['spec', 'jobs', i, 'gpusPerPod'], message: `a pod of job "${j.name}" needs ${j.gpusPerPod} ${unit} but a node of pool "${pool.name}" (${inst.id}) has ${units}: it can never be scheduled`, expected: `at most ${units}` });
      return;
    }
    const need = j.pods * j.gpusPerPod;
    const quota = teams.find((t) => t.name === j.team)?.gpuQuota;
    if (quota !== undefined && need > quota) {
      out.push({ path: ['spec', 'jobs', i, 'pods'], message: `job "${j.name}" needs ${j.pods} × ${j.gpusPerPod} = ${need} ${unit} at once, but team "${j.team}" has a quota of ${quota}: it is never admitted`, expected: `at most ${Math.floor(quota / j.gpusPerPod)} pods` });
      return;
    }
    const most = kueueMost(teams, j.team);
    if (most !== null && need > most) {
      out.push({ path: ['spec', 'jobs', i, 'pods'], message: `job "${j.name}" needs ${need} ${unit} at once, but team "${j.team}"'s ClusterQueue can admit at most ${most} (nominalQuota plus what its cohort may lend it): it is never admitted`, expected: `at most ${Math.floor(most / j.gpusPerPod)} pods` });
      return;
    }
    if (!j.gang) return;
    // The most the pool can ever hold: maxNodes of its largest node type, within a Karpenter pool's GPU limit.
    const largest = Math.max(units, ...(pool.karpenter?.instanceTypes ?? []).map((id) => instanceUnits(catalog, id, catalogDate)));
    const limit = pool.karpenter?.limits.gpus;
    const capacity = Math.min(pool.maxNodes * largest, limit ?? Infinity);
    if (need > capacity) {
      const why = limit !== undefined && limit < pool.maxNodes * largest ? `its Karpenter limits.gpus is ${limit}` : `${pool.maxNodes} node${pool.maxNodes === 1 ? '' : 's'} × ${largest}`;
      out.push({ path: ['spec', 'jobs', i, 'pods'], message: `job "${j.name}" is a gang of ${j.pods} × ${j.gpusPerPod} = ${need} ${unit}, all started together, but pool "${pool.name}" holds at most ${capacity} (${why}): it can never start`, expected: `at most ${Math.floor(capacity / j.gpusPerPod)} pods, or gang: false` });
    }
  });
}

/** GPUs of a catalog instance type (0 when unknown: reported where the type is listed). */
function instanceUnits(catalog: ScenarioCatalog, id: string, catalogDate: string | undefined): number {
  try {
    return catalog.getInstance(id, catalogDate === undefined ? undefined : { asOf: catalogDate }).gpuCount;
  } catch {
    return 0;
  }
}

// Every type of a Karpenter pool must exist and carry the pool's GPU model (one LLM performance model per pool), and
// a replica must fit the largest of them.
function checkKarpenterTypes(name: string, types: readonly string[], first: CatalogInstance, poolIndex: number, scenario: Scenario, catalog: ScenarioCatalog, out: Draft[]): void {
  let largest = first.gpuCount;
  types.forEach((id, j) => {
    const t = lookupInstance(catalog, id, scenario.spec.catalogDate, ['spec', 'nodePools', poolIndex, 'karpenter', 'instanceTypes', j], out);
    if (t === undefined) return;
    largest = Math.max(largest, t.gpuCount);
    if ((t.gpu?.id ?? null) !== (first.gpu?.id ?? null)) {
      out.push({ path: ['spec', 'nodePools', poolIndex, 'karpenter', 'instanceTypes', j], message: `${t.id} has ${t.gpu?.id ?? 'no GPU'} but ${first.id} has ${first.gpu?.id ?? 'no GPU'}: a Karpenter pool's instance types must share one GPU model (use one pool per GPU model)` });
    }
  });
  scenario.spec.services.forEach((svc, i) => {
    if (!poolNamesOf(svc).includes(name) || svc.cpuPerReplica !== undefined || svc.gpusPerReplica <= largest) return;
    out.push({ path: ['spec', 'services', i, 'gpusPerReplica'], message: `a replica needs ${svc.gpusPerReplica} GPUs but the largest instance type of pool "${name}" has ${largest}: it can never be scheduled`, expected: `at most ${largest}` });
  });
}

function checkTraining(scenario: Scenario, catalog: ScenarioCatalog, out: Draft[]): void {
  const t = scenario.spec.training;
  if (t === undefined) return;
  if (t.instance !== undefined) {
    const inst = lookupInstance(catalog, t.instance, scenario.spec.catalogDate, ['spec', 'training', 'instance'], out);
    if (inst !== undefined && inst.gpuCount < 1) out.push({ path: ['spec', 'training', 'instance'], message: `${inst.id} has no GPUs` });
  }
  if (t.gpu !== undefined) {
    try {
      catalog.getGpu(t.gpu);
    } catch (e) {
      out.push(unknownId('GPU', t.gpu, ['spec', 'training', 'gpu'], e));
    }
  }
  if (out.some((d) => d.path[1] === 'training')) return;
  checkTrainingFinishes(t, scenario.spec.catalogDate, out);
}

/**
 * A run whose expected time overflows a double never finishes: each checkpoint segment is interrupted so often
 * (e^(Λs), Λ the job's interruption rate, s the segment) that its expected time is beyond any number. Every field
 * can be legal (10 spot interruptions per node-hour on 4 nodes, a checkpoint every 7 days), and the run printed
 * "∞ days … $∞" with days and costUsd null in JSON. Refused at the cadence, with Young's interval as the way out.
 */
function checkTrainingFinishes(t: NonNullable<Scenario['spec']['training']>, catalogDate: string | undefined, out: Draft[]): void {
  let e;
  try {
    e = estimateTraining(t, catalogDate).estimate;
  } catch {
    return; // hardware the catalog does not hold is reported above (or by the run)
  }
  if (Number.isFinite(e.expectedSeconds)) return;
  const rate = e.jobInterruptionsPerHour;
  const cause = t.checkpoint !== undefined ? 'checkpoint.every' : t.interruptionsPerNodeHour !== undefined && t.interruptionsPerNodeHour > 0 ? 'interruptionsPerNodeHour' : 'failures';
  const segment = t.checkpoint === undefined ? 'the whole run (no checkpoints)' : `a checkpoint segment of ${formatDuration(t.checkpoint.every + t.checkpoint.save)}`;
  const young = e.youngOptimalCheckpointEverySeconds;
  out.push({
    path: ['spec', 'training', ...cause.split('.')],
    message: `the run is expected never to finish: the job is interrupted ${formatNumber(Number(rate.toPrecision(3)))} times an hour, so ${segment} almost never completes (its expected time overflows a double): ${young === null ? 'checkpoint more often than the interruptions come (checkpoint: { every, save, restart })' : `checkpoint about every ${formatDuration(Number(young.toPrecision(3)))} (Young's interval √(2·save/Λ))`}`,
  });
}

/** An llm service must name a known model and GPU, and its weights must fit beside a KV cache. */
function checkLlm(scenario: Scenario, out: Draft[]): void {
  scenario.spec.services.forEach((svc, i) => {
    const gpu = checkLlmService(scenario, svc, ['spec', 'services', i], out);
    const decode = decodeServiceOf(svc);
    if (decode === null || gpu === undefined) return;
    // The decode pool: its own GPU must hold the model too, and the link must be known for both GPUs.
    const at: PathSegment[] = ['spec', 'services', i, 'llm', 'disaggregated', 'decode'];
    const decodeGpu = checkLlmService(scenario, decode, at, out);
    if (decodeGpu === undefined) return;
    const rate = kvTransferBytesPerSecond(svc.llm!.disaggregated!, gpu, decodeGpu);
    if (typeof rate === 'string') out.push({ path: ['spec', 'services', i, 'llm', 'disaggregated', 'kvTransfer', 'link'], message: rate });
  });
}

/**
 * One llm service (or a decode pool, whose fields sit under `at`): a known GPU that holds the model. Returns
 * the GPU when it is known, whether or not the model fits.
 */
function checkLlmService(scenario: Scenario, svc: ServiceSpec, at: PathSegment[], out: Draft[]): costModel.GpuSpec | undefined {
  const { nodePools, catalogDate } = scenario.spec;
  if (svc.llm === undefined) return undefined;
  const decodePool = at.includes('decode');
  const base: PathSegment[] = decodePool ? at : [...at, 'llm'];
  {
    let gpu: costModel.GpuSpec | undefined;
    try {
      const asOf = catalogDate === undefined ? undefined : { asOf: catalogDate };
      const poolGpus = () => poolNamesOf(svc).flatMap((name) => nodePools.filter((p) => p.name === name).map((p) => ({ pool: p, gpu: costModel.getInstance(p.instance, asOf).gpu })));
      if (svc.llm.gpu !== undefined) {
        gpu = costModel.getGpu(svc.llm.gpu);
        // The pool's nodes are what is billed: a GPU other than theirs timed the replicas on one GPU and priced them on
        // another (decode.gpu h100-sxm-80gb on L40S nodes served at H100 speed for the L40S price).
        const other = poolGpus().find((g) => g.gpu != null && g.gpu.id !== gpu!.id);
        if (other !== undefined) {
          out.push({ path: [...base, 'gpu'], message: `${gpu.id} is not the GPU of node pool "${other.pool.name}" (${other.pool.instance} has ${other.gpu!.id}): the replicas would be timed on one GPU and billed on another; remove ${decodePool ? 'decode.gpu' : 'llm.gpu'} (the pool's GPU is the default) or use a pool of ${gpu.id} nodes`, expected: other.gpu!.id });
          return undefined;
        }
      } else {
        const gpus = poolGpus().map((g) => g.gpu);
        gpu = gpus[0] ?? undefined;
        if (gpus.some((g) => g?.id !== gpu?.id)) {
          out.push({ path: [...at, 'nodePool'], message: `an llm service's speed depends on its GPU, but its pools have ${[...new Set(gpus.map((g) => g?.id ?? 'no GPU'))].join(' and ')}: give ${decodePool ? 'decode.gpu' : 'llm.gpu'} or pools with one GPU model` });
          return undefined;
        }
      }
    } catch (e) {
      if (svc.llm.gpu !== undefined) out.push(unknownId('GPU', svc.llm.gpu, [...base, 'gpu'], e));
      return undefined; // an unknown pool instance is reported by checkPools
    }
    if (gpu === undefined) {
      out.push({ path: [...base, 'gpu'], message: `missing the GPU: give ${decodePool ? 'decode.gpu' : 'llm.gpu'}, or run the ${decodePool ? 'decode pool' : 'service'} on a node pool whose instance has GPUs`, expected: 'a catalog GPU id such as h100-sxm-80gb' });
      return undefined;
    }
    const r = resolveLlm(svc.llm, gpu, svc.gpusPerReplica);
    // A decode pool's misfit is reported on its block (its GPU count and GPU are the decode's).
    // A tensor-parallel size the heads cannot split is the service's (or the decode block's) gpusPerReplica.
    if (!r.ok) out.push({ path: decodePool ? [...base, r.field === 'model' ? 'gpusPerReplica' : r.field] : r.field === 'gpusPerReplica' ? [...at, 'gpusPerReplica'] : [...base, r.field], message: decodePool ? `decode pool: ${r.message}` : r.message, suggestion: r.suggestion });
    else if (!decodePool) {
      checkShortestRequestFits(scenario, svc, r.llm.kvCapacityTokens, base, out);
      if (svc.llm.lora !== undefined) checkLoraHostMemory(scenario, svc, r.loraHostCacheGB, [...base, 'lora'], out);
    }
    return gpu;
  }
}

/** GB for a message: whole above 100, one decimal below. */
const gb = (x: number): string => (x >= 100 ? formatInteger(Math.round(x)) : x.toFixed(1));

/**
 * vLLM keeps up to max_cpu_loras adapters in host memory, one cache per replica (its own engine process): when the
 * replicas a node holds need more for their caches alone than the node has (the catalog's memoryGiB), the cache
 * cannot fill as simulated; vLLM is killed for memory first. 100,000 adapters of 84 MB with maxCpuLoras 100,000
 * on a 32 GiB g6e.xlarge (8.4 TB) ran and passed. The base model's host copy and the rest of the process are not
 * counted, so a cache that passes here may still not fit.
 */
function checkLoraHostMemory(scenario: Scenario, svc: ServiceSpec, cacheGB: number, at: PathSegment[], out: Draft[]): void {
  const { nodePools, catalogDate } = scenario.spec;
  for (const name of poolNamesOf(svc)) {
    const pool = nodePools.find((p) => p.name === name);
    if (pool === undefined) continue;
    let inst: costModel.InstanceType;
    try {
      inst = costModel.getInstance(pool.instance, catalogDate === undefined ? undefined : { asOf: catalogDate });
    } catch {
      continue; // an unknown instance is reported by checkPools
    }
    if (inst.memoryGiB === null || inst.gpuCount === 0) continue;
    const perNode = Math.max(1, Math.floor(inst.gpuCount / Math.max(1, svc.gpusPerReplica)));
    const hostGB = (inst.memoryGiB * 2 ** 30) / 1e9;
    const needGB = perNode * cacheGB;
    if (needGB <= hostGB) continue;
    const l = svc.llm!.lora!;
    const held = Math.min(l.adapters, l.maxCpuLoras ?? l.maxLoras);
    const fit = Math.max(0, Math.floor((hostGB / perNode / cacheGB) * held));
    out.push({
      path: [...at, l.maxCpuLoras === undefined ? 'maxLoras' : 'maxCpuLoras'],
      message: `does not fit in host memory: ${perNode === 1 ? 'a replica keeps' : `the ${perNode} replicas a node holds keep`} up to ${formatInteger(held)} adapters in host memory (max_cpu_loras), ${gb(needGB)} GB, more than a node of pool "${pool.name}" has (${pool.instance}: ${inst.memoryGiB} GiB = ${gb(hostGB)} GB); lower maxCpuLoras (at most about ${formatInteger(fit)} fit, the adapters alone) or use nodes with more memory`,
      expected: `at most about ${formatInteger(fit)} adapters in host memory`,
    });
    return;
  }
}

/** The fewest tokens a length can draw (a lognormal draw is at least 1 token). */
function shortestTokens(t: TokenLengthSpec): number {
  if (typeof t === 'number') return t;
  return t.distribution === 'fixed' ? t.tokens : t.distribution === 'uniform' ? t.min : 1;
}

/**
 * A request holds its prompt and its output in the KV cache (reserved up front, or grown block by block and
 * preempted: either way it must fit alone), so one longer than a replica's whole cache is dropped on arrival. When
 * even the shortest request the lengths can draw is longer, every request is dropped: a prompt of 34,000 and 2,000
 * output tokens on one L4 (34,637 tokens of KV) ran and reported "17 dropped" with no reason (hostile-input
 * campaign 3). A trace's rows carry their own lengths, and a disaggregated service splits the request between pools,
 * so those are left to the run.
 */
function checkShortestRequestFits(scenario: Scenario, svc: ServiceSpec, kvCapacityTokens: number, base: PathSegment[], out: Draft[]): void {
  const llm = svc.llm!;
  if (llm.disaggregated !== undefined || scenario.spec.trafficSources.some((t) => t.trace !== undefined)) return;
  const shortest = shortestTokens(llm.inputTokens) + shortestTokens(llm.outputTokens);
  if (shortest <= kvCapacityTokens) return;
  out.push({
    path: [...base, 'inputTokens'],
    message: `every request is longer than a replica's KV cache: the shortest is ${formatInteger(shortest)} tokens (prompt + output), the cache holds ${formatInteger(kvCapacityTokens)}, so each would be dropped on arrival; use shorter requests, more GPUs per replica, an fp8 KV cache or a larger GPU`,
  });
}

/** spec.costs items must name catalog entries of the right kind, with a usage their unit can price. */
function checkCosts(scenario: Scenario, out: Draft[]): void {
  const { costs, catalogDate } = scenario.spec;
  const asOf = catalogDate === undefined ? undefined : { asOf: catalogDate };
  costs?.items.forEach((item, i) => {
    const base: PathSegment[] = ['spec', 'costs', 'items', i];
    const rateId = item.storage ?? item.transfer;
    try {
      if (rateId !== undefined) {
        const field = item.storage !== undefined ? 'storage' : 'transfer';
        const want = field === 'storage' ? 'storage' : 'egress';
        const rate = costModel.getRate(rateId, asOf);
        if (rate.kind !== want) out.push({ path: [...base, field], message: `${rateId} is a ${rate.kind === 'egress' ? 'transfer' : 'storage'} rate, not ${field}`, expected: `a ${field} rate id` });
      } else if (item.managed !== undefined) {
        const svc = costModel.getManagedService(item.managed, asOf);
        const usage = {
          ...(item.count === undefined ? {} : { count: item.count }),
          ...(item.gb === undefined ? {} : { gb: item.gb }),
          ...(item.requestsPerSecond === undefined ? {} : { requestsPerSecond: item.requestsPerSecond }),
          ...(item.bytesPerSecond === undefined ? {} : { bytesPerSecond: item.bytesPerSecond }),
        };
        try {
          costModel.unitsPerHour(svc.unit, usage);
        } catch (e) {
          out.push({ path: base, message: `${svc.id} is billed per ${svc.unit}: ${e instanceof Error ? e.message : String(e)}` });
        }
      } else if (item.instance !== undefined) {
        costModel.getInstance(item.instance, asOf);
      }
    } catch (e) {
      const field = item.storage !== undefined ? 'storage' : item.transfer !== undefined ? 'transfer' : item.managed !== undefined ? 'managed' : 'instance';
      const id = rateId ?? item.managed ?? item.instance ?? '';
      out.push(suggestionsOf(e).length > 0 || !(e instanceof RangeError) ? unknownId(field === 'managed' ? 'managed service' : field === 'instance' ? 'instance' : 'rate', id, [...base, field], e) : { path: ['spec', 'catalogDate'], message: e.message });
    }
  });
}

function locate(drafts: readonly Draft[], source: ScenarioSource | undefined): ScenarioIssue[] {
  const locator = source === undefined || drafts.length === 0 ? null : createSourceLocator(source.text);
  return drafts.map((d) => {
    const loc = locator === null ? null : locator(d.path);
    const issue: ScenarioIssue = { file: source?.file ?? '', line: loc?.line ?? null, column: loc?.column ?? null, path: formatPath(d.path), message: d.message };
    if (d.expected !== undefined) issue.expected = d.expected;
    if (d.suggestion !== undefined) issue.suggestion = d.suggestion;
    return issue;
  });
}

/** Catalog checks that make a scenario unrunnable; pass `source` to locate the issues in the file. */
export function validateScenarioReferences(scenario: Scenario, catalog: ScenarioCatalog = costModel, source?: ScenarioSource): ScenarioIssue[] {
  const out: Draft[] = [];
  checkPools(scenario, catalog, out);
  checkTraining(scenario, catalog, out);
  checkJobs(scenario, catalog, out);
  checkLlm(scenario, out);
  checkCosts(scenario, out);
  return locate(distinct(out), source);
}

/**
 * Drafts without repeats: a catalogDate outside the catalog fails every price lookup the same way, and was one
 * line per node pool, job and cost item (three identical lines for one field).
 */
function distinct(drafts: readonly Draft[]): Draft[] {
  const seen = new Set<string>();
  return drafts.filter((d) => {
    const key = `${formatPath(d.path)}\u0000${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Catalog gaps that leave the bill incomplete (a price the run needs is unknown): warnings, not errors. */
export function validateScenarioPrices(scenario: Scenario, catalog: ScenarioCatalog = costModel, source?: ScenarioSource): ScenarioIssue[] {
  const out: Draft[] = [];
  const ignore: Draft[] = [];
  const { nodePools, training, catalogDate } = scenario.spec;
  nodePools.forEach((pool, i) => {
    const k = pool.karpenter;
    if (k !== undefined) {
      // Each allowed capacity type needs a price for some instance type, or Karpenter could launch nothing billable.
      for (const capacity of k.capacityTypes) {
        const priced = k.instanceTypes.filter((id) => lookupInstance(catalog, id, catalogDate, [], ignore)?.prices[capacity] != null);
        if (priced.length === 0) out.push({ path: ['spec', 'nodePools', i, 'karpenter', 'capacityTypes'], message: `the catalog has no ${capacity} price for any instance type of pool "${pool.name}": Karpenter cannot launch ${capacity} there` });
      }
      return;
    }
    const inst = lookupInstance(catalog, pool.instance, catalogDate, [], ignore);
    if (inst === undefined) return;
    if (pool.spotShare < 1 && inst.prices[pool.purchase] == null) {
      out.push({ path: ['spec', 'nodePools', i, 'purchase'], message: `the catalog has no ${pool.purchase} price for ${inst.id}: the cost will be incomplete` });
    }
    if (pool.spotShare > 0 && inst.prices.spot == null) {
      out.push({ path: ['spec', 'nodePools', i, 'spotShare'], message: `the catalog has no spot price for ${inst.id}: the cost will be incomplete` });
    }
  });
  if (training?.instance !== undefined) {
    const inst = lookupInstance(catalog, training.instance, catalogDate, [], ignore);
    if (inst !== undefined && inst.prices[training.purchase] == null) {
      out.push({ path: ['spec', 'training', 'purchase'], message: `the catalog has no ${training.purchase} price for ${inst.id}: the cost will be unknown` });
    }
  }
  if (training?.gpu !== undefined && training.pricePerGpuHour === undefined) {
    out.push({ path: ['spec', 'training', 'gpu'], message: 'no pricePerGpuHour: the training cost will be unknown (add pricePerGpuHour, or use instance + nodes)' });
  }
  return locate(out, source);
}
