/**
 * A manifest field's value that `kubectl apply` would refuse, as one located error (file:line:column, the object,
 * the field path, what was expected), never a silent default: before, `resources: [1, 2]` was read as no
 * resources and `minReplicas: "2"` as the default 1, exit 0. Types are checked against the schemas
 * (manifest-schema.ts); the ranges here are the API server's validation of the fields import reads.
 *
 * The rules are the API server's: it decodes JSON with Go's encoding/json rules (sigs.k8s.io/json), so a string
 * is never an int32 and a fraction is not one either ("cannot unmarshal number 2.5 into Go struct field … of type
 * int32"); `null` is an absent field. YAML is converted to JSON first (sigs.k8s.io/yaml), so `replicas: 3.0`
 * arrives as the number 3 and is accepted, as here.
 */
import type { PathSegment, SourceLocation } from '@design-sim/sim-core';
import { formatPath, printableName } from '@design-sim/sim-core';
import { CliError } from '../cli-error.ts';
import { parseQuantity } from './k8s-object.ts';

/** Where an object of a manifest is: its file, `Kind/name`, and a locator of paths inside it. */
export interface ObjectPlace {
  file: string;
  object: string;
  /** Source position of a path inside this object (relative to the object), or null (JSON, or not found). */
  locate: (path: readonly PathSegment[]) => SourceLocation | null;
}

const INT32_MAX = 2 ** 31 - 1;

/** A value as a message shows it: strings quoted, so `"2"` is told from `2`. */
function shown(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (Array.isArray(value)) return `a list (${JSON.stringify(value).slice(0, 40)})`;
  if (typeof value === 'object' && value !== null) return 'a mapping';
  // JSON has no infinity: an unquoted 1e400 (past a double, so Infinity) or .inf was shown as "got null".
  if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? 'NaN (.nan)' : `${value < 0 ? '-' : ''}infinity (a number past a double, such as 1e400 or .inf)`;
  return JSON.stringify(value) ?? String(value);
}

/** The located error for the field at `path` of `place`'s object. */
export function fieldError(place: ObjectPlace, path: readonly PathSegment[], expected: string, value: unknown): CliError {
  const at = place.locate(path);
  const where = `${printableName(place.file)}${at === null ? '' : `:${at.line}:${at.column}`}`;
  return new CliError(`${where} ${place.object} ${formatPath(path)}: expected ${expected}, got ${shown(value)}`);
}

/**
 * An int32 field at least `min` (the API's validation bound, named in `why`), or undefined when absent or null.
 */
export function int32At(place: ObjectPlace, path: readonly PathSegment[], value: unknown, min: number, why = ''): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= INT32_MAX) return value;
  const quoted = typeof value === 'string' ? ' (a number, not a quoted string: the API server refuses a string here)' : '';
  throw fieldError(place, path, `an integer from ${min} to ${INT32_MAX}${why === '' ? '' : ` (${why})`}${quoted}`, value);
}

/** A non-negative Kubernetes quantity (`2`, `500m`, `1.5Gi`), or undefined when absent or null. */
export function quantityAt(place: ObjectPlace, path: readonly PathSegment[], value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  const q = parseQuantity(value);
  if (q !== undefined && q >= 0) return q;
  throw fieldError(place, path, 'a non-negative Kubernetes quantity such as 2, 500m or 1.5', value);
}

/**
 * Refuses a quantity (a metric target, a KEDA threshold) that reads as 0 or below: the API server refuses such an
 * HPA target (`validateMetricTarget`, kubernetes pkg/apis/autoscaling/validation: "must be positive"); `why` says
 * whose rule it is. One it cannot read (past a double: "1e400") is left to the reader, which leaves it out with a note.
 */
export function refuseNonPositiveQuantityAt(place: ObjectPlace, path: readonly PathSegment[], value: unknown, why: string): void {
  const q = parseQuantity(value);
  if (q !== undefined && q <= 0) throw fieldError(place, path, `a positive quantity such as 5 or 500m (${why})`, value);
}
