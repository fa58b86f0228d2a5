/**
 * Training and batch jobs on the same pools as the services: submission, quota admission, placement (a gang
 * all at once or not at all, or each pod on its own), preemption by and of higher-priority pods, progress kept
 * to the last checkpoint, completion. Placement scores nodes with LeastAllocated like the pod scheduler;
 * preemption uses preemption.ts (kube-scheduler's). The simulation owns serving pods: `JobActions` evicts one.
 *
 * A gang is admitted and placed as one workload, as Kueue admits a Job and the coscheduling plugin binds a
 * PodGroup: quota for all its pods at submission, all pods bound in the same instant, and when it must
 * preempt, victims are chosen for every pod before any is evicted. kube-scheduler alone would place pods one
 * by one; docs/fidelity.md says where that differs.
 */
import type { EngineJob, EngineWaitForPodsReady } from '../engine/engine-config.ts';
import type { Pod } from '../engine/pod.ts';
import { recordPodEvent } from '../karpenter/pod-events.ts';
import { type NodeRuntime, NodeState } from './node-runtime.ts';
import type { PoolRuntime } from './pool-runtime.ts';
import { JobKueue } from './job-kueue.ts';
import type { PodsReadyCause } from './kueue-pods-ready.ts';
import type { PreemptionReason } from './kueue-preemption.ts';
import type { Rng } from '../random/rng.ts';
import { isPreempting, NOT_NOMINATED, waitsForVictims } from './nomination.ts';
import { pickOneNodeForPreemption, selectVictimsOnNode, type Victims, type PreemptionPod } from './preemption.ts';
import type { TeamLedger } from './team-ledger.ts';

/** A running job pod as the node and preemption see it. */
export class JobPod implements PreemptionPod {
  node: NodeRuntime | null = null;
  startedAt = -1;
  /**
   * When this pod was created, s: its run admitted past quota (Kueue unsuspends the Job, whose controller creates
   * the pods), or requeued after it lost its node (a replacement pod). The autoscalers' pod age; -1 before admission.
   */
  createdAt = -1;
  /** kube-scheduler tried it since its creation and found no node (PodScheduled=False, reason Unschedulable). */
  unschedulable = false;
  constructor(
    readonly run: JobRun,
    readonly priority: number,
    readonly units: number,
  ) {}
}

/** One submission of a job. */
export class JobRun {
  /**
   * Quota-blocked (waiting to be admitted), queued (admitted, pods pending), running, done; or inactive: its Kueue
   * Workload deactivated by waitForPodsReady after backoffLimitCount requeues (the Job stays suspended).
   */
  state: 'quota' | 'queued' | 'running' | 'done' | 'inactive' = 'quota';
  readonly pods: JobPod[];
  /** Seconds of work done and kept (whole checkpoints after a preemption); gang jobs only. */
  progress = 0;
  runningSince = -1;
  firstStart = -1;
  /** Bumped whenever the job stops, so its completion event from before is ignored. */
  epoch = 0;
  /** Non-gang: each pod's kept progress and when it started running. */
  readonly podProgress: number[];
  readonly podDone: boolean[];
  /** Refused by its team's quota at least once (counted once). */
  refused = false;
  /**
   * The nodes where it evicted serving pods, still terminating (status.nominatedNodeName, cluster/nomination.ts): a
   * gang is nominated whole, a non-gang run through its first unplaced pod.
   */
  nominated: readonly NodeRuntime[] = NOT_NOMINATED;

  constructor(
    readonly job: EngineJob,
    readonly index: number,
    readonly submittedAt: number,
  ) {
    this.pods = Array.from({ length: job.pods }, () => new JobPod(this, job.priority, job.unitsPerPod));
    this.podProgress = job.pods > 0 ? new Array<number>(job.pods).fill(0) : [];
    this.podDone = new Array<boolean>(job.pods).fill(false);
  }

  get units(): number {
    return this.job.pods * this.job.unitsPerPod;
  }
}

/** A pod preemption may evict: a serving pod or a job pod, with its priority, units and start time. */
export interface Evictable extends PreemptionPod {
  serving: Pod | null;
  jobPod: JobPod | null;
}

