/**
 * Most requests held in flight (queued or in service) at once. An overloaded design with unbounded
 * queues would otherwise keep every waiting request in memory (about 25 bytes each, plus queue slots);
 * past this, new arrivals are dropped and counted as dropped, and the run reports it (docs/limits.md).
 */
export const MAX_IN_FLIGHT_REQUESTS = 10_000_000;
