/**
 * Integer milli-unit arithmetic as the HPA does it on `resource.Quantity.MilliValue()` int64s (§1.3, §0.2).
 * Numbers stay plain doubles while exact (< 2^53); sums or products beyond that fall back to BigInt so that
 * memory metrics in milli-bytes (1 TiB ≈ 1.1e15 m) still divide exactly.
 */

/** A milli-unit integer: a number while exact, a bigint when it outgrew 2^53. */
export type MilliInt = number | bigint;

// A base-unit value within this relative distance of a milli integer is taken as that integer, so 1.1 cores is
// 1100m and not ceil(1100.0000000000002) = 1101m: the float is an artifact, the quantity in a manifest is decimal.
const DECIMAL_SNAP = 1e-9;

/**
 * Port of `Quantity.MilliValue()`: base units (cores, bytes, QPS…) to integer milli-units, rounding up like
 * `ScaledValue(Milli)` does for values finer than 1m.
 */
export function toMilli(value: number): number {
  const scaled = value * 1000;
  const nearest = Math.round(scaled);
  if (Math.abs(scaled - nearest) <= DECIMAL_SNAP * Math.max(1, Math.abs(scaled))) return nearest;
  return Math.ceil(scaled);
}

/** Whether `value` (base units) is a whole number of milli-units, as a decimal quantity (1.1 is 1100m, float error aside). */
export function isWholeMilli(value: number): boolean {
  const scaled = value * 1000;
  return Math.abs(scaled - Math.round(scaled)) <= DECIMAL_SNAP * Math.max(1, Math.abs(scaled));
}

/** Adds two milli integers exactly. */
export function addMilli(a: MilliInt, b: MilliInt): MilliInt {
  if (typeof a === 'number' && typeof b === 'number') {
    const s = a + b;
    if (Number.isSafeInteger(s)) return s;
  }
  return BigInt(a) + BigInt(b);
}

/** Multiplies two milli integers exactly. */
export function mulMilli(a: MilliInt, b: MilliInt): MilliInt {
  if (typeof a === 'number' && typeof b === 'number') {
    const p = a * b;
    if (Number.isSafeInteger(p)) return p;
  }
  return BigInt(a) * BigInt(b);
}

/**
 * Go's truncating int64 division `a / b`, returned as a number (the quotients the HPA uses — a percentage, an average
 * per pod — are far below 2^53). Exact for safe integers because a correctly rounded quotient of two integers
 * below 2^53 cannot round up across an integer.
 */
export function truncDiv(a: MilliInt, b: MilliInt): number {
  if (typeof a === 'number' && typeof b === 'number') return Math.trunc(a / b);
  return Number(BigInt(a) / BigInt(b));
}

/** `float64(x)` of a milli integer. */
export function milliToFloat(x: MilliInt): number {
  return Number(x);
}
