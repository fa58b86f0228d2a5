/**
 * Unit conventions for the whole package, stated once.
 *
 * Every quantity is a plain `number` whose unit is in its name: `usdPerHour`, `nodeSeconds`, `memoryGB`,
 * `bf16DenseTflops`. Money is US dollars; time is seconds unless the name says hours or days; memory
 * is decimal gigabytes (1 GB = 1e9 bytes) because that is how NVIDIA and the clouds quote it, except
 * instance RAM, which the clouds quote in GiB (`memoryGiB`). TFLOPS are dense (no structured sparsity).
 */

/** Seconds in one hour. */
export const SECONDS_PER_HOUR = 3600;

/** Seconds in one day. */
export const SECONDS_PER_DAY = 86_400;

/** Billing hours in one month, the convention AWS, GCP and Azure price calculators use (365 × 24 / 12 = 730). */
export const HOURS_PER_MONTH = 730;

/** Floating-point operations per second in one TFLOPS. */
export const FLOPS_PER_TFLOPS = 1e12;

/** Bytes in one decimal gigabyte. */
export const BYTES_PER_GB = 1e9;