/** What the simulation does for the job queue. */
export interface JobActions {
  schedule(at: number, run: (now: number) => void): void;
  /** The serving pods on a node that preemption may evict (not already terminating), as Evictables. */
  servingOn(node: NodeRuntime): Evictable[];
  /** Evicts a serving pod for a preemptor (graceful: its GPUs are free when it is gone). */
  evictServing(pod: Pod, now: number): void;
  /** `status.disruptionsAllowed` of a budget now, by the key its Evictables carry (`PreemptionPod.budget`). */
  disruptionsAllowed(budget: number): number;
  /** A serving pod's priority (its PriorityClass value). */
  priorityOf(pod: Pod): number;
  /** A job pod left its node (capacity freed): the scheduler should look at its pending pods again. */
  capacityFreed(now: number): void;
  /** These pods (of one run) were just marked unschedulable, each once after its creation: Karpenter's pod trigger. */
  unschedulable(pods: readonly JobPod[], now: number): void;
  event(kind: 'job-preempted' | 'job-evicted', target: string, detail: string, now: number): void;
}

/** Per job (by spec index): what happened to its submissions. */
export interface JobStats {
  submitted: number;
  completed: number;
  /** Submission → running (gang: all pods; otherwise the first pod), s, of the runs that started. */
  waits: number[];
  /** Times a run (gang) or a pod (non-gang) was preempted. */
  preemptions: number;
  /** Unit-seconds of work thrown away by preemptions (back to the last checkpoint). */
  lostUnitSeconds: number;
}

export class JobQueue {
  /** Admitted and waiting for nodes, by priority then submission; plus quota-blocked runs, in submission order. */
  private readonly queued: JobRun[] = [];
  private readonly blocked: JobRun[] = [];
  readonly stats: JobStats[];
  /** GPUs held by running job pods on GPU pools (a MIG slice as its share of a GPU), and their GPU-seconds not yet taken. */
  private runningGpus = 0;
  private busyGpuSeconds = 0;
  private busySince = 0;
  /** The ClusterQueues of teams with `kueue`: their runs are admitted there, not by the ResourceQuota. */
  private readonly kueue: JobKueue<JobRun> | null;

  constructor(
    private readonly jobs: readonly EngineJob[],
    private readonly pools: readonly PoolRuntime[],
    private readonly ledger: TeamLedger,
    private readonly actions: JobActions,
    /** Kueue's waitForPodsReady (teams with `kueue` only); null = not enabled. */
    waitForPodsReady: EngineWaitForPodsReady | null = null,
    /** Draws the jitter of its requeuing backoff. */
    kueueRng: Rng | null = null,
  ) {
    this.stats = jobs.map(() => ({ submitted: 0, completed: 0, waits: [], preemptions: 0, lostUnitSeconds: 0 }));
    this.kueue = ledger.teams.some((t) => t.kueue)
      ? new JobKueue<JobRun>(
          ledger.teams,
          jobs,
          (p) => pools[p]!.unitsPerGpu,
          ledger,
          {
            admitted: (run, now) => this.admitted(run, now),
            evicted: (run, by, reason, now) => this.suspend(run, by, reason, now),
            schedule: (at, run) => this.actions.schedule(at, run),
            timedOut: (run, cause, requeueAt, now) => this.timedOut(run, cause, requeueAt, now),
            reschedule: (now) => {
              this.admit(now);
              this.actions.capacityFreed(now);
            },
          },
          waitForPodsReady,
          kueueRng,
        )
      : null;
  }

  /** t = 0: every submission is scheduled. */
  start(): void {
    this.jobs.forEach((job, i) => {
      for (const at of job.submitAt) this.actions.schedule(at, (t) => this.submit(new JobRun(job, i, t), t));
    });
  }

  /** The highest priority among queued jobs, or -Infinity. */
  get nextPriority(): number {
    return this.queued.length === 0 ? -Infinity : this.queued[0]!.job.priority;
  }

