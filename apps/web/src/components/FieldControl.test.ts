import type { ScenarioIssue } from '@design-sim/sim-core';
import { describe, expect, it } from 'vitest';
import { issuesAt } from './FieldControl.tsx';

describe('issuesAt', () => {
  it('finds an issue folded with its repeats at each place it recurs, not only its first', () => {
    const typo: ScenarioIssue = { file: 'd.yaml', line: 12, column: 7, path: 'spec.services[0].latncy', message: 'unknown field "latncy"', suggestion: 'latency', alsoAt: ['spec.services[1].latncy', 'spec.services[2].latncy'] };
    expect(issuesAt([typo], ['spec', 'services', 0])).toEqual([typo]);
    expect(issuesAt([typo], ['spec', 'services', 2])).toEqual([typo]);
    expect(issuesAt([typo], ['spec', 'services', 3])).toEqual([]);
  });
});
