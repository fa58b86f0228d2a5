/**
 * Units convention for the whole core, documented once (STYLE.md §7):
 * simulated time and durations are SECONDS (float64); request latencies are reported in MILLISECONDS;
 * rates are per second; money is USD; utilizations are fractions 0..1 unless a name says Percent.
 * The brands make a unit mix-up a type error at the boundaries where it matters.
 */
declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

/** Simulated time or a duration, in seconds. */
export type Seconds = Brand<number, 'Seconds'>;
/** A latency in milliseconds. */
export type Ms = Brand<number, 'Ms'>;
/** Requests per second. */
export type Qps = Brand<number, 'Qps'>;
/** US dollars. */
export type Usd = Brand<number, 'Usd'>;
/** US dollars per hour. */
export type UsdPerHour = Brand<number, 'UsdPerHour'>;
/** Floating-point operations (a count, not a rate). */
export type Flops = Brand<number, 'Flops'>;

export const MS_PER_SECOND = 1000;
export const SECONDS_PER_HOUR = 3600;
export const SECONDS_PER_DAY = 86_400;
