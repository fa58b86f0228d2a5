import { describe, expect, it } from 'vitest';
import { KEDA_DEFAULTS, ScaledObjectController } from './scaled-object-controller.ts';

// Worked cases of kedacore/keda@8b4f083ca8c8c2baf8477e322bd4d16ac4dfa09a, pkg/scaling/executor/scale_scaledobjects.go
// (RequestScale, scaleToZeroOrIdle, scaleFromZeroOrIdle) and its tests in scale_scaledobjects_test.go.
const idle = [{ value: 0, activationThreshold: 0 }];
const busy = [{ value: 3, activationThreshold: 0 }];

describe('ScaledObjectController (KEDA RequestScale)', () => {
  it('TestScaleToMinReplicasWhenNotActive: inactive, minReplicaCount 0, 10 replicas, never active, created long ago → 0', () => {
    const c = new ScaledObjectController(KEDA_DEFAULTS, -1000);
    expect(c.poll(0, 10, idle)).toEqual({ active: false, setReplicas: 0, reason: 'deactivate' });
  });

  it('TestScaleToMinReplicasFromLowerInitialReplicaCount: inactive, minReplicaCount 5, 1 replica → 5', () => {
    const c = new ScaledObjectController({ ...KEDA_DEFAULTS, minReplicaCount: 5 });
    expect(c.poll(0, 1, idle)).toEqual({ active: false, setReplicas: 5, reason: 'to-min' });
  });

  it('TestScaleFromMinReplicasWhenActive: active at 0 replicas with minReplicaCount 0 → 1, and LastActiveTime is set', () => {
    const c = new ScaledObjectController(KEDA_DEFAULTS);
    expect(c.poll(60, 0, busy)).toEqual({ active: true, setReplicas: 1, reason: 'activate' });
    expect(c.lastActiveTime).toBe(60);
  });

  it('scaleFromZeroOrIdle goes to minReplicaCount when it is above 0 (here 3)', () => {
    const c = new ScaledObjectController({ ...KEDA_DEFAULTS, minReplicaCount: 3 });
    expect(c.poll(0, 0, busy).setReplicas).toBe(3);
  });

  it('activation is strict: a value equal to activationThreshold is not active (value > threshold)', () => {
    const c = new ScaledObjectController(KEDA_DEFAULTS);
    expect(c.poll(0, 0, [{ value: 5, activationThreshold: 5 }])).toEqual({ active: false, setReplicas: null, reason: 'idle' });
    expect(c.poll(30, 0, [{ value: 5.001, activationThreshold: 5 }]).setReplicas).toBe(1);
  });

  it('any active trigger makes the object active (getScaledObjectState)', () => {
    expect(ScaledObjectController.isActive([{ value: 0, activationThreshold: 0 }, { value: 2, activationThreshold: 1 }])).toBe(true);
    expect(ScaledObjectController.isActive([{ value: 0, activationThreshold: 0 }, { value: 1, activationThreshold: 1 }])).toBe(false);
  });

  it('cooldown counts from the last ACTIVE poll and needs strictly more than cooldownPeriod (Time.Before): polls every 30 s, last active at 60 s → zero at 390 s, not 360 s', () => {
    const c = new ScaledObjectController(KEDA_DEFAULTS);
    expect(c.poll(0, 1, busy).reason).toBe('active');
    expect(c.poll(30, 1, busy).reason).toBe('active');
    expect(c.poll(60, 1, busy).reason).toBe('active');
    for (let t = 90; t <= 360; t += 30) expect(c.poll(t, 1, idle)).toEqual({ active: false, setReplicas: null, reason: 'cooldown' });
    expect(c.lastActiveTime).toBe(60);
    expect(c.poll(390, 1, idle)).toEqual({ active: false, setReplicas: 0, reason: 'deactivate' });
  });

  it('an active poll during the cooldown restarts it', () => {
    const c = new ScaledObjectController({ ...KEDA_DEFAULTS, cooldownPeriodSeconds: 60 });
    c.poll(0, 1, busy);
    expect(c.poll(30, 1, idle).reason).toBe('cooldown');
    c.poll(60, 1, busy);
    expect(c.poll(120, 1, idle).reason).toBe('cooldown');
    expect(c.poll(150, 1, idle).setReplicas).toBe(0);
  });

  it('never active: initialCooldownPeriod from creation applies instead (default 0: the first inactive poll after creation scales to zero)', () => {
    const c = new ScaledObjectController(KEDA_DEFAULTS, 0);
    // createdAt + 0 < now is false at now = 0 (not strictly before), true at the next poll.
    expect(c.poll(0, 2, idle).reason).toBe('cooldown');
    expect(c.poll(30, 2, idle).setReplicas).toBe(0);
    const d = new ScaledObjectController({ ...KEDA_DEFAULTS, initialCooldownPeriodSeconds: 120 }, 0);
    expect(d.poll(120, 2, idle).reason).toBe('cooldown');
    expect(d.poll(150, 2, idle).setReplicas).toBe(0);
  });

  it('minReplicaCount above 0 never scales to zero: inactive at or above min leaves the target to the HPA', () => {
    const c = new ScaledObjectController({ ...KEDA_DEFAULTS, minReplicaCount: 1 });
    expect(c.poll(1000, 4, idle)).toEqual({ active: false, setReplicas: null, reason: 'idle' });
  });

  it('at zero and inactive nothing happens', () => {
    const c = new ScaledObjectController(KEDA_DEFAULTS);
    expect(c.poll(0, 0, idle)).toEqual({ active: false, setReplicas: null, reason: 'idle' });
    expect(c.lastActiveTime).toBeNull();
  });
});

