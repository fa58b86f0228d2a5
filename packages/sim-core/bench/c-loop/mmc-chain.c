/*
 * The reference the engine's speed is judged against (issue #11): a tight C loop doing the same work per
 * request as design-sim's M/M/c case: Poisson arrivals, exponential service times, c servers per station
 * behind one FIFO queue, completions in a binary heap, each request's end-to-end latency recorded in a
 * log-linear histogram. With HOPS > 1 a request visits HOPS stations in a chain (the next visit starts
 * when the previous one ends), the engine's `chain4` bench case without network time.
 *
 *   gcc -O2 -o mmc-chain bench/c-loop/mmc-chain.c -lm && ./mmc-chain [hops] [seconds]
 *
 * Prints one JSON line: requests completed end to end, CPU seconds, requests per CPU second.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define C 64
#define MU 20.0
#define LAMBDA (0.8 * C * MU)
#define MAXQ (1 << 20)
#define MAXREQ (1 << 20)
#define BUCKETS (40 << 8)

static uint64_t rs[4] = {0x9E3779B97F4A7C15ull, 0xBF58476D1CE4E5B9ull, 0x94D049BB133111EBull, 0x2545F4914F6CDD1Dull};
static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
static inline double uniform(void) { /* xoshiro256+, (0, 1] */
  uint64_t r = rs[0] + rs[3], t = rs[1] << 17;
  rs[2] ^= rs[0]; rs[3] ^= rs[1]; rs[1] ^= rs[2]; rs[0] ^= rs[3]; rs[2] ^= t; rs[3] = rotl(rs[3], 45);
  return ((r >> 11) + 1) * 0x1.0p-53;
}
static inline double expo(double mean) { return -mean * log(uniform()); }

/* completion heap: time and request id (station kept with the request) */
static double ht[MAXREQ]; static int32_t hp[MAXREQ]; static int hn = 0;
static void push(double t, int32_t p) {
  int i = hn++;
  while (i > 0) { int q = (i - 1) >> 1; if (ht[q] <= t) break; ht[i] = ht[q]; hp[i] = hp[q]; i = q; }
  ht[i] = t; hp[i] = p;
}
static int32_t pop(void) {
  int32_t top = hp[0]; double t = ht[--hn]; int32_t p = hp[hn]; int i = 0;
  for (;;) { int c = 2 * i + 1; if (c >= hn) break; if (c + 1 < hn && ht[c + 1] < ht[c]) c++; if (ht[c] >= t) break; ht[i] = ht[c]; hp[i] = hp[c]; i = c; }
  ht[i] = t; hp[i] = p; return top;
}

typedef struct { int busy; int32_t q[MAXQ]; int qh, qn; } station;
static double arrival[MAXREQ]; static int8_t at[MAXREQ]; static int32_t freeids[MAXREQ]; static int nfree;
static double counts[BUCKETS]; static double sum; static long served;

static void record(double ms) {
  union { double d; uint64_t u; } v = {ms};
  long i = (long)((v.u >> 44) & 0xFFFFF) - ((1023 - 10) << 8);
  counts[i < 0 ? 0 : i >= BUCKETS ? BUCKETS - 1 : i]++; sum += ms; served++;
}

int main(int argc, char **argv) {
  int hops = argc > 1 ? atoi(argv[1]) : 1;
  double end = argc > 2 ? atof(argv[2]) : 4 * 3600;
  station *st = calloc(hops, sizeof(station));
  for (int i = 0; i < MAXREQ; i++) freeids[i] = MAXREQ - 1 - i;
  nfree = MAXREQ;
  clock_t t0 = clock();
  double next = expo(1 / LAMBDA);
  for (;;) {
    double tc = hn > 0 ? ht[0] : INFINITY;
    if (next <= tc) {
      if (next > end) break;
      int32_t r = freeids[--nfree];
      arrival[r] = next; at[r] = 0;
      station *s = &st[0];
      if (s->busy < C) { s->busy++; push(next + expo(1 / MU), r); }
      else s->q[(s->qh + s->qn++) & (MAXQ - 1)] = r;
      next += expo(1 / LAMBDA);
    } else {
      if (tc > end) break;
      int32_t r = pop();
      station *s = &st[at[r]];
      if (s->qn > 0) { int32_t w = s->q[s->qh]; s->qh = (s->qh + 1) & (MAXQ - 1); s->qn--; push(tc + expo(1 / MU), w); }
      else s->busy--;
      if (++at[r] < hops) {
        station *n = &st[at[r]];
        if (n->busy < C) { n->busy++; push(tc + expo(1 / MU), r); }
        else n->q[(n->qh + n->qn++) & (MAXQ - 1)] = r;
      } else {
        record((tc - arrival[r]) * 1000);
        freeids[nfree++] = r;
      }
    }
  }
  double cpu = (double)(clock() - t0) / CLOCKS_PER_SEC;
  printf("{\"hops\":%d,\"requests\":%ld,\"cpuSeconds\":%.3f,\"requestsPerSecond\":%.0f,\"meanMs\":%.3f}\n", hops, served, cpu, served / cpu, sum / served);
  return 0;
}
