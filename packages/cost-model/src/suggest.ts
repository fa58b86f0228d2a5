/**
 * "Did you mean" suggestions for unknown catalog ids: nearest candidates by edit distance, with
 * candidates that contain the query (e.g. `p5.48xlarge` inside `aws/us-east-1/p5.48xlarge`) ranked first.
 */

/** Levenshtein distance between two strings (insertions, deletions and substitutions each cost 1). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/**
 * For strings of one length, the sum of the code-point gaps where they differ (a typed 9 is nearer 8 than 4); a
 * candidate of another length ranks after them (a tie-break only: edits decide first).
 */
function charGap(a: string, b: string): number {
  if (a.length !== b.length) return Number.MAX_SAFE_INTEGER;
  let gap = 0;
  for (let i = 0; i < a.length; i++) gap += Math.abs(a.charCodeAt(i) - b.charCodeAt(i));
  return gap;
}

/**
 * Up to `limit` (default 3) candidates nearest to `query`, case-insensitive. Candidates that contain the query
 * win outright; otherwise nearest by edit distance. `canonical` maps an alias to the id to suggest.
 */
export function suggest(query: string, candidates: readonly string[], limit = 3, canonical: (c: string) => string = (c) => c): string[] {
  const q = query.trim().toLowerCase();
  const best = new Map<string, number>();
  for (const c of candidates) {
    const lc = c.toLowerCase();
    // Containment wins over edits, shorter containers first (closer to what was typed).
    const score = q.length > 0 && lc.includes(q) ? (lc.length - q.length) / (lc.length + 1) : editDistance(q, lc);
    const id = canonical(c);
    const prev = best.get(id);
    if (prev === undefined || score < prev) best.set(id, score);
  }
  // Equally near by edits, the one whose changed characters are nearest wins: g2-standard-9 → g2-standard-8, not -4.
  const ranked = [...best.entries()].sort(([a, sa], [b, sb]) => sa - sb || charGap(q, a.toLowerCase()) - charGap(q, b.toLowerCase()) || a.localeCompare(b));
  // When some candidates contain the query, only they are plausible (scores below 1 mean containment).
  const containing = ranked.filter(([, score]) => score < 1);
  return (containing.length > 0 ? containing : ranked).slice(0, limit).map(([id]) => id);
}