// idleReplicaCount, from the same RequestScale switches: inactive and current > idle → scaleToZeroOrIdle, which sets
// getIdleOrMinimumReplicaCount (the idle count) once LastActiveTime + cooldownPeriod is strictly before now; active and
// current < minReplicaCount (idle set) or at 0 → scaleFromZeroOrIdle → minReplicaCount; inactive with idle set and
// current < minReplicaCount → no change (the `IdleReplicaCount == nil && current < min` case does not apply).
describe('idleReplicaCount (RequestScale, scaleToZeroOrIdle, getIdleOrMinimumReplicaCount)', () => {
  const cfg = { ...KEDA_DEFAULTS, minReplicaCount: 5, idleReplicaCount: 0 };

  it('TestScaleToIdleReplicasWhenNotActive: idle 0, min 5, 10 replicas, inactive, never active, created long ago → 0', () => {
    expect(new ScaledObjectController(cfg, -1000).poll(0, 10, idle)).toEqual({ active: false, setReplicas: 0, reason: 'deactivate' });
  });

  it('TestScaleFromIdleToMinReplicasWhenActive: idle 0, min 5, at 0 replicas, active → 5', () => {
    const c = new ScaledObjectController(cfg);
    expect(c.poll(0, 0, busy)).toEqual({ active: true, setReplicas: 5, reason: 'activate' });
    expect(c.lastActiveTime).toBe(0);
  });

  it('a trajectory: active at 0 s (→ 5), last active poll at 60 s, cooldown 300 s: held at 5 through the 360 s poll, idle (0) at 390 s', () => {
    // Polls every 30 s. 60 + 300 < now is first true at 390 (360 is not strictly after 360).
    const c = new ScaledObjectController(cfg);
    let replicas = 0;
    const trail: string[] = [];
    for (let t = 0; t <= 420; t += 30) {
      const d = c.poll(t, replicas, t <= 60 ? busy : idle);
      if (d.setReplicas !== null) {
        trail.push(`${t}: ${replicas} → ${d.setReplicas}`);
        replicas = d.setReplicas;
      }
    }
    expect(trail).toEqual(['0: 0 → 5', '390: 5 → 0']);
  });

  it('active below minReplicaCount but above 0 (idle set) → minReplicaCount; inactive below min with idle set → left alone', () => {
    const c = new ScaledObjectController({ ...KEDA_DEFAULTS, minReplicaCount: 4, idleReplicaCount: 1 });
    expect(c.poll(0, 2, busy).setReplicas).toBe(4);
    const quiet = new ScaledObjectController({ ...KEDA_DEFAULTS, minReplicaCount: 4, idleReplicaCount: 1 }, -1000);
    expect(quiet.poll(0, 1, idle)).toEqual({ active: false, setReplicas: null, reason: 'idle' });
    // Without idleReplicaCount the same state is raised to the minimum (TestScaleToMinReplicasFromLowerInitialReplicaCount).
    expect(new ScaledObjectController({ ...KEDA_DEFAULTS, minReplicaCount: 4 }, -1000).poll(0, 1, idle).setReplicas).toBe(4);
  });

  it('activation thresholds decide "active" for idle mode too: a value equal to the threshold lets the service go idle', () => {
    const c = new ScaledObjectController(cfg, -1000);
    expect(c.poll(0, 5, [{ value: 2, activationThreshold: 2 }]).setReplicas).toBe(0);
    expect(c.poll(30, 0, [{ value: 2.5, activationThreshold: 2 }]).setReplicas).toBe(5);
  });
});

