/**
 * The default example (default-example-file.ts's DEFAULT_EXAMPLE) as the scenario the simulator's worker
 * parses from its document, validated at build time with the worker's own check
 * (scripts/example-scenario-plugin.ts): the worker's first run on a first visit starts the engine on it
 * without loading zod, sim-core's schema or the `yaml` library (worker/example-first-run.ts).
 */
import scenario from '../../../../content/autoscaling-100-to-1000-qps.yaml?scenario';
import type { Scenario } from '@design-sim/sim-core';

/** content/autoscaling-100-to-1000-qps.yaml, parsed and checked (no issue, no warning) at build time. */
export const DEFAULT_EXAMPLE_SCENARIO: Scenario = scenario;
