import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createSimApi } from '@design-sim/sim-core';
import { createRunStore } from '../model/run-store.ts';
import { llmDoc, runDoc, smallDoc } from '../test-support/fixtures.ts';
import { CostBreakdownView } from './CostBreakdownView.tsx';
import { ClaimsTable, ExpectationList } from './GradesTable.tsx';
import { NoticeBanner } from './NoticeBanner.tsx';
import { RunStatus } from './RunStatus.tsx';
import { SummaryCards } from './SummaryCards.tsx';
import { formatMinutes } from '../results/format.ts';
import { JobsView } from './JobsView.tsx';
import { TeamsView } from './TeamsView.tsx';

const result = runDoc(smallDoc());

describe('result views', () => {
  it('a shared cluster shows one showback row per team; other designs show no teams table', () => {
    const doc = smallDoc();
    const spec = doc.spec as Record<string, unknown>;
    spec.teams = [{ name: 'serving' }, { name: 'research', gpuQuota: 2 }];
    (spec.services as Record<string, unknown>[])[0]!.team = 'serving';
    const shared = runDoc(doc);
    render(<TeamsView result={shared} />);
    const rows = screen.getByTestId('teams-showback').querySelectorAll('tbody tr');
    expect([...rows].map((r) => r.querySelector('th')!.textContent)).toEqual(['serving', 'research']);
    // Six 1-GPU replicas for 10 minutes: 1 GPU-hour for the serving team, none for research.
    expect(rows[0]!.querySelectorAll('td')[0]!.textContent).toBe('1.0');
    expect(rows[1]!.querySelectorAll('td')[2]!.textContent).toMatch(/^2 \(/);
    const { container } = render(<TeamsView result={result} />);
    expect(container.innerHTML).toBe('');
  });

  it('teams with a Kueue ClusterQueue add borrowed GPU-hours and reclaims columns', () => {
    const doc = smallDoc();
    const spec = doc.spec as Record<string, unknown>;
    spec.teams = [{ name: 'serving' }, { name: 'nlp', kueue: { nominalQuota: 4, cohort: 'research' } }, { name: 'cv', kueue: { nominalQuota: 2, cohort: 'research' } }];
    (spec.services as Record<string, unknown>[])[0]!.team = 'serving';
    render(<TeamsView result={runDoc(doc)} />);
    const table = screen.getByTestId('teams-showback');
    expect([...table.querySelectorAll('thead th')].map((h) => h.textContent)).toContain('Borrowed GPU-h');
    const cells = (i: number) => [...table.querySelectorAll('tbody tr')[i]!.querySelectorAll('td')].map((c) => c.textContent);
    // No jobs: nothing borrowed or reclaimed; the serving team has no ClusterQueue.
    expect(cells(1)).toEqual(expect.arrayContaining(['nominal 4', '0.0', '0 / 0']));
    expect(cells(0)).toEqual(expect.arrayContaining(['—', '—']));
  });

  it('a shared cluster\'s jobs: one row each with runs done, waits, interruptions and lost work; none without jobs', () => {
    const doc = smallDoc();
    const spec = doc.spec as Record<string, unknown>;
    spec.teams = [{ name: 'serving' }, { name: 'research' }];
    (spec.services as Record<string, unknown>[])[0]!.team = 'serving';
    // A 2-minute job at 0 and a 20-minute one, which cannot finish in the 10-minute run.
    spec.jobs = [
      { name: 'sweep', team: 'research', nodePool: 'gpu', gpusPerPod: 1, duration: '2m' },
      { name: 'pretrain', team: 'research', nodePool: 'gpu', gpusPerPod: 1, duration: '20m' },
    ];
    const shared = runDoc(doc);
    render(<JobsView result={shared} />);
    const table = screen.getByTestId('jobs-table');
    const cells = (i: number) => [...table.querySelectorAll('tbody tr')[i]!.querySelectorAll('th, td')].map((c) => c.textContent);
    const [sweep, pretrain] = shared.summary!.shared!.jobs;
    expect(cells(0).slice(0, 3)).toEqual(['sweep', 'research', `${sweep!.completed} of 1`]);
    expect(cells(1).slice(0, 3)).toEqual(['pretrain', 'research', '0 of 1']);
    // Waits as the run reports them (median / max, minutes), or "none started".
    const wait = (w: { p50: number; max: number } | null) => (w === null ? 'none started' : `${formatMinutes(w.p50)} / ${formatMinutes(w.max)}`);
    expect(cells(0)[3]).toBe(wait(sweep!.waitMinutes));
    expect(cells(1)[3]).toBe(wait(pretrain!.waitMinutes));
    expect(cells(0)[3]).toMatch(/^\d\.\d min \/ \d\.\d min$/);
    const { container } = render(<JobsView result={result} />);
    expect(container.innerHTML).toBe('');
  });

  it('with Kueue waitForPodsReady the teams table adds its evicted / deactivated column', () => {
    const doc = smallDoc();
    const spec = doc.spec as Record<string, unknown>;
    spec.teams = [{ name: 'serving' }, { name: 'nlp', kueue: { nominalQuota: 4 } }];
    spec.cluster = { kueue: { waitForPodsReady: {} } };
    (spec.services as Record<string, unknown>[])[0]!.team = 'serving';
    render(<TeamsView result={runDoc(doc)} />);
    const table = screen.getByTestId('teams-showback');
    expect([...table.querySelectorAll('thead th')].map((h) => h.textContent)).toContain('Pods not ready: evicted / deactivated');
    const cells = (i: number) => [...table.querySelectorAll('tbody tr')[i]!.querySelectorAll('td')].map((c) => c.textContent);
    // No jobs: nothing evicted; the serving team has no ClusterQueue.
    expect(cells(1)).toEqual(expect.arrayContaining(['0 / 0']));
    expect(cells(0).at(-2)).toBe('—');
  });

  it('summary cards carry their status for colour and for screen readers', () => {
    render(<SummaryCards result={result} />);
    const cost = document.querySelector('[data-metric="cost.hourly"]')!;
    expect(cost.getAttribute('data-status')).toBe('fail');
    expect(cost.textContent).toContain('fails the expectation');
    expect(screen.getByTestId('card-latency.p99').getAttribute('data-raw')).toBe(String(result.summary!.latencyMs.p99));
  });

  it('an LLM run adds TTFT, TPOT, tokens/s and $/1M-token cards with their colours', () => {
    const llm = runDoc(llmDoc());
    render(<SummaryCards result={llm} />);
    expect(screen.getByTestId('card-ttft.p99').textContent).toMatch(/^[\d.]+ ms$/);
    expect(document.querySelector('[data-metric="ttft.p99"]')!.getAttribute('data-status')).toBe('pass');
    expect(document.querySelector('[data-metric="tpot.p50"]')!.textContent).toContain('meets the expectation');
    expect(screen.getByTestId('card-tokens.outputPerSecond').getAttribute('data-raw')).toBe(String(llm.summary!.llm!.outputTokensPerSecond));
    const perM = document.querySelector('[data-metric="cost.perMillionTokens"]')!;
    expect(perM.getAttribute('data-status')).toBe('fail');
    expect(perM.textContent).toContain('$ / 1M output tokens');
  });

  it('expectations and graded claims read like the CLI', () => {
    render(
      <>
        <ExpectationList result={result} />
        <ClaimsTable result={result} />
      </>,
    );
    expect(screen.getByTestId('expectations').textContent).toMatch(/✓ pass latency\.p99 < 100ms — actual [\d.]+ ms/);
    expect(screen.getByTestId('expectations').textContent).toMatch(/✗ fail cost\.hourly < 1 — actual \$[\d.]+/);
    expect(document.querySelector('tr[data-verdict]')?.getAttribute('data-verdict')).toBe('ok');
  });

  it('cost breakdown lists pool and control-plane lines', () => {
    render(<CostBreakdownView result={result} />);
    const rows = screen.getByTestId('cost-breakdown').querySelectorAll('tbody tr');
    expect([...rows].map((r) => r.querySelector('th')?.textContent)).toEqual(['pool gpu', 'control plane']);
  });

  it('the run line shows progress and whether results are stale', () => {
    const store = createRunStore();
    store.send({ type: 'started', runId: 1, key: 'a', scenario: null, warnings: [] });
    store.send({ type: 'progress', runId: 1, fraction: 0.42 });
    const { rerender } = render(<RunStatus store={store} designKey="a" errorCount={0} onRun={() => undefined} onCancel={() => undefined} />);
    expect(screen.getByTestId('run-status').textContent).toContain('Simulating… 42%');
    store.send({ type: 'finished', runId: 1, result, elapsedMs: 1234 });
    rerender(<RunStatus store={store} designKey="b" errorCount={0} onRun={() => undefined} onCancel={() => undefined} />);
    expect(screen.getByTestId('run-status').textContent).toContain('Simulated in 1.23 s.');
    expect(screen.getByTestId('run-status').getAttribute('data-stale')).toBe('true');
    rerender(<RunStatus store={store} designKey="b" errorCount={2} onRun={() => undefined} onCancel={() => undefined} />);
    expect(screen.getByTestId('run-status').textContent).toContain('2 issues to fix');
  });

  it('notices show imported text as text', () => {
    const { container } = render(<NoticeBanner notice={{ kind: 'error', title: 'Could not import x.yaml', lines: ['x.yaml:3:1 <script>alert(1)</script>'] }} onClose={() => undefined} />);
    expect(container.querySelector('script')).toBeNull();
    expect(screen.getByRole('alert').textContent).toContain('<script>alert(1)</script>');
  });
});

describe('the verdict line', () => {
  it('a run in progress that passes so far is neutral, not green; the complete run is green', async () => {
    const { Verdict } = await import('./ResultsView.tsx');
    const doc = smallDoc();
    (doc.spec as Record<string, unknown>).expect = [];
    const done = runDoc(doc);
    render(<Verdict result={done} scenario={null} />);
    expect(screen.getByTestId('verdict').className).toContain('is-pass');
    document.body.innerHTML = '';
    render(<Verdict result={{ ...done, progress: 0.3 }} scenario={null} />);
    const v = screen.getByTestId('verdict');
    expect(v.className).toContain('is-pending');
    expect(v.className).not.toContain('is-pass');
    expect(v.textContent).toContain('passing so far (30% simulated)');
  });

  it('a PASS over unserved requests is amber and says what was lost, as the CLI does; the finding is not listed twice', async () => {
    const { Verdict } = await import('./ResultsView.tsx');
    // One replica, no queue, offered 20 times what it serves, under a lenient availability bar: it passes, refusing most.
    const yaml = `apiVersion: design-sim/v1
kind: Scenario
metadata: { name: lenient }
spec:
  duration: 300s
  seed: 3
  traffic: { target: api, profile: { type: constant, qps: 200 } }
  services:
    - { name: api, replicas: 1, concurrency: 1, queue: { maxLength: 0 }, latency: { distribution: exponential, meanMs: 100 } }
  expect: ['availability >= 1%']
`;
    const r = createSimApi().run(yaml, 'lenient.yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const m = r.result.summary!.measured;
    render(<Verdict result={r.result} scenario={null} />);
    const v = screen.getByTestId('verdict');
    expect(v.className).toContain('is-warn');
    expect(v.className).not.toContain('is-pass');
    expect(v.querySelector('strong')?.textContent).toBe('⚠ PASS, with unserved requests');
    const lost = `${m.dropped.toLocaleString('en-US')} of ${m.offered.toLocaleString('en-US')} requests not served`;
    expect(screen.getByTestId('verdict-caveat').textContent).toContain(lost);
    expect(v.textContent!.split(lost).length - 1).toBe(1);
  });
});

describe('summary cards while a run streams', () => {
  it('a card that meets its expectation so far is pending, not green, until the run is complete', () => {
    const doc = smallDoc();
    (doc.spec as Record<string, unknown>).expect = ['availability >= 50%'];
    const done = runDoc(doc);
    render(<SummaryCards result={done} />);
    expect(document.querySelector('[data-metric="availability"]')!.getAttribute('data-status')).toBe('pass');
    document.body.innerHTML = '';
    render(<SummaryCards result={{ ...done, progress: 0.3 }} />);
    const card = document.querySelector('[data-metric="availability"]')!;
    expect(card.getAttribute('data-status')).toBe('pending');
    expect(card.textContent).toContain('meets the expectation so far');
  });
});
