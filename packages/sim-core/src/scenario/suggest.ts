/**
 * "Did you mean" suggestions for unknown keys, enum values and metric names.
 * Matching is forgiving about case and separators first (`gpus_per_replica` → `gpusPerReplica`,
 * `leastoutstanding` → `least-outstanding`), then falls back to edit distance.
 */

/** Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), so `raplicas` and `replcias` both cost 1-2. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  const at = (i: number, j: number): number => d[i * cols + j] ?? 0;
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      d[i * cols + j] = best;
    }
  }
  return at(a.length, b.length);
}

/** Lower-cases and drops everything but letters and digits: the forms people mistype most. */
function normalize(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * The candidate closest to `input`, or undefined when nothing is plausibly what the user meant.
 * A candidate qualifies if it equals the input up to case and separators, is the only one the
 * input (3+ characters) abbreviates, or is within
 * max(1, ⌊length/3⌋) edits (case-insensitive) of it; ties go to the earlier candidate.
 */
export function suggestNearest(input: string, candidates: readonly string[]): string | undefined {
  const n = normalize(input);
  if (n.length === 0) return undefined;
  const exact = candidates.find((c) => normalize(c) === n);
  if (exact !== undefined) return exact;
  // A clear abbreviation (`qps` for `qpsPerReplica`): the only candidate that starts with the input.
  const prefixed = n.length >= 3 ? candidates.filter((c) => normalize(c).startsWith(n)) : [];
  if (prefixed.length === 1) return prefixed[0];
  const lower = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const dist = Math.min(editDistance(lower, c.toLowerCase()), editDistance(n, normalize(c)));
    const limit = Math.max(1, Math.floor(Math.max(c.length, input.length) / 3));
    if (dist <= limit && dist < bestDistance) {
      best = c;
      bestDistance = dist;
    }
  }
  return best;
}
