// sim-core's scenario parser in a chunk of its own: with it come zod and the whole scenario schema,
// a third of the app's code, which the first screen never needs (load-design.ts loads it on first use).
export { parseScenarioText } from '@design-sim/sim-core';
