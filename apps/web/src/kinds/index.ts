/**
 * The registry of canvas component kinds: one module per kind (kinds/<kind>/index.ts), in palette
 * (request-path) order. Generic code reads kinds only through `kindModules()` and `kindModule()`,
 * so adding a kind is one folder and one line here.
 */
import { cacheKind } from './cache/index.ts';
import { jobKind } from './job/index.ts';
import type { ComponentKindModule } from './kind-module.ts';
import { loadBalancerKind } from './load-balancer/index.ts';
import { nodePoolKind } from './node-pool/index.ts';
import { serviceKind } from './service/index.ts';
import { trafficKind } from './traffic/index.ts';
import { trainingKind } from './training/index.ts';

const BUILTIN_KINDS = {
  traffic: trafficKind,
  loadBalancer: loadBalancerKind,
  cache: cacheKind,
  service: serviceKind,
  job: jobKind,
  nodePool: nodePoolKind,
  training: trainingKind,
};

/** The component kinds of the palette (the registry's keys). */
export type ComponentKind = keyof typeof BUILTIN_KINDS;

let modules: readonly ComponentKindModule[] = Object.values(BUILTIN_KINDS);
let byKind = new Map<string, ComponentKindModule>(modules.map((m) => [m.kind, m]));

/** Every registered kind, in palette order. */
export function kindModules(): readonly ComponentKindModule[] {
  return modules;
}

/** The module of a kind. */
export function kindModule(kind: ComponentKind): ComponentKindModule {
  const m = byKind.get(kind);
  if (m === undefined) throw new Error(`no component kind "${kind}" is registered`);
  return m;
}

/** True when `value` names a registered kind (a palette drop carries it as text). */
export function isComponentKind(value: unknown): value is ComponentKind {
  return typeof value === 'string' && byKind.has(value);
}

/**
 * Registers one more kind after the built-in ones (a test's fake kind, proving a kind needs nothing
 * else); returns the function that removes it again.
 */
export function registerKind(module: ComponentKindModule): () => void {
  if (byKind.has(module.kind)) throw new Error(`component kind "${module.kind}" is registered already`);
  const set = (list: readonly ComponentKindModule[]) => {
    modules = list;
    byKind = new Map(list.map((m) => [m.kind, m]));
  };
  set([...modules, module]);
  return () => set(modules.filter((m) => m !== module));
}

export type { ComponentKindModule } from './kind-module.ts';
