/** Names for new and pasted components. */
import { asObject } from './doc-path.ts';

/** A name not used by any item of `list`: `base`, `base-2`, … */
export function freshName(base: string, list: readonly unknown[]): string {
  const taken = new Set(list.map((x) => asObject(x).name));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
