/**
 * A scenario's Karpenter pool (`provisioner: karpenter`) as the Karpenter v1 NodePool a team applies, and back.
 *
 * Field names, defaults and patterns are upstream's, read at kubernetes-sigs/karpenter commit
 * 2266468104f36373ed002241afaee2d3bbc26078: `pkg/apis/v1/nodepool.go` (NodePoolSpec: template, disruption, limits,
 * weight, replicas; Disruption: consolidateAfter `^(([0-9]+(s|m|h))+|Never)$`, consolidationPolicy, budgets; Budget:
 * nodes, reasons, schedule, duration; NodeClaimTemplateSpec: expireAfter, terminationGracePeriod `^([0-9]+(s|m|h))+$`,
 * optional), `pkg/apis/v1/nodeclaim.go` (requirements, taints, nodeClassRef {group, kind, name}), `pkg/apis/v1/labels.go` (capacity-type, WellKnownLabels incl. topology.kubernetes.io/region and zone).
 * `limits.nodes` is a real limit there, not only for static pools: every node's capacity counts `nodes: 1`
 * (`pkg/controllers/state/statenode.go`, `resources.Node` = "nodes" in `pkg/utils/resources/resources.go`) and
 * `Provisioner.Create` refuses a launch when `Limits.ExceededBy` (`pkg/controllers/provisioning/provisioner.go`).
 *
 * No EC2NodeClass / AKSNodeClass is written: the NodePool only references one by name (nodeClassRef is required, the
 * object is not), and its role, subnets, security groups and AMIs are the cluster's; the export notes say to create it.
 */
import { getInstance, listInstances } from '@design-sim/cost-model';
import { cloudOf, DEFAULT_START_DATE, formatDuration, MAX_NODES, type Scenario } from '@design-sim/sim-core';
import { GPU_RESOURCE, goDuration, parseGoDuration, parseQuantity, toQuantity, type K8sObject } from './k8s-object.ts';
import { INSTANCE_TYPE_LABEL, KARPENTER_CAPACITY_TYPE, KARPENTER_NODE_CLASS } from './node-pool-labels.ts';

type Obj = Record<string, unknown>;
type Pool = Scenario['spec']['nodePools'][number];

/** Marks a NodePool written from a `provisioner: karpenter` pool, so import reads it back as one without the ConfigMap. */
export const PROVISIONER_ANNOTATION = 'design-sim.io/provisioner';
/** Well-known topology labels (kubernetes.io/docs/reference/labels-annotations-taints). */
export const REGION_LABEL = 'topology.kubernetes.io/region';
export const ZONE_LABEL = 'topology.kubernetes.io/zone';
/** Karpenter's node-count limit key (`resources.Node`). */
const NODES_LIMIT = 'nodes';

