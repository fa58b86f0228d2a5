import { describe, expect, it } from 'vitest';
import { normalizeBehavior } from './normalize-behavior.ts';

describe('normalizeBehavior (SetDefaults_HorizontalPodAutoscalerBehavior, §1.9)', () => {
  it('keeps an omitted behavior as null so the legacy path is selected (§1.10)', () => {
    expect(normalizeBehavior(undefined)).toBeNull();
  });

  it('fills an empty block with the API defaults: up +4 pods / +100 % per 15 s, down −100 % per 15 s, window from flag', () => {
    expect(normalizeBehavior({})).toEqual({
      scaleUp: {
        stabilizationWindowSeconds: 0,
        selectPolicy: 'Max',
        policies: [
          { type: 'Pods', value: 4, periodSeconds: 15 },
          { type: 'Percent', value: 100, periodSeconds: 15 },
        ],
        tolerance: null,
      },
      scaleDown: {
        stabilizationWindowSeconds: null,
        selectPolicy: 'Max',
        policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
        tolerance: null,
      },
    });
  });

  it('replaces a user-set policies list whole instead of merging it with the defaults', () => {
    const b = normalizeBehavior({ scaleUp: { policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } });
    expect(b?.scaleUp.policies).toEqual([{ type: 'Pods', value: 1, periodSeconds: 60 }]);
    expect(b?.scaleUp.selectPolicy).toBe('Max');
    expect(b?.scaleUp.stabilizationWindowSeconds).toBe(0);
  });

  it('copies each set field on its own: window, selectPolicy and tolerance of one direction only', () => {
    const b = normalizeBehavior({ scaleDown: { stabilizationWindowSeconds: 0, selectPolicy: 'Disabled', tolerance: 0.05 } });
    expect(b?.scaleDown).toEqual({
      stabilizationWindowSeconds: 0,
      selectPolicy: 'Disabled',
      policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
      tolerance: 0.05,
    });
    expect(b?.scaleUp.tolerance).toBeNull();
  });

  it('does not share the default policy objects between results', () => {
    const a = normalizeBehavior({});
    const b = normalizeBehavior({});
    a?.scaleUp.policies.push({ type: 'Pods', value: 99, periodSeconds: 15 });
    expect(b?.scaleUp.policies).toHaveLength(2);
  });
});
