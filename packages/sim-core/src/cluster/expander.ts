/**
 * Expanders: which node group a scale-up grows when several could help, ported from kubernetes/autoscaler
 * cluster-autoscaler 1.34 expander/. The `--expander` flag names a chain (default `least-waste`); each filter
 * narrows the options and the first that leaves exactly one wins; ties left at the end are broken at random
 * (expander/factory/chain.go `chainStrategy.BestOption`, factory `Build` appends random.NewStrategy()).
 *
 * This simulator models GPUs only, so where upstream scores CPU and memory the score here uses GPUs:
 * - least-waste (waste/waste.go): wasted fraction of the new nodes' capacity, `(avail − requested) / avail`;
 *   upstream adds the CPU and memory fractions, GPU pods here request nothing else.
 * - price (price/price.go): upstream scores `unfitness × (nodes' price + s) / (pods' price + s)` with a constant
 *   unfitness of 1000 for GPU node groups; pods are priced here as their GPUs at one common price per GPU, so the
 *   score is the new nodes' USD/hour per GPU requested (lowest wins). An option whose price is unknown is skipped.
 * - priority (priority/priority.go): the highest `priority` wins; groups with none are not used unless no option
 *   has one.
 * - most-pods, least-nodes: the most pods helped; the fewest new nodes.
 */
import type { Rng } from '../random/rng.ts';
import type { SimPod } from './scheduling-simulator.ts';

/** Expander names accepted by `--expander` that this simulator implements (grpc needs a server). */
export const EXPANDER_NAMES = ['least-waste', 'price', 'priority', 'most-pods', 'least-nodes', 'random'] as const;
export type ExpanderName = (typeof EXPANDER_NAMES)[number];

/** One node group's proposal: how many nodes, and which pending pods they would take. */
export interface ExpansionOption {
  pool: number;
  nodeCount: number;
  pods: readonly SimPod[];
}

/** What the expanders know of a node group. */
export interface ExpanderGroup {
  gpusPerNode: number;
  /** Priority-expander priority (higher wins), or null when the group is not listed. */
  priority: number | null;
  /** USD per hour of one new node, or null when the catalog has no price. */
  nodeUsdPerHour: number | null;
}

type Filter = (options: readonly ExpansionOption[], groups: readonly ExpanderGroup[]) => ExpansionOption[];

const FILTERS: Readonly<Record<Exclude<ExpanderName, 'random'>, Filter>> = {
  'least-waste': (options, groups) => minBy(options, (o) => {
    const avail = groups[o.pool]!.gpusPerNode * o.nodeCount;
    return avail > 0 ? (avail - requestedGpus(o)) / avail : Infinity;
  }),
  price: (options, groups) => minBy(options.filter((o) => groups[o.pool]!.nodeUsdPerHour !== null), (o) => {
    const gpus = requestedGpus(o);
    return (groups[o.pool]!.nodeUsdPerHour! * o.nodeCount) / (gpus > 0 ? gpus : 1);
  }),
  priority: (options, groups) => {
    const listed = options.filter((o) => groups[o.pool]!.priority !== null);
    if (listed.length === 0) return [...options];
    return minBy(listed, (o) => -groups[o.pool]!.priority!);
  },
  'most-pods': (options) => minBy(options, (o) => -o.pods.length),
  'least-nodes': (options) => minBy(options, (o) => o.nodeCount),
};

/** `chainStrategy.BestOption`: runs the filters in order, stops when one option is left, else picks at random. */
export function bestOption(chain: readonly ExpanderName[], options: readonly ExpansionOption[], groups: readonly ExpanderGroup[], rng: Rng): ExpansionOption | null {
  let left: ExpansionOption[] = [...options];
  for (const name of chain) {
    if (name === 'random') break;
    left = FILTERS[name](left, groups);
    if (left.length === 1) return left[0]!;
  }
  return left.length === 0 ? null : left[rng.int(left.length)]!;
}

function requestedGpus(o: ExpansionOption): number {
  let g = 0;
  for (const p of o.pods) g += p.gpus;
  return g;
}

// Every option with the smallest score (upstream keeps all equal-best options for the next filter).
function minBy(options: readonly ExpansionOption[], score: (o: ExpansionOption) => number): ExpansionOption[] {
  let best = Infinity;
  let out: ExpansionOption[] = [];
  for (const o of options) {
    const s = score(o);
    if (s < best) {
      best = s;
      out = [o];
    } else if (s === best) out.push(o);
  }
  return out;
}
