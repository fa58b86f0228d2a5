/**
 * The services' PodDisruptionBudgets as the cluster sees them now: each budget's status (the disruption controller's,
 * cluster/pod-disruption-budget.ts) computed from its service's pods, and the Eviction API's verdict on one pod.
 * A budget selects exactly its service's pods; its controller is the service's Deployment (spec.replicas).
 */
import { EvictedPodPhase, evictionAllowed, type PdbStatus, pdbStatus } from '../cluster/pod-disruption-budget.ts';
import { type Pod, PodState } from './pod.ts';
import type { ServiceRuntime } from './service-runtime.ts';

export class ServiceDisruptionBudgets {
  constructor(private readonly services: readonly ServiceRuntime[]) {}

  /** Whether any service has a budget (without one, evictions never wait). */
  get any(): boolean {
    return this.services.some((s) => s.config.disruptionBudget != null);
  }

  /** The status of the service's budget now; null when it has none. */
  status(service: number): PdbStatus | null {
    const svc = this.services[service]!;
    const spec = svc.config.disruptionBudget;
    if (spec == null) return null;
    let matching = 0;
    let healthy = 0;
    for (const p of svc.pods) {
      if (p.state === PodState.Gone) continue;
      matching++;
      // countHealthyPods: Ready and no deletion timestamp (a terminating pod is PodState.Terminating here).
      if (p.state === PodState.Ready) healthy++;
    }
    return pdbStatus(spec, { scale: svc.specReplicas, matching, healthy });
  }

  /** Every budget's status, by service index (the cluster autoscaler's `RemainingPdbTracker.SetPdbs`). */
  statuses(): Map<number, PdbStatus> {
    const out = new Map<number, PdbStatus>();
    this.services.forEach((_, i) => {
      const s = this.status(i);
      if (s !== null) out.set(i, s);
    });
    return out;
  }

  /** The Eviction API on this pod now: false is a 429 (its budget allows no disruption). */
  evictionAllowed(pod: Pod): boolean {
    return evictionAllowed(this.status(pod.service), phaseOf(pod));
  }
}

// Pod phase as the eviction handler reads it: Pending until its containers run (image pull included), then Running;
// Ready once its readiness passes. Loading the model is Running, not Ready.
function phaseOf(pod: Pod): EvictedPodPhase {
  if (pod.state === PodState.Pending || pod.state === PodState.Pulling || pod.state === PodState.Terminating || pod.state === PodState.Gone) return EvictedPodPhase.PendingOrTerminating;
  return pod.state === PodState.Ready ? EvictedPodPhase.Ready : EvictedPodPhase.Unready;
}
