/**
 * Issue #12, chart comforts, in a real headless Chromium on the autoscaling example (half spot):
 * a crosshair on every chart with the tooltip only on the hovered one, legend entries that switch
 * series off and on, a brush that zooms every chart to a time range (and Reset zoom), $/hour split
 * into spot and on-demand next to the accrued cost, and whole-number ticks on the count axes.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { waitForFreshResult } from './app-helpers.ts';
import { launchBrowser, openPage, screenshot } from './browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  expect(pageErrors).toEqual([]);
});

describe('charts (issue #12)', () => {
  it('crosshair, legend toggles, brush zoom, $/hour by capacity type, integer count ticks', async () => {
    const p = await openPage(browser, baseUrl, 1440, 900, pageErrors);
    await waitForFreshResult(p, 0, 90_000);
    const charts = await p.locator('[data-testid=results] figure[data-chart]').count();
    expect(charts).toBe(6);

    // Hover the latency chart: a crosshair (time line and a dot per series) on every chart, one tooltip, on it.
    const latency = p.locator('[data-chart=latency] svg');
    await latency.scrollIntoViewIfNeeded();
    const box = (await latency.boundingBox())!;
    await p.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
    await expect.poll(() => p.locator('.ds-crosshair').count()).toBe(charts);
    expect(await p.locator('[data-chart=latency] .ds-crosshair circle').count()).toBe(3);
    expect(await p.locator('.ds-tooltip').count()).toBe(1);
    expect(await p.textContent('[data-chart=latency] .ds-tooltip')).toMatch(/t = \d+:\d\d.*p99: [\d.k]+ ms/);
    await screenshot(p, '15-charts-crosshair');

    // $/hour: all nodes, on-demand and spot; the parts add up to the whole at the cursor.
    const rateTip = async () => {
      const r = (await p.locator('[data-chart=rate] svg').boundingBox())!;
      await p.mouse.move(r.x + r.width * 0.7, r.y + r.height / 2);
      return (await p.textContent('[data-chart=rate] .ds-tooltip'))!;
    };
    await p.locator('[data-chart=rate]').scrollIntoViewIfNeeded();
    const tip = await rateTip();
    const usd = (label: string) => Number(new RegExp(`${label}: ([\\d.]+) USD/h`).exec(tip)?.[1]);
    expect(usd('all nodes')).toBeGreaterThan(0);
    expect(usd('spot')).toBeGreaterThan(0);
    expect(usd('on-demand / committed') + usd('spot')).toBeCloseTo(usd('all nodes'), 0);
    expect(await p.locator('[data-chart=cost] path[data-series=spotCost]').count()).toBe(1);

    // The legend switches a series off and on; the value axis follows.
    const topTick = () => p.$$eval('[data-chart=latency] .ds-axis > g > text[text-anchor=end]', (els) => Math.max(...els.map((e) => Number(e.textContent?.replace('k', 'e3')))));
    const before = await topTick();
    await p.click('[data-testid=legend-latency-p99]');
    expect(await p.getAttribute('[data-testid=legend-latency-p99]', 'aria-pressed')).toBe('false');
    expect(await p.locator('[data-chart=latency] path[data-series=p99]').count()).toBe(0);
    expect(await topTick()).toBeLessThanOrEqual(before);
    await p.click('[data-testid=legend-latency-p99]');
    expect(await p.locator('[data-chart=latency] path[data-series=p99]').count()).toBe(1);

    // Integer ticks on counts.
    const fleetTicks = await p.$$eval('[data-chart=fleet] .ds-axis > g > text[text-anchor=end]', (els) => els.map((e) => e.textContent ?? ''));
    expect(fleetTicks.length).toBeGreaterThan(1);
    for (const t of fleetTicks) expect(Number.isInteger(Number(t.replace('k', 'e3'))), t).toBe(true);

    // Brush across the middle of the requests chart: every chart zooms to that range; Reset zoom restores.
    const qps = p.locator('[data-chart=qps] svg');
    await qps.scrollIntoViewIfNeeded();
    const q = (await qps.boundingBox())!;
    const pathBefore = await p.getAttribute('[data-chart=fleet] path[data-series=ready]', 'd');
    await p.mouse.move(q.x + q.width * 0.3, q.y + q.height * 0.5);
    await p.mouse.down();
    await p.mouse.move(q.x + q.width * 0.6, q.y + q.height * 0.5, { steps: 8 });
    await p.mouse.up();
    await expect.poll(() => p.locator('figure[data-zoom]').count()).toBe(charts);
    const [from, to] = (await p.getAttribute('[data-chart=fleet]', 'data-zoom'))!.split('-').map(Number) as [number, number];
    expect(from).toBeGreaterThan(0);
    expect(to).toBeLessThan(4.5 * 3600);
    expect(to - from).toBeGreaterThan(0.2 * 4.5 * 3600);
    expect(await p.getAttribute('[data-chart=fleet] path[data-series=ready]', 'd')).not.toBe(pathBefore);
    await screenshot(p, '16-charts-zoomed');
    await p.click('[data-testid=reset-zoom-latency]');
    await expect.poll(() => p.locator('figure[data-zoom]').count()).toBe(0);
    expect(await p.getAttribute('[data-chart=fleet] path[data-series=ready]', 'd')).toBe(pathBefore);
    await p.context().close();
  });

  it('a training run: the hardware line, the expected timeline and days against dollars over GPU count', async () => {
    const p = await openPage(browser, baseUrl, 1440, 900, pageErrors);
    await waitForFreshResult(p, 0, 90_000);
    await p.click('[data-testid=open-library]');
    const before = Number(await p.getAttribute('[data-testid=run-status]', 'data-run-id'));
    await p.click('button[data-file="training-7b-p5-spot.yaml"]');
    await waitForFreshResult(p, before);
    await p.waitForSelector('[data-testid=training-view]');
    expect(await p.textContent('[data-testid=training-hardware]')).toMatch(/^32 GPUs \(4 × p5\.48xlarge\), spot at \$[\d.]+ per GPU-hour: [\d.]+ d, \$[\d,]+$/);
    expect(await p.textContent('[data-testid="card-training.costUsd"]')).toBeTruthy();
    expect(await p.textContent('[data-metric="training.costUsd"]')).toContain('32 GPUs (4 × p5.48xlarge)');
    // The timeline: progress and cost paths, interruptions with setbacks, checkpoint marks.
    const tl = '[data-chart=training-timeline]';
    expect(await p.locator(`${tl} path[data-series=progress]`).count()).toBe(1);
    expect(await p.locator(`${tl} path[data-series=cost]`).count()).toBe(1);
    const interruptions = await p.locator(`${tl} [data-mark=interruption]`).count();
    expect(interruptions).toBeGreaterThan(0);
    expect(await p.textContent(`${tl} figcaption`)).toMatch(/interruptions expected, \d+ drawn evenly spaced/);
    expect(await p.locator(`${tl} [data-mark=checkpoint]`).count()).toBeGreaterThan(5);
    // The curve: 1 to 32 nodes, the design's 4 ringed.
    expect(await p.locator('[data-chart=training-curve] [data-gpus]').count()).toBe(6);
    expect(await p.getAttribute('[data-chart=training-curve] [data-current=true]', 'data-gpus')).toBe('32');
    await p.locator('[data-testid=training-view]').scrollIntoViewIfNeeded();
    await screenshot(p, '17-training');
    await p.context().close();
  });
});
