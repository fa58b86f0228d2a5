/**
 * Screenshots of the main screens for docs/screenshots/ at the three viewport sizes of issue #12
 * (1440×900, 1280×720, 390×844): the charts with the crosshair, Compare with A and B overlaid, and a
 * training run. Each also checks the screen it shows, so a broken screen fails here, not in the docs.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { compareAllOnDemand, runId, waitForFreshResult } from './app-helpers.ts';
import { launchBrowser, openPage, screenshot, SCREENSHOT_DIR } from './browser.ts';

const baseUrl = inject('baseUrl');
const DOCS_SHOTS = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));
let browser: Browser;
const pageErrors: string[] = [];

async function docShot(p: Page, name: string): Promise<void> {
  await screenshot(p, name);
  mkdirSync(DOCS_SHOTS, { recursive: true });
  copyFileSync(`${SCREENSHOT_DIR}${name}.png`, `${DOCS_SHOTS}${name}.png`);
}

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  expect(pageErrors).toEqual([]);
});

describe('screens for the docs', () => {
  for (const [w, h] of [
    [1440, 900],
    [1280, 720],
    [390, 844],
  ] as const) {
    it(`charts, compare and training at ${w}×${h}`, async () => {
      const p = await openPage(browser, baseUrl, w, h, pageErrors);
      await waitForFreshResult(p, 0, 90_000);
      // Charts with the crosshair on all and the tooltip on one.
      const chart = p.locator('[data-chart=latency] svg');
      await chart.scrollIntoViewIfNeeded();
      const box = (await chart.boundingBox())!;
      await p.mouse.move(box.x + box.width * 0.45, box.y + box.height / 2);
      await expect.poll(() => p.locator('.ds-tooltip').count()).toBe(1);
      await docShot(p, `charts-${w}x${h}`);
      await p.mouse.move(1, 1);
      if (w >= 600) {
        // Compare: pin A, all on-demand as B, A and B overlaid.
        await compareAllOnDemand(p);
        await p.locator('[data-testid=compare-diff]').scrollIntoViewIfNeeded();
        await docShot(p, `compare-${w}x${h}`);
        await p.click('[data-testid=mode-design]');
      }
      // A training run from the library.
      await p.click('[data-testid=open-library]');
      const before = await runId(p);
      await p.click('button[data-file="training-7b-p5-spot.yaml"]');
      await waitForFreshResult(p, before, 90_000);
      await p.locator('[data-testid=training-view]').scrollIntoViewIfNeeded();
      expect(await p.textContent('[data-testid=training-hardware]')).toContain('32 GPUs (4 × p5.48xlarge)');
      await docShot(p, `training-${w}x${h}`);
      await p.context().close();
    });
  }

  it('a service graph laid out along its calls at 1440×900', async () => {
    // Six services: two entry points, a cache-miss path, an async queue and its writer (content/experiment-tracker-graph.yaml).
    const p = await openPage(browser, `${baseUrl}#lib=experiment-tracker-graph.yaml`, 1440, 900, pageErrors);
    await waitForFreshResult(p, 0, 90_000);
    await expect.poll(() => p.locator('[data-testid="status-service:postgres"]').count(), { timeout: 30_000 }).toBe(1);
    const left = async (id: string) => (await p.locator(`.react-flow__node[data-id="${id}"]`).boundingBox())!.x;
    // Callers left of their callees: api-dashboard → redis; api-ingest → metrics-writer (async) → postgres.
    expect(await left('service:redis')).toBeGreaterThan(await left('service:api-dashboard'));
    expect(await left('service:metrics-writer')).toBeGreaterThan(await left('service:api-ingest'));
    expect(await left('service:postgres')).toBeGreaterThan(await left('service:metrics-writer'));
    // Two traffic sources, one node each, at their own targets; each shows its own offered rate (sim-core's
    // summary.traffic): metric writes about 170 req/s, dashboard reads about 20 req/s, not their sum.
    expect(await left('service:api-dashboard')).toBeGreaterThan(await left('traffic:2'));
    const offered = async (id: string) => Number(/offered\s*([\d.,]+) req\/s/.exec((await p.textContent(`[data-testid="status-${id}"]`)) ?? '')?.[1]?.replace(/,/g, '') ?? NaN);
    await expect.poll(() => offered('traffic:2')).toBeGreaterThan(10);
    expect(await offered('traffic:2')).toBeLessThan(30);
    expect(await offered('traffic')).toBeGreaterThan(140);
    // Selecting the second source opens its own fields.
    await p.click('.react-flow__node[data-id="traffic:2"]');
    await expect.poll(() => p.locator('.ds-inspector [data-field^="spec.traffic[1]."]').count()).toBeGreaterThan(0);
    expect(await p.locator('.ds-inspector [data-field^="spec.traffic[0]."]').count()).toBe(0);
    await p.click('.react-flow__pane', { position: { x: 12, y: 12 } });
    // In layers the graph fits the canvas at twice the scale of one column of six services (0.22 before: unreadable).
    const scale = await p.evaluate(() => new DOMMatrix(getComputedStyle(document.querySelector('.react-flow__viewport')!).transform).a);
    expect(scale).toBeGreaterThan(0.4);
    // Zoomed out (under 70%), each node keeps its name and headline figures, large enough to read: a service's
    // p99 with its calls and its utilization, with their time base; the other lines wait for a zoom in.
    expect(await p.locator('.react-flow.is-zoomed-out').count()).toBe(1);
    const pg = p.locator('[data-testid="status-service:postgres"]');
    expect(await pg.locator('[data-headline] dt').allTextContents()).toEqual(['p99 with calls', 'utilization']);
    expect(await pg.locator('[data-headline] dt').first().isVisible()).toBe(true);
    expect(await pg.locator('.ds-node__base').first().isVisible()).toBe(true);
    expect(await pg.locator('dl > div:not([data-headline])').first().isVisible()).toBe(false);
    // The figure's text is at least 10 px on screen (a node's 12 px text at this zoom was 5 px).
    expect(await pg.locator('[data-headline] dd').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize) * new DOMMatrix(getComputedStyle(document.querySelector('.react-flow__viewport')!).transform).a)).toBeGreaterThan(10);
    await docShot(p, 'service-graph-1440x900');
    // Zoomed in past 70%, every line is back.
    for (let i = 0; i < 4 && (await p.locator('.react-flow.is-zoomed-out').count()) > 0; i++) await p.click('.react-flow__controls-zoomin');
    await expect.poll(() => p.locator('.react-flow.is-zoomed-out').count()).toBe(0);
    expect(await pg.locator('dl > div:not([data-headline])').first().isVisible()).toBe(true);
    // The palette adds a further source (a batch job, another client): a third node with its own fields.
    await p.click('[data-testid=palette-traffic]');
    await expect.poll(() => p.locator('.react-flow__node[data-id="traffic:3"]').count()).toBe(1);
    await p.click('.react-flow__node[data-id="traffic:3"]');
    await expect.poll(() => p.locator('.ds-inspector [data-field^="spec.traffic[2]."]').count()).toBeGreaterThan(0);
    await p.context().close();
  });
});
