/**
 * What breaks nodes, besides the independent spot interruptions of the simulation: hardware failures at a
 * rate per node-hour (a node goes NotReady for its repair time), spot reclaim waves (one event takes
 * ceil(fraction × spot nodes) at once, then spot capacity may stay out for a while) and the scheduled faults
 * of `spec.faults` (some nodes of a pool, a whole pool, or a zone, down for a duration). It decides when and
 * which nodes; the simulation (FaultActions) does what a lost node means for pods and requests.
 *
 * Determinism: failure times draw from their own stream, each pool's waves from another, so adding failures
 * does not move the spot interruptions or arrivals of an existing design.
 */
import type { EngineEvent } from '../engine/engine-result.ts';
import { standardExponential } from '../random/exponential.ts';
import { Rng, RngStream } from '../random/rng.ts';
import type { EngineFault } from '../engine/engine-config.ts';
import { type NodeRuntime, NodeState } from './node-runtime.ts';
import type { PoolRuntime } from './pool-runtime.ts';

/** What the simulation does when this module takes a node down or gives it back. */
export interface FaultActions {
  /** The nodes fail now, together: NotReady, their pods lost and the requests on them failed. */
  crash(pool: PoolRuntime, nodes: readonly NodeRuntime[], now: number): void;
  /** The node is back (Ready, or Draining if it was being removed). */
  restore(pool: PoolRuntime, node: NodeRuntime, now: number): void;
  /** A spot interruption notice for the node (the simulation's independent-interruption path). */
  spotNotice(pool: PoolRuntime, node: NodeRuntime, now: number): void;
  schedule(at: number, run: (now: number) => void): void;
  event(e: EngineEvent): void;
}

/** Counters of a run's faults, for the result. */
export interface FaultCounts {
  /** Hardware failures drawn from the per-node-hour rate. */
  nodeFailures: number;
  /** Reclaim waves, and the spot nodes they took. */
  spotWaves: number;
  spotWaveNodes: number;
  /** Scheduled faults started, and nodes they took down. */
  scheduledFaults: number;
  scheduledFaultNodes: number;
}

export class NodeFaults {
  readonly counts: FaultCounts = { nodeFailures: 0, spotWaves: 0, spotWaveNodes: 0, scheduledFaults: 0, scheduledFaultNodes: 0 };
  private readonly failureRng: Rng;
  /** Which nodes a scheduled fault of `nodes` takes. */
  private readonly faultRng: Rng;
  /** Per pool: until when a whole-pool or zone fault keeps it down (no node comes up there). */
  private readonly downUntil: number[];
  /** Per pool: until when spot capacity is out after a wave. */
  private readonly spotOutUntil: number[];

  constructor(
    private readonly pools: readonly PoolRuntime[],
    private readonly faults: readonly EngineFault[],
    private readonly seed: number,
    private readonly actions: FaultActions,
  ) {
    this.failureRng = new Rng(seed, RngStream.nodeFailures);
    this.faultRng = new Rng(seed, RngStream.nodeFailures * 1000 + 999);
    this.downUntil = pools.map(() => -Infinity);
    this.spotOutUntil = pools.map(() => -Infinity);
  }

  /** True when the run has anything for this module to do (otherwise the simulation does not create it). */
  static needed(pools: readonly PoolRuntime[], faults: readonly EngineFault[]): boolean {
    return faults.length > 0 || pools.some((p) => (p.config.failures?.perNodeHour ?? 0) > 0 || (p.config.spot?.waves?.perHour ?? 0) > 0);
  }

  /** t = 0: the waves' first events and the schedule. */
  start(): void {
    for (const pool of this.pools) {
      const w = pool.config.spot?.waves;
      if (!w || w.perHour <= 0) continue;
      const rng = new Rng(this.seed, RngStream.spotWaves * 1000 + pool.index);
      const next = (from: number): void => this.actions.schedule(from + (standardExponential(rng) / w.perHour) * 3600, (t) => {
        this.wave(pool, rng, t);
        next(t);
      });
      next(0);
    }
    for (const f of this.faults) this.actions.schedule(f.atSeconds, (t) => this.startFault(f, t));
  }

