/**
 * How much simulation a serving run is, in request-equivalents, before it starts: the one figure the request limit
 * (MAX_EXPECTED_REQUESTS) and the slow-run warning (WARN_EXPECTED_REQUESTS) read. A request that makes calls costs
 * more than one that does not: each visit past the first takes a slot, a route, a network hop and a reply.
 */
import { trafficIntegral } from './traffic-rate.ts';

/**
 * What one visit past a request's first costs, in requests' simulation. Measured with the CLI on the development
 * machine (2 cores, load 3.6–7; `/usr/bin/time`): one service at 2,000 QPS for 1 h ran 7.2 M requests in 2.6 s
 * (0.36 µs each); the same rate through a two-service chain, 7.2 M visits in 4.1 s (1.14 µs a request: 1 + 2.2 ×
 * 1); a 64 × 64 parallel fan-out (4,161 visits a request), 6,000 requests in 21 s (3.5 ms a request: 1 + 2.3 ×
 * 4,160). Counting each visit as one request, as before, let a legal fan-out run for 13 minutes (216,000
 * requests × 4,161 = 9 × 10⁸ visits, under the limit and without the slow-run warning).
 */
export const VISIT_COST_IN_REQUESTS = 2.5;

/** The request-equivalents of `requests` that each make `visits` visits on average (1 = no calls). */
export function requestEquivalents(requests: number, visits: number): number {
  return requests * (1 + VISIT_COST_IN_REQUESTS * Math.max(0, visits - 1));
}

/** One traffic source as the run's work sees it: its profile, its target's index, and its path under spec. */
export interface WorkSource {
  profile: Parameters<typeof trafficIntegral>[0] | undefined;
  /** Index of the target service. */
  target: number;
  path: (string | number)[];
}

/** The run's expected work: requests, service visits, request-equivalents, and the source with the most. */
export interface RunWork {
  requests: number;
  visits: number;
  work: number;
  /** Path of the source that brings the most work (where an issue about the total is located), or null. */
  heaviest: (string | number)[] | null;
}

/**
 * Sums each source's requests (the exact integral of its profile over `duration`) and their visits, given the
 * expected visits per request entering each service (`visitsPerService`, null without a checked graph: 1 each).
 */
export function runWork(sources: readonly WorkSource[], duration: number, visitsPerService: ArrayLike<number> | null): RunWork {
  let requests = 0;
  let visits = 0;
  let work = 0;
  let heaviest: { path: (string | number)[]; work: number } | null = null;
  for (const s of sources) {
    if (s.profile === undefined) continue;
    const r = trafficIntegral(s.profile, 0, duration);
    const v = visitsPerService?.[s.target] ?? 1;
    const w = requestEquivalents(r, v);
    requests += r;
    visits += r * v;
    work += w;
    if (heaviest === null || w > heaviest.work) heaviest = { path: s.path, work: w };
  }
  return { requests, visits, work, heaviest: heaviest?.path ?? null };
}
