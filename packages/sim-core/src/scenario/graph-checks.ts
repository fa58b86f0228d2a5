/**
 * Cross-service checks of a service graph: every call names a service, synchronous calls form no cycle
 * (A waits on B waits on A deadlocks), async cycles die out (each event makes fewer than one more on
 * average), and one request cannot fan out past MAX_VISITS_PER_REQUEST visits.
 */
import type { StepSpec } from './call-schema.ts';
import { callsOfStep } from './calls-of-step.ts';
import { formatInteger } from './describe-value.ts';
import { MAX_VISITS_PER_REQUEST } from './limits.ts';
import { suggestNearest } from './suggest.ts';

interface GraphService {
  name: string;
  calls?: StepSpec[] | undefined;
}

/** One problem, located under spec. */
export interface GraphIssue {
  path: (string | number)[];
  input: unknown;
  message: string;
  expected?: string;
  suggestion?: string;
}

export function checkServiceGraph(services: readonly GraphService[]): GraphIssue[] {
  const out: GraphIssue[] = [];
  const names = services.map((s) => s.name);
  const known = new Set(names);
  // Unknown callees and pools on async calls are reported first; the edges below leave the former out.
  services.forEach((svc, i) => {
    (svc.calls ?? []).forEach((step, k) => {
      const calls = callsOfStep(step);
      calls.forEach((c, j) => {
        const group = 'parallel' in step ? 'parallel' : 'choice' in step ? 'choice' : null;
        const path: (string | number)[] = group !== null ? ['services', i, 'calls', k, group, j, 'to'] : ['services', i, 'calls', k, 'to'];
        if (c.async && c.connections !== undefined) {
          out.push({ path: [...path.slice(0, -1), 'connections'], input: c.connections, message: 'an async call does not wait for a reply, so it holds no connection: a pool limits synchronous calls only', expected: 'no connections on an async call' });
          return;
        }
        if (!known.has(c.to)) {
          const suggestion = suggestNearest(c.to, names);
          out.push({ path, input: c.to, message: `no service named "${c.to}"`, expected: `one of ${names.join(' | ')}`, ...(suggestion === undefined ? {} : { suggestion }) });
        }
      });
    });
  });
  if (out.length > 0) return out;
  const edges = callEdges(services);

  // Synchronous cycles, found by depth-first search; the cycle is named in call order.
  const state = new Uint8Array(services.length); // 0 new, 1 on the stack, 2 done
  const stack: number[] = [];
  let cycle: number[] | null = null;
  const dfs = (v: number): void => {
    state[v] = 1;
    stack.push(v);
    for (const e of edges[v]!) {
      if (e.async || cycle) continue;
      if (state[e.to] === 1) cycle = [...stack.slice(stack.indexOf(e.to)), e.to];
      else if (state[e.to] === 0) dfs(e.to);
    }
    stack.pop();
    state[v] = 2;
  };
  for (let v = 0; v < services.length && !cycle; v++) if (state[v] === 0) dfs(v);
  if (cycle) {
    const c: number[] = cycle;
    const from = c[0]!;
    const step = (services[from]!.calls ?? []).findIndex((s) => callsOfStep(s).some((x) => x.to === names[c[1]!] && !x.async));
    out.push({
      path: ['services', from, 'calls', Math.max(0, step)],
      input: names[c[1]!],
      message: `synchronous calls form a cycle: ${c.map((i) => names[i]).join(' → ')} (each waits on the next forever); make one call async or remove it`,
    });
    return out;
  }

  // Worst-case visits of one request along synchronous calls (every call made, every retry used).
  const worst = new Float64Array(services.length).fill(-1);
  const visits = (v: number): number => {
    if (worst[v]! >= 0) return worst[v]!;
    let n = 1;
    const choices = new Map<number, number>();
    for (const e of edges[v]!) {
      if (e.async) continue;
      const m = e.attempts * visits(e.to);
      if (e.choice < 0) n += m;
      else choices.set(e.choice, Math.max(choices.get(e.choice) ?? 0, m));
    }
    for (const m of choices.values()) n += m;
    worst[v] = Math.min(n, WORST_VISITS_CAP);
    return worst[v]!;
  };
  // A service over the limit makes every synchronous caller over it too: report only the tops (no caller over
  // the limit), each naming how many services below it are over as well. A 50-service chain with retries
  // printed 46 errors, one per service, each saying the same thing.
  const over = services.map((_, v) => visits(v) > MAX_VISITS_PER_REQUEST);
  const below = services.map(() => false);
  over.forEach((o, v) => {
    if (o) for (const e of edges[v]!) if (!e.async && over[e.to]) below[e.to] = true;
  });
  over.forEach((o, v) => {
    if (!o || below[v]) return;
    const n = visits(v);
    // At the cap the count is only a bound: 50 services each calling the next twice make 2^50 - 1 visits, once said to be "up to 10^15".
    const count = n >= WORST_VISITS_CAP ? `more than ${formatInteger(WORST_VISITS_CAP)}` : `up to ${formatInteger(n)}`;
    const under = overBelow(edges, over, v).map((w) => `"${names[w]}"`);
    const also = under.length === 0 ? '' : `; ${under.length === 1 ? `so does ${under[0]!}, which it calls` : `so do ${under.length} services it calls (${under.length <= 3 ? under.join(', ') : `${under.slice(0, 2).join(', ')} … ${under.at(-1)!}`})`}`;
    out.push({ path: ['services', v, 'calls'], input: undefined, message: `one request to "${names[v]}" may make ${count} visits (calls × retries along the graph), above the limit of ${formatInteger(MAX_VISITS_PER_REQUEST)} (docs/limits.md)${also}: lower the fan-out or the retries` });
  });
  if (out.length > 0) return out;

  // Async cycles must die out: the expected visits of a request (every edge weighted by its probability) are finite.
  if (!visitFixedPoint(edges).diesOut) {
    const at = services.findIndex((_, s) => reaches(edges, s, s));
    out.push({ path: ['services', at, 'calls'], input: undefined, message: `calls through "${names[at]}" form a cycle that does not die out (each request makes on average at least one more): give the async call in the cycle a probability below 1` });
  }
  return out;
}

