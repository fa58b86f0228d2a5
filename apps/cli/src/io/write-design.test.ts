import { describe, expect, it } from 'vitest';
import { editScenarioText } from './write-design.ts';

const text = `# top comment
spec:
  seed: 1   # spaced comment
  traffic:
    profile: { type: constant, qps: 500 }
  services:
    - name: "model"
      replicas: 30          # the guess
`;

describe('editScenarioText', () => {
  it('splices scalar values into the original text, every other byte kept', () => {
    const out = editScenarioText(text, [
      { path: ['spec', 'services', 0, 'replicas'], value: 28, source: '' },
      { path: ['spec', 'traffic', 'profile', 'qps'], value: 750, source: '' },
      { path: ['spec', 'services', 0, 'name'], value: 'big model', source: '' },
    ]);
    expect(out).toBe(text.replace('replicas: 30', 'replicas: 28').replace('qps: 500', 'qps: 750').replace('"model"', 'big model'));
  });

  it('falls back to editing the document when a field is new (comments kept)', () => {
    const out = editScenarioText(text, [{ path: ['spec', 'duration'], value: '1h', source: '' }]);
    expect(out).toContain('duration: 1h');
    expect(out).toContain('# the guess');
  });
});
