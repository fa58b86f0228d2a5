/**
 * What an optimization searches over: dimensions, each one or more scenario paths that take the same
 * value together (`replicas,minNodes,maxNodes=1..200`), and which of them are monotone in capacity.
 * A design is one value index per dimension. Plain data: the CLI, a web worker and a shard file all
 * hold the same shape.
 */

/**
 * Which way a dimension adds capacity: `up` when larger values never make an expectation harder to
 * meet (replicas), `down` when smaller values do (an HPA target). `null`: no known order.
 */
export type CapacityDirection = 'up' | 'down';

/** One varied field (or several fields varied together). */
export interface SearchDimension {
  /** As the user wrote it, for tables. */
  label: string;
  /** Full scenario paths (`spec.services[0].replicas`), the keys of `best.values`. */
  paths: string[];
  values: unknown[];
  /** Monotone in capacity, or null (searched value by value). */
  capacity: CapacityDirection | null;
  /** Why it is (or is not) monotone, for the report. */
  reason?: string;
}

/** The whole search space. */
export interface SearchSpace {
  dimensions: SearchDimension[];
}

/** One value index per dimension. */
export type Design = readonly number[];

/** Number of designs in the full grid. */
export function gridSize(space: SearchSpace): number {
  return space.dimensions.reduce((n, d) => n * d.values.length, 1);
}

/** A stable key for a design (`3,0,17`). */
export function designKey(design: Design): string {
  return design.join(',');
}

/** Grid order: the first dimension slowest, as `sweep` lists its variants. */
export function compareDesigns(a: Design, b: Design): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Value indices of a monotone dimension from least to most capacity (numeric order, reversed for
 * `down`), or undefined when the dimension is not monotone or its values are not all numbers.
 */
export function capacityOrder(dim: SearchDimension): number[] | undefined {
  if (dim.capacity === null) return undefined;
  if (!dim.values.every((v) => typeof v === 'number' && Number.isFinite(v))) return undefined;
  const order = dim.values.map((_, i) => i);
  const value = (i: number) => dim.values[i] as number;
  order.sort((a, b) => (dim.capacity === 'up' ? value(a) - value(b) : value(b) - value(a)) || a - b);
  return order;
}

/** The values a design sets, keyed by full path (a dimension over several paths gives each its value). */
export function valuesByPath(space: SearchSpace, design: Design): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  space.dimensions.forEach((d, i) => {
    for (const p of d.paths) out[p] = d.values[design[i] ?? 0];
  });
  return out;
}

/** The values a design sets, keyed by dimension label. */
export function valuesByLabel(space: SearchSpace, design: Design): Record<string, unknown> {
  return Object.fromEntries(space.dimensions.map((d, i) => [d.label, d.values[design[i] ?? 0]]));
}
