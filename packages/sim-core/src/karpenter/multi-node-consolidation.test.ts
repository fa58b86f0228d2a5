/**
 * Multi-node consolidation against kubernetes-sigs/karpenter @ 2266468104f36373ed002241afaee2d3bbc26078
 * pkg/controllers/disruption/multinodeconsolidation.go (`ComputeCommands`, `firstNConsolidationOption`,
 * `filterOutSameInstanceType`) and consolidation.go (`computeConsolidation`, `computeSpotToSpotConsolidation`). Every
 * expected figure below is worked from those rules in the comment above it; prices are the catalog's (test-pools.ts):
 * g5.2xlarge $1.212/h on-demand (no spot here), g5.xlarge $1.006 / $0.4028 spot, g5.12xlarge (4 GPUs) $5.672 /
 * $2.5445 spot.
 */
import { describe, expect, it } from 'vitest';
import type { EngineKarpenterPool } from '../engine/engine-config.ts';
import type { CandidateNode, Destination } from './consolidation.ts';
import { computeMultiNodeConsolidation, filterOutSameInstanceType, firstNConsolidationOption, MAX_MULTI_NODE_CANDIDATES } from './multi-node-consolidation.ts';
import { UnavailableOfferings } from './offerings.ts';
import { A10G_POOL } from './test-pools.ts';

const G5_2XLARGE = 0;
const G5_XLARGE = 1;
const G5_12XLARGE = 2;

/** `firstNConsolidationOption` with a predicate on the prefix length; returns the lengths it tried and its answer. */
function search(n: number, valid: (size: number) => boolean, maxParallel = Math.min(n, MAX_MULTI_NODE_CANDIDATES)) {
  const tried: number[] = [];
  const candidates = Array.from({ length: n }, (_, i) => i);
  const answer = firstNConsolidationOption(candidates, maxParallel, (prefix) => {
    tried.push(prefix.length);
    return valid(prefix.length) ? prefix.length : null;
  });
  return { tried, answer };
}

describe('firstNConsolidationOption: binary search over the sorted candidates', () => {
  it('10 candidates, prefixes of up to 4 valid: min 1, max 9; tries 6 (no → max 4), 3 (yes → min 3), 4 (yes → min 4), 5 (no → max 3): 4 nodes', () => {
    expect(search(10, (size) => size <= 4)).toEqual({ tried: [6, 3, 4, 5], answer: 4 });
  });

  it('is a search, not an enumeration: when only all 10 together are valid it tries 6, 3, 2 and finds nothing', () => {
    // max 9: mid 5 (6 nodes, no → max 4), mid 2 (3, no → max 1), mid 1 (2, no → max 0).
    expect(search(10, (size) => size === 10)).toEqual({ tried: [6, 3, 2], answer: null });
  });

  it('150 candidates, every prefix valid: maxParallel clamps to 100 and max is not lowered (150 > 100), so the command holds 101 nodes', () => {
    // min 1, max 100: mid 50 → 51 nodes; 75 → 76; 88 → 89; 94 → 95; 97 → 98; 99 → 100; 100 → 101; min 101 > max.
    expect(search(150, () => true)).toEqual({ tried: [51, 76, 89, 95, 98, 100, 101], answer: 101 });
  });

  it('needs two candidates: one is left to single-node consolidation; two try exactly the pair', () => {
    expect(search(1, () => true)).toEqual({ tried: [], answer: null });
    expect(search(2, () => true)).toEqual({ tried: [2], answer: 2 });
  });
});

// The example in filterOutSameInstanceType's own comment, with us-east-1 on-demand list prices (only their order
// matters): t3a.nano $0.0047, t3a.small $0.0188, t3a.xlarge $0.1504, t3a.2xlarge $0.3008.
describe('filterOutSameInstanceType (the upstream comment\'s example)', () => {
  const T3A: EngineKarpenterPool = {
    ...A10G_POOL,
    capacityTypes: ['on-demand'],
    types: [
      { instanceId: 'aws/us-east-1/t3a.nano', gpus: 1, onDemandUsdPerHour: 0.0047, spotUsdPerHour: null },
      { instanceId: 'aws/us-east-1/t3a.small', gpus: 1, onDemandUsdPerHour: 0.0188, spotUsdPerHour: null },
      { instanceId: 'aws/us-east-1/t3a.xlarge', gpus: 1, onDemandUsdPerHour: 0.1504, spotUsdPerHour: null },
      { instanceId: 'aws/us-east-1/t3a.2xlarge', gpus: 1, onDemandUsdPerHour: 0.3008, spotUsdPerHour: null },
    ],
  };
  const candidates: CandidateNode[] = [3, 3, 1].map((type, uid) => ({ uid, pool: 0, type, spot: false, pods: [] }));
  const replace = (types: number[]) => ({ kind: 'replace' as const, nodes: [0, 1, 2], pool: 0, types, spot: false, usdPerHour: T3A.types[types[0]!]!.onDemandUsdPerHour! });

  it('[2xlarge, 2xlarge, small] → one of small, xlarge, 2xlarge: small is a candidate\'s type, nothing is cheaper than it: no command', () => {
    expect(filterOutSameInstanceType(replace([1, 2, 3]), candidates, () => T3A)).toBeNull();
  });

  it('[2xlarge, 2xlarge, small] → one of nano, small, xlarge, 2xlarge: only nano ($0.0047 < $0.0188) is left', () => {
    expect(filterOutSameInstanceType(replace([0, 1, 2, 3]), candidates, () => T3A)).toEqual({ ...replace([0]), usdPerHour: 0.0047 });
  });
});

