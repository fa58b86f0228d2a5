/**
 * NodeClaim expiration, a port of kubernetes-sigs/karpenter at 2266468104f36373ed002241afaee2d3bbc26078
 * pkg/controllers/nodeclaim/expiration/controller.go `Controller.Reconcile`:
 * - no `spec.expireAfter` (the NodePool's `template.spec.expireAfter: Never`) → never expires;
 * - `expirationTime = CreationTimestamp + ExpireAfter`; while `clock.Now().Before(expirationTime)` the reconcile
 *   requeues after `expirationTime − now`, so the NodeClaim is deleted at exactly `expirationTime` (not strictly
 *   after it);
 * - a NodeClaim already being deleted (`DeletionTimestamp` set) is left alone.
 * The deletion is forceful: no disruption budget is consulted and no replacement is pre-spun (the disruption
 * controller's queue is not involved). The node termination controller (pkg/controllers/node/termination)
 * then taints and drains the node and deletes the instance; the provisioner schedules the pods of deleting
 * nodes like pending ones (provisioning/provisioner.go `Schedule`: `nodes.Deleting().CurrentlyReschedulablePods`;
 * karpenter-controller.ts `provision`), which matters when a PodDisruptionBudget holds the eviction back.
 * The default, `+kubebuilder:default:="720h"`, is pkg/apis/v1/nodeclaim.go `NodeClaimSpec.ExpireAfter`.
 */

/** `expireAfter`'s default, 720 h, in seconds. */
export const DEFAULT_EXPIRE_AFTER_SECONDS = 720 * 3600;

/** When a NodeClaim created at `createdAt` expires (s); Infinity when `expireAfter` is null (Never). */
export function expirationTime(createdAt: number, expireAfterSeconds: number | null): number {
  return expireAfterSeconds === null ? Infinity : createdAt + expireAfterSeconds;
}

/** `!clock.Now().Before(expirationTime)`: expired at and after the expiration time. */
export function isExpired(now: number, createdAt: number, expireAfterSeconds: number | null): boolean {
  return !(now < expirationTime(createdAt, expireAfterSeconds));
}
