/*
 * The C loop of mmc-chain.c written as tight JavaScript (same work: Poisson arrivals, exponential service
 * times, 64 servers per station behind one FIFO, a binary completion heap, one log-linear histogram of
 * end-to-end latency; xoshiro128+ instead of xoshiro256+). It is the floor for what the engine could
 * reach in JavaScript, not a reference for its results:
 *   node bench/c-loop/mmc-chain.mjs [hops] [seconds]
 */
const C = 64, MU = 20, LAMBDA = 0.8 * C * MU;
const hops = Number(process.argv[2] ?? 4), end = Number(process.argv[3] ?? 1800);
let s0 = 0x9E3779B9 | 0, s1 = 0x243F6A88 | 0, s2 = 0xB7E15162 | 0, s3 = 0x12345678 | 0;
function u32() { // xoshiro128+
  const r = (s0 + s3) >>> 0; const t = s1 << 9;
  s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = (s3 << 11) | (s3 >>> 21);
  return r;
}
const uniform = () => (u32() + 1) / 4294967297;
const expo = (mean) => -mean * Math.log(uniform());
const N = 1 << 20;
const ht = new Float64Array(N), hp = new Int32Array(N); let hn = 0;
function push(t, p) { let i = hn++; while (i > 0) { const q = (i - 1) >> 1; if (ht[q] <= t) break; ht[i] = ht[q]; hp[i] = hp[q]; i = q; } ht[i] = t; hp[i] = p; }
function pop() { const top = hp[0]; const t = ht[--hn]; const p = hp[hn]; let i = 0; for (;;) { let c = 2 * i + 1; if (c >= hn) break; if (c + 1 < hn && ht[c + 1] < ht[c]) c++; if (ht[c] >= t) break; ht[i] = ht[c]; hp[i] = hp[c]; i = c; } ht[i] = t; hp[i] = p; return top; }
const busy = new Int32Array(hops), qh = new Int32Array(hops), qn = new Int32Array(hops);
const q = Array.from({ length: hops }, () => new Int32Array(N));
const arrival = new Float64Array(N), at = new Int8Array(N), freeids = new Int32Array(N); let nfree = N;
for (let i = 0; i < N; i++) freeids[i] = N - 1 - i;
const counts = new Float64Array(40 << 8); let sum = 0, served = 0;
const sc = new Float64Array(1), hi = new Uint32Array(sc.buffer, 4, 1);
function record(ms) { sc[0] = ms; let i = (hi[0] >>> 12) - ((1023 - 10) << 8); counts[i < 0 ? 0 : i >= counts.length ? counts.length - 1 : i]++; sum += ms; served++; }
const t0 = process.cpuUsage();
let next = expo(1 / LAMBDA);
for (;;) {
  const tc = hn > 0 ? ht[0] : Infinity;
  if (next <= tc) {
    if (next > end) break;
    const r = freeids[--nfree]; arrival[r] = next; at[r] = 0;
    if (busy[0] < C) { busy[0]++; push(next + expo(1 / MU), r); } else { q[0][(qh[0] + qn[0]++) & (N - 1)] = r; }
    next += expo(1 / LAMBDA);
  } else {
    if (tc > end) break;
    const r = pop(); const s = at[r];
    if (qn[s] > 0) { const w = q[s][qh[s]]; qh[s] = (qh[s] + 1) & (N - 1); qn[s]--; push(tc + expo(1 / MU), w); } else busy[s]--;
    if (++at[r] < hops) { const n = at[r]; if (busy[n] < C) { busy[n]++; push(tc + expo(1 / MU), r); } else q[n][(qh[n] + qn[n]++) & (N - 1)] = r; }
    else { record((tc - arrival[r]) * 1000); freeids[nfree++] = r; }
  }
}
const u = process.cpuUsage(t0); const cpu = (u.user + u.system) / 1e6;
console.log(JSON.stringify({ hops, served, cpu, perSecond: Math.round(served / cpu), meanMs: sum / served }));
