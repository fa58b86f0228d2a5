/** Page helpers for the e2e suite: wait for a fresh result, read cards, charts and the YAML. */
import type { Page } from 'playwright-core';

/** The run id shown by the status line (0 before any run). */
export async function runId(page: Page): Promise<number> {
  return Number(await page.getAttribute('[data-testid=run-status]', 'data-run-id'));
}

/**
 * Waits until a run newer than `after` has finished, its result matches the current design, and
 * the panel on screen (results, compare column B or practice report) shows that run (results
 * render as a deferred update, a moment after the run ends).
 */
export async function waitForFreshResult(page: Page, after: number, timeout = 60_000): Promise<number> {
  await page.waitForFunction(
    (prev) => {
      const el = document.querySelector<HTMLElement>('[data-testid=run-status]');
      if (el === null || !(Number(el.dataset.runId) > prev && el.dataset.status === 'done' && el.dataset.stale === 'false')) return false;
      return document.querySelector(`[data-run="main-${el.dataset.runId}"]`) !== null;
    },
    after,
    { timeout },
  );
  return runId(page);
}

/** The raw value of a summary card (its metric's canonical unit). */
export async function cardValue(page: Page, metric: string): Promise<number> {
  const raw = await page.getAttribute(`[data-testid="card-${metric}"]`, 'data-raw');
  if (raw === null || raw === '') throw new Error(`card ${metric} has no value`);
  return Number(raw);
}

/** The `d` attribute of every series path of every chart, by `chart/series`. */
export async function chartPaths(page: Page): Promise<Record<string, string>> {
  await page.waitForSelector('[data-chart=cost] path[data-series]');
  return page.evaluate(() => {
    const out: Record<string, string> = {};
    for (const fig of document.querySelectorAll<HTMLElement>('[data-testid=results] figure[data-chart]')) {
      for (const p of fig.querySelectorAll('path[data-series]')) out[`${fig.dataset.chart}/${p.getAttribute('data-series')}`] = p.getAttribute('d') ?? '';
    }
    return out;
  });
}

/** The design's YAML as the "View YAML" dialog shows it (the exported file). */
export async function viewYaml(page: Page): Promise<string> {
  await page.click('[data-testid=show-yaml]');
  const text = await page.inputValue('[data-testid=yaml-view]');
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-testid=yaml-view]', { state: 'detached' });
  return text;
}

/** Clicks an empty spot of the canvas (clears the selection: the inspector shows the scenario). */
export async function clickPane(page: Page): Promise<void> {
  await page.click('.react-flow__pane', { position: { x: 12, y: 12 } });
}

/** Long tasks (> 50 ms) on the main thread that overlap [start, end] (ms since navigation start). */
export async function longTasksDuring(page: Page, start: number, end: number): Promise<{ start: number; duration: number }[]> {
  return page.evaluate(
    ([s, e]) => ((window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks ?? []).filter((t) => t.start < e && t.start + t.duration > s),
    [start, end] as const,
  );
}

/** The [start, end] of the last run (performance marks set by useSimulation). */
export async function lastRunWindow(page: Page): Promise<{ start: number; end: number }> {
  return page.evaluate(() => {
    const s = performance.getEntriesByName('design-sim:run-start');
    const e = performance.getEntriesByName('design-sim:run-end');
    return { start: s[s.length - 1]?.startTime ?? NaN, end: e[e.length - 1]?.startTime ?? NaN };
  });
}

/** axe-core's WCAG 2.1 A and AA violations on the page as it is now (axe injected from `axePath` once per page). */
export async function axeViolations(page: Page, axePath: string): Promise<{ id: string; impact: string | null; targets: string[] }[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: unknown) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
}

/** Compare mode with the current design pinned as A and the "all on-demand" variant as B, both runs drawn. */
export async function compareAllOnDemand(page: Page): Promise<void> {
  await page.click('[data-testid=mode-compare]');
  await page.click('text=Pin the current design as A');
  const before = await runId(page);
  await page.click('text=B: all on-demand');
  await waitForFreshResult(page, before, 90_000);
  await page.waitForSelector('[data-testid=compare-charts] path[data-series=a-ready]');
}

/**
 * Waits until the page has set the performance mark `name`, asking with a plain expression every 50 ms. Playwright's
 * `waitForFunction` first injects its own script into the page (about 45 ms of script evaluation on the main thread
 * in a trace of the app's boot), which a user's page never runs: a first visit's timings must not carry it.
 */
export async function waitForMark(page: Page, name: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const set = `performance.getEntriesByName(${JSON.stringify(name)}).length > 0`;
  while (!(await page.evaluate(set))) {
    if (Date.now() > deadline) throw new Error(`the page set no "${name}" mark in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
