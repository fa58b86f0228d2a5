/**
 * The README walkthrough in a real headless Chromium: open the app, load the autoscaling example,
 * run it, read the charts and summary, change the HPA target and see the result change, export a
 * file the CLI's code path runs to the same numbers, open a shared link, and import a broken file.
 * Each step saves a screenshot under apps/web/e2e-screenshots/ for a person to look at.
 */
import { createSimApi, parseScenarioText, toPlainJson, type RunResult } from '@design-sim/sim-core';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cardValue, chartPaths, clickPane, lastRunWindow, longTasksDuring, runId, viewYaml, waitForFreshResult } from './app-helpers.ts';
import { launchBrowser, LONG_TASK_OBSERVER, screenshot, SCREENSHOT_DIR } from './browser.ts';

const baseUrl = inject('baseUrl');
const EXAMPLE = 'autoscaling-100-to-1000-qps.yaml';

let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];
/** Figures for docs/web.md, written to e2e-screenshots/metrics.json. */
const metrics: Record<string, unknown> = {};

async function newPage(ctx: BrowserContext): Promise<Page> {
  const p = await ctx.newPage();
  await p.addInitScript(LONG_TASK_OBSERVER);
  p.on('pageerror', (e) => pageErrors.push(e.message));
  return p;
}

/** The built CLI (apps/cli/dist); turbo builds it before this suite (`^build` of a dev dependency). */
const CLI = fileURLToPath(new URL('../../cli/dist/design-sim.mjs', import.meta.url));

/** Runs a file with the real CLI (`design-sim run --json`); exit 1 only means an expectation failed. */
function runCli(file: string): { summary: NonNullable<RunResult['summary']> } {
  if (!existsSync(CLI)) throw new Error(`the CLI is not built (${CLI}); run: pnpm --filter @design-sim/cli build`);
  let out: string;
  try {
    out = execFileSync(process.execPath, [CLI, 'run', file, '--json'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  } catch (e) {
    const err = e as { status?: number; stdout?: string };
    if (err.status !== 1 || !err.stdout) throw e;
    out = err.stdout;
  }
  return JSON.parse(out) as { summary: NonNullable<RunResult['summary']> };
}

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  page = await newPage(context);
});

afterAll(async () => {
  writeFileSync(`${SCREENSHOT_DIR}metrics.json`, `${JSON.stringify(metrics, null, 2)}\n`);
  await browser?.close();
});

