/** `spec.traffic` at the parsing edge: bounds that are refused at their field. */
import { describe, expect, it } from 'vitest';
import { edit, report } from './scenario-test-builders.ts';

const trace = (timeScale: string) => edit(['    profile: { type: step, from: 100, to: 600, at: 5m }\n', `    trace: { file: t.csv, format: csv, timeScale: ${timeScale} }\n`]);

describe('traffic.trace.timeScale', () => {
  it('is refused below 1e-6 at its field: 1e-300 squeezed every row to time 0, before the warm-up, and only warned', () => {
    expect(report(trace('1e-300'))).toMatchInlineSnapshot(`"examples/bad.yaml:8:51 spec.traffic.trace.timeScale: must be at least 1e-6, got 1e-300"`);
    expect(report(trace('1e7'))).toMatchInlineSnapshot(`"examples/bad.yaml:8:51 spec.traffic.trace.timeScale: must be at most 1,000,000, got 10,000,000"`);
  });

  it('takes both ends of the range', () => {
    expect(report(trace('1e-6'))).toMatch(/^ok/);
    expect(report(trace('1e6'))).toMatch(/^ok/);
  });
});
