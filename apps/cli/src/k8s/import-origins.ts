/**
 * Where each field of an imported scenario came from: the manifest object and its field. The imported text is never
 * on disk (nothing is written when it is invalid), so an issue the scenario's checks find in it is told at the
 * manifest field it was read from: `gpusPerReplica` at the container's `resources.limits["nvidia.com/gpu"]`, an
 * HPA's `maxReplicas` at that HPA's `spec.maxReplicas`. Before, every such issue named the Deployment and the
 * scenario's path ("Deployment/api spec.services[0].hpa.maxReplicas: must be at most 10000 (in the imported
 * scenario)"), so a reader looked for the field in the wrong object and under a name the manifest does not have.
 */
import { formatPath, parsePath, type PathSegment, type ScenarioIssue } from '@design-sim/sim-core';
import type { ObjectPlace } from './manifest-fields.ts';

/** One field (or whole object, `field` []) of a manifest that a scenario path was made from. */
export interface FieldOrigin {
  /** The scenario path it became, from the top (`['spec', 'services', 0, 'gpusPerReplica']`). */
  scenario: readonly PathSegment[];
  place: ObjectPlace;
  /** The manifest field, relative to the object; [] for the object as a whole. */
  field: readonly PathSegment[];
}

const startsWith = (path: readonly PathSegment[], prefix: readonly PathSegment[]): boolean => prefix.length <= path.length && prefix.every((s, k) => s === path[k]);

/** The origin of `path`: the recorded one with the longest scenario path that `path` starts with, else undefined. */
export function originOf(origins: readonly FieldOrigin[], path: readonly PathSegment[]): FieldOrigin | undefined {
  let best: FieldOrigin | undefined;
  for (const o of origins) if (startsWith(path, o.scenario) && (best === undefined || o.scenario.length > best.scenario.length)) best = o;
  return best;
}

/**
 * `issue` (found in the imported scenario) located at the manifest field its value came from, the scenario's path
 * kept in the message; undefined when no recorded origin covers its path.
 */
export function atManifestField(issue: ScenarioIssue, origins: readonly FieldOrigin[]): ScenarioIssue | undefined {
  const path = parsePath(issue.path);
  const origin = path === undefined ? undefined : originOf(origins, path);
  if (origin === undefined) return undefined;
  const at = origin.place.locate(origin.field);
  return {
    ...issue,
    file: origin.place.file,
    line: at?.line ?? null,
    column: at?.column ?? null,
    path: origin.field.length === 0 ? origin.place.object : `${origin.place.object} ${formatPath(origin.field)}`,
    message: `${issue.message} (${issue.path} of the imported scenario)`,
  };
}