describe('design-sim in a real browser', () => {
  it('opens with the autoscaling example and shows a first result (time to first result)', async () => {
    await page.goto(baseUrl);
    await page.waitForSelector('[data-testid="node-service:model"]');
    const firstRun = await waitForFreshResult(page, 0, 90_000);
    expect(firstRun).toBeGreaterThan(0);
    await page.waitForSelector('[data-testid=summary-cards]');
    await page.waitForSelector('[data-chart=cost] path[data-series]');
    const t = await page.evaluate(() => ({
      runEnd: performance.getEntriesByName('design-sim:run-end')[0]?.startTime ?? NaN,
      runStart: performance.getEntriesByName('design-sim:run-start')[0]?.startTime ?? NaN,
      shown: performance.now(),
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      longTasks: (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks,
    }));
    // For the record (not asserted): main-thread tasks over 50 ms while the page boots and first renders results.
    metrics.longTasksDuringLoad = t.longTasks.map((x) => ({ startMs: Math.round(x.start), durationMs: Math.round(x.duration) }));
    metrics.timeToFirstResult = { fullExample4h30m: { firstContentfulPaintMs: Math.round(t.fcp), runStartMs: Math.round(t.runStart), runEndMs: Math.round(t.runEnd), chartsShownByMs: Math.round(t.shown) } };
    expect(t.runEnd).toBeGreaterThan(t.runStart);
    // The page at 1280×800 does not scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(page, '01-first-result-1280x800');
  });

  it('loads the autoscaling scenario from the library with its prompt', async () => {
    await page.click('[data-testid=open-library]');
    await page.waitForSelector('[data-testid=library]');
    await screenshot(page, '02-library');
    const before = await runId(page);
    await page.click(`button[data-file="${EXAMPLE}"]`);
    await expect.poll(() => page.textContent('[data-testid=notice]')).toContain(`Opened ${EXAMPLE}`);
    // The prompt is the brief's, above the results (the notice does not repeat it).
    await expect.poll(() => page.textContent('[data-testid=brief]')).toContain('Design an autoscaling strategy');
    for (const id of ['traffic', 'service:model', 'pool:gpu']) expect(await page.isVisible(`[data-testid="node-${id}"]`)).toBe(true);
    // Same text as the run already shown: no re-run is needed, the result stays current.
    expect(await page.getAttribute('[data-testid=run-status]', 'data-stale')).toBe('false');
    expect(await runId(page)).toBeGreaterThanOrEqual(before);
  });

  it('runs a 2-hour version (duration set in the inspector) without blocking the page, and draws the charts', async () => {
    await clickPane(page);
    // Main-thread tasks over 50 ms (the Long Tasks API's threshold) while the run streams its snapshots. On this
    // 2-core machine the worker, the compositor and the test runner share the cores with the page, and a frame is
    // now and then descheduled past 50 ms (a CI run saw one 54 ms frame; traced here, a 42 ms frame held 11 ms of
    // work and waited for a core the rest of the time). So a run with a long task is run once more: only blocking seen in two runs in a
    // row fails, which a real regression (work done on the main thread) always is.
    const attempts: { start: number; duration: number }[][] = [];
    for (const duration of ['2h', '1h59m', '2h']) {
      const before = await runId(page);
      await page.fill('[data-field="spec.duration"]', duration);
      await page.keyboard.press('Tab');
      expect(await page.locator('.ds-field.has-error').count()).toBe(0);
      await waitForFreshResult(page, before);
      if (duration === '1h59m') continue;
      await page.waitForSelector('[data-testid=summary-cards]');
      const span = await lastRunWindow(page);
      const overlapping = await longTasksDuring(page, span.start, span.end);
      // The task that began before the run is the edit's own (the input event that starts the run: its render of the
      // edited design); it is recorded here and timed as edit → numbers. The run's work is what comes after its start:
      // its snapshots received, rendered and painted.
      const editTask = overlapping.filter((t) => t.start < span.start);
      const blocking = overlapping.filter((t) => t.start >= span.start);
      attempts.push(blocking);
      const longest = Math.max(0, ...blocking.map((t) => t.duration));
      metrics.mainThreadDuringRun = { runMs: Math.round(span.end - span.start), longTasksOver50ms: blocking.length, longestTaskMs: Math.round(longest), editTaskOver50ms: editTask.map((t) => Math.round(t.duration)), runsMeasured: attempts.length };
      if (blocking.length === 0) break;
    }
    expect(attempts.at(-1), `main-thread tasks over 50 ms during each of ${attempts.length} runs: ${JSON.stringify(attempts)}`).toEqual([]);

    const paths = await chartPaths(page);
    for (const key of ['qps/offered', 'qps/served', 'qps/capacity', 'backlog/waiting', 'backlog/inService', 'fleet/desired', 'fleet/ready', 'fleet/nodes', 'fleet/provisioning', 'latency/p50', 'latency/p95', 'latency/p99', 'rate/rate', 'rate/onDemand', 'rate/spot', 'cost/cost', 'cost/spotCost']) {
      expect(paths[key], key).toMatch(/^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){20,}/);
    }
    expect(await page.locator('[data-chart=latency] [data-ref="SLO p99"]').count()).toBe(1);
    expect(await page.locator('[data-chart=fleet] .ds-mark--scale').count()).toBeGreaterThan(0);
    for (const m of ['latency.p99', 'availability', 'gpus.peak', 'cost.hourly', 'cost.monthly', 'cost.per1k']) expect(Number.isFinite(await cardValue(page, m)), m).toBe(true);
    expect(await page.getAttribute('[data-metric="latency.p99"]', 'data-status')).toMatch(/^(pass|fail)$/);
    expect(await page.locator('[data-testid=cost-breakdown] tbody tr').count()).toBeGreaterThanOrEqual(2);

    // The shared time cursor: hovering one chart puts a crosshair on all six (requests, backlog, fleet, latency, $/hour, cost) and a tooltip on the hovered one only.
    // The results panel scrolls inside the page: bring the chart on screen before pointing at it.
    await page.locator('[data-chart=qps] svg').scrollIntoViewIfNeeded();
    const box = (await page.locator('[data-chart=qps] svg').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
    await expect.poll(() => page.locator('.ds-cursor').count()).toBe(6);
    expect(await page.textContent('[data-chart=qps] .ds-tooltip')).toMatch(/t = \d+:\d\d/);
    expect(await page.locator('.ds-tooltip').count()).toBe(1);
    await page.locator('.ds-bottom').evaluate((el) => el.scrollTo(0, 330));
    await screenshot(page, '03-charts-2h');
    await page.mouse.move(5, 5);
  });

  it('changes the HPA target in the inspector, re-runs with Ctrl+Enter, and the result changes', async () => {
    const paths = await chartPaths(page);
    const peakBefore = await cardValue(page, 'gpus.peak');
    const costBefore = await cardValue(page, 'cost.hourly');
    await page.uncheck('text=run on every edit');
    await page.click('[data-testid="node-service:model"]');
    const field = '[data-field="spec.services[0].hpa.metrics[0].target"]';
    await page.waitForSelector(field);
    expect(await page.inputValue(field)).toBe('15');
    // A wrong value is shown at the field, and never reaches the simulator.
    await page.fill(field, '-3');
    await expect.poll(() => page.locator('.ds-field.has-error').count()).toBeGreaterThan(0);
    expect(await page.getAttribute('[data-testid="node-service:model"]', 'class')).toContain('has-issues');
    expect(await page.isDisabled('[data-testid=run]')).toBe(true);
    await page.fill(field, '5');
    await expect.poll(() => page.locator('.ds-field.has-error').count()).toBe(0);
    const before = await runId(page);
    await page.keyboard.press('Control+Enter');
    await waitForFreshResult(page, before);
    const peakAfter = await cardValue(page, 'gpus.peak');
    const costAfter = await cardValue(page, 'cost.hourly');
    // A lower target per replica means more replicas, hence more GPUs and a bigger bill.
    expect(peakAfter).toBeGreaterThan(peakBefore);
    expect(costAfter).toBeGreaterThan(costBefore);
    const after = await chartPaths(page);
    expect(after['fleet/desired']).not.toBe(paths['fleet/desired']);
    expect(after['cost/cost']).not.toBe(paths['cost/cost']);
    metrics.hpaTargetChange = { peakGpus: [peakBefore, peakAfter], costPerHourUsd: [costBefore, costAfter] };
    await screenshot(page, '04-hpa-target-5');
    await page.check('text=run on every edit');
  });

  it('exports YAML that the CLI runs unchanged, reproducing the numbers on screen', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export]')]);
    expect(download.suggestedFilename()).toBe('autoscaling-100-to-1000-qps.yaml');
    const exported = readFileSync((await download.path())!, 'utf8');
    writeFileSync(`${SCREENSHOT_DIR}exported.yaml`, exported);
    expect(exported).toBe(await viewYaml(page));
    expect(exported).toMatch(/duration: 2h\n/);
    expect(exported).toMatch(/type: qpsPerReplica, target: 5\b/);

    const parsed = parseScenarioText(exported, 'exported.yaml');
    expect(parsed.ok, JSON.stringify(parsed.ok ? [] : parsed.issues)).toBe(true);
    // The real CLI on the exported file gives the numbers on screen, to the last bit.
    const s = runCli(`${SCREENSHOT_DIR}exported.yaml`).summary;
    const api = createSimApi().run(exported, 'exported.yaml');
    // As the CLI's --json writes it: typed arrays (the pools' node series) as lists, NaN as null.
    expect(api.ok && toPlainJson(api.result.summary)).toEqual(s);
    expect(await cardValue(page, 'latency.p99')).toBe(s.latencyMs.p99);
    expect(await cardValue(page, 'availability')).toBe(s.availability);
    expect(await cardValue(page, 'gpus.peak')).toBe(s.peakGpus);
    expect(await cardValue(page, 'cost.hourly')).toBe(s.cost.perHourUsd);
    expect(await cardValue(page, 'cost.per1k')).toBe(s.cost.per1kRequestsUsd);

    // Canvas → YAML → canvas: importing the exported file gives back the same design.
    await page.setInputFiles('[data-testid=import-input]', { name: 'exported.yaml', mimeType: 'application/yaml', buffer: Buffer.from(exported) });
    await expect.poll(() => page.textContent('[data-testid=notice]')).toContain('Imported exported.yaml');
    expect(await viewYaml(page)).toBe(exported);
  });

  it('opens a shared link in a fresh browser and restores the same design', async () => {
    const original = await viewYaml(page);
    await page.click('[data-testid=share]');
    await page.waitForSelector('[data-testid=share-url][data-ready=true]');
    const url = await page.inputValue('[data-testid=share-url]');
    await page.keyboard.press('Escape');
    // An edited library design: the YAML deflated, its prompt and notes by reference to the library file.
    expect(url).toMatch(/#z=[A-Za-z0-9_-]+&lib=autoscaling-100-to-1000-qps\.yaml$/);
    const other = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const p2 = await newPage(other);
    await p2.goto(url);
    await p2.waitForSelector('[data-testid=notice]');
    expect(await p2.textContent('[data-testid=notice]')).toContain('Opened the design from the shared link');
    expect(await viewYaml(p2)).toBe(original);
    expect(new URL(p2.url()).hash).toBe('');
    await waitForFreshResult(p2, 0);
    expect(await cardValue(p2, 'cost.hourly')).toBe(await cardValue(page, 'cost.hourly'));
    await screenshot(p2, '05-shared-link');
    // A damaged link is reported, not half-loaded.
    const p3 = await newPage(other);
    await p3.goto(`${baseUrl}#z=not-a-design`);
    await p3.waitForSelector('[data-testid=notice]');
    expect(await p3.textContent('[data-testid=notice]')).toMatch(/shared link/i);
    await other.close();
  });

  it('rejects broken files with an error that names the line, and keeps the design', async () => {
    const before = await viewYaml(page);
    const syntax = 'apiVersion: design-sim/v1\nkind: Scenario\nmetadata:\n  name: broken\nspec:\n  duration: 1h\n  traffic: { profile: { type: constant, qps: 10 }\n';
    await page.setInputFiles('[data-testid=import-input]', { name: 'broken.yaml', mimeType: 'application/yaml', buffer: Buffer.from(syntax) });
    await expect.poll(() => page.textContent('[data-testid=notice]')).toContain('Could not import broken.yaml');
    expect(await page.textContent('[data-testid=notice]')).toMatch(/broken\.yaml:\d+:\d+ .*YAML syntax error/);
    expect(await page.getAttribute('[data-testid=notice]', 'role')).toBe('alert');
    await screenshot(page, '06-broken-import');

    const typo = readFileSync(new URL(`../../../content/${EXAMPLE}`, import.meta.url), 'utf8').replace('initialNodes: 7', 'initalNodes: 7');
    const line = typo.split('\n').findIndex((l) => l.includes('initalNodes')) + 1;
    await page.setInputFiles('[data-testid=import-input]', { name: 'typo.yaml', mimeType: 'application/yaml', buffer: Buffer.from(typo) });
    await expect.poll(() => page.textContent('[data-testid=notice]')).toContain('Could not import typo.yaml');
    const text = (await page.textContent('[data-testid=notice]'))!;
    expect(text).toContain(`typo.yaml:${line}:`);
    expect(text).toContain('initialNodes');
    expect(await viewYaml(page)).toBe(before);
  });

  it('edits on the canvas: drop a cache, connect it, delete, undo and redo with the keyboard', async () => {
    await page.dragAndDrop('[data-testid=palette-cache]', '.react-flow__pane', { targetPosition: { x: 120, y: 40 } });
    const detached = page.locator('.react-flow__node[data-id^="detached:cache"]');
    await expect.poll(() => detached.count()).toBe(1);
    const from = (await detached.locator('.react-flow__handle.source').boundingBox())!;
    const to = (await page.locator('.react-flow__node[data-id="service:model"] .react-flow__handle.target').boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
    await page.mouse.up();
    await expect.poll(() => page.locator('[data-testid="node-cache:model"]').count()).toBe(1);
    expect(await viewYaml(page)).toMatch(/cache: \{hitRatio: 0\.5, latency: 2ms\}/);
    await screenshot(page, '07-cache-connected');

    await page.click('[data-testid="node-cache:model"]');
    await page.keyboard.press('Delete');
    await expect.poll(() => page.locator('[data-testid="node-cache:model"]').count()).toBe(0);
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('[data-testid="node-cache:model"]').count()).toBe(1);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => page.locator('[data-testid="node-cache:model"]').count()).toBe(0);
    expect(await viewYaml(page)).not.toContain('cache:');
  });

  it('compares two variants: pinned on-demand+spot fleet against all on-demand', async () => {
    await page.click('[data-testid=mode-compare]');
    await page.click('text=Pin the current design as A');
    const before = await runId(page);
    await page.click('text=B: all on-demand');
    await waitForFreshResult(page, before);
    await page.waitForSelector('[data-testid=compare-diff] tr[data-metric="cost.hourly"]');
    const row = (await page.textContent('[data-testid=compare-diff] tr[data-metric="cost.hourly"]'))!;
    // Differences in units: dollars per hour, GPUs, percentage points.
    expect(row).toMatch(/\+\$[\d.,]+\/h/);
    expect(await page.textContent('[data-testid=compare-diff] tr[data-metric="gpus.peak"]')).toMatch(/\d+ GPUs/);
    expect(await page.textContent('[data-testid=compare-diff] tr[data-metric="availability"] td:nth-child(4)')).toMatch(/ pp$/);
    // One set of charts with both runs on shared axes: A dashed, B solid; all on-demand B has no spot line, A has.
    await page.waitForSelector('[data-testid=compare-charts] [data-chart=cost] path[data-series=b-cost]');
    expect(await page.locator('[data-testid=compare] figure[data-chart]').count()).toBe(6);
    expect(await page.getAttribute('[data-testid=compare-charts] [data-chart=fleet] path[data-series=a-ready]', 'stroke-dasharray')).toBe('5 4');
    expect(await page.getAttribute('[data-testid=compare-charts] [data-chart=fleet] path[data-series=b-ready]', 'stroke-dasharray')).toBe(null);
    expect(await page.locator('[data-testid=compare-charts] [data-chart=rate] path[data-series=a-spot]').count()).toBe(1);
    expect(await page.locator('[data-testid=compare-charts] [data-chart=rate] path[data-series=b-spot]').count()).toBe(0);
    await page.locator('[data-testid=compare-charts]').scrollIntoViewIfNeeded();
    await screenshot(page, '08-compare');
    await page.keyboard.press('Control+z');
  });

  // Two full-length runs (the prompt's 4h30m of traffic, about 9 M requests each): your design on Check, then the
  // reference answer in Compare. Each gets the budget the first test gives the same run (90 s on a loaded machine).
  it('practice: pick a prompt, design an answer from the palette, add an estimate, check it', { timeout: 240_000 }, async () => {
    await page.click('[data-testid=mode-practice]');
    await page.click('text=Pick a prompt…');
    // The interview prompts of content/practice/*.md come first, each with its model answer from the library.
    await page.waitForSelector('[data-testid=practice-prompts] button[data-practice]');
    expect(await page.locator('[data-testid=practice-prompts] button[data-practice]').count()).toBe(4);
    expect(await page.textContent('[data-testid=practice-prompts]')).toContain('You have a Kubernetes cluster with 10 GPU nodes');
    await page.click(`button[data-file="${EXAMPLE}"]`);
    await page.waitForSelector('[data-testid=practice] blockquote');
    expect(await page.locator('.react-flow__node').count()).toBe(1);
    expect(await page.textContent('[data-testid=practice]')).toContain('latency.p99 < 100ms');
    // Edits run only on Check here: intermediate designs (70 replicas on a 10-node pool) are not worth simulating.
    await page.uncheck('text=run on every edit');
    await page.click('[data-testid=palette-nodePool]');
    await page.click('[data-testid=palette-service]');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
    await page.click('[data-testid="node-service:model"]');
    await page.fill('[data-field="spec.services[0].replicas"]', '70');
    await page.click('[data-testid="node-pool:gpu"]');
    await page.fill('[data-field="spec.nodePools[0].minNodes"]', '70');
    await page.fill('[data-field="spec.nodePools[0].maxNodes"]', '70');
    await page.fill('[data-field="spec.claims"]', 'gpus.peak: 10');
    const before = await runId(page);
    // Check comes right after the last edit, while its validation may still be pending: the run must start anyway.
    await page.click('[data-testid=practice-check]');
    await waitForFreshResult(page, before, 90_000);
    await page.waitForSelector('[data-testid=practice-report]');
    expect(await page.locator('[data-testid=practice-report] [data-pass]').count()).toBe(3);
    // 70 GPUs against a claim of 10: graded "way off", as the CLI would.
    expect(await page.getAttribute('[data-testid=practice-report] tr[data-verdict]', 'data-verdict')).toBe('way-off');
    // The run of your design is charted under its grades, with the prompt's SLO line (issue #12).
    await page.waitForSelector('[data-testid=practice-report] figure[data-chart=latency] path[data-series=p99]');
    expect(await page.locator('[data-testid=practice-report] [data-chart=latency] [data-ref="SLO p99"]').count()).toBe(1);
    expect(await page.getAttribute('[data-testid=practice-report] figure[data-chart=fleet] path[data-series=ready]', 'd')).toMatch(/^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){5,}/);
    await screenshot(page, '09-practice');
    await page.check('text=run on every edit');
    // Your design against the reference answer, side by side in Compare: nothing is replaced.
    const mine = await viewYaml(page);
    await page.click('[data-testid=practice-compare-reference]');
    await page.waitForSelector('[data-testid=compare-diff] tr[data-metric="gpus.peak"]', { timeout: 90_000 });
    expect(await page.textContent('[data-testid=compare-diff] caption')).toContain('A = reference answer');
    await page.waitForSelector('[data-testid=compare-charts] path[data-series=a-ready]');
    expect(await viewYaml(page)).toBe(mine);
    await screenshot(page, '09-practice-vs-reference');
  });

  it('runs a token-level LLM scenario from the library: TTFT card, tokens/s chart, and output tokens change the result', async () => {
    const LLM_FILE = 'llama3-8b-gpu-comparison-h100.yaml';
    const other = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const p = await newPage(other);
    await p.goto(baseUrl);
    await waitForFreshResult(p, 0, 90_000);
    await p.click('[data-testid=open-library]');
    await p.click(`button[data-file="${LLM_FILE}"]`);
    await expect.poll(() => p.textContent('[data-testid=notice]')).toContain(`Opened ${LLM_FILE}`);
    // A shorter run (10 minutes, 5 of them warm-up) keeps the step quick.
    await clickPane(p);
    const opened = await runId(p);
    await p.fill('[data-field="spec.duration"]', '10m');
    await p.keyboard.press('Tab');
    expect(await p.locator('.ds-field.has-error').count()).toBe(0);
    await waitForFreshResult(p, opened);
    const ttft = await cardValue(p, 'ttft.p99');
    expect(ttft).toBeGreaterThan(0);
    expect(await p.textContent('[data-testid="card-ttft.p99"]')).toMatch(/^[\d.]+ ms$/);
    expect(await p.getAttribute('[data-metric="ttft.p99"]', 'data-status')).toBe('pass');
    for (const m of ['tpot.p50', 'tokens.outputPerSecond', 'cost.perMillionTokens']) expect(Number.isFinite(await cardValue(p, m)), m).toBe(true);
    const paths = await chartPaths(p);
    expect(paths['llm/tokens']).toMatch(/^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){5,}/);
    expect(paths['kv/kv']).toMatch(/^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){5,}/);
    expect(await p.textContent('[data-testid="node-service:llm"] .ds-node__detail')).toContain('LLM · llama-3.1-8b · bf16');
    expect(await p.textContent('[data-testid="status-service:llm"]')).toMatch(/tokens\/s[\d,]+.*whole run.*TTFT p99[\d.]+ ms/);

    // Shorter answers (100 tokens instead of a lognormal with mean 267): fewer output tokens per second.
    const tokensBefore = await cardValue(p, 'tokens.outputPerSecond');
    await p.click('[data-testid="node-service:llm"]');
    expect(await p.inputValue('select[data-mode="Latency model"]')).toBe('LLM (token-level)');
    const before = await runId(p);
    await p.fill('[data-field="spec.services[0].llm.outputTokens"]', '100');
    await p.keyboard.press('Tab');
    expect(await p.locator('.ds-field.has-error').count()).toBe(0);
    await waitForFreshResult(p, before);
    const tokensAfter = await cardValue(p, 'tokens.outputPerSecond');
    expect(tokensAfter).toBeLessThan(tokensBefore * 0.6);
    expect((await chartPaths(p))['llm/tokens']).not.toBe(paths['llm/tokens']);
    metrics.llmOutputTokensChange = { file: LLM_FILE, duration: '10m', ttftP99Ms: ttft, outputTokensPerSecond: [tokensBefore, tokensAfter], ttftP99AfterMs: await cardValue(p, 'ttft.p99') };
    await screenshot(p, '10-llm-h100');
    await p.locator('[data-chart=kv]').scrollIntoViewIfNeeded();
    await screenshot(p, '10-llm-h100-charts');
    await other.close();
  });

  it('shows a training run that cannot fit in GPU memory as failed, with the numbers (issue #10 §4)', async () => {
    const other = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const p = await newPage(other);
    await p.goto(baseUrl);
    await waitForFreshResult(p, 0, 90_000);
    const before = await runId(p);
    const yaml = 'apiVersion: design-sim/v1\nkind: Scenario\nmetadata: { name: train-70b-p4d }\nspec:\n  training: { parameters: 70B, tokens: 1T, instance: aws/us-east-1/p4d.24xlarge, nodes: 1, mfu: 0.4 }\n';
    await p.setInputFiles('[data-testid=import-input]', { name: 'train-70b.yaml', mimeType: 'application/yaml', buffer: Buffer.from(yaml) });
    await waitForFreshResult(p, before);
    expect(await p.getAttribute('[data-testid=verdict]', 'data-pass')).toBe('false');
    expect(await p.textContent('[data-testid=verdict]')).toContain('training does not fit in GPU memory: 1,120 GB of model states (16 bytes per parameter, mixed-precision Adam) against 320 GB on 8 × 40 GB GPUs');
    for (const m of ['training.days', 'training.costUsd']) expect(await p.getAttribute(`[data-metric="${m}"]`, 'data-status'), m).toBe('fail');
    await screenshot(p, '11-training-does-not-fit');
    await other.close();
  });

  it('opens a service graph from the library: each service node shows its own figures and failing lines', async () => {
    const GRAPH_FILE = 'thread-pool-exhaustion-cascade.yaml';
    const other = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const p = await newPage(other);
    await p.goto(baseUrl);
    await waitForFreshResult(p, 0, 90_000);
    const before = await runId(p);
    await p.click('[data-testid=open-library]');
    await p.click(`button[data-file="${GRAPH_FILE}"]`);
    await expect.poll(() => p.textContent('[data-testid=notice]')).toContain(`Opened ${GRAPH_FILE}`);
    await waitForFreshResult(p, before, 90_000);
    await expect.poll(() => p.locator('[data-testid="status-service:db"]').count(), { timeout: 30_000 }).toBe(1);
    const api = (await p.textContent('[data-testid="status-service:api"]'))!;
    const db = (await p.textContent('[data-testid="status-service:db"]'))!;
    // Own figures, not the fleet's: the labels of a graph node, and different numbers on the two services.
    for (const label of ['utilization', 'p99 alone', 'p99 with calls', 'served']) {
      expect(api).toContain(label);
      expect(db).toContain(label);
    }
    expect(api).not.toBe(db);
    // Calls are edges from the caller to the callee, labelled; selecting one opens its fields.
    const call = p.locator('.react-flow__edge.is-call');
    await expect.poll(() => call.count()).toBeGreaterThan(0);
    expect(await call.first().getAttribute('aria-label')).toContain('call to db');
    // Click a point of the edge itself that no node covers: its bounding box's centre can fall on a node
    // (an S-curve between two stacked services passes under them), depending on how tall their figures make them.
    const onEdge = await call.first().locator('.react-flow__edge-interaction').evaluate((el) => {
      const path = el as SVGPathElement;
      const m = path.getScreenCTM()!;
      for (let k = 1; k < 20; k++) {
        const q = path.getPointAtLength((path.getTotalLength() * k) / 20);
        const x = q.x * m.a + q.y * m.c + m.e;
        const y = q.x * m.b + q.y * m.d + m.f;
        if (path.parentElement!.contains(document.elementFromPoint(x, y))) return { x, y };
      }
      return null;
    });
    expect(onEdge).not.toBeNull();
    await p.mouse.click(onEdge!.x, onEdge!.y);
    await expect.poll(() => p.textContent('.ds-inspector h2')).toContain('Call: api → db');
    expect(await p.locator('.ds-inspector input').count()).toBeGreaterThan(3);
    // Unset fields show the schema's default: this call is not async.
    const asyncBox = p.locator('.ds-inspector input[type=checkbox]').first();
    expect(await asyncBox.getAttribute('data-field')).toBe('spec.services[0].calls[0].async');
    expect(await asyncBox.isChecked()).toBe(false);
    await screenshot(p, '12-service-graph');
    await other.close();
  });

  it('fits a 4K screen', async () => {
    const big = await browser.newContext({ viewport: { width: 3840, height: 2160 } });
    const p = await newPage(big);
    await p.goto(baseUrl);
    await waitForFreshResult(p, 0, 90_000);
    await p.waitForSelector('[data-chart=cost] path[data-series]');
    expect(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    // The layout fills the screen: the inspector reaches the bottom of the window.
    const box = (await p.locator('.ds-inspector').boundingBox())!;
    expect(box.y + box.height).toBeGreaterThan(2160 - 4);
    const fontPx = await p.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    expect(fontPx).toBeGreaterThanOrEqual(18);
    await screenshot(p, '13-4k');
    await big.close();
  });

  it('raised no uncaught page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
