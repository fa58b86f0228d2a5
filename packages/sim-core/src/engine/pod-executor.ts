import type { Pod } from './pod.ts';

/**
 * How a pod turns queued requests into work, for executors other than the built-in per-request one
 * (dynamic batching, the token-level LLM model). Requests are routed onto `pod.queue`; the executor
 * takes them from there and owns its heap events (negative payloads: -1 - (pod uid · 2 + kind)).
 */
export interface PodExecutor {
  /** Work was queued on the pod, or capacity freed: start what can start. */
  kick(pod: Pod, now: number): void;
  /** One of this executor's heap events fired. */
  onEvent(payload: number, now: number): void;
  /** True when nothing is running on the pod. */
  idle(pod: Pod): boolean;
  /** The pod died: the slots of requests it was running (to be retried), and forget its state. */
  abandon(pod: Pod): number[];
  /** KV-cache (or other memory) in use on the pod, 0..1, for metrics; undefined when not modelled. */
  memoryUtilization?(pod: Pod): number;
  /** Requests the executor holds on the pod outside its queue, waiting to run (paged KV's preempted sequences); 0 when none. */
  waitingOn?(pod: Pod): number;
  /** Token-level executors: each running request that has not produced its first token yet. */
  forEachWithoutFirstToken?(pod: Pod, fn: (slot: number) => void): void;
}

/** The heap payload of a pod event. */
export function podEventPayload(uid: number, kind: 0 | 1): number {
  return -1 - (uid * 2 + kind);
}
