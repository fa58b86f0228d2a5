/**
 * Whether a consolidation command (single- or multi-node) still holds after the validation delay, a port of
 * kubernetes-sigs/karpenter at 2266468104f36373ed002241afaee2d3bbc26078 pkg/controllers/disruption/validation.go
 * `validation.validateCommand`: the candidates' pods are simulated again on the cluster as it is now
 * (`SimulateScheduling`, no price filtering) and
 * - no new NodeClaim: valid only for a delete (a replace is dropped, "there is likely a better consolidation option
 *   now");
 * - one new NodeClaim: valid only for a replace whose instance types are a SUBSET of the types that fit now
 *   (`instanceTypesAreSubset`, by name: here the same pool and type indices); the command then launches its own
 *   types, not the new simulation's;
 * - more than one (null here): never valid.
 * The candidate checks that come before it (`validateCandidates`: still consolidatable, budget left) are the
 * controller's (karpenter-controller.ts).
 */
import type { ConsolidationCommand, RemovalSimulation } from './consolidation.ts';

export function commandStillHolds(cmd: ConsolidationCommand, now: RemovalSimulation): boolean {
  if (now === null) return false;
  if (!now.replacement) return cmd.kind === 'delete';
  if (cmd.kind !== 'replace' || cmd.pool !== now.pool) return false;
  const fits = new Set(now.types);
  return cmd.types.every((t) => fits.has(t));
}
