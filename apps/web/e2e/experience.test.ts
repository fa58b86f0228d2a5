/**
 * Issue #12 in a real headless Chromium: results are never shown as current when they are not,
 * the page fits the screen at 1440×900, 1280×720 and 390×844 (stacked and read-only on a phone),
 * the design explains itself (prompt, verdict cause, inspector help, refused connections), and it
 * is instant: results stream from the worker, measured with the app's own performance marks
 * (figures in e2e-screenshots/timings.json, written down in docs/performance.md).
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { clickPane, runId, waitForFreshResult, waitForMark } from './app-helpers.ts';
import { launchBrowser, openPage, openTab, screenshot, SCREENSHOT_DIR } from './browser.ts';

const baseUrl = inject('baseUrl');
/** Screens a reader of the docs sees (committed): docs/screenshots/. */
const DOCS_SHOTS = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));

let browser: Browser;
const pageErrors: string[] = [];
const timings: Record<string, unknown> = {};

const open = (width: number, height: number): Promise<Page> => openPage(browser, baseUrl, width, height, pageErrors);

/** Saves a screenshot for the e2e folder and copies it to docs/screenshots/. */
async function docShot(p: Page, name: string): Promise<void> {
  await screenshot(p, name);
  mkdirSync(DOCS_SHOTS, { recursive: true });
  copyFileSync(`${SCREENSHOT_DIR}${name}.png`, `${DOCS_SHOTS}${name}.png`);
}

type Mark = { name: string; t: number; detail: unknown };
const marks = (p: Page): Promise<Mark[]> =>
  p.evaluate(() => performance.getEntriesByType('mark').map((m) => ({ name: m.name, t: m.startTime, detail: (m as PerformanceMark).detail as unknown })));
const longTasks = (p: Page): Promise<{ start: number; duration: number }[]> => p.evaluate(() => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks);

/** Time from the last edit mark to the first result of a newer run rendered after it (ms), and the long tasks in between. */
async function editToUpdate(p: Page, edit: () => Promise<void>): Promise<{ ms: number; longTasks: number[] }> {
  const before = await runId(p);
  await edit();
  await p.waitForFunction(
    (prev) =>
      performance
        .getEntriesByName('design-sim:result-shown')
        .some((m) => Number(String(((m as PerformanceMark).detail as { run: string }).run).split('-')[1]) > prev),
    before,
    { timeout: 60_000 },
  );
  const all = await marks(p);
  const edits = all.filter((m) => m.name === 'design-sim:edit');
  const editAt = edits[edits.length - 1]!.t;
  const shown = all.find((m) => m.name === 'design-sim:result-shown' && m.t > editAt && Number(String((m.detail as { run: string }).run).split('-')[1]) > before)!;
  const tasks = (await longTasks(p)).filter((x) => x.start + x.duration > editAt && x.start < shown.t).map((x) => Math.round(x.duration));
  return { ms: Math.round(shown.t - editAt), longTasks: tasks };
}

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  writeFileSync(`${SCREENSHOT_DIR}timings.json`, `${JSON.stringify(timings, null, 2)}\n`);
  await browser?.close();
});

