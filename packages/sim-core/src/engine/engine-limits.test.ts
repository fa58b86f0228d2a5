/** The in-flight limit bounds memory: what the request store reserves at the limit stays within its budget. */
import { expect, it } from 'vitest';
import { MAX_IN_FLIGHT_BYTES, MAX_IN_FLIGHT_REQUESTS } from './engine-limits.ts';
import { RequestStore } from './request-store.ts';

/** Bytes of typed-array fields one slot of the store costs (every field, whatever the engineer adds). */
function bytesPerSlot(): number {
  const capacity = 16;
  const store = new RequestStore(capacity) as unknown as Record<string, unknown>;
  let bytes = 0;
  for (const v of Object.values(store)) if (ArrayBuffer.isView(v)) bytes += v.byteLength;
  return bytes / capacity;
}

it('the request store at MAX_IN_FLIGHT_REQUESTS reserves at most MAX_IN_FLIGHT_BYTES', () => {
  // Found by the audit: the limit was 10,000,000 on the belief of "about 25 bytes each"; a slot is 96 bytes and
  // the store doubles from 4,096, so 10 M in flight reserved 2²⁴ slots (1.6 GB; a flooded run peaked at 1.7 GB RSS).
  let capacity = 4096;
  while (capacity < MAX_IN_FLIGHT_REQUESTS) capacity *= 2;
  const perSlot = bytesPerSlot();
  expect(perSlot).toBeGreaterThan(0); // the fields were found
  expect(capacity * perSlot).toBeLessThanOrEqual(MAX_IN_FLIGHT_BYTES);
});
