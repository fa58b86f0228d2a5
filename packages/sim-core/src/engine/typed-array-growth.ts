/** The typed arrays the engine's stores keep one field each in. */
export type FieldArray = Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array;

/** A copy of `a` with room for `length` entries (the added ones 0): how a store grows its fields. */
export function widened<T extends FieldArray>(a: T, length: number): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a);
  return b;
}
