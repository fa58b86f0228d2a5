/**
 * The stationary distribution of a birth–death chain on 0..last: p(n)/p(n−1) = exp(logRatio(n)) (birth
 * rate at n−1 over death rate at n), normalized. Built in log space so that hundreds of servers or a long
 * buffer neither overflow nor underflow. The M/M/c/K queue and the finite-source (closed) station are both
 * such chains.
 */
export function birthDeathStationary(last: number, logRatio: (n: number) => number): Float64Array {
  const p = new Float64Array(last + 1);
  let max = 0;
  for (let n = 1; n <= last; n++) {
    p[n] = p[n - 1]! + logRatio(n);
    if (p[n]! > max) max = p[n]!;
  }
  let sum = 0;
  for (let n = 0; n <= last; n++) {
    p[n] = Math.exp(p[n]! - max);
    sum += p[n]!;
  }
  for (let n = 0; n <= last; n++) p[n]! /= sum;
  return p;
}
