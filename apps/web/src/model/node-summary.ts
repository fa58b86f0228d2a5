/**
 * The one-line description a canvas node shows of its own settings (before any run), e.g.
 * "7 replicas · 50 ms · HPA 7–70". Text only: values from files are never rendered as HTML.
 */
import { asArray, asObject, isObject, type PlainObject } from './doc-path.ts';
import type { ComponentKind } from './design-graph.ts';

/** Large counts read better as 7B, 2T than as 7000000000. */
function compact(n: number): string {
  for (const [unit, size] of [['T', 1e12], ['B', 1e9], ['M', 1e6]] as const) if (Math.abs(n) >= size) return `${Number((n / size).toPrecision(3))}${unit}`;
  return String(n);
}

const s = (v: unknown) => (v === undefined || v === null ? '?' : typeof v === 'object' ? '…' : typeof v === 'number' ? compact(v) : String(v));

function profileText(p: PlainObject): string {
  switch (p.type) {
    case 'constant':
      return `${s(p.qps)} req/s`;
    case 'step':
      return `${s(p.from)} → ${s(p.to)} req/s at ${s(p.at)}`;
    case 'ramp':
      return `ramp ${s(p.from)} → ${s(p.to)} req/s`;
    case 'spike':
      return `${s(p.base)} req/s, spike to ${s(p.peak)}`;
    case 'diurnal':
      return `daily ${s(p.min)}–${s(p.max)} req/s`;
    case 'points': {
      const qps = asArray(p.points).map((pt) => (Array.isArray(pt) ? pt[1] : asObject(pt).qps)).filter((q): q is number => typeof q === 'number');
      return qps.length > 0 ? `points ${Math.min(...qps)}–${Math.max(...qps)} req/s` : 'points';
    }
    default:
      return 'profile?';
  }
}

/** Open loop: its rate profile; closed loop: its users; trace: its file (run from the CLI). */
function trafficText(f: PlainObject): string {
  if (isObject(f.trace)) return `trace ${s(f.trace.file)} (CLI only)`;
  if (f.arrivals !== 'closed') return profileText(asObject(f.profile));
  const u = f.users;
  const users = !isObject(u) ? `${s(u)} users` : u.type === 'constant' ? `${s(u.users)} users` : profileText(u).replace(/req\/s/g, 'users');
  return `closed loop · ${users}`;
}

function latencyText(l: PlainObject): string {
  switch (l.distribution) {
    case 'constant':
      return `${s(l.ms)} ms`;
    case 'exponential':
      return `exp ${s(l.meanMs)} ms`;
    case 'lognormal':
      return `${s(l.p50Ms)}/${s(l.p99Ms)} ms p50/p99`;
    case 'empirical':
      return 'empirical latency';
    default:
      return 'latency?';
  }
}

/** "LLM · llama-3.1-8b · bf16": the model (or "custom model" for a shape) and its weight precision. */
function llmText(l: PlainObject): string {
  const model = typeof l.model === 'string' ? l.model : 'custom model';
  return `LLM · ${model} · ${typeof l.precision === 'string' ? l.precision : 'bf16'}`;
}

/** The title (name) and one-line description of a component. */
export function nodeSummary(kind: ComponentKind, f: PlainObject): { title: string; detail: string } {
  switch (kind) {
    case 'traffic':
      return { title: 'Traffic', detail: trafficText(f) };
    case 'loadBalancer':
      return { title: 'Load balancer', detail: s(f.routing) };
    case 'cache':
      return { title: 'Cache', detail: `hit ${s(f.hitRatio)} · ${s(f.latency)}` };
    case 'service': {
      // KEDA owns 0 ↔ 1 and drives the HPA for 1 ↔ N: the node shows the whole range it scales over.
      const keda = isObject(f.keda) ? ` · KEDA ${s(f.keda.minReplicaCount ?? 0)}–${isObject(f.hpa) ? s(f.hpa.maxReplicas) : 1}` : '';
      const hpa = keda !== '' ? keda : isObject(f.hpa) ? ` · HPA ${s(f.hpa.minReplicas ?? 1)}–${s(f.hpa.maxReplicas)}` : '';
      const replicas = f.replicas ?? (isObject(f.hpa) ? f.hpa.minReplicas : undefined) ?? 1;
      const serving = isObject(f.llm) ? llmText(f.llm) : latencyText(asObject(f.latency));
      return { title: s(f.name), detail: `${s(replicas)} replica${replicas === 1 ? '' : 's'} · ${serving}${hpa}` };
    }
    case 'nodePool': {
      // A Karpenter NodePool shows as such: its badge, instance types and capacity types instead of a node-group range.
      if (f.provisioner === 'karpenter' && isObject(f.karpenter)) {
        const k = f.karpenter;
        const types = Array.isArray(k.instanceTypes) ? k.instanceTypes.map((t) => String(t).split('/').pop()).join(', ') : '?';
        const capacity = Array.isArray(k.capacityTypes) ? k.capacityTypes.map(String).join(' + ') : 'on-demand';
        return { title: `${s(f.name)} · Karpenter`, detail: `${types} · ${capacity}` };
      }
      const type = typeof f.instance === 'string' ? f.instance.split('/').pop() : '?';
      const spot = f.spotShare !== undefined && f.spotShare !== 0 ? ` · spot ${s(f.spotShare)}` : '';
      return { title: s(f.name), detail: `${type} · ${s(f.minNodes ?? 0)}–${s(f.maxNodes)} nodes${spot}` };
    }
    case 'training': {
      const hw = f.instance !== undefined ? `${s(f.nodes)} × ${String(f.instance).split('/').pop()}` : `${s(f.gpus)} × ${s(f.gpu)}`;
      return { title: 'Training', detail: `${s(f.parameters)} params · ${s(f.tokens)} tokens · ${hw}` };
    }
  }
}