function reaches(edges: { to: number }[][], from: number, target: number): boolean {
  const seen = new Set<number>();
  const todo = edges[from]!.map((e) => e.to);
  while (todo.length > 0) {
    const v = todo.pop()!;
    if (v === target) return true;
    if (seen.has(v)) continue;
    seen.add(v);
    for (const e of edges[v]!) todo.push(e.to);
  }
  return false;
}

/** One call of the graph, from the service whose edge list holds it. */
export interface CallEdge {
  /** Index of the callee in the services list. */
  to: number;
  /** Share of requests that make the call. */
  p: number;
  async: boolean;
  /** 1 + retries: the most times one call can be sent. */
  attempts: number;
  /** The step index of a choice group (at most one of its calls is made), else -1. */
  choice: number;
}

/** The calls of each service as edges, by service index; a call to an unknown service is left out. */
export function callEdges(services: readonly GraphService[]): CallEdge[][] {
  const index = new Map(services.map((s, i) => [s.name, i]));
  return services.map((svc) =>
    (svc.calls ?? []).flatMap((step, k) => {
      const choice = 'choice' in step ? k : -1;
      return callsOfStep(step).flatMap((c) => {
        const to = index.get(c.to);
        return to === undefined ? [] : [{ to, p: c.probability, async: c.async, attempts: 1 + c.retries, choice }];
      });
    }),
  );
}

/** The services over the visit limit that `top` reaches by synchronous calls, in index order (itself left out). */
function overBelow(edges: readonly (readonly CallEdge[])[], over: readonly boolean[], top: number): number[] {
  const seen = new Set<number>([top]);
  const todo = [top];
  for (let v = todo.pop(); v !== undefined; v = todo.pop()) {
    for (const e of edges[v]!) {
      if (e.async || !over[e.to] || seen.has(e.to)) continue;
      seen.add(e.to);
      todo.push(e.to);
    }
  }
  seen.delete(top);
  return [...seen].sort((a, b) => a - b);
}

/** The cap on one request's worst-case visits as counted: past it the count is only "more than" this. */
const WORST_VISITS_CAP = 1e15;

/** The cap on one service's expected visits: past it the figure only says "too many". */
const VISITS_CAP = 1e15;

/**
 * Expected visits one request entering each service makes, itself included: the solution of
 * v = 1 + Σ probability × v[callee] over every call, synchronous and async alike (each visit is simulated
 * work; retries are left out, MAX_VISITS_PER_REQUEST bounds their worst case). Solved exactly, (I − P)v = 1
 * by Gaussian elimination (at most MAX_SERVICES unknowns), not by iterating: a cycle that dies out slowly
 * (an async call back with probability 0.9999: 10,000 passes on average) converges too slowly for any fixed
 * number of rounds and was reported as not dying out. `diesOut` is the exact test: the cycles die out
 * (P's spectral radius ρ below 1) exactly when this system has a positive solution. If ρ < 1, v = Σ Pᵏ1 ≥ 1.
 * If ρ ≥ 1, P's Perron left eigenvector y ≥ 0 (y ≠ 0) gives y·1 = y(I − P)v = (1 − ρ) y·v ≤ 0 for any v > 0,
 * which contradicts y·1 > 0. It is false too when a service's visits reach the cap.
 */
export function visitFixedPoint(edges: readonly (readonly Pick<CallEdge, 'to' | 'p'>[])[]): { visits: Float64Array; diesOut: boolean } {
  const n = edges.length;
  // Augmented rows [I − P | 1].
  const m = Array.from({ length: n }, (_, a) => {
    const row = new Float64Array(n + 1);
    row[a] = 1;
    row[n] = 1;
    for (const e of edges[a]!) row[e.to]! -= e.p;
    return row;
  });
  let singular = false;
  for (let c = 0; c < n && !singular; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    if (Math.abs(m[pivot]![c]!) < 1e-13) {
      singular = true;
      break;
    }
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    const rc = m[c]!;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / rc[c]!;
      if (f === 0) continue;
      const row = m[r]!;
      for (let k = c; k <= n; k++) row[k]! -= f * rc[k]!;
    }
  }
  const visits = new Float64Array(n);
  let diesOut = !singular;
  for (let a = 0; a < n; a++) {
    const x = singular ? VISITS_CAP : m[a]![n]! / m[a]![a]!;
    // In exact arithmetic every visit count is at least 1 (the request's own visit) when the cycles die out.
    if (!(x >= 1 - 1e-9) || x >= VISITS_CAP) diesOut = false;
    visits[a] = Number.isFinite(x) && x >= 1 ? Math.min(x, VISITS_CAP) : VISITS_CAP;
  }
  return { visits, diesOut };
}

/** Expected visits per request entering each service (visitFixedPoint), for a graph that passed `checkServiceGraph`. */
export function expectedVisits(services: readonly GraphService[]): Float64Array {
  return visitFixedPoint(callEdges(services)).visits;
}