describe('computeMultiNodeConsolidation: which nodes go, and what replaces them', () => {
  const ON_DEMAND: EngineKarpenterPool = { ...A10G_POOL, capacityTypes: ['on-demand'] };
  /** A node of pool 0 with `pods` one-GPU pods that may use pool 0 only. */
  const node = (uid: number, type: number, pods: number, spot = false): CandidateNode => ({ uid, pool: 0, type, spot, pods: Array.from({ length: pods }, (_, i) => ({ gpus: 1, pools: [0], createdAt: 0, uid: uid * 100 + i })) });
  const room = (pool: EngineKarpenterPool, nodes: CandidateNode[]): Destination[] => nodes.map((n) => ({ uid: n.uid, pool: 0, free: pool.types[n.type]!.gpus - n.pods.length, initialized: true, underConsolidateAfter: false }));
  /** Candidates in SavingsRatio order (price / (1 + pods), descending; ties by uid), as the controller sorts them. */
  const sorted = (pool: EngineKarpenterPool, nodes: CandidateNode[]) => {
    const price = (n: CandidateNode) => (n.spot ? pool.types[n.type]!.spotUsdPerHour! : pool.types[n.type]!.onDemandUsdPerHour!);
    return [...nodes].sort((a, b) => price(b) / (1 + b.pods.length) - price(a) / (1 + a.pods.length) || a.uid - b.uid);
  };
  const run = (pool: EngineKarpenterPool, nodes: CandidateNode[], o: { budget?: number; spotToSpot?: boolean } = {}) =>
    computeMultiNodeConsolidation(sorted(pool, nodes), new Map([[0, o.budget ?? nodes.length]]), () => pool, room(pool, nodes), o.spotToSpot ?? false, new UnavailableOfferings(), 0);

  it('three g5.12xlarge with one pod each, spot allowed: one spot g5.12xlarge ($2.5445/h) replaces all three ($17.016/h)', () => {
    // Equal ratios (5.672 / 2), so uid order. max = 3 − 1 = 2. mid 1 → nodes 0, 1: their 2 pods fit on node 2 (3 free):
    // a delete, saved, min 2. mid 2 → all three: 3 pods, no node left → one NodeClaim of ≥ 3 GPUs: g5.12xlarge only.
    // Candidates are on-demand, so not spot-to-spot; the price to beat is 3 × 5.672 = 17.016, and the launch is spot
    // (both capacity types allowed): 2.5445 < 17.016. filterOutSameInstanceType: g5.12xlarge is the candidates' own
    // type at $5.672 (their on-demand offering), and 2.5445 < 5.672: kept. Valid, min 3 > max: three nodes, one new.
    expect(run(A10G_POOL, [node(0, G5_12XLARGE, 1), node(1, G5_12XLARGE, 1), node(2, G5_12XLARGE, 1)])).toEqual({
      kind: 'replace',
      nodes: [0, 1, 2],
      pool: 0,
      types: [G5_12XLARGE],
      spot: true,
      usdPerHour: 2.5445,
    });
  });

  it('three g5.12xlarge with one pod each and a fourth with two: one g5.xlarge ($1.006/h) replaces the three, their pods partly on the fourth', () => {
    // On-demand only. Ratios: 5.672 / 2 = 2.836 (nodes 0–2), 5.672 / 3 = 1.891 (node 3): order 0, 1, 2, 3; max 3.
    // mid 2 → nodes 0–2: 3 pods, 2 fit on node 3 (2 free), 1 left → one NodeClaim of ≥ 1 GPU: all three types, each
    // below 3 × 5.672 = 17.016; by price g5.xlarge 1.006, g5.2xlarge 1.212, g5.12xlarge 5.672. filterOutSameInstanceType:
    // g5.12xlarge is a candidate's type at 5.672, so only types below 5.672 stay. Valid, min 3. mid 3 → all four:
    // 5 pods, nowhere to go, no type holds 5 GPUs: invalid, max 2. The saved command is the three-node replace.
    expect(run(ON_DEMAND, [node(0, G5_12XLARGE, 1), node(1, G5_12XLARGE, 1), node(2, G5_12XLARGE, 1), node(3, G5_12XLARGE, 2)])).toEqual({
      kind: 'replace',
      nodes: [0, 1, 2],
      pool: 0,
      types: [G5_XLARGE, G5_2XLARGE],
      spot: false,
      usdPerHour: 1.006,
    });
  });

  it('two g5.12xlarge with one pod each and two with three: the first two are deleted, their pods on the other two, no replacement', () => {
    // On-demand only. Ratios 2.836 (nodes 0, 1), 5.672 / 4 = 1.418 (nodes 2, 3); max 3. mid 2 → nodes 0–2: 5 pods,
    // 1 fits on node 3, 4 left → one NodeClaim of ≥ 4 GPUs: g5.12xlarge, 5.672 < 3 × 5.672, but it is a candidate's
    // type at 5.672 and 5.672 is not below 5.672: no type left, invalid, max 1. mid 1 → nodes 0, 1: one pod on node 2,
    // one on node 3 (1 free each): a delete, min 2 > max 1.
    expect(run(ON_DEMAND, [node(0, G5_12XLARGE, 1), node(1, G5_12XLARGE, 1), node(2, G5_12XLARGE, 3), node(3, G5_12XLARGE, 3)])).toEqual({ kind: 'delete', nodes: [0, 1] });
  });

  it('a replacement that is not cheaper than the nodes it removes is refused: five g5.2xlarge with one pod each stay', () => {
    // On-demand only, no free GPU anywhere (1-GPU nodes, one pod each). max 4. mid 2 → 3 nodes: 3 pods need a type of
    // ≥ 3 GPUs, g5.12xlarge at 5.672, not below 3 × 1.212 = 3.636: invalid, max 1. mid 1 → 2 nodes: 5.672 against
    // 2.424: invalid, max 0. No command (and four nodes, 4.848, would not have beaten it either).
    const nodes = [0, 1, 2, 3, 4].map((uid) => node(uid, G5_2XLARGE, 1));
    expect(run(ON_DEMAND, nodes)).toBeNull();
  });

  it('all-spot candidates: without SpotToSpotConsolidation only the delete of two is left; with it one spot g5.xlarge replaces three, below the 15-type minimum of single-node', () => {
    // Spot g5.12xlarge: nodes 0–2 with one pod (ratio 2.5445 / 2), node 3 with two (2.5445 / 3); order 0, 1, 2, 3; max 3.
    const nodes = [node(0, G5_12XLARGE, 1, true), node(1, G5_12XLARGE, 1, true), node(2, G5_12XLARGE, 1, true), node(3, G5_12XLARGE, 2, true)];
    // Gate off: mid 2 → nodes 0–2: 2 pods fit on node 3, 1 left → a new NodeClaim; every candidate is spot and the
    // pool allows spot: computeSpotToSpotConsolidation refuses; max 1. mid 1 → nodes 0, 1: both pods on node 2 (3 free).
    expect(run(A10G_POOL, nodes)).toEqual({ kind: 'delete', nodes: [0, 1] });
    // Gate on: mid 2 → spot types of ≥ 1 GPU below 3 × 2.5445 = 7.6335: g5.xlarge 0.4028, g5.12xlarge 2.5445 (g5.2xlarge
    // has no spot price). Several candidates: no 15-type minimum. filterOutSameInstanceType drops g5.12xlarge (the
    // candidates' own type at 2.5445): g5.xlarge is left. min 3; mid 3 → all four: 5 pods, no type: max 2.
    expect(run(A10G_POOL, nodes, { spotToSpot: true })).toEqual({ kind: 'replace', nodes: [0, 1, 2], pool: 0, types: [G5_XLARGE], spot: true, usdPerHour: 0.4028 });
  });

  it('the budget cuts the candidates first: with 2 disruptions left only the pair is tried (a delete), with 1 nothing', () => {
    // The four-node on-demand case above, where a budget of 4 replaced nodes 0–2 by one g5.xlarge:
    const nodes = [node(0, G5_12XLARGE, 1), node(1, G5_12XLARGE, 1), node(2, G5_12XLARGE, 1), node(3, G5_12XLARGE, 2)];
    // Budget 2: nodes 0, 1 are the candidates; max 1, mid 1: their 2 pods fit on node 2 (3 free): delete.
    expect(run(ON_DEMAND, nodes, { budget: 2 })).toEqual({ kind: 'delete', nodes: [0, 1] });
    // Budget 1: one candidate, under two: single-node consolidation's case.
    expect(run(ON_DEMAND, nodes, { budget: 1 })).toBeNull();
  });
});
