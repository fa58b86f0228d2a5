/**
 * Most visits held in flight (queued, in service or waiting on calls) at once. An overloaded design with
 * unbounded queues would otherwise keep every waiting request in memory: the request store keeps 97 bytes
 * of fields per slot and grows by doubling, so the limit reserves at most 2²¹ slots (203 MB; a whole CLI
 * process flooded to the limit peaks at about 400 MB RSS, docs/limits.md). Past it, new arrivals are
 * dropped and counted as dropped, and the run reports it. 2 M is λ·W at the 1 M QPS ceiling with 2 s in
 * flight: no design that keeps up reaches it.
 */
export const MAX_IN_FLIGHT_REQUESTS = 2_000_000;

/** The most memory the request store may reserve at MAX_IN_FLIGHT_REQUESTS (engine-limits.test.ts checks it). */
export const MAX_IN_FLIGHT_BYTES = 256 * 1024 * 1024;
