/**
 * The search space of the fields a user chose to vary: each dimension's capacity order is judged on the
 * user's scenario (a service's replicas are monotone only without an HPA). One function for every host:
 * the CLI builds its `--vary` specs into it, the web app its Optimize panel's rows.
 */
import type { PathSegment } from '../scenario/scenario-issue.ts';
import { formatPath } from '../scenario/scenario-issue.ts';
import type { Scenario } from '../scenario/scenario-schema.ts';
import { fieldCapacity, linkedCapacity } from './monotone-fields.ts';
import type { SearchSpace } from './search-space.ts';

/** One varied field, or several fields that take each value together. */
export interface VariedField {
  /** As the user named it (the table column). */
  label: string;
  /** Every scenario path the values go to. */
  paths: readonly (readonly PathSegment[])[];
  values: readonly unknown[];
}

/** The search space of `fields` over `scenario`; a dimension whose values are not all numbers is enumerated. */
export function buildSearchSpace(scenario: Scenario, fields: readonly VariedField[]): SearchSpace {
  return {
    dimensions: fields.map((s) => {
      const capacity = linkedCapacity(s.paths.map((p) => fieldCapacity(p, scenario)));
      const numeric = s.values.every((v) => typeof v === 'number');
      const direction = numeric ? capacity.direction : null;
      const reason = numeric || capacity.direction === null ? capacity.reason : 'its values are not all numbers';
      return { label: s.label, paths: s.paths.map(formatPath), values: [...s.values], capacity: direction, reason };
    }),
  };
}
