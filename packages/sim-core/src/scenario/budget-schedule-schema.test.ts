/**
 * A budget's `schedule` and `duration` at the parsing edge, against the NodePool CRD at
 * kubernetes-sigs/karpenter@2266468104f36373ed002241afaee2d3bbc26078 (pkg/apis/v1/nodepool.go `Budget` patterns and
 * the `Disruption.Budgets` XValidation), and what compiles from them.
 */
import { describe, expect, it } from 'vitest';
import { createSimApi } from '../api/sim-api.ts';
import { compileScenario } from '../api/compile-scenario.ts';
import { matchesSchedulePattern, parseBudgetDuration } from './budget-schedule-schema.ts';
import { formatIssue } from './scenario-issue.ts';

const api = createSimApi();

function doc(budget: string, startDate = ''): string {
  return `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: budget-schedule }
spec:
  duration: 1h
${startDate}  traffic: { profile: { type: constant, qps: 1 } }
  services:
    - { name: api, latency: { distribution: constant, ms: 100 }, nodePool: gpu }
  nodePools:
    - name: gpu
      provisioner: karpenter
      karpenter:
        instanceTypes: [aws/us-east-1/g5.xlarge]
        disruption:
          budgets: [${budget}]
`;
}

function report(text: string): string {
  const v = api.validate(text, 'k.yaml');
  return v.ok ? ['ok', ...v.warnings.map(formatIssue)].join('\n') : v.issues.map(formatIssue).join('\n');
}

describe('the CRD schedule pattern', () => {
  it('takes text starting with a macro name or ending in five whitespace-separated parts (RE2 \\s, . without \\n)', () => {
    expect(matchesSchedulePattern('0 9 * * mon-fri')).toBe(true);
    expect(matchesSchedulePattern('@daily')).toBe(true);
    // The `|` splits the whole pattern: a macro prefix or five trailing parts suffices.
    expect(matchesSchedulePattern('@dailyish')).toBe(true);
    expect(matchesSchedulePattern('0 9 * * mon-fri extra')).toBe(true);
    expect(matchesSchedulePattern('0\t9\n*\f*\r*')).toBe(true);
    expect(matchesSchedulePattern('0 9 * *')).toBe(false);
    expect(matchesSchedulePattern('@every 1h')).toBe(false);
    expect(matchesSchedulePattern(' @daily')).toBe(false);
    // `.` is not \n: the five parts must end the text, and no part holds a newline.
    expect(matchesSchedulePattern('0 9 * * *\n')).toBe(false);
    expect(matchesSchedulePattern('0 9 *\n* *')).toBe(true);
    expect(matchesSchedulePattern('0 9 *\n\n* *')).toBe(false);
    // \v is not RE2's \s.
    expect(matchesSchedulePattern('0\v9\v*\v*\v*')).toBe(false);
  });

  it('answers in linear time on long text (no backtracking regex)', () => {
    expect(matchesSchedulePattern(`${'a '.repeat(50_000)}\n`)).toBe(false);
  });
});

describe('the CRD duration pattern', () => {
  it('takes hours, minutes, or hours then minutes, with an optional 0s', () => {
    expect(parseBudgetDuration('8h')).toBe(28_800);
    expect(parseBudgetDuration('90m')).toBe(5_400);
    expect(parseBudgetDuration('1h30m')).toBe(5_400);
    expect(parseBudgetDuration('8h0s')).toBe(28_800);
    expect(parseBudgetDuration('0m')).toBe(0);
    for (const s of ['30s', '1d', '1h30m15s', '1.5h', '30m1h', 'h']) expect(parseBudgetDuration(s)).toBeUndefined();
    // Go's time.Duration holds 2562047h47m16.85s at most.
    expect(parseBudgetDuration('2562047h')).toBe(2_562_047 * 3600);
    expect(parseBudgetDuration('2562048h')).toBeUndefined();
  });
});

describe('a scheduled budget in a scenario', () => {
  it('compiles schedule and duration, and the wall clock from spec.startDate (default 2024-01-01)', () => {
    const v = api.validate(doc('{ nodes: "0", schedule: "0 9 * * mon-fri", duration: 8h }, { nodes: "10%" }', '  startDate: "2024-03-02"\n'), 'k.yaml');
    if (!v.ok) throw new Error(v.issues.map(formatIssue).join('\n'));
    const cfg = compileScenario(v.scenario);
    const [b0, b1] = cfg.pools[0]!.karpenter!.budgets;
    expect(b0).toMatchObject({ count: 0, reasons: null, schedule: { durationSeconds: 28_800 } });
    expect(b0!.schedule!.cron!.dow).toEqual([false, true, true, true, true, true, false]);
    expect(b1!.schedule).toBeNull();
    // 2024-03-02 is day 19 784 since 1970-01-01 (19 723 to 2024-01-01, + 31 + 29 + 1).
    expect(cfg.karpenter!.startEpochSeconds).toBe(19_784 * 86_400);
  });

  it("refuses a schedule without a duration and the reverse (the CRD's XValidation)", () => {
    expect(report(doc('{ nodes: "0", schedule: "0 9 * * *" }'))).toMatchInlineSnapshot(`"k.yaml:15:45 spec.nodePools[0].karpenter.disruption.budgets[0].schedule: 'schedule' must be set with 'duration': this budget has schedule but no duration"`);
    expect(report(doc('{ nodes: "0", duration: 8h }'))).toContain("'schedule' must be set with 'duration': this budget has duration but no schedule");
  });

  it('refuses what the CRD patterns refuse, at the field', () => {
    expect(report(doc('{ nodes: "0", schedule: "0 9 * *", duration: 8h }'))).toContain('budgets[0].schedule: must be a cron spec of five fields');
    expect(report(doc('{ nodes: "0", schedule: "@daily", duration: 1d }'))).toContain('budgets[0].duration: must be hours and/or minutes such as "8h", "30m" or "1h30m"');
    expect(report(doc('{ nodes: "0", schedule: "@daily", duration: 99999999h }'))).toContain('is longer than a Go duration can hold');
    expect(report(doc('{ nodes: "1", reasons: [Expired] }'))).toContain('budgets[0].reasons[0]: expected one of Empty | Underutilized | Drifted, got "Expired"');
    expect(report(doc('{ nodes: "0" }', '  startDate: "2024-02-30"\n'))).toContain('spec.startDate: not a calendar day');
  });

  it('warns when the CRD admits a schedule robfig/cron cannot parse: the pool then fails closed', () => {
    expect(report(doc('{ nodes: "0", schedule: "0 9 * * 7", duration: 8h }'))).toMatchInlineSnapshot(`
      "ok
      k.yaml:15:45 spec.nodePools[0].karpenter.disruption.budgets[0].schedule: Karpenter cannot parse this schedule (end of range (7) above maximum (6): 7): the NodePool is accepted, but Karpenter then allows no disruption at all in the pool, which is what this run simulates"
    `);
  });
});
