export { erlangB, erlangC, meanSojourn, meanWait, type MmcQueue, serversForSlo, sojournQuantile, sojournTail, utilization, waitTail } from './erlang-c.ts';
export { lognormalMoments, md1MeanWait, mg1MeanWait } from './pollaczek-khinchine.ts';
export { closedMva, type ClosedNetwork } from './closed-mva.ts';
export { closedNetwork, type ClosedNetworkResult, type ClosedStation } from './closed-network.ts';
export { forkJoin2, forkJoinNelsonTantawi, harmonic } from './fork-join.ts';
export { mmck, type MmckQueue, type MmckResult } from './mmck.ts';
export { hypoexponentialQuantile, hypoexponentialTail } from './hypoexponential.ts';
export { mmcDeterministicPatience, type PatienceResult } from './deterministic-patience.ts';
export { constantArrivals, erlangArrivals, giM1Sigma, giM1SojournRate } from './gi-m-1.ts';