  private submit(run: JobRun, now: number): void {
    this.stats[run.index]!.submitted++;
    this.blocked.push(run);
    if (this.kueue?.manages(run.job.team)) this.kueue.submit(run, run.job.team, run.units, run.job.priority, now);
    this.admit(now);
    this.actions.capacityFreed(now);
  }

  /**
   * ResourceQuota admission, in submission order: a run is admitted when all its pods fit in its team's quota;
   * then Kueue's scheduling cycles for the runs of teams with a ClusterQueue.
   */
  admit(now: number): void {
    for (let i = 0; i < this.blocked.length; ) {
      const run = this.blocked[i]!;
      if (this.kueue?.manages(run.job.team)) {
        i++;
        continue;
      }
      if (!this.ledger.tryReserve(run.job.team, run.units, now, !run.refused)) {
        run.refused = true;
        i++;
        continue;
      }
      this.blocked.splice(i, 1);
      run.state = 'queued';
      for (const pod of run.pods) created(pod, now);
      this.enqueue(run);
    }
    if (this.kueue === null) return;
    this.kueue.schedule(now);
    // A run still pending after its first cycles counts once as refused, as a ResourceQuota-blocked run does.
    for (const run of this.blocked) {
      if (run.refused || !this.kueue.manages(run.job.team)) continue;
      run.refused = true;
      this.ledger.refusals[run.job.team]! += 1;
    }
  }

  /** Kueue reserved quota for the run: the Job is unsuspended and its pods created (pending for kube-scheduler). */
  private admitted(run: JobRun, now: number): void {
    const i = this.blocked.indexOf(run);
    if (i >= 0) this.blocked.splice(i, 1);
    run.state = 'queued';
    for (let k = 0; k < run.pods.length; k++) if (!run.podDone[k]) created(run.pods[k]!, now);
    this.enqueue(run);
  }

  /**
   * Kueue evicted the run to make room for `by` (reclaimWithinCohort or withinClusterQueue): the Job is suspended,
   * its running pods deleted (work kept to the last checkpoint, as after a kube-scheduler preemption) and its
   * Workload pending again.
   */
  private suspend(run: JobRun, by: JobRun, reason: PreemptionReason, now: number): void {
    const bound = run.pods.filter((p) => p.node !== null);
    const how = reason === 'InCohortReclamation' ? 'reclaimWithinCohort' : 'withinClusterQueue';
    if (bound.length > 0) {
      this.ledger.preempted[run.job.team]! += bound.length;
      this.actions.event('job-preempted', run.job.name, `by ${by.job.name} (Kueue ${how})`, now);
    }
    // A gang stops whole on its first pod; a non-gang run loses each running pod.
    // The freed GPUs are seen by the scheduling pass that follows admission (admit's callers run one).
    for (const pod of run.job.gang ? bound.slice(0, 1) : bound) this.interrupt(pod, now, false);
    run.epoch++;
    run.nominated = NOT_NOMINATED;
    this.dequeue(run);
    run.state = 'quota';
    this.blocked.push(run);
  }

  /**
   * waitForPodsReady evicted the run (PodsReadyTimeout): as a Kueue preemption, the Job is suspended and its running pods
   * deleted (work kept to the last checkpoint); the Workload is pending again once its backoff ends (JobKueue requeues
   * it), or, deactivated, never. The quota and nodes it held go to the others now.
   */
  private timedOut(run: JobRun, cause: PodsReadyCause, requeueAt: number | null, now: number): void {
    const bound = run.pods.filter((p) => p.node !== null);
    for (const pod of run.job.gang ? bound.slice(0, 1) : bound) this.interrupt(pod, now, false);
    run.epoch++;
    run.nominated = NOT_NOMINATED;
    this.dequeue(run);
    const what = `Kueue PodsReadyTimeout (${cause})`;
    this.actions.event('job-evicted', run.job.name, requeueAt === null ? `${what}: deactivated, backoffLimitCount reached` : `${what}: requeued at ${Math.round(requeueAt)} s`, now);
    if (requeueAt === null) {
      run.state = 'inactive';
    } else {
      run.state = 'quota';
      this.blocked.push(run);
    }
    this.admit(now);
    this.actions.capacityFreed(now);
  }

