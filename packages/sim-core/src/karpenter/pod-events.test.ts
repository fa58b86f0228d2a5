/**
 * kubernetes-sigs/karpenter @ 2266468104f36373ed002241afaee2d3bbc26078 pkg/controllers/nodeclaim/podevents/controller.go
 * `Reconcile`: lastPodEventTime is written unless the recorded one is less than dedupeTimeout (10 s) old.
 */
import { describe, expect, it } from 'vitest';
import { NodeRuntime } from '../cluster/node-runtime.ts';
import { POD_EVENT_DEDUPE_SECONDS, recordPodEvent } from './pod-events.ts';

describe('lastPodEventTime (podevents Reconcile, dedupeTimeout)', () => {
  it('events at 0, 5, 9.9 leave 0; at 10 (Since = 10, not < 10) it moves; then 15 is deduped and 20.5 moves it', () => {
    const n = new NodeRuntime(0, 0, 1, false, 0);
    expect(POD_EVENT_DEDUPE_SECONDS).toBe(10);
    const seen: number[] = [];
    for (const t of [0, 5, 9.9, 10, 15, 20.5]) {
      recordPodEvent(n, t);
      seen.push(n.lastPodEventAt);
    }
    expect(seen).toEqual([0, 0, 0, 10, 10, 20.5]);
  });
});
