import type { EngineBatching } from './engine-config.ts';
import type { EventHeap } from './event-heap.ts';
import { type Pod, PodState } from './pod.ts';
import type { RequestStore } from './request-store.ts';
import type { RunStats } from './run-stats.ts';
import { type PodExecutor, podEventPayload } from './pod-executor.ts';
import type { ServiceRuntime } from './service-runtime.ts';

interface Batch {
  end: number;
  slots: number[];
}

/**
 * Triton-style dynamic batching on each pod: requests wait in the pod's queue; one of the pod's
 * `instances` (its concurrency) takes a batch when the queue reaches maxBatchSize or the oldest request
 * has waited maxQueueDelay; the whole batch finishes together after batchSeconds[b].
 * Its heap events are negative payloads: -1 - (uid·2 + kind), kind 0 = a batch done, 1 = delay timer.
 */
export class BatchExecutor implements PodExecutor {
  /** By pod uid (uids are small consecutive integers: arrays, not maps, on this per-request path). */
  private readonly running: (Batch[] | undefined)[] = [];
  /** When each pod's delay timer fires, -1 for none. */
  private readonly timerAt: number[] = [];

  constructor(
    private readonly cfg: EngineBatching,
    private readonly instances: number,
    private readonly heap: EventHeap,
    private readonly store: RequestStore,
    private readonly stats: RunStats,
    private readonly service: ServiceRuntime,
  ) {}

  /** New work is queued on `pod`: start a batch if one is due, else make sure a delay timer is set. */
  kick(pod: Pod, now: number): void {
    const batches = this.batchesOf(pod);
    while (batches.length < this.instances && pod.queue.length > 0) {
      this.service.dropExpired(pod.queue, now, pod);
      if (pod.queue.length === 0) break;
      // The same expression decides "not yet due" and arms the timer, so the timer's own firing always
      // finds the batch due (comparing now − arrival with the delay instead can differ by one rounding
      // step and re-arm the timer at the same instant forever).
      const due = this.store.start[pod.queue.peek()]! + this.cfg.maxQueueDelaySeconds;
      if (pod.queue.length < this.cfg.maxBatchSize && now < due) {
        this.armTimer(pod, due);
        return;
      }
      this.startBatch(pod, now, batches);
    }
  }

  private startBatch(pod: Pod, now: number, batches: Batch[]): void {
    const size = Math.min(this.cfg.maxBatchSize, pod.queue.length);
    const slots: number[] = [];
    for (let i = 0; i < size; i++) {
      const slot = pod.queue.shift();
      this.store.workStart[slot] = now;
      slots.push(slot);
    }
    const end = now + this.cfg.batchSeconds[size]!;
    if (pod.inService === 0) pod.busySince = now;
    pod.inService++;
    batches.push({ end, slots });
    this.heap.push(end, podEventPayload(pod.uid, 0));
  }

  private armTimer(pod: Pod, at: number): void {
    const current = this.timerAt[pod.uid] ?? -1;
    if (current >= 0 && current <= at) return;
    this.timerAt[pod.uid] = at;
    this.heap.push(at, podEventPayload(pod.uid, 1));
  }

  /** A negative heap payload fired. */
  onEvent(payload: number, now: number): void {
    const code = -1 - payload;
    const uid = code >> 1;
    const pod = this.podOf(uid);
    if (code & 1) {
      if (this.timerAt[uid] !== now) return; // superseded
      this.timerAt[uid] = -1;
      if (pod && !pod.killed) this.kick(pod, now);
      return;
    }
    const batches = this.running[uid];
    if (!batches || batches.length === 0 || !pod || pod.killed) return;
    let k = 0;
    for (let i = 1; i < batches.length; i++) if (batches[i]!.end < batches[k]!.end) k = i;
    // The earliest batch leaves; the others keep their order (it breaks ties between equal ends).
    const batch = batches[k]!;
    for (let i = k + 1; i < batches.length; i++) batches[i - 1] = batches[i]!;
    batches.pop();
    pod.inService--;
    if (pod.inService === 0) {
      pod.busySeconds += now - pod.busySince;
      pod.busySince = -1;
    }
    const slots = batch.slots;
    if (this.cfg.callsPerBatch && slots.length > 1) {
      pod.completions += slots.length;
      this.service.bump(pod, -slots.length);
      this.service.batchWorkDone(slots, now);
    } else {
      for (const slot of slots) {
        pod.completions++;
        this.service.bump(pod, -1);
        this.service.workDone(slot, now);
      }
    }
    if (pod.state === PodState.Terminating && pod.inService === 0 && pod.queue.length === 0) this.service.drained(pod, now);
    else this.kick(pod, now);
  }

  /** True when the pod has no batch running. */
  idle(pod: Pod): boolean {
    return this.batchesOf(pod).length === 0;
  }

  /** The pod died: return the slots of its running batches (to be retried) and forget them. */
  abandon(pod: Pod): number[] {
    const slots = this.batchesOf(pod).flatMap((b) => b.slots);
    this.running[pod.uid] = undefined;
    this.timerAt[pod.uid] = -1;
    return slots;
  }

  private batchesOf(pod: Pod): Batch[] {
    let b = this.running[pod.uid];
    if (!b) {
      b = [];
      this.running[pod.uid] = b;
    }
    return b;
  }

  private podOf(uid: number): Pod | undefined {
    return this.service.podByUid(uid);
  }
}