  private enqueue(run: JobRun): void {
    // activeQ order: priority, then submission (PrioritySort's tie-break is the queue timestamp).
    let i = this.queued.length;
    while (i > 0 && this.queued[i - 1]!.job.priority < run.job.priority) i--;
    this.queued.splice(i, 0, run);
  }

  /** Places the queued jobs of priority `level` that fit now, preempting lower priorities where allowed. */
  scheduleLevel(level: number, now: number): void {
    for (const run of [...this.queued]) {
      if (run.job.priority !== level) continue;
      const wasNominated = isPreempting(run.nominated);
      if (run.job.gang) this.placeGang(run, now);
      else this.placePods(run, now);
      // A cleared nomination is a pod update: Karpenter's pod controller sees the pods still pending again.
      if (wasNominated && !isPreempting(run.nominated)) for (const pod of this.pendingOf(run)) pod.unschedulable = false;
      this.markUnschedulable(run, now);
    }
  }

  // The scheduler's failed attempt sets PodScheduled=False (Unschedulable) on each pod it could not place; the first
  // such update after a pod's creation is what Karpenter's pod controller reacts to (`IsProvisionable` → `Trigger`).
  private markUnschedulable(run: JobRun, now: number): void {
    const fresh: JobPod[] = [];
    for (const pod of this.pendingOf(run)) {
      if (pod.unschedulable) continue;
      pod.unschedulable = true;
      fresh.push(pod);
    }
    if (fresh.length > 0) this.actions.unschedulable(fresh, now);
  }

  /**
   * The job pods the cluster autoscaler and Karpenter see as unschedulable (kube_util `UnschedulablePods`,
   * Karpenter's `IsProvisionable`): created (the run is admitted: a quota-blocked run has no pods, as a Job Kueue
   * keeps suspended), not bound, not done, tried by the scheduler, and not nominated (a pod waiting for its
   * preemption victims to go: `FilterOutExpendableAndSplit` sets it aside, `IsPreempting`). Queue order.
   */
  unschedulablePods(): JobPod[] {
    const out: JobPod[] = [];
    for (const run of this.queued) for (const pod of this.pendingOf(run)) if (pod.unschedulable) out.push(pod);
    return out;
  }

  /** Whether `pod` is one `unschedulablePods` lists now (Karpenter's requeue asks for one pod at a time). */
  isUnschedulable(pod: JobPod): boolean {
    return pod.unschedulable && this.queued.includes(pod.run) && this.pendingOf(pod.run).includes(pod);
  }

  // A queued run's pods still without a node, less the nominated one(s) (`IsPreempting`, `FilterOutExpendableAndSplit`:
  // cluster/nomination.ts): a gang waiting for its victims is nominated whole; a single pod waiting for victims is
  // the first unplaced one (placePods stops there).
  private pendingOf(run: JobRun): JobPod[] {
    const nominated = isPreempting(run.nominated);
    if (nominated && run.job.gang) return [];
    const out = run.pods.filter((p, k) => p.node === null && !run.podDone[k]);
    return nominated ? out.slice(1) : out;
  }

  /** Every priority level among queued jobs, highest first. */
  levels(): number[] {
    return [...new Set(this.queued.map((r) => r.job.priority))];
  }

  private nodesOf(run: JobRun): NodeRuntime[] {
    return this.pools[run.job.pool]!.nodes.filter((n) => n.state === NodeState.Ready);
  }

