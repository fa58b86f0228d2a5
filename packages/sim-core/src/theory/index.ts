export { erlangB, erlangC, meanSojourn, meanWait, type MmcQueue, serversForSlo, sojournQuantile, sojournTail, utilization } from './erlang-c.ts';
export { md1MeanWait, mg1MeanWait } from './pollaczek-khinchine.ts';
export { closedMva, type ClosedNetwork } from './closed-mva.ts';