// RequestScale with isError (scale_scaledobjects.go at kedacore/keda@8b4f083c): what a failed trigger read does to the
// 0 ↔ 1 half. A failed read is not active and makes isError true; a read the fallback answered is active.
describe('ScaledObjectController with a failed trigger (RequestScale isError)', () => {
  const failed = [{ value: 0, activationThreshold: 0, read: 'error' as const }];
  const onFallback = [{ value: 0, activationThreshold: 0, read: 'fallback' as const }];

  it('inactive with an error and no fallback: TriggerError, nothing scaled, the cooldown to zero waits (last active 60 s; at 390 s and later it would have gone to zero)', () => {
    const c = new ScaledObjectController(KEDA_DEFAULTS);
    c.poll(60, 1, busy);
    for (let t = 90; t <= 900; t += 30) expect(c.poll(t, 1, failed)).toEqual({ active: false, setReplicas: null, reason: 'error' });
    expect(c.lastActiveTime).toBe(60);
    // The reads come back idle: the cooldown, still counted from 60 s, has long run out.
    expect(c.poll(930, 1, idle)).toEqual({ active: false, setReplicas: 0, reason: 'deactivate' });
  });

  it('inactive with an error and a fallback of 10 replicas: held (waiting for failureThreshold), even at 0 replicas below minReplicaCount', () => {
    const c = new ScaledObjectController({ ...KEDA_DEFAULTS, fallback: { replicas: 10 } }, -1000);
    expect(c.poll(0, 3, failed)).toEqual({ active: false, setReplicas: null, reason: 'error' });
    expect(new ScaledObjectController({ ...KEDA_DEFAULTS, minReplicaCount: 2, fallback: { replicas: 10 } }).poll(0, 0, failed).setReplicas).toBeNull();
  });

  it('a fallback of 0 replicas falls through to scale to zero (its switch case needs Fallback.Replicas != 0)', () => {
    const c = new ScaledObjectController({ ...KEDA_DEFAULTS, fallback: { replicas: 0 } }, -1000);
    expect(c.poll(0, 3, failed)).toEqual({ active: false, setReplicas: 0, reason: 'deactivate' });
  });

  it('active through another trigger while one fails, above zero: PartialTriggerError, LastActiveTime not renewed', () => {
    const c = new ScaledObjectController(KEDA_DEFAULTS);
    c.poll(0, 1, busy);
    expect(c.poll(30, 1, [...busy, ...failed])).toEqual({ active: true, setReplicas: null, reason: 'partial-error' });
    expect(c.lastActiveTime).toBe(0);
    // At zero the activation wins over the error (the first case of the active switch).
    expect(c.poll(60, 0, [...busy, ...failed])).toEqual({ active: true, setReplicas: 1, reason: 'activate' });
    expect(c.lastActiveTime).toBe(60);
  });

  it('a trigger the fallback answers is active (isActiveOrFallback): it wakes a service at zero and renews LastActiveTime', () => {
    const c = new ScaledObjectController(KEDA_DEFAULTS);
    expect(c.poll(0, 0, onFallback)).toEqual({ active: true, setReplicas: 1, reason: 'activate' });
    expect(c.poll(30, 1, onFallback)).toEqual({ active: true, setReplicas: null, reason: 'active' });
    expect(c.lastActiveTime).toBe(30);
  });
});