  /** All pods of a gang on nodes at once (LeastAllocated per pod on a scratch copy), preempting if needed; or nothing. */
  private placeGang(run: JobRun, now: number): void {
    if (waitsForVictims(run.nominated, run.job.priority, this.actions.priorityOf)) return; // wait for the victims to go
    // This attempt settles the nomination: a new one, or none (bound, or no candidate).
    run.nominated = NOT_NOMINATED;
    const nodes = this.nodesOf(run);
    const free = new Map(nodes.map((n) => [n, n.freeGpus]));
    const taken = new Set<Evictable>();
    const plan: NodeRuntime[] = [];
    const victims: Evictable[] = [];
    const units = run.job.unitsPerPod;
    for (let k = 0; k < run.job.pods; k++) {
      const node = leastAllocated(nodes, free, units);
      if (node !== null) {
        free.set(node, free.get(node)! - units);
        plan.push(node);
        continue;
      }
      if (!run.job.preempts) return;
      const pick = this.preemptionPick(nodes, free, taken, run.job.priority, units);
      if (pick === null) return;
      for (const v of pick.victims) {
        taken.add(v);
        victims.push(v);
      }
      free.set(pick.node, free.get(pick.node)! + pick.victims.reduce((s, v) => s + v.units, 0) - units);
      plan.push(pick.node);
    }
    const servingNodes = [...new Set(victims.flatMap((v) => (v.serving?.node ? [v.serving.node] : [])))];
    this.evict(victims, run, now);
    if (servingNodes.length > 0) {
      // Serving victims drain first: the gang binds when they are gone (its next scheduling pass).
      run.nominated = servingNodes;
      return;
    }
    plan.forEach((node, k) => this.bind(run.pods[k]!, node, now));
    this.startRun(run, now);
  }

  /** Non-gang: each pending pod on its own, like a kube-scheduler pod with PostFilter preemption. */
  private placePods(run: JobRun, now: number): void {
    if (waitsForVictims(run.nominated, run.job.priority, this.actions.priorityOf)) return;
    run.nominated = NOT_NOMINATED;
    const nodes = this.nodesOf(run);
    const units = run.job.unitsPerPod;
    for (let k = 0; k < run.pods.length; k++) {
      const pod = run.pods[k]!;
      if (pod.node !== null || run.podDone[k]) continue;
      const free = new Map(nodes.map((n) => [n, n.freeGpus]));
      let node = leastAllocated(nodes, free, units);
      if (node === null && run.job.preempts) {
        const pick = this.preemptionPick(nodes, free, new Set(), run.job.priority, units);
        if (pick === null) break;
        const serving = pick.victims.some((v) => v.serving !== null);
        this.evict(pick.victims, run, now);
        if (serving) {
          // Nominated: wait for the serving victims to drain before preempting for the next pod.
          run.nominated = [pick.node];
          break;
        }
        node = pick.node;
      }
      if (node === null) break;
      this.bind(pod, node, now);
      const done = run.podProgress[k]!;
      if (run.firstStart < 0) {
        run.firstStart = now;
        this.stats[run.index]!.waits.push(now - run.submittedAt);
      }
      run.state = 'running';
      const epoch = run.epoch;
      pod.startedAt = now;
      this.actions.schedule(now + run.job.durationSeconds - done, (t) => {
        if (run.epoch !== epoch || pod.node === null) return;
        run.podDone[k] = true;
        this.unbind(pod, t);
        if (run.podDone.every(Boolean)) this.finish(run, t);
        this.actions.capacityFreed(t);
      });
    }
    if (run.pods.every((p, k) => p.node !== null || run.podDone[k])) {
      this.dequeue(run);
      // Ready + succeeded ≥ parallelism: the Job's `PodsReady`.
      this.kueue?.podsReadyNow(run, now);
    }
  }

  /** The node upstream would preempt on, given planned free units and victims already taken in this plan. */
  private preemptionPick(nodes: readonly NodeRuntime[], free: ReadonlyMap<NodeRuntime, number>, taken: ReadonlySet<Evictable>, priority: number, units: number): { node: NodeRuntime; victims: Evictable[] } | null {
    const cands: { node: NodeRuntime; victims: Victims<Evictable> }[] = [];
    // The plan's victims already taken from a budget have used its allowed disruptions, as their evictions would.
    const allowed = (b: number): number => this.actions.disruptionsAllowed(b) - [...taken].filter((t) => t.budget === b).length;
    for (const node of nodes) {
      const pods = [...this.actions.servingOn(node), ...[...node.jobPods].map(evictableJob)].filter((p) => !taken.has(p) && ![...taken].some((t) => sameEvictable(t, p)));
      const victims = selectVictimsOnNode(priority, units, { free: free.get(node)!, pods }, allowed);
      if (victims !== null) cands.push({ node, victims });
    }
    const i = pickOneNodeForPreemption(cands.map((c) => c.victims));
    return i < 0 ? null : { node: cands[i]!.node, victims: cands[i]!.victims.pods };
  }

