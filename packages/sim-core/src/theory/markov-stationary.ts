/**
 * The stationary distribution of a finite, irreducible discrete-time Markov chain by the GTH state
 * reduction (Grassmann, Taksar & Heyman, "Regenerative analysis and steady state distributions for Markov
 * chains", Operations Research 33 (1985) 1107–1116). It is Gaussian elimination on π(I − P) = 0 written so that
 * every step adds or multiplies non-negative numbers (the pivot is the sum of a row's off-diagonal entries,
 * never 1 − P[n][n]), so it keeps full relative accuracy on probabilities of 1e-25 beside ones of 0.5 — which
 * the queue chains here have (the M/D/c chain's far tail, the boundary of GI/M/c at light load) and which a
 * plain solve or power iteration on a slowly mixing chain at ρ = 0.9 would not give to 12 digits.
 *
 * `rows` is row-stochastic, n × n, row-major (P[i][j] at i·n + j); it is overwritten. O(n³/3).
 */
export function markovStationary(rows: Float64Array, n: number): Float64Array {
  if (rows.length !== n * n) throw new Error(`markovStationary: ${rows.length} entries for ${n} states`);
  // Censor the chain on {0..k−1} for k = n−1 down to 1: the row of k, rescaled by its exit rate to lower
  // states, is folded into every lower row's transitions through k.
  for (let k = n - 1; k >= 1; k--) {
    let s = 0;
    for (let j = 0; j < k; j++) s += rows[k * n + j]!;
    if (!(s > 0)) throw new Error(`markovStationary: state ${k} cannot reach a lower state (the chain is not irreducible)`);
    for (let i = 0; i < k; i++) {
      const pik = rows[i * n + k]! / s;
      rows[i * n + k] = pik;
      if (pik === 0) continue;
      const ri = i * n;
      const rk = k * n;
      for (let j = 0; j < k; j++) rows[ri + j]! += pik * rows[rk + j]!;
    }
  }
  // Back-substitution: π_k ∝ Σ_{i<k} π_i · P̃[i][k] (the scaled entries kept above).
  const pi = new Float64Array(n);
  pi[0] = 1;
  let total = 1;
  for (let k = 1; k < n; k++) {
    let v = 0;
    for (let i = 0; i < k; i++) v += pi[i]! * rows[i * n + k]!;
    pi[k] = v;
    total += v;
  }
  for (let k = 0; k < n; k++) pi[k]! /= total;
  return pi;
}
