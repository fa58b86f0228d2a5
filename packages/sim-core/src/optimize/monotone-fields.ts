/**
 * Which scenario fields add capacity monotonically, so that a search may bisect them instead of trying
 * every value. "Monotone" means: in the simulator, moving the field toward more capacity never makes
 * an expectation on latency, availability or drops harder to meet (with the same seed). This is a
 * modelling claim about the engine, stated field by field with its reason, and checked against the
 * full grid in optimize.test.ts; near a boundary, seed noise can still break it by one step.
 */
import type { PathSegment } from '../scenario/scenario-issue.ts';
import type { Scenario } from '../scenario/scenario-schema.ts';
import type { CapacityDirection } from './search-space.ts';

/** A field's direction, or null with the reason it is searched value by value. */
export interface FieldCapacity {
  direction: CapacityDirection | null;
  reason: string;
}

type Rule = (path: readonly PathSegment[], scenario: Scenario) => FieldCapacity | undefined;

const at = (path: readonly PathSegment[], shape: readonly (string | 'N')[]): boolean =>
  path.length === shape.length && shape.every((s, i) => (s === 'N' ? typeof path[i] === 'number' : path[i] === s));

const RULES: readonly Rule[] = [
  (p, s) => {
    if (!at(p, ['spec', 'services', 'N', 'replicas'])) return undefined;
    const svc = s.spec.services[p[2] as number];
    if (svc?.hpa !== undefined) return { direction: null, reason: 'the service has an HPA, so replicas is only its starting count' };
    return { direction: 'up', reason: 'a fixed fleet: one more replica is one more server for the same traffic' };
  },
  (p) => (at(p, ['spec', 'services', 'N', 'concurrency']) ? { direction: 'up', reason: 'more slots per replica, each at the same service time' } : undefined),
  (p) => (at(p, ['spec', 'services', 'N', 'hpa', 'minReplicas']) ? { direction: 'up', reason: 'a higher floor only adds replicas' } : undefined),
  (p) => (at(p, ['spec', 'services', 'N', 'hpa', 'maxReplicas']) ? { direction: 'up', reason: 'a higher ceiling only allows more replicas' } : undefined),
  (p) =>
    at(p, ['spec', 'services', 'N', 'hpa', 'metrics', 'N', 'target'])
      ? { direction: 'down', reason: 'a lower per-replica target makes the HPA ask for more replicas' }
      : undefined,
  (p) =>
    at(p, ['spec', 'nodePools', 'N', 'minNodes']) || at(p, ['spec', 'nodePools', 'N', 'maxNodes']) || at(p, ['spec', 'nodePools', 'N', 'initialNodes'])
      ? { direction: 'up', reason: 'more nodes only leave room for more pods' }
      : undefined,
  (p) => (at(p, ['spec', 'nodePools', 'N', 'spotShare']) ? { direction: 'down', reason: 'fewer spot nodes mean fewer interruptions' } : undefined),
];

/** How `path` moves capacity in `scenario` (the scenario decides, e.g., whether replicas is fixed). */
export function fieldCapacity(path: readonly PathSegment[], scenario: Scenario): FieldCapacity {
  for (const rule of RULES) {
    const r = rule(path, scenario);
    if (r !== undefined) return r;
  }
  return { direction: null, reason: 'no known order: every value is tried' };
}

/** Several fields varied together are monotone only when every one of them moves capacity the same way. */
export function linkedCapacity(fields: readonly FieldCapacity[]): FieldCapacity {
  const first = fields[0];
  if (first === undefined) return { direction: null, reason: 'no field' };
  const odd = fields.find((f) => f.direction === null || f.direction !== first.direction);
  if (odd !== undefined) return odd.direction === null ? odd : { direction: null, reason: 'the fields varied together move capacity in opposite directions' };
  return first;
}