describe('truthful, explained, instant, comfortable (issue #12)', () => {
  it('streams results: the first chart soon after load, charts growing left to right, then the complete run', async () => {
    // A first visit in a new tab of an open window, as a user opens the app (browser.ts's openTab says why not a new window).
    const p = await openTab(browser, baseUrl, 1440, 900, pageErrors);
    await waitForMark(p, 'design-sim:first-chart');
    const partialPoints = await p.evaluate(() => document.querySelector('[data-chart=qps] path[data-series=offered]')?.getAttribute('d')?.split('L').length ?? 0);
    const partial = await p.getAttribute('[data-testid=results]', 'data-progress');
    // The first chart comes before the canvas (its chunk, React Flow, loads after the first result: lazy-panes.ts);
    // the canvas then appears in the space kept for it, and the results do not move.
    const resultsAt = async () => {
      const b = (await p.locator('[data-testid=results]').boundingBox())!;
      return { x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width) };
    };
    const resultsBefore = await resultsAt();
    await p.waitForSelector('.react-flow__node[data-id="service:model"]', { timeout: 60_000 });
    const canvasShownMs = await p.evaluate(() => Math.round(performance.now()));
    expect(await resultsAt()).toEqual(resultsBefore);
    await waitForFreshResult(p, 0, 90_000);
    const full = await p.evaluate(() => document.querySelector('[data-chart=qps] path[data-series=offered]')?.getAttribute('d')?.split('L').length ?? 0);
    const all = await marks(p);
    const at = (name: string) => Math.round(all.find((m) => m.name === name)?.t ?? NaN);
    const fcp = await p.evaluate(() => Math.round(performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN));
    const firstShown = all.find((m) => m.name === 'design-sim:result-shown')!;
    const snapshots = all.filter((m) => m.name === 'design-sim:result-shown' && String((m.detail as { run: string }).run).endsWith('-partial')).length;
    // Render time of each result: from its arrival from the worker (useSimulation's mark) to the paint that shows it.
    const renderMs = all
      .filter((m) => m.name === 'design-sim:result-shown')
      .map((shown) => {
        const d = shown.detail as { run: string; progress: number };
        const run = Number(String(d.run).split('-')[1]);
        const got = all.filter((m) => m.name === 'design-sim:result-received' && m.t <= shown.t && (m.detail as { run: number }).run === run && (m.detail as { progress: number }).progress === d.progress).at(-1);
        return got === undefined ? null : Math.round(shown.t - got.t);
      })
      .filter((x): x is number => x !== null);
    timings.load = {
      scenario: 'autoscaling-100-to-1000-qps (4 h 30 m)',
      opened: 'new tab of an open window, first visit (no cache, no storage)',
      firstContentfulPaintMs: fcp,
      runStartMs: at('design-sim:run-start'),
      firstResultShownMs: Math.round(firstShown.t),
      firstChartMs: at('design-sim:first-chart'),
      canvasShownByMs: canvasShownMs,
      runEndMs: at('design-sim:run-end'),
      snapshotsShown: snapshots,
      firstSnapshotProgress: Number(partial),
      longTasksUntilFirstChart: (await longTasks(p)).filter((x) => x.start < at('design-sim:first-chart')).map((x) => Math.round(x.duration)),
      resultRenderMs: renderMs,
      loadAverage: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
    };
    // Every result shown was matched to its arrival from the worker (the marks are set where the work happens).
    expect(renderMs.length).toBe(snapshots + 1);
    // The first chart was a snapshot of the run in progress, drawn on the whole horizon's axis.
    expect(Number(partial)).toBeLessThan(1);
    expect(snapshots).toBeGreaterThan(0);
    expect(full).toBeGreaterThan(partialPoints);
    expect(at('design-sim:first-chart')).toBeLessThan(at('design-sim:run-end'));
    // A loose bound that holds on a loaded 2-core machine running the whole suite; the 500 ms and
    // what this machine measures when quiet are in docs/performance.md ("Streaming results").
    expect(at('design-sim:first-chart')).toBeLessThan(10_000);

    // Edit → updated numbers: a newer edit cancels the run and the new run's first numbers arrive streamed.
    await p.click('[data-testid="node-service:model"]');
    const field = '[data-field="spec.services[0].hpa.metrics[0].target"]';
    const update = await editToUpdate(p, () => p.fill(field, '14'));
    const again = await editToUpdate(p, () => p.fill(field, '13'));
    // A 24-hour horizon streams its first numbers as fast: the time to them does not grow with the horizon.
    await clickPane(p);
    const long = await editToUpdate(p, () => p.fill('[data-field="spec.duration"]', '24h'));
    await p.click('[data-testid="node-service:model"]');
    const longEdit = await editToUpdate(p, () => p.fill(field, '12'));
    timings.editToUpdate = { hpaTarget4h30m: [update, again], duration24h: long, hpaTarget24h: longEdit };
    await docShot(p, 'streaming-24h-1440x900');
    // Loose, like the first chart's bound above (the 300 ms target and the measured figures: docs/performance.md).
    for (const m of [update, again, long, longEdit]) {
      expect(m.ms).toBeGreaterThan(0);
      expect(m.ms).toBeLessThan(5_000);
    }
    await p.context().close();
    // The same first visit as the first page of a new window, which starts the window's own pages beside it.
    const w = await open(1440, 900);
    await waitForMark(w, 'design-sim:first-chart');
    timings.loadInNewWindow = {
      firstChartMs: Math.round(await w.evaluate(() => performance.getEntriesByName('design-sim:first-chart')[0]!.startTime)),
      loadAverage: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
    };
    await w.context().close();
    // Two more first visits in new tabs: one load is one sample at one moment of a shared machine; three give a median.
    const firstCharts = [at('design-sim:first-chart')];
    for (let i = 0; i < 2; i++) {
      const q = await openTab(browser, baseUrl, 1440, 900, pageErrors);
      await waitForMark(q, 'design-sim:first-chart');
      firstCharts.push(Math.round(await q.evaluate(() => performance.getEntriesByName('design-sim:first-chart')[0]!.startTime)));
      await q.context().close();
    }
    timings.firstChartThreeLoads = { ms: firstCharts, medianMs: [...firstCharts].sort((a, b) => a - b)[1], loadAverage: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ') };
    for (const ms of firstCharts) expect(ms).toBeLessThan(10_000);
  });

  it('marks results stale at once when another design opens, and labels the time base of node figures', async () => {
    const p = await open(1280, 720);
    await waitForFreshResult(p, 0, 90_000);
    expect(await p.textContent('[data-testid="status-service:model"]')).toMatch(/at the end 4:30.*replicas.*whole run.*p99[\d,.]+ (ms|s).*availability/);
    expect(await p.textContent('[data-metric="cost.monthly"]')).toContain('extrapolated: run average $/h × 730 h');
    expect(await p.textContent('[data-testid="card-requests.unfinished"]')).toMatch(/^\d[\d,]*$/);
    // Opening a different design: the old results are greyed and labelled before the new run answers.
    await p.click('[data-testid=open-library]');
    const before = await runId(p);
    await p.click('button[data-file="llama3-8b-gpu-comparison-h100.yaml"]');
    const state = await p.evaluate(() => ({
      stale: document.querySelector('[data-testid=results]')?.getAttribute('data-stale') ?? null,
      run: Number(document.querySelector<HTMLElement>('[data-testid=run-status]')?.dataset.runId),
      badges: document.querySelectorAll('.ds-node__status').length,
    }));
    expect(state.stale === 'true' || state.stale === null || state.run > before, JSON.stringify(state)).toBe(true);
    if (state.stale === 'true') expect(await p.textContent('[data-testid=stale-label]')).toMatch(/Stale — from another design/);
    await p.context().close();
  });

  it('explains the design: the prompt as Markdown, a verdict that names the cause, help from the schema, refused connections', async () => {
    const p = await open(1440, 900);
    await waitForFreshResult(p, 0, 90_000);
    expect(await p.textContent('[data-testid=brief] .ds-prompt')).toContain('Design an autoscaling strategy');
    const cause = (await p.textContent('[data-testid=verdict-cause]'))!;
    expect(cause).toMatch(/^p99 [\d,.]+ (ms|s|min), availability [\d.]+%: \d+ ready replicas could serve [\d,]+ req\/s against [\d,]+ req\/s offered at \d+:\d\d/);
    expect(cause).toMatch(/scale-ups took \d+(–\d+)? min/);
    timings.verdictCause = cause;
    await p.click('[data-testid=brief-notes] summary');
    await p.waitForSelector('.ds-brief__notes li');
    // Inspector help is the schema's description; units sit inside the box.
    const help = await p.locator('[data-field="spec.duration"]').evaluate((el) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent ?? '');
    expect(help).toMatch(/^Simulated horizon/);
    await p.click('[data-testid="node-service:model"]');
    const target = p.locator('[data-field="spec.services[0].hpa.metrics[0].target"]');
    expect(await target.evaluate((el) => el.parentElement?.querySelector('.ds-input__unit')?.textContent ?? null)).toBe(null);
    await docShot(p, 'explained-1440x900');
    // A connection the model refuses says why while it is dragged.
    const from = (await p.locator('.react-flow__node[data-id="traffic"] .react-flow__handle.source').boundingBox())!;
    const to = (await p.locator('.react-flow__node[data-id="pool:gpu"] .react-flow__handle.target').boundingBox())!;
    await p.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await p.mouse.down();
    await p.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 10 });
    await expect.poll(() => p.textContent('[data-testid=connect-hint]')).toMatch(/Can't connect: a traffic source connects to .*not to a node pool/);
    await p.mouse.up();
    await p.context().close();
  });

  it('New starts a design that passes, the replaced one comes back from the notice or Recent designs, and ? lists the shortcuts', async () => {
    const p = await open(1280, 720);
    await waitForFreshResult(p, 0, 90_000);
    const before = await runId(p);
    await p.click('[data-testid=new-design]');
    await p.click('[data-template=fixed-fleet]');
    await expect.poll(() => p.textContent('[data-testid=notice]')).toContain('New design');
    await waitForFreshResult(p, before);
    expect(await p.getAttribute('[data-testid=verdict]', 'data-pass')).toBe('true');
    await p.click('[data-testid=notice-restore]');
    await expect.poll(() => p.textContent('[data-testid="node-pool:gpu"]')).toContain('5–70 nodes');
    await p.click('[data-testid=open-library]');
    expect(await p.textContent('[data-testid=recent-designs] summary')).toMatch(/Recent designs \(\d+\)/);
    await p.keyboard.press('Escape');
    await p.keyboard.press('?');
    await p.waitForSelector('[data-testid=shortcuts]');
    expect(await p.textContent('[data-testid=shortcuts]')).toContain('Ctrl + Enter');
    await p.keyboard.press('Escape');
    await p.context().close();
  });

  it('renders hostile notes sanitised', async () => {
    const p = await open(1280, 720);
    await waitForFreshResult(p, 0, 90_000);
    const yaml = [
      'apiVersion: design-sim/v1',
      'kind: Scenario',
      'metadata:',
      '  name: hostile',
      '  prompt: "**Bold** <img src=x onerror=\\"window.__pwned=1\\"> [x](javascript:window.__pwned=2)"',
      '  notes: "<script>window.__pwned=3</script><p onclick=\\"window.__pwned=4\\">hi</p>"',
      'spec:',
      '  duration: 10m',
      '  traffic: { profile: { type: constant, qps: 10 } }',
      '  services: [{ name: model, replicas: 2, latency: { distribution: constant, ms: 50 }, nodePool: gpu }]',
      '  nodePools: [{ name: gpu, instance: aws/us-east-1/g5.2xlarge, minNodes: 2, maxNodes: 2 }]',
      '',
    ].join('\n');
    await p.setInputFiles('[data-testid=import-input]', { name: 'hostile.yaml', mimeType: 'application/yaml', buffer: Buffer.from(yaml) });
    await p.waitForSelector('[data-testid=brief] strong:text("Bold")');
    await p.click('[data-testid=brief-notes] summary');
    await p.waitForSelector('.ds-brief__notes');
    const html = await p.innerHTML('[data-testid=brief]');
    expect(html).not.toMatch(/<script|onerror|onclick|javascript:|<img/);
    expect(await p.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? null)).toBe(null);
    await p.context().close();
  });

  for (const [w, h] of [
    [1440, 900],
    [1280, 720],
    [390, 844],
  ] as const) {
    it(`fits ${w}×${h}: the page never scrolls, the toolbar stays on screen${w < 600 ? ', stacked and read-only' : ', with a splitter and collapsible panels'}`, async () => {
      const p = await open(w, h);
      await waitForFreshResult(p, 0, 90_000);
      const fit = await p.evaluate(() => ({
        scrollH: document.scrollingElement!.scrollHeight,
        scrollW: document.scrollingElement!.scrollWidth,
        toolbarTop: document.querySelector('.ds-toolbar')!.getBoundingClientRect().top,
        canvasW: document.querySelector('.ds-canvas')!.getBoundingClientRect().width,
        resultsW: document.querySelector('.ds-bottom')!.getBoundingClientRect().width,
      }));
      expect(fit.scrollH).toBeLessThanOrEqual(h);
      expect(fit.scrollW).toBeLessThanOrEqual(w);
      // Scrolling the results moves them, not the page.
      await p.mouse.move(w / 2, h - 40);
      await p.mouse.wheel(0, 2000);
      expect(await p.evaluate(() => document.querySelector('.ds-toolbar')!.getBoundingClientRect().top)).toBe(fit.toolbarTop);
      await p.mouse.wheel(0, -4000);
      if (w < 600) {
        expect(fit.canvasW).toBeGreaterThan(350);
        expect(fit.resultsW).toBeGreaterThan(350);
        expect(await p.getAttribute('[data-testid=canvas]', 'data-readonly')).toBe('true');
        expect(await p.locator('.ds-inspector, .ds-palette').count()).toBe(0);
        await docShot(p, `main-${w}x${h}`);
        await p.locator('.ds-main').evaluate((el) => el.scrollTo(0, 420));
        await docShot(p, `results-${w}x${h}`);
      } else {
        await docShot(p, `main-${w}x${h}`);
        // The splitter moves the canvas/results boundary; the side panels fold away.
        const canvasH = (await p.locator('[data-testid=canvas]').boundingBox())!.height;
        const bar = (await p.locator('[data-testid=splitter]').boundingBox())!;
        await p.mouse.move(bar.x + bar.width / 2, bar.y + 3);
        await p.mouse.down();
        await p.mouse.move(bar.x + bar.width / 2, bar.y + 150, { steps: 5 });
        await p.mouse.up();
        expect((await p.locator('[data-testid=canvas]').boundingBox())!.height).toBeGreaterThan(canvasH + 100);
        await p.click('[data-testid=toggle-inspector]');
        await p.click('[data-testid=toggle-palette]');
        expect(await p.locator('.ds-inspector, .ds-palette').count()).toBe(0);
        await docShot(p, `panels-folded-${w}x${h}`);
      }
      await p.context().close();
    });
  }

  it('has no serious or critical accessibility violations (axe-core, WCAG 2.1 A and AA) on the main screens', async () => {
    const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
    const found: Record<string, unknown> = {};
    for (const [w, h] of [
      [1440, 900],
      [390, 844],
    ] as const) {
      const p = await open(w, h);
      await waitForFreshResult(p, 0, 90_000);
      await p.addScriptTag({ path: axePath });
      const violations = await p.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (ctx: Document, o: unknown) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }> } }).axe;
        const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
        return r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
      });
      found[`${w}x${h}`] = violations;
      expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'), `${w}×${h}`).toEqual([]);
      await p.context().close();
    }
    timings.axe = found;
  });

  it('raised no uncaught page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