/** The NodePool for a Karpenter pool; `notes` gets what the user must do or know. */
export function karpenterNodePool(pool: Pool, scenario: Scenario, notes: string[]): K8sObject {
  const k = pool.karpenter;
  if (k === undefined) throw new Error(`node pool ${pool.name}: provisioner karpenter without a karpenter block`);
  const asOf = scenario.spec.catalogDate === undefined ? {} : { asOf: scenario.spec.catalogDate };
  const insts = k.instanceTypes.map((id) => getInstance(id, asOf));
  const cloud = cloudOf(k.instanceTypes[0] ?? '');
  const nodeClass = KARPENTER_NODE_CLASS[cloud];
  if (nodeClass === undefined) throw new Error(`node pool ${pool.name}: Karpenter has no provider for ${cloud} (only aws and azure): this Karpenter pool cannot be exported`);
  const regions = [...new Set(insts.map((i) => i.region))];
  const gpu = (insts[0]?.gpuCount ?? 0) > 0;
  const ref = `NodePool/${pool.name}`;
  notes.push(`${ref}: nodeClassRef names the ${nodeClass.kind} "${pool.name}" (not written: its role, subnets, security groups and images are your cluster's): create it`);
  if (k.limits.nodes === undefined && pool.maxNodes < MAX_NODES) {
    notes.push(`${ref}: maxNodes ${pool.maxNodes} is the simulation's cap, not a NodePool limit (set karpenter.limits.nodes to write limits.nodes); kept in the design-sim ConfigMap`);
  }
  if (pool.stockouts.length > 0 || pool.spot !== undefined) notes.push(`${ref}: stock-outs and spot interruptions are simulation inputs, not NodePool fields: kept in the design-sim ConfigMap`);
  const after = k.disruption.consolidateAfter;
  // The CRD pattern takes whole s/m/h only: a fractional consolidateAfter is written to the second.
  if (after !== null && !Number.isInteger(after)) notes.push(`${ref}: consolidateAfter ${formatDuration(after)} written as ${goDuration(Math.round(after))} (whole seconds only)`);
  const grace = k.terminationGracePeriod;
  if (grace !== undefined && !Number.isInteger(grace)) notes.push(`${ref}: terminationGracePeriod ${formatDuration(grace)} written as ${goDuration(Math.round(grace))} (whole seconds only)`);
  const limits: Record<string, string> = {};
  // karpenter.limits.gpus counts vCPUs on a CPU pool (karpenter-schema.ts).
  if (k.limits.gpus !== undefined) limits[gpu ? GPU_RESOURCE : 'cpu'] = toQuantity(k.limits.gpus);
  if (k.limits.nodes !== undefined) limits[NODES_LIMIT] = toQuantity(k.limits.nodes);
  return {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodePool',
    metadata: { name: pool.name, labels: { 'app.kubernetes.io/part-of': scenario.metadata.name }, annotations: { [PROVISIONER_ANNOTATION]: 'karpenter' } },
    spec: {
      template: {
        ...(k.nodeAnnotations === undefined ? {} : { metadata: { annotations: { ...k.nodeAnnotations } } }),
        spec: {
          nodeClassRef: { ...nodeClass, name: pool.name },
          requirements: [
            { key: INSTANCE_TYPE_LABEL, operator: 'In', values: insts.map((i) => i.type) },
            { key: KARPENTER_CAPACITY_TYPE, operator: 'In', values: [...k.capacityTypes] },
            // The catalog ids carry a region; a NodePool runs in its cluster's, and says so to map the types back.
            { key: REGION_LABEL, operator: 'In', values: regions },
            ...(k.zones === undefined ? [] : [{ key: ZONE_LABEL, operator: 'In', values: [...k.zones] }]),
          ],
          // As for every exported GPU pool: GPU nodes are tainted so that only pods tolerating it (GPU pods) land there.
          ...(gpu ? { taints: [{ key: GPU_RESOURCE, effect: 'NoSchedule' }] } : {}),
          expireAfter: k.expireAfter === null ? 'Never' : goDuration(Math.round(k.expireAfter)),
          ...(grace === undefined ? {} : { terminationGracePeriod: goDuration(Math.round(grace)) }),
        },
      },
      ...(Object.keys(limits).length === 0 ? {} : { limits }),
      ...(k.weight === undefined ? {} : { weight: k.weight }),
      disruption: {
        consolidationPolicy: k.disruption.consolidationPolicy,
        consolidateAfter: after === null ? 'Never' : goDuration(Math.round(after)),
        budgets: k.disruption.budgets.map((b) => ({
          nodes: 'percent' in b.nodes ? `${b.nodes.percent}%` : String(b.nodes.count),
          ...(b.reasons === undefined ? {} : { reasons: [...b.reasons] }),
          // The CRD's duration takes hours and minutes only: 0 is "0m", not Go's "0s".
          ...(b.schedule === undefined || b.duration === undefined ? {} : { schedule: b.schedule, duration: b.duration === 0 ? '0m' : goDuration(b.duration) }),
        })),
      },
    },
  };
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const obj = (v: unknown): Obj => (isObj(v) ? v : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Fields read, per object path; anything else is reported at its path and ignored. */
const READ: Readonly<Record<string, readonly string[]>> = {
  spec: ['template', 'limits', 'disruption', 'weight'],
  'spec.template': ['spec', 'metadata'],
  'spec.template.metadata': ['annotations'],
  'spec.template.spec': ['requirements', 'nodeClassRef', 'taints', 'expireAfter', 'terminationGracePeriod'],
  'spec.disruption': ['consolidationPolicy', 'consolidateAfter', 'budgets'],
};

/**
 * A NodePool as `spec.nodePools[]` fields (input form) of a Karpenter pool, or undefined when no instance type in it
 * is in the catalog. `known` is the pool's instance from the design-sim ConfigMap, if any. Every field design-sim
 * does not simulate is reported through `note` with its path.
 */
export function readKarpenterNodePool(o: Obj, known: string | undefined, note: (message: string) => void): { karpenter: Obj; instance?: string } | undefined {
  const s = obj(o.spec);
  const at = (path: string, v: Obj) => {
    for (const f of Object.keys(v)) if (!(READ[path] ?? []).includes(f)) note(`${path}.${f}: not simulated: ignored`);
  };
  at('spec', s);
  at('spec.template', obj(s.template));
  at('spec.template.metadata', obj(obj(s.template).metadata));
  const t = obj(obj(s.template).spec);
  at('spec.template.spec', t);
  const group = String(obj(t.nodeClassRef).group ?? '');
  const cloud = Object.entries(KARPENTER_NODE_CLASS).find(([, c]) => c.group === group)?.[0];
  const values: Record<string, string[]> = {};
  list(t.requirements).forEach((r, i) => {
    const q = obj(r);
    const key = String(q.key);
    if (q.operator === 'In' && q.minValues === undefined && [INSTANCE_TYPE_LABEL, KARPENTER_CAPACITY_TYPE, REGION_LABEL, ZONE_LABEL].includes(key)) values[key] = list(q.values).map(String);
    else note(`spec.template.spec.requirements[${i}] (${key} ${String(q.operator)}${q.minValues === undefined ? '' : ', minValues'}): design-sim reads In on ${INSTANCE_TYPE_LABEL}, ${KARPENTER_CAPACITY_TYPE}, ${REGION_LABEL}, ${ZONE_LABEL}: ignored`);
  });
  const regions = values[REGION_LABEL];
  const catalog = listInstances(cloud === undefined ? {} : { cloud: cloud as 'aws' | 'azure' });
  const knownRegion = known === undefined ? undefined : catalog.find((x) => x.id === known)?.region;
  const ids: string[] = [];
  for (const type of values[INSTANCE_TYPE_LABEL] ?? []) {
    const offered = catalog.filter((x) => x.type === type && (regions === undefined || regions.includes(x.region)));
    const pick = offered.find((x) => x.region === knownRegion) ?? offered.find((x) => ids.some((id) => id.split('/')[1] === x.region)) ?? offered[0];
    if (pick === undefined) note(`spec.template.spec.requirements: instance type ${type} is not in the catalog${regions === undefined ? '' : ` in ${regions.join(', ')}`}: left out`);
    else {
      if (regions === undefined && offered.length > 1 && ids.length === 0) note(`${type} is sold in several regions and no ${REGION_LABEL} requirement says which: the scenario uses ${pick.region}`);
      ids.push(pick.id);
    }
  }
  if (ids.length === 0) return undefined;
  const gpu = (catalog.find((x) => x.id === ids[0])?.gpuCount ?? 0) > 0;
  const k: Obj = { instanceTypes: ids };
  // The template's annotations, every key (the scenario reads karpenter.sh/do-not-disrupt and warns about the rest).
  const annotations = Object.entries(obj(obj(obj(s.template).metadata).annotations));
  for (const [key, value] of annotations) if (typeof value !== 'string') note(`spec.template.metadata.annotations["${key}"]: not a string: ignored`);
  const kept = annotations.filter(([, v]) => typeof v === 'string');
  if (kept.length > 0) k.nodeAnnotations = Object.fromEntries(kept);
  const capacity = values[KARPENTER_CAPACITY_TYPE]?.filter((c) => c === 'spot' || c === 'on-demand');
  // No capacity-type requirement: Karpenter launches on-demand, the schema's default too.
  if (capacity !== undefined && capacity.length > 0) k.capacityTypes = capacity;
  if (values[ZONE_LABEL] !== undefined) k.zones = values[ZONE_LABEL];
  list(t.taints).forEach((x, i) => {
    if (!(obj(x).key === GPU_RESOURCE && obj(x).effect === 'NoSchedule')) note(`spec.template.spec.taints[${i}] (${String(obj(x).key)}): only the ${GPU_RESOURCE} NoSchedule taint of GPU pools is understood: ignored`);
  });
  if (t.expireAfter === 'Never') k.expireAfter = 'Never';
  else if (t.expireAfter !== undefined) {
    const sec = parseGoDuration(t.expireAfter);
    if (sec === undefined) note(`spec.template.spec.expireAfter ${String(t.expireAfter)}: not a duration or Never: the default 720h is used`);
    else k.expireAfter = formatDuration(sec);
  }
  // Unset (the CRD's default) is no deadline: the scenario's default too.
  if (t.terminationGracePeriod !== undefined) {
    const sec = parseGoDuration(t.terminationGracePeriod);
    if (sec === undefined) note(`spec.template.spec.terminationGracePeriod ${String(t.terminationGracePeriod)}: not a duration: left unset (no deadline)`);
    else k.terminationGracePeriod = formatDuration(sec);
  }
  const limits: Obj = {};
  for (const [name, q] of Object.entries(obj(s.limits))) {
    const n = parseQuantity(q);
    const field = name === NODES_LIMIT ? 'nodes' : name === (gpu ? GPU_RESOURCE : 'cpu') ? 'gpus' : undefined;
    if (field === undefined || n === undefined || !Number.isInteger(n)) note(`spec.limits.${name}: design-sim limits ${gpu ? GPU_RESOURCE : 'cpu'} and nodes, in whole units: ignored`);
    else limits[field] = n;
  }
  if (Object.keys(limits).length > 0) k.limits = limits;
  // NodePoolSpec.Weight (1–100, checked against the CRD before this): the NodePool order reads it (karpenter/node-pool-order.ts).
  if (typeof s.weight === 'number') k.weight = s.weight;
  const d = obj(s.disruption);
  at('spec.disruption', d);
  const disruption: Obj = {};
  if (d.consolidationPolicy === 'WhenEmpty' || d.consolidationPolicy === 'WhenEmptyOrUnderutilized') disruption.consolidationPolicy = d.consolidationPolicy;
  else if (d.consolidationPolicy !== undefined) note(`spec.disruption.consolidationPolicy ${String(d.consolidationPolicy)}: not simulated: WhenEmptyOrUnderutilized (the default) is used`);
  if (d.consolidateAfter === 'Never') disruption.consolidateAfter = 'Never';
  else if (d.consolidateAfter !== undefined) {
    const sec = parseGoDuration(d.consolidateAfter);
    if (sec === undefined) note(`spec.disruption.consolidateAfter ${String(d.consolidateAfter)}: not a duration or Never: the default 0s is used`);
    else disruption.consolidateAfter = formatDuration(sec);
  }
  if (d.budgets !== undefined) {
    const budgets = list(d.budgets).flatMap((b, i) => {
      const x = obj(b);
      if ((x.schedule === undefined) !== (x.duration === undefined)) {
        // The CRD's XValidation refuses this NodePool; a budget that could never be applied is not guessed at.
        note(`spec.disruption.budgets[${i}]: 'schedule' must be set with 'duration' (the NodePool CRD refuses one without the other): left out`);
        return [];
      }
      // Every reason of the CRD's enum is simulated (Drifted once the pool has rollouts); another is the scenario's
      // refusal, at the field.
      const kept = list(x.reasons).map(String);
      const window = x.schedule === undefined ? {} : { schedule: String(x.schedule), duration: String(x.duration) };
      return [{ nodes: String(x.nodes ?? '10%'), ...(kept.length === 0 ? {} : { reasons: kept }), ...window }];
    });
    if (budgets.some((b) => 'schedule' in b)) {
      note(`spec.disruption.budgets: schedules are read in UTC, the run starting at 00:00 UTC of spec.startDate (default ${DEFAULT_START_DATE}, a Monday)`);
    }
    if (budgets.length > 0) disruption.budgets = budgets;
    else note('spec.disruption.budgets: none that design-sim simulates: the default one budget of nodes "10%" is used');
  }
  if (Object.keys(disruption).length > 0) k.disruption = disruption;
  return { karpenter: k, ...(known !== undefined && ids.includes(known) ? { instance: known } : {}) };
}
