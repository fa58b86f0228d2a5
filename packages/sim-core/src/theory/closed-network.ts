/**
 * Exact solution of a closed network of N users cycling through a think time (a delay station, mean Z) and
 * then a series of FCFS stations, station m with c_m exponential servers of mean service time s_m, each
 * visited once per cycle. It is a BCMP product-form network (Baskett, Chandy, Muntz & Palacios, J. ACM
 * 22(2), 1975), so P(n₀, n₁, …) ∝ Π_m f_m(n_m) over states with Σ n_m = N, where
 *
 *   f_delay(n) = Zⁿ / n!,   f_m(n) = s_mⁿ / Π_{j ≤ n} min(j, c_m),
 *
 * and the normalizing constant G(N) is their convolution (Buzen's algorithm, CACM 16(9), 1973, with
 * load-dependent stations as in Reiser & Lavenberg's exact MVA, J. ACM 27(2), 1980). Throughput
 * X = G(N−1)/G(N); the mean number at station m is Σ n f_m(n) G₋m(N−n) / G(N), with G₋m the convolution
 * of the other stations; its response time is that over X (Little), and the end-to-end response
 * N/X − Z (the interactive response-time law). With one station this is `closedMva`.
 */
export interface ClosedStation {
  servers: number;
  /** Mean service time of one visit, s. */
  serviceSeconds: number;
}

export interface ClosedNetworkResult {
  /** Cycles per second. */
  throughput: number;
  /** Mean time per cycle outside the think time, s (N/X − Z). */
  responseSeconds: number;
  /** Mean response time at each station (queue + service), s. */
  stationSeconds: number[];
}

function convolve(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let n = 0; n < a.length; n++) {
    let s = 0;
    for (let k = 0; k <= n; k++) s += a[k]! * b[n - k]!;
    out[n] = s;
  }
  return out;
}

export function closedNetwork(users: number, thinkSeconds: number, stations: readonly ClosedStation[]): ClosedNetworkResult {
  // Every f is scaled by θⁿ (θ = 1 / the longest service time): G(n) becomes θⁿ G(n), ratios stay exact, and
  // the terms stay within double range for the populations a test runs (N in the hundreds).
  const theta = 1 / Math.max(...stations.map((s) => s.serviceSeconds));
  const factor = (ratio: (n: number) => number): Float64Array => {
    const f = new Float64Array(users + 1);
    f[0] = 1;
    for (let n = 1; n <= users; n++) f[n] = f[n - 1]! * ratio(n);
    return f;
  };
  const think = factor((n) => (thinkSeconds * theta) / n);
  const fs = stations.map((s) => factor((n) => (s.serviceSeconds * theta) / Math.min(n, s.servers)));
  const all = fs.reduce(convolve, think);
  const throughput = (theta * all[users - 1]!) / all[users]!;
  const stationSeconds = fs.map((f, m) => {
    const others = fs.filter((_, i) => i !== m).reduce(convolve, think);
    let q = 0;
    for (let n = 1; n <= users; n++) q += n * f[n]! * others[users - n]!;
    return q / all[users]! / throughput;
  });
  return { throughput, responseSeconds: users / throughput - thinkSeconds, stationSeconds };
}
