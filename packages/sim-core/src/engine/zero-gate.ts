import type { Pod } from './pod.ts';

/**
 * What stands in front of a service that scales to zero (a KEDA ScaledObject's interceptor, Knative's activator): a
 * request that finds no ready replica goes to it, waits, and is released when a replica is ready. `ServiceRuntime`
 * reads it only on those rare paths; the per-request path of other services does not see it.
 */
export interface ZeroGate {
  /** A request found no ready replica: it waits, or fails. */
  arrive(slot: number, now: number): void;
  /** A replica became ready: the waiting requests go to it. */
  podReady(pod: Pod, now: number): void;
  /** Calls `fn` with each waiting request. */
  forEach(fn: (slot: number) => void): void;
  /** Requests waiting. */
  readonly length: number;
}
