// The calls of a step of `services[].calls`; apart from the schema (call-schema.ts) so that compiling a parsed scenario loads no zod.
import type { CallSpec, StepSpec } from './call-schema.ts';

/** The calls of a step, whatever its form. */
export function callsOfStep(step: StepSpec): CallSpec[] {
  return 'parallel' in step ? step.parallel : 'choice' in step ? step.choice : [step];
}