  /** Evicts preemption victims: serving pods through the simulation, job pods at once (their runs requeue). */
  evict(victims: readonly Evictable[], by: JobRun | string, now: number): void {
    const who = typeof by === 'string' ? by : by.job.name;
    for (const v of victims) {
      if (v.serving !== null) {
        this.actions.evictServing(v.serving, now);
        continue;
      }
      const pod = v.jobPod!;
      if (pod.node === null) continue;
      this.ledger.preempted[pod.run.job.team]! += 1;
      this.actions.event('job-preempted', pod.run.job.name, `by ${who}`, now);
      this.interrupt(pod, now);
    }
  }

  /**
   * A job pod lost its node (preempted, or the node failed): a gang stops and requeues, a single pod requeues.
   * `requeue` false when Kueue suspends the run (its Workload goes back to pending, not its pods to the scheduler).
   */
  interrupt(pod: JobPod, now: number, requeue = true): void {
    const run = pod.run;
    const st = this.stats[run.index]!;
    const ckpt = run.job.checkpointSeconds;
    const keep = (done: number): number => (ckpt === null ? 0 : Math.floor(done / ckpt + 1e-9) * ckpt);
    st.preemptions++;
    run.epoch++;
    if (run.job.gang) {
      const done = run.progress + (run.runningSince >= 0 ? now - run.runningSince : 0);
      const kept = keep(done);
      st.lostUnitSeconds += (done - kept) * run.units;
      run.progress = kept;
      run.runningSince = -1;
      for (const p of run.pods) if (p.node !== null) this.unbind(p, now);
      for (const p of run.pods) created(p, now);
    } else {
      const k = run.pods.indexOf(pod);
      const done = run.podProgress[k]! + (now - pod.startedAt);
      const kept = keep(done);
      st.lostUnitSeconds += (done - kept) * run.job.unitsPerPod;
      run.podProgress[k] = kept;
      this.unbind(pod, now);
      created(pod, now);
      // The other pods keep running; their completions were armed under the old epoch: re-arm them.
      run.pods.forEach((p, j) => {
        if (p.node === null || run.podDone[j]) return;
        const doneJ = run.podProgress[j]! + (now - p.startedAt);
        run.podProgress[j] = doneJ;
        p.startedAt = now;
        const epoch = run.epoch;
        this.actions.schedule(now + run.job.durationSeconds - doneJ, (t) => {
          if (run.epoch !== epoch || p.node === null) return;
          run.podDone[j] = true;
          this.unbind(p, t);
          if (run.podDone.every(Boolean)) this.finish(run, t);
          this.actions.capacityFreed(t);
        });
      });
    }
    if (!requeue) return;
    // Replacement pods pending: a workload that was PodsReady now waits for recovery.
    this.kueue?.podsNotReady(run, now);
    run.state = 'queued';
    if (!this.queued.includes(run)) this.enqueue(run);
    this.actions.capacityFreed(now);
  }

  private startRun(run: JobRun, now: number): void {
    this.dequeue(run);
    this.kueue?.podsReadyNow(run, now);
    run.state = 'running';
    run.runningSince = now;
    if (run.firstStart < 0) {
      run.firstStart = now;
      this.stats[run.index]!.waits.push(now - run.submittedAt);
    }
    const epoch = run.epoch;
    this.actions.schedule(now + run.job.durationSeconds - run.progress, (t) => {
      if (run.epoch !== epoch) return;
      for (const p of run.pods) this.unbind(p, t);
      this.finish(run, t);
      this.actions.capacityFreed(t);
    });
  }

