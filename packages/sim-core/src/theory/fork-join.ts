/**
 * Fork-join of k identical M/M/1 queues fed by one Poisson stream (each job splits into k tasks, one per
 * queue, and is done when the last finishes). ρ = λ/μ per queue.
 *
 * k = 2 is exact (Flatto & Hahn, SIAM J. Appl. Math. 44(5), 1984): R₂ = (12 − ρ)/8 · 1/(μ − λ).
 * k > 2 is the Nelson–Tantawi scaling approximation (R. Nelson, A. N. Tantawi, "Approximate analysis of
 * fork/join synchronization in parallel queues", IEEE Trans. Computers 37(6):739–743, 1988,
 * doi:10.1109/12.2213), as restated in A. Thomasian, "Analysis of fork/join and related queueing systems",
 * ACM Computing Surveys 47(2), 2014, Table I eq. (3), and implemented in the LINE solver's `fj_respt_nt`
 * (https://line-solver.sourceforge.net/doxygen/fj__respt__nt_8m_source.html, read 2026-12-03):
 *
 *   R_k ≈ [H_k/H₂ + (1 − H_k/H₂) · 4ρ/11] · R₂,   H_k = Σ_{i ≤ k} 1/i,
 *
 * stated for 2 ≤ k ≤ 32; its coefficient 4ρ/11 was fitted to simulation (the paper reports errors of a few
 * percent), so a check against it needs a looser tolerance than against an exact result. At ρ → 0 it is
 * exact: H_k/μ, the mean of the largest of k exponentials.
 */
export function harmonic(k: number): number {
  let h = 0;
  for (let i = 1; i <= k; i++) h += 1 / i;
  return h;
}

/** Mean response time of a 2-way fork-join of M/M/1 queues, s (exact). */
export function forkJoin2(lambda: number, mu: number): number {
  const rho = lambda / mu;
  return ((12 - rho) / 8) * (1 / (mu - lambda));
}

/** Mean response time of a k-way fork-join of M/M/1 queues, s (exact for k = 2, Nelson–Tantawi for k > 2). */
export function forkJoinNelsonTantawi(k: number, lambda: number, mu: number): number {
  if (k < 2 || k > 32) throw new Error(`the Nelson–Tantawi approximation holds for 2 ≤ k ≤ 32 (k = ${k})`);
  const rho = lambda / mu;
  const ratio = harmonic(k) / harmonic(2);
  return (ratio + (1 - ratio) * ((4 * rho) / 11)) * forkJoin2(lambda, mu);
}
