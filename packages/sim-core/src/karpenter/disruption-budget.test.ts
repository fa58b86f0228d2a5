import { describe, expect, it } from 'vitest';
import { allowedByBudgets, disruptionsLeft } from './disruption-budget.ts';

const pct = (percent: number, reasons: ('Empty' | 'Underutilized')[] | null = null) => ({ percent, count: null, reasons });
const count = (n: number, reasons: ('Empty' | 'Underutilized')[] | null = null) => ({ percent: null, count: n, reasons });

// kubernetes-sigs/karpenter pkg/apis/v1/nodepool.go Budget.GetAllowedDisruptions / GetAllowedDisruptionsByReason.
describe('disruption budgets (Budget.GetAllowedDisruptions)', () => {
  it('rounds a percentage up: 19 nodes at 20% allow ceil(3.8) = 4 (disruption docs example)', () => {
    expect(allowedByBudgets([pct(20)], 19, 'Empty')).toBe(4);
  });

  it('the default 10% lets 1 of 10 nodes go, and 1 of 5 (5% of 10 nodes rounds up to 1, not 0)', () => {
    expect(allowedByBudgets([pct(10)], 10, 'Underutilized')).toBe(1);
    expect(allowedByBudgets([pct(10)], 5, 'Underutilized')).toBe(1);
    expect(allowedByBudgets([pct(5)], 10, 'Underutilized')).toBe(1);
    expect(allowedByBudgets([pct(10)], 0, 'Empty')).toBe(0);
  });

  it('takes the most restrictive budget that applies to the reason; others are ignored', () => {
    const budgets = [pct(50), count(0, ['Underutilized']), count(3, ['Empty'])];
    expect(allowedByBudgets(budgets, 10, 'Underutilized')).toBe(0);
    expect(allowedByBudgets(budgets, 10, 'Empty')).toBe(3);
    expect(allowedByBudgets([count(2, ['Empty'])], 10, 'Underutilized')).toBe(2_147_483_647);
  });

  it('subtracts nodes already disrupting, never below zero (BuildDisruptionBudgetMapping)', () => {
    expect(disruptionsLeft([pct(20)], 19, 1, 'Empty')).toBe(3);
    expect(disruptionsLeft([pct(10)], 10, 3, 'Empty')).toBe(0);
  });
});