  /** A node became Ready (or came back): its next hardware failure is drawn. */
  nodeReady(pool: PoolRuntime, node: NodeRuntime, now: number): void {
    const f = pool.config.failures;
    if (!f || f.perNodeHour <= 0) return;
    const epoch = node.failEpoch;
    const at = now + (standardExponential(this.failureRng) / f.perNodeHour) * 3600;
    this.actions.schedule(at, (t) => {
      if (node.failEpoch !== epoch || (node.state !== NodeState.Ready && node.state !== NodeState.Draining)) return;
      this.counts.nodeFailures++;
      this.actions.event({ t, kind: 'node-failed', target: pool.config.name, detail: `node ${node.uid}: hardware failure, repair ${Math.round(f.repairSeconds)} s` });
      this.takeDown(pool, [node], t, t + f.repairSeconds, 'repaired');
    });
  }

  /** A whole-pool or zone fault keeps new nodes of the pool from coming up until this time (-Infinity: none). */
  poolDownUntil(pool: number, now: number): number {
    const until = this.downUntil[pool]!;
    return until > now ? until : -Infinity;
  }

  /** Spot capacity of the pool is out (after a wave with a capacity outage). */
  spotOut(pool: number, now: number): boolean {
    return this.spotOutUntil[pool]! > now;
  }

  /** The nodes go down together (so no replacement lands on one of them in between) and come back at `until`. */
  private takeDown(pool: PoolRuntime, nodes: readonly NodeRuntime[], now: number, until: number, why: string): void {
    for (const node of nodes) node.failEpoch++;
    this.actions.crash(pool, nodes, now);
    for (const node of nodes) {
      const epoch = node.failEpoch;
      this.actions.schedule(until, (t) => {
        // A later failure of the same node owns its return; a node deleted meanwhile stays gone.
        if (node.failEpoch !== epoch || node.state !== NodeState.NotReady) return;
        this.actions.restore(pool, node, t);
        this.actions.event({ t, kind: 'node-repaired', target: pool.config.name, detail: `node ${node.uid} ${why}` });
        this.nodeReady(pool, node, t);
      });
    }
  }

  /** One reclaim event: ceil(fraction × Ready spot nodes), drawn without replacement, get a notice at once. */
  private wave(pool: PoolRuntime, rng: Rng, now: number): void {
    const w = pool.config.spot!.waves!;
    const spot = pool.nodes.filter((n) => n.spot && n.state === NodeState.Ready);
    const k = Math.ceil(w.fraction * spot.length - 1e-9);
    // A partial Fisher–Yates shuffle: the first k entries are a uniform sample.
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(rng.next() * (spot.length - i));
      [spot[i], spot[j]] = [spot[j]!, spot[i]!];
    }
    this.counts.spotWaves++;
    this.counts.spotWaveNodes += k;
    if (w.outageSeconds > 0) this.spotOutUntil[pool.index] = Math.max(this.spotOutUntil[pool.index]!, now + w.outageSeconds);
    this.actions.event({ t: now, kind: 'spot-wave', target: pool.config.name, from: spot.length, to: spot.length - k, detail: `reclaim wave: ${k} of ${spot.length} spot nodes${w.outageSeconds > 0 ? `, spot capacity out for ${Math.round(w.outageSeconds)} s` : ''}` });
    for (let i = 0; i < k; i++) this.actions.spotNotice(pool, spot[i]!, now);
  }

  /** A scheduled fault: the chosen nodes go NotReady until it ends; a whole pool or zone also blocks new nodes. */
  private startFault(f: EngineFault, now: number): void {
    this.counts.scheduledFaults++;
    const until = now + f.forSeconds;
    let taken = 0;
    for (const p of f.pools) {
      const pool = this.pools[p]!;
      const up = pool.nodes.filter((n) => n.state === NodeState.Ready || n.state === NodeState.Draining).sort((a, b) => a.uid - b.uid);
      // `nodes` of them drawn at random from the seed (a partial Fisher–Yates shuffle), as a failure would pick them.
      const k = f.nodes === null ? up.length : Math.min(f.nodes, up.length);
      for (let i = 0; i < k && f.nodes !== null; i++) {
        const j = i + Math.floor(this.faultRng.next() * (up.length - i));
        [up[i], up[j]] = [up[j]!, up[i]!];
      }
      const hit = up.slice(0, k);
      if (f.nodes === null) this.downUntil[p] = Math.max(this.downUntil[p]!, until);
      this.takeDown(pool, hit, now, until, `back after ${f.label}`);
      taken += hit.length;
    }
    this.counts.scheduledFaultNodes += taken;
    this.actions.event({ t: now, kind: 'fault-start', target: f.label, to: taken, detail: `${taken} node${taken === 1 ? '' : 's'} down for ${Math.round(f.forSeconds)} s` });
    this.actions.schedule(until, (t) => this.actions.event({ t, kind: 'fault-end', target: f.label }));
  }
}
