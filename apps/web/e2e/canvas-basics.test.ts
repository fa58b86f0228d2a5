/**
 * Issue #12's canvas basics in a real headless Chromium: New from a blank canvas or a template that
 * runs green, and select all / copy / paste / duplicate with the keyboard, each checked in the YAML.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runId, viewYaml, waitForFreshResult } from './app-helpers.ts';
import { launchBrowser, openPage, screenshot, SCREENSHOT_DIR } from './browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function open(width = 1440, height = 900): Promise<Page> {
  const p = await openPage(browser, baseUrl, width, height, pageErrors);
  await waitForFreshResult(p, 0, 90_000);
  return p;
}

const nodeCount = (p: Page) => p.locator('.react-flow__node').count();

describe('canvas basics (issue #12)', () => {
  it('New: a blank canvas, or a template whose run passes', async () => {
    const p = await open();
    await p.click('[data-testid=new-design]');
    await p.waitForSelector('[data-testid=templates]');
    expect(await p.$$eval('[data-template]', (b) => b.map((x) => x.getAttribute('data-template')))).toEqual(['blank', 'fixed-fleet', 'autoscaling', 'llm']);
    await screenshot(p, '14-new-dialog');
    await p.click('[data-template=blank]');
    await expect.poll(() => nodeCount(p)).toBe(0);
    expect(await p.textContent('[data-testid=notice]')).toContain('New design: blank canvas');

    for (const [template, node] of [
      ['autoscaling', 'node-service:model'],
      ['llm', 'node-service:llm'],
    ] as const) {
      const before = await runId(p);
      await p.click('[data-testid=new-design]');
      await p.click(`[data-template=${template}]`);
      await p.waitForSelector(`[data-testid="${node}"]`);
      await waitForFreshResult(p, before, 90_000);
      expect(await p.getAttribute('[data-testid=verdict]', 'data-pass')).toBe('true');
    }
    expect(await p.textContent('[data-testid="node-service:llm"]')).toContain('llama-3.1-8b');
    // The notice names the template as written: "LLM", not "llm".
    expect(await p.textContent('[data-testid=notice]')).toContain('New design: LLM service (token-level).');
    // TTFT and TPOT cards carry their other percentile.
    expect(await p.textContent('[data-testid="card-ttft.p99-more"]')).toMatch(/^p50 [\d.]+ ms$/);
    expect(await p.textContent('[data-testid="card-tpot.p50-more"]')).toMatch(/^p99 [\d.]+ ms$/);
    expect(pageErrors).toEqual([]);
  });

  it('select all, copy, paste and duplicate with the keyboard, each one undo step', async () => {
    const p = await open();
    await p.click('[data-testid=new-design]');
    await p.click('[data-template=fixed-fleet]');
    await p.waitForSelector('[data-testid="node-service:model"]');
    expect(await nodeCount(p)).toBe(3);

    // Copy the service, paste it: model-2 on the same pool.
    await p.click('[data-testid="node-service:model"]');
    await p.keyboard.press('Control+c');
    await expect.poll(() => p.textContent('[data-testid=notice]')).toContain('Copied model. Ctrl+V pastes a copy.');
    await p.click('[data-testid="node-service:model"]');
    await p.keyboard.press('Control+v');
    await p.waitForSelector('[data-testid="node-service:model-2"]');
    let yaml = await viewYaml(p);
    expect(yaml).toMatch(/- name: model-2\n\s+replicas: 7\n/);
    expect(yaml.match(/nodePool: gpu\b/g)).toHaveLength(2);

    // Select all, then duplicate: every service, pool and traffic source again, the copies on the copied pools and
    // the traffic's copy sending to the copy of its service.
    // (The copy sits 40 px down and right, over the original: click the original's free corner.)
    await p.click('[data-testid="node-service:model"]', { position: { x: 8, y: 8 } });
    await p.keyboard.press('Control+a');
    await expect.poll(() => p.locator('.react-flow__node.selected').count()).toBe(4);
    await p.keyboard.press('Control+d');
    await p.waitForSelector('[data-testid="node-service:model-3"]');
    await p.waitForSelector('[data-testid="node-pool:gpu-2"]');
    await p.waitForSelector('[data-testid="node-traffic:2"]');
    expect(await nodeCount(p)).toBe(8);
    yaml = await viewYaml(p);
    expect(yaml).toMatch(/- name: model-3\n(\s+\w+: .*\n)*?\s+nodePool: gpu-2\n/);
    expect(yaml).toMatch(/\n\s+target: model-3\n/);
    await screenshot(p, '14-duplicate');

    // One undo step each.
    await p.click('[data-testid=undo]');
    await expect.poll(() => nodeCount(p)).toBe(4);
    await p.click('[data-testid=undo]');
    await expect.poll(() => nodeCount(p)).toBe(3);
    expect(pageErrors).toEqual([]);
  });

  it('text and sticky notes: typed on the canvas, kept in spec.canvas.notes, removed with Delete, back with Undo, copied and pasted', async () => {
    const p = await open();
    const first = await runId(p);
    await p.click('[data-testid=new-design]');
    await p.click('[data-template=fixed-fleet]');
    await p.waitForSelector('[data-testid="node-service:model"]');
    const before = await waitForFreshResult(p, first);
    await p.click('[data-testid=palette-note-sticky]');
    await p.waitForSelector('[data-testid="node-note:sticky-1"]');
    await p.fill('[data-testid="node-note:sticky-1"] textarea', 'Why 7 replicas? 100 req/s × 50 ms = 5 busy; 2 spare for p99.');
    await p.click('[data-testid=palette-note-text]');
    await p.fill('[data-testid="node-note:text-1"] textarea', 'Interview: size the fleet');
    let yaml = await viewYaml(p);
    expect(yaml).toContain('notes:');
    expect(yaml).toMatch(/sticky-1:\n\s+kind: sticky\n\s+text: "?Why 7 replicas\? 100 req\/s × 50 ms = 5 busy; 2 spare for p99\."?/);
    expect(yaml).toMatch(/text-1: \{kind: text, text: "Interview: size the fleet"\}/);
    // Notes are canvas-only: no new run was needed for them.
    expect(await runId(p)).toBe(before);
    await screenshot(p, '14-notes');

    // Select the sticky by its header and press Delete; Undo brings it back with its text.
    await p.click('[data-testid="node-note:sticky-1"] .ds-note__grip');
    await p.keyboard.press('Delete');
    await expect.poll(() => p.locator('[data-testid="node-note:sticky-1"]').count()).toBe(0);
    await p.click('[data-testid=undo]');
    await p.waitForSelector('[data-testid="node-note:sticky-1"]');
    expect(await p.inputValue('[data-testid="node-note:sticky-1"] textarea')).toContain('Why 7 replicas?');
    yaml = await viewYaml(p);
    expect(yaml).toContain('sticky-1');

    // A note copies and pastes like a component: a second sticky with the same text, one undo step.
    await p.click('[data-testid="node-note:sticky-1"] .ds-note__grip');
    await p.keyboard.press('Control+c');
    await expect.poll(() => p.textContent('[data-testid=notice]')).toContain('Copied a note. Ctrl+V pastes a copy.');
    await p.click('[data-testid="node-note:sticky-1"] .ds-note__grip');
    await p.keyboard.press('Control+v');
    await p.waitForSelector('[data-testid="node-note:sticky-2"]');
    expect(await p.inputValue('[data-testid="node-note:sticky-2"] textarea')).toContain('Why 7 replicas?');
    expect(await runId(p)).toBe(before);
    await p.click('[data-testid=undo]');
    await expect.poll(() => p.locator('[data-testid="node-note:sticky-2"]').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('saves the canvas and a chart as SVG and PNG', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    const p = await ctx.newPage();
    p.on('pageerror', (e) => pageErrors.push(e.message));
    await p.goto(baseUrl);
    await waitForFreshResult(p, 0, 90_000);
    const save = async (selector: string): Promise<{ name: string; bytes: Buffer }> => {
      const [download] = await Promise.all([p.waitForEvent('download'), p.click(selector)]);
      const path = await download.path();
      return { name: download.suggestedFilename(), bytes: readFileSync(path) };
    };
    const svg = await save('[data-testid=canvas] [data-export=svg]');
    expect(svg.name).toMatch(/^[a-z0-9-]+-canvas\.svg$/);
    const text = svg.bytes.toString('utf8');
    expect(text.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    for (const label of ['TRAFFIC SOURCE', 'MODEL SERVICE', 'NODE POOL']) expect(text).toContain(label);
    expect(text.match(/<path /g)!.length).toBeGreaterThanOrEqual(2);
    const png = await save('[data-testid=canvas] [data-export=png]');
    expect(png.name).toMatch(/-canvas\.png$/);
    expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    // PNG width (bytes 16–19 of the IHDR chunk): twice the SVG's, for sharp slides.
    const svgWidth = Number(/width="(\d+)"/.exec(text)![1]);
    expect(png.bytes.readUInt32BE(16)).toBe(2 * svgWidth);
    writeFileSync(`${SCREENSHOT_DIR}canvas-export.png`, png.bytes);

    const chart = await save('figure[data-chart=latency] [data-export=svg]');
    expect(chart.name).toBe('chart-latency.svg');
    const chartText = chart.bytes.toString('utf8');
    expect(chartText).toMatch(/Latency|latency/);
    expect(chartText).toContain('(ms)');
    expect(chartText).toMatch(/<path [^>]*d="M/);
    expect(chartText).toContain('stroke:');
    const chartPng = await save('figure[data-chart=latency] [data-export=png]');
    expect(chartPng.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    writeFileSync(`${SCREENSHOT_DIR}chart-export.png`, chartPng.bytes);
    expect(pageErrors).toEqual([]);
  });

  it('latency chart on a log scale at a click; the p99 card shows p50 and p95 too', async () => {
    const p = await open();
    expect(await p.textContent('[data-testid="card-latency.p99-more"]')).toMatch(/^p50 [\d.]+ (ms|s) · p95 [\d.,]+ (ms|s)$/);
    const linear = await p.getAttribute('figure[data-chart=latency] path[data-series=p50]', 'd');
    expect(await p.getAttribute('figure[data-chart=latency]', 'data-scale')).toBe('linear');
    await p.check('[data-testid=log-latency]');
    await expect.poll(() => p.getAttribute('figure[data-chart=latency]', 'data-scale')).toBe('log');
    const log = await p.getAttribute('figure[data-chart=latency] path[data-series=p50]', 'd');
    expect(log).not.toBe(linear);
    const ticks = await p.$$eval('figure[data-chart=latency] .ds-axis > g text', (els) => els.map((e) => e.textContent));
    // 1-2-5 steps only (tickLabel writes 1000 as 1k).
    const steps = new Set(['1', '2', '5', '10', '20', '50', '100', '200', '500', '1k', '2k', '5k', '10k', '20k', '50k']);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(ticks.filter((x) => !steps.has(x ?? ''))).toEqual([]);
    await p.locator('figure[data-chart=latency]').scrollIntoViewIfNeeded();
    await screenshot(p, '14-log-scale');
    // Only the latency charts offer it.
    expect(await p.locator('[data-testid=log-qps]').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
