/**
 * Calls as canvas edges, the format of a `calls` list (docs/scenario-format.md, "Service graph"):
 * the list stays the source of truth in the caller's document fragment; each call is drawn as an
 * edge from the caller to the callee's front node (what sits in front of it, else the callee),
 * labelled with what the call does. Editing the graph edits the list: a new edge between two
 * callers appends a call, deleting a call edge (or the callee) removes that call. Which kind makes
 * calls is its module's business (kinds/service/service-calls.ts); nothing here names a kind.
 */
import type { PathSegment } from '@design-sim/sim-core';
import { asArray, isObject, type PlainObject } from './doc-path.ts';
import type { DesignEdge } from './design-graph.ts';

/** Where a call sits in its caller's `calls`: step `step`, and inside a group its index `index`. */
export interface CallRef {
  step: number;
  /** Index inside a `parallel` or `choice` group; null for a single-call step. */
  index: number | null;
  group: 'single' | 'parallel' | 'choice';
}

/** What a call edge carries (absent on other edges). */
export interface CallEdgeData {
  /** Null for an edge just drawn on the canvas: `graphToScenario` appends `{ to }` for it. */
  ref: CallRef | null;
  /** The callee's name, as written. */
  to: string;
}

const CALL_PREFIX = 'call:';

/** True for the edges that stand for calls. */
export function isCallEdge(e: { id: string }): boolean {
  return e.id.startsWith(CALL_PREFIX);
}

/** The edge id of a call: stable while the caller's call list keeps its shape. */
export function callEdgeId(callerId: string, ref: CallRef): string {
  return `${CALL_PREFIX}${callerId}:${ref.step}${ref.index === null ? '' : `.${ref.index}`}`;
}

/** The id of a call edge drawn on the canvas and not yet written to the document. */
export function newCallEdgeId(callerId: string, calleeId: string): string {
  return `${CALL_PREFIX}${callerId}:new:${calleeId}`;
}

/** A step's group of calls (`parallel` or `choice`), or null for a single-call step. */
function groupOf(step: PlainObject): { group: 'parallel' | 'choice'; list: unknown[] } | null {
  if (Array.isArray(step.parallel)) return { group: 'parallel', list: step.parallel };
  if (Array.isArray(step.choice)) return { group: 'choice', list: step.choice };
  return null;
}

/** Each call of a `calls` list, with where it sits. Malformed entries are skipped (the inspector shows their issues). */
export function callsOf(calls: unknown): { ref: CallRef; call: PlainObject }[] {
  const out: { ref: CallRef; call: PlainObject }[] = [];
  asArray(calls).forEach((raw, step) => {
    if (!isObject(raw)) return;
    const g = groupOf(raw);
    if (g === null) return out.push({ ref: { step, index: null, group: 'single' }, call: raw });
    g.list.forEach((c, index) => {
      if (isObject(c)) out.push({ ref: { step, index, group: g.group }, call: c });
    });
  });
  return out;
}

/** The document path of a call inside its caller. */
export function callPath(callerPath: readonly PathSegment[], ref: CallRef): PathSegment[] {
  return ref.index === null ? [...callerPath, 'calls', ref.step] : [...callerPath, 'calls', ref.step, ref.group, ref.index];
}

function percent(p: unknown): string | null {
  if (typeof p === 'string') return p.trim().endsWith('%') ? p.trim() : null;
  if (typeof p === 'number' && p < 1) return `${Number((p * 100).toFixed(2))}%`;
  return null;
}

/** The edge label: what the call does, in a few words ("async", "30%", "parallel", "choice 60%", "timeout 2s ×2 retries"). */
export function callLabel(call: PlainObject, ref: CallRef): string {
  const parts: string[] = [];
  if (ref.group === 'parallel') parts.push('parallel');
  const share = percent(call.probability);
  if (ref.group === 'choice') parts.push(share === null ? 'choice' : `choice ${share}`);
  else if (share !== null) parts.push(share);
  if (call.async === true) parts.push('async');
  if (call.timeout !== undefined) parts.push(`timeout ${String(call.timeout)}`);
  if (typeof call.retries === 'number' && call.retries > 0) parts.push(`${call.retries} ${call.retries === 1 ? 'retry' : 'retries'}`);
  return parts.join(' · ');
}

/** A component that makes calls: its node id, its name (what a call's `to` names) and its `calls`. */
export interface Caller {
  id: string;
  name: unknown;
  calls: unknown;
}

/**
 * The call edges among `callers` (a kind's own nodes: the services). `front` maps a caller's node id
 * to the node its requests enter (what sits in front of it, or itself).
 */
export function callEdges(callers: readonly Caller[], front: ReadonlyMap<string, string>): DesignEdge[] {
  const idByName = new Map<string, string>();
  for (const c of callers) if (typeof c.name === 'string' && !idByName.has(c.name)) idByName.set(c.name, c.id);
  const edges: DesignEdge[] = [];
  for (const { id: caller, calls } of callers) {
    for (const { ref, call } of callsOf(calls)) {
      const to = typeof call.to === 'string' ? call.to : '';
      const callee = idByName.get(to);
      // A call to an unknown callee has no edge: the inspector shows the issue at its `to` field.
      if (callee === undefined) continue;
      const label = callLabel(call, ref);
      edges.push({
        id: callEdgeId(caller, ref),
        source: caller,
        target: front.get(callee) ?? callee,
        data: { implicit: false, call: { ref, to } },
        ...(label === '' ? {} : { label }),
      });
    }
  }
  return edges;
}

/**
 * A caller's `calls` after the canvas edited its edges: the calls whose edges were `removed` go (a group
 * left empty goes with them; no call left removes the key), and `added` callee names are appended as
 * single calls. Calls that have no edge (an unknown callee, being typed) are kept.
 */
export function editCalls(calls: unknown, removed: ReadonlySet<string>, callerId: string, added: readonly string[]): unknown {
  const steps = asArray(calls);
  const out: unknown[] = [];
  steps.forEach((raw, step) => {
    if (!isObject(raw)) return out.push(raw);
    const g = groupOf(raw);
    if (g === null) {
      if (!removed.has(callEdgeId(callerId, { step, index: null, group: 'single' }))) out.push(raw);
      return;
    }
    const left = g.list.filter((c, index) => !isObject(c) || !removed.has(callEdgeId(callerId, { step, index, group: g.group })));
    if (left.length === g.list.length) out.push(raw);
    else if (left.length > 0) out.push({ ...raw, [g.group]: left });
  });
  for (const to of added) out.push({ to });
  if (out.length === 0) return steps.length === 0 ? calls : undefined;
  return out;
}

/** Renames the callee `from` to `to` in a `calls` list (every form of step). */
export function renameCallee(calls: unknown, from: string, to: string): unknown {
  if (!Array.isArray(calls)) return calls;
  let changed = false;
  const fix = (c: unknown): unknown => {
    if (!isObject(c) || c.to !== from) return c;
    changed = true;
    return { ...c, to };
  };
  const out = calls.map((raw: unknown) => {
    if (!isObject(raw)) return raw;
    const g = groupOf(raw);
    return g === null ? fix(raw) : { ...raw, [g.group]: g.list.map(fix) };
  });
  return changed ? out : calls;
}
