import { describe, expect, it } from 'vitest';
import { foldRepeatedIssues } from './repeated-issues.ts';
import { formatIssue, type ScenarioIssue } from './scenario-issue.ts';

const at = (line: number, path: string, message: string, suggestion?: string): ScenarioIssue => ({ file: 'f.yaml', line, column: 7, path, message, ...(suggestion === undefined ? {} : { suggestion }) });

describe('foldRepeatedIssues', () => {
  it('one typo in 40 services is one line at the first, counting the 39 others and naming the first five', () => {
    const typo = Array.from({ length: 40 }, (_, i) => at(12 + 3 * i, `spec.services[${i}].latncy`, 'unknown field "latncy"', 'latency'));
    const folded = foldRepeatedIssues(typo);
    expect(folded).toHaveLength(1);
    expect(folded[0]!.alsoAt).toHaveLength(39);
    expect(formatIssue(folded[0]!)).toBe('f.yaml:12:7 spec.services[0].latncy: unknown field "latncy" (did you mean "latency"?) … and in 39 more services: spec.services[1], [2], [3], [4], [5] …');
  });

  it('a single repeat is named in the singular and listed whole, with no ellipsis', () => {
    const folded = foldRepeatedIssues([at(5, 'spec.nodePools[0].maxNodes', 'must be at most 10,000, got 20,000'), at(9, 'spec.nodePools[3].maxNodes', 'must be at most 10,000, got 20,000')]);
    expect(folded.map(formatIssue)).toEqual(['f.yaml:5:7 spec.nodePools[0].maxNodes: must be at most 10,000, got 20,000 … and in 1 more nodePool: spec.nodePools[3]']);
  });

  it('different mistakes stay separate: another message, another field, another suggestion, or no path', () => {
    const issues = [
      at(3, 'spec.services[0].latncy', 'unknown field "latncy"', 'latency'),
      at(4, 'spec.services[0].replicas', 'expected a number, got "abc"'),
      at(6, 'spec.services[1].replicas', 'expected a number, got "x"'),
      at(7, 'spec.services[1].routng', 'unknown field "routng"', 'routing'),
      at(8, 'spec.services[2].latncy', 'unknown field "latncy"', 'latency'),
      { file: 'f.yaml', line: null, column: null, path: '', message: 'x' },
      { file: 'f.yaml', line: null, column: null, path: '', message: 'x' },
    ];
    const folded = foldRepeatedIssues(issues);
    expect(folded.map((i) => [i.path, i.alsoAt])).toEqual([
      ['spec.services[0].latncy', ['spec.services[2].latncy']],
      ['spec.services[0].replicas', undefined],
      ['spec.services[1].replicas', undefined],
      ['spec.services[1].routng', undefined],
      ['', undefined],
      ['', undefined],
    ]);
  });

  it('the list named is the one the places differ in, not the first in the path', () => {
    const m = 'must be greater than 0, got 0';
    const folded = foldRepeatedIssues([at(20, 'spec.services[2].hpa.metrics[0].target', m), at(22, 'spec.services[2].hpa.metrics[1].target', m), at(24, 'spec.services[2].hpa.metrics[2].target', m)]);
    expect(formatIssue(folded[0]!)).toBe('f.yaml:20:7 spec.services[2].hpa.metrics[0].target: must be greater than 0, got 0 … and in 2 more metrics: spec.services[2].hpa.metrics[1], [2]');
  });
});