  private finish(run: JobRun, now: number): void {
    run.state = 'done';
    run.epoch++;
    this.stats[run.index]!.completed++;
    if (this.kueue?.manages(run.job.team)) this.kueue.finished(run, now);
    else this.ledger.release(run.job.team, run.units, now);
    this.dequeue(run);
    this.admit(now);
  }

  private dequeue(run: JobRun): void {
    const i = this.queued.indexOf(run);
    if (i >= 0) this.queued.splice(i, 1);
  }

  /**
   * Job pods' GPU-seconds on their nodes since the last call: busy time in the fleet's GPU utilization, as DCGM reads a
   * GPU that a training or batch pod computes on while it runs (a shared cluster running a 24-GPU job beside one
   * serving replica read 0.1% utilization).
   */
  takeBusyGpuSeconds(now: number): number {
    this.accrueBusy(now);
    const seconds = this.busyGpuSeconds;
    this.busyGpuSeconds = 0;
    return seconds;
  }

  private accrueBusy(now: number): void {
    this.busyGpuSeconds += this.runningGpus * (now - this.busySince);
    this.busySince = now;
  }

  /** GPUs a pod of `run` holds, for utilization (0 on a CPU pool: its units are vCPUs). */
  private gpusOf(pod: JobPod): number {
    const pool = this.pools[pod.run.job.pool]!;
    return pool.config.unit === 'cpu' ? 0 : pod.units / pool.unitsPerGpu;
  }

  private bind(pod: JobPod, node: NodeRuntime, now: number): void {
    this.accrueBusy(now);
    this.runningGpus += this.gpusOf(pod);
    pod.node = node;
    pod.startedAt = now;
    node.gpusUsed += pod.units;
    node.jobPods.add(pod);
    recordPodEvent(node, now);
    this.ledger.bound(pod.run.job.team, pod.units / this.pools[pod.run.job.pool]!.unitsPerGpu, now);
  }

  private unbind(pod: JobPod, now: number): void {
    const node = pod.node;
    if (node === null) return;
    this.accrueBusy(now);
    this.runningGpus -= this.gpusOf(pod);
    node.gpusUsed -= pod.units;
    node.jobPods.delete(pod);
    recordPodEvent(node, now); // terminal (done) or terminating (evicted): a pod event either way
    pod.node = null;
    this.ledger.unbound(pod.run.job.team, pod.units / this.pools[pod.run.job.pool]!.unitsPerGpu, now);
  }

  /** Runs still waiting at `now`: admitted but not running, and quota-blocked. */
  waitingAt(now: number): { queued: number; quotaBlocked: number; oldestWaitSeconds: number } {
    const waiting = [...this.queued.filter((r) => r.state === 'queued' && r.firstStart < 0), ...this.blocked];
    return { queued: this.queued.length, quotaBlocked: this.blocked.length, oldestWaitSeconds: waiting.reduce((m, r) => Math.max(m, now - r.submittedAt), 0) };
  }
}

/** A new pod for a job (admission, or a replacement for one that lost its node): pending, not yet tried. */
function created(pod: JobPod, now: number): void {
  pod.createdAt = now;
  pod.unschedulable = false;
}

function evictableJob(p: JobPod): Evictable {
  return { priority: p.priority, units: p.units, startedAt: p.startedAt, serving: null, jobPod: p };
}

function sameEvictable(a: Evictable, b: Evictable): boolean {
  return (a.serving !== null && a.serving === b.serving) || (a.jobPod !== null && a.jobPod === b.jobPod);
}

/** LeastAllocated over planned free units (the highest share left free after placing; ties: oldest node). */
function leastAllocated(nodes: readonly NodeRuntime[], free: ReadonlyMap<NodeRuntime, number>, units: number): NodeRuntime | null {
  let best: NodeRuntime | null = null;
  let bestScore = -1;
  for (const n of nodes) {
    const f = free.get(n)!;
    if (f < units) continue;
    const score = n.gpus === 0 ? 0 : Math.trunc(((f - units) * 100) / n.gpus);
    if (score > bestScore || (score === bestScore && best !== null && n.uid < best.uid)) {
      best = n;
      bestScore = score;
    }
  }
  return best;
}
