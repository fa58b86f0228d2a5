/**
 * Simulated time inside the HPA is compared as integer MICROSECONDS.
 * Why: the upstream boundaries are exact (`After(now − window)` is exclusive, `Before(cutoff)` inclusive, §0.2),
 * and float seconds with a phase offset (e.g. 300.37 − 300) do not tie exactly; integers do, for any time
 * representable to 1 µs up to ~285 years.
 */
export type Micros = number;

/** Converts simulated seconds to integer microseconds (rounded to nearest). */
export function toMicros(seconds: number): Micros {
  return Math.round(seconds * 1e6);
}
