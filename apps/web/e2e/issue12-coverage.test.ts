/**
 * Issue #12, the items the other e2e files left open, in a real headless Chromium on ONE page
 * (1440×900; one first run): units in every chart tooltip and on every reference line, a time axis
 * with enough labels that do not overlap its title, fleet-event marks off the data, keyboard focus
 * visible on every control, canvas node and edge, icon buttons with names, dialogs that keep the
 * focus and give it back, results marked stale at once (invalid design, another design, a cancelled
 * run), the toolbar keeping the design's title readable, Reset and Import that can be undone from
 * the notice, the training curve's labels apart, and axe-core (WCAG 2.1 A/AA) with the inspector,
 * a dialog, Compare and a training run on screen. The coverage matrix is in docs/web.md.
 */
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, clickPane, compareAllOnDemand, runId, viewYaml, waitForFreshResult } from './app-helpers.ts';
import { launchBrowser, openPage, screenshot, SCREENSHOT_DIR } from './browser.ts';

const baseUrl = inject('baseUrl');
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let browser: Browser;
let p: Page;
const pageErrors: string[] = [];
/** What was measured, for the record: e2e-screenshots/issue12-coverage.json. */
const found: Record<string, unknown> = {};

type Box = { left: number; right: number; top: number; bottom: number };
const overlaps = (a: Box, b: Box) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;

/** axe-core's serious and critical WCAG 2.1 A/AA violations on the page as it is now. */
async function seriousViolations(label: string): Promise<{ id: string; impact: string | null; targets: string[] }[]> {
  const v = await axeViolations(p, axePath);
  found[`axe: ${label}`] = v;
  return v.filter((x) => x.impact === 'serious' || x.impact === 'critical');
}

beforeAll(async () => {
  browser = await launchBrowser();
  p = await openPage(browser, baseUrl, 1440, 900, pageErrors);
  await waitForFreshResult(p, 0, 90_000);
});

afterAll(async () => {
  writeFileSync(`${SCREENSHOT_DIR}issue12-coverage.json`, `${JSON.stringify(found, null, 2)}\n`);
  await browser?.close();
});

describe('issue #12 coverage (one page, 1440×900)', () => {
  it('charts: every tooltip value and reference line carries its unit; enough time labels, clear of the axis title; event marks off the data', async () => {
    const ids = await p.$$eval('[data-testid=results] figure[data-chart]', (els) => els.map((e) => e.getAttribute('data-chart')!));
    expect(ids.length).toBeGreaterThanOrEqual(6);
    for (const id of ids) {
      const fig = p.locator(`[data-testid=results] figure[data-chart="${id}"]`);
      await fig.scrollIntoViewIfNeeded();
      const unit = (await fig.locator('.ds-chart__unit').textContent())!.replace(/^\(|\)$/g, '');
      const box = (await fig.locator('svg').boundingBox())!;
      await p.mouse.move(box.x + box.width * 0.55, box.y + box.height * 0.4);
      const lines = (await fig.locator('.ds-tooltip').innerText()).split('\n').filter((l) => l.trim() !== '');
      expect(lines[0], id).toMatch(/^t = \d+:\d\d$/);
      // Each series line ends with its unit: the chart's, or the series' own noun on a chart of counts ("64 replicas", not "64 count").
      const rows = await fig.locator('.ds-tooltip [data-unit]').evaluateAll((els) => els.map((e) => ({ text: (e as HTMLElement).innerText.trim(), unit: e.getAttribute('data-unit')! })));
      expect(rows.length, id).toBeGreaterThan(0);
      for (const r of rows) {
        expect(unit === 'count' ? r.unit : unit, `${id} tooltip unit`).toBe(r.unit);
        expect(r.unit, `${id} tooltip unit`).not.toBe('count');
        expect(r.text, `${id} tooltip`).toMatch(new RegExp(`: -?[\\d.,]+[kM]? ${r.unit.replace(/[$/]/g, '\\$&')}$`));
      }
      for (const ref of await fig.locator('[data-ref] text').allTextContents()) expect(ref.trim(), `${id} reference line`).toMatch(new RegExp(` ${unit.replace(/[$/]/g, '\\$&')}$`));
      const axis = await fig.evaluate((el) => {
        const r = (e: Element) => {
          const b = e.getBoundingClientRect();
          return { left: b.left, right: b.right, top: b.top, bottom: b.bottom };
        };
        const title = el.querySelector('.ds-axis__title')!;
        const ticks = [...el.querySelectorAll('text[data-time-tick]')];
        const lines = [...el.querySelectorAll('path[data-series]')].map(r);
        const marks = [...el.querySelectorAll('.ds-mark')].map(r);
        return { title: title.textContent, titleBox: r(title), ticks: ticks.map((t) => ({ text: t.textContent, box: r(t) })), dataBottom: Math.max(...lines.map((b) => b.bottom)), marksTop: Math.min(...marks.map((b) => b.top)), marks: marks.length };
      });
      expect(axis.title).toBe('t (h:mm)');
      // A 4.5 h run on a half-width chart: a label per hour, none touching the title or its neighbour.
      expect(axis.ticks.length, id).toBeGreaterThanOrEqual(5);
      for (const [k, t] of axis.ticks.entries()) {
        expect(overlaps(t.box, axis.titleBox), `${id}: "${t.text}" over the axis title`).toBe(false);
        if (k > 0) expect(overlaps(t.box, axis.ticks[k - 1]!.box), `${id}: "${t.text}" over its neighbour`).toBe(false);
      }
      // HPA, node and spot marks sit under the zero line, so a series near zero is never hidden by them.
      expect(axis.marks, id).toBeGreaterThan(0);
      expect(axis.marksTop, id).toBeGreaterThanOrEqual(axis.dataBottom);
      found[`axis ${id}`] = { unit, timeLabels: axis.ticks.map((t) => t.text), tooltip: lines };
    }
    await p.mouse.move(1, 1);
    await p.locator('[data-testid=results] figure[data-chart=fleet]').scrollIntoViewIfNeeded();
    await screenshot(p, 'i12-chart-axes');
  });

  it('keyboard focus is visible on every control, canvas node and edge; icon buttons have names', async () => {
    await p.locator('.ds-bottom').evaluate((el) => el.scrollTo(0, 0));
    await p.click('.ds-brand');
    const seen: { what: string; visible: boolean }[] = [];
    for (let i = 0; i < 40; i++) {
      await p.keyboard.press('Tab');
      seen.push(
        await p.evaluate(() => {
          const a = document.activeElement as HTMLElement;
          const s = getComputedStyle(a);
          const edgePath = a.classList.contains('react-flow__edge') ? a.querySelector('.react-flow__edge-path') : null;
          // An edge shows focus by its stroke (accent, thicker); anything else by an outline.
          const visible = edgePath !== null ? getComputedStyle(edgePath).stroke === 'rgb(29, 78, 216)' : s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
          return { what: a.dataset.testid ?? a.getAttribute('aria-label') ?? a.textContent?.slice(0, 20) ?? a.tagName, visible };
        }),
      );
    }
    found.focusOrder = seen;
    expect(seen.filter((s) => !s.visible).map((s) => s.what)).toEqual([]);
    expect(seen.some((s) => s.what.startsWith('rf__node-'))).toBe(true);
    expect(seen.some((s) => s.what.startsWith('rf__edge-'))).toBe(true);
    await p.focus('.react-flow__node[data-id="service:model"]');
    await screenshot(p, 'i12-focus-node');
    // Buttons whose face is a symbol (◧, ◨, ?, +, −, ⛶) say what they do to a screen reader.
    const unnamed = await p.$$eval('button', (bs) =>
      bs
        .filter((b) => b.getClientRects().length > 0 && !/[A-Za-z]{2}/.test(b.textContent ?? ''))
        .filter((b) => (b.getAttribute('aria-label') ?? '').trim() === '' && (b.getAttribute('title') ?? '').trim() === '')
        .map((b) => b.outerHTML.slice(0, 80)),
    );
    expect(unnamed).toEqual([]);
  });

  it('dialogs keep the focus inside (Tab and Shift+Tab wrap), close on Escape and give the focus back; axe passes with one open', async () => {
    for (const opener of ['new-design', 'open-library', 'share', 'show-yaml', 'shortcuts-button']) {
      await p.click(`[data-testid=${opener}]`);
      await p.waitForSelector('.ds-modal');
      const n = await p.$$eval('.ds-modal button, .ds-modal input, .ds-modal textarea, .ds-modal summary, .ds-modal a[href]', (els) => els.filter((e) => e.getClientRects().length > 0).length);
      const inside = () => p.evaluate(() => document.activeElement?.closest('.ds-modal') !== null && document.activeElement !== null);
      for (let i = 0; i < Math.min(n + 2, 40); i++) await p.keyboard.press('Tab');
      expect(await inside(), `${opener}: Tab left the dialog`).toBe(true);
      for (let i = 0; i < Math.min(n + 2, 40); i++) await p.keyboard.press('Shift+Tab');
      expect(await inside(), `${opener}: Shift+Tab left the dialog`).toBe(true);
      if (opener === 'open-library') expect(await seriousViolations('library dialog open')).toEqual([]);
      if (opener === 'shortcuts-button') {
        // No key combination is broken over two lines ("Ctrl + Shift + Z, Ctrl" / "+ Y").
        const kbd = await p.$$eval('[data-testid=shortcuts] kbd', (els) => els.map((e) => ({ text: e.textContent, h: e.getBoundingClientRect().height, lines: e.getClientRects().length })));
        const one = Math.min(...kbd.map((k) => k.h));
        expect(kbd.filter((k) => k.lines > 1 || k.h > one * 1.3)).toEqual([]);
      }
      await p.keyboard.press('Escape');
      await expect.poll(() => p.locator('.ds-modal').count()).toBe(0);
      expect(await p.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid), `${opener}: focus back on the opener`).toBe(opener);
    }
    // The practice picker quotes the interview prompts: their `code` marks render as code, not raw backticks.
    await p.click('[data-testid=mode-practice]');
    await p.click('text=Pick a prompt…');
    await p.waitForSelector('[data-testid=practice-prompts] .ds-library__prompt');
    const prompts = await p.locator('[data-testid=practice-prompts] .ds-library__prompt').allTextContents();
    expect(prompts.filter((t) => t.includes('`'))).toEqual([]);
    expect(await p.locator('[data-testid=practice-prompts] .ds-library__prompt code').count()).toBeGreaterThan(0);
    await p.keyboard.press('Escape');
    await p.click('[data-testid=mode-design]');
  });

  it('an invalid design greys its results at once, and says why; fixing it makes them current again', async () => {
    await p.click('[data-testid="node-service:model"]');
    expect(await seriousViolations('inspector open')).toEqual([]);
    // A value's unit sits inside its box; the schema's help reads as text (its `code` marks are rendered, not shown raw).
    const ms = p.locator('[data-field="spec.services[0].latency.ms"]');
    expect(await ms.evaluate((el) => el.parentElement?.querySelector('.ds-input__unit')?.textContent ?? null)).toBe('ms');
    const helps = await p.locator('.ds-inspector [data-testid=field-help]').allTextContents();
    expect(helps.length).toBeGreaterThan(5);
    expect(helps.filter((h) => h.includes('`'))).toEqual([]);
    expect(await p.locator('.ds-inspector [data-testid=field-help] code').count()).toBeGreaterThan(0);
    const field = '[data-field="spec.services[0].hpa.metrics[0].target"]';
    const before = await runId(p);
    await p.fill(field, '-3');
    await expect.poll(() => p.getAttribute('[data-testid=results]', 'data-stale')).toBe('true');
    // "From before your last edit" until the validation worker answers, then the reason.
    await expect.poll(() => p.textContent('[data-testid=stale-label]')).toMatch(/Stale — the design has issues to fix/);
    expect(await p.$$eval('.ds-node__status', (els) => els.map((e) => e.getAttribute('data-stale')))).not.toContain('false');
    // Greyed, not just labelled: a translucent veil over the cards and charts.
    expect(await p.locator('[data-testid=results]').evaluate((el) => getComputedStyle(el, '::after').backgroundColor)).toMatch(/^rgba\(244, 246, 249, 0\.6\d*\)$/);
    await screenshot(p, 'i12-stale-invalid');
    await p.fill(field, '15');
    // The text is again the one the shown run came from: current, with no new run.
    await expect.poll(() => p.getAttribute('[data-testid=results]', 'data-stale')).toBe('false');
    expect(await p.getAttribute('[data-testid=results]', 'data-run')).toBe(`main-${before}`);
  });

  it('undo and redo over the store: typing into a field is one step, a drag is one step; Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y and the buttons', async () => {
    await p.uncheck('text=run on every edit');
    const replicas = '[data-field="spec.services[0].replicas"]';
    await p.click('[data-testid="node-service:model"]');
    expect(await p.inputValue(replicas)).toBe('7');
    await p.locator(replicas).fill('');
    await p.locator(replicas).pressSequentially('123');
    // Keys go to the canvas (not a text box): the field's three keystrokes and the clearing are one step back.
    await p.click('[data-testid="node-service:model"]', { position: { x: 8, y: 8 } });
    const value = () => p.inputValue(replicas);
    expect(await value()).toBe('123');
    await p.keyboard.press('Control+z');
    await expect.poll(value).toBe('7');
    await p.keyboard.press('Control+Shift+z');
    await expect.poll(value).toBe('123');
    await p.keyboard.press('Control+z');
    await p.keyboard.press('Control+y');
    await expect.poll(value).toBe('123');
    await p.click('[data-testid=undo]');
    await expect.poll(value).toBe('7');
    expect(await p.isDisabled('[data-testid=redo]')).toBe(false);
    // A drag of a node, however many moves, is one step.
    const node = p.locator('[data-testid="node-pool:gpu"]');
    const at = () => node.evaluate((el) => (el.closest('.react-flow__node') as HTMLElement).style.transform);
    const start = await at();
    const box = (await node.boundingBox())!;
    await p.mouse.move(box.x + 30, box.y + 10);
    await p.mouse.down();
    await p.mouse.move(box.x + 90, box.y + 70, { steps: 8 });
    await p.mouse.up();
    expect(await at()).not.toBe(start);
    await p.keyboard.press('Control+z');
    await expect.poll(at).toBe(start);
    await p.check('text=run on every edit');
  });

  it('Compare keeps the toolbar title readable, lines up the plot areas of a row when a title wraps, and passes axe', async () => {
    const titleWidth = () => p.locator('.ds-brand__title').evaluate((el) => el.getBoundingClientRect().width);
    expect(await titleWidth()).toBeGreaterThan(160);
    await compareAllOnDemand(p);
    // Undo is enabled now and the tabs still wrap to their own row: the title keeps its room.
    expect(await titleWidth()).toBeGreaterThan(160);
    // The overlaid charts, two a row: some caption wraps onto two lines here ("Requests in flight (at interval
    // ends) (requests) — A dashed, B solid"), and each row's plots still start at the same height.
    await p.locator('[data-testid=compare-charts]').scrollIntoViewIfNeeded();
    const figs = await p.$$eval('[data-testid=compare-charts] figure', (els) =>
      els.map((f) => {
        // The lines the caption's text and buttons take (its box is stretched to its row's height, so the box says nothing).
        const tops: number[] = [];
        const walk = document.createTreeWalker(f.querySelector('figcaption')!, NodeFilter.SHOW_TEXT);
        for (let n = walk.nextNode(); n !== null; n = walk.nextNode()) {
          const range = document.createRange();
          range.selectNodeContents(n);
          for (const r of range.getClientRects()) if (r.height > 0) tops.push(r.top);
        }
        tops.sort((a, b) => a - b);
        const lines = tops.filter((t, k) => k === 0 || t - tops[k - 1]! > 8).length;
        return { id: f.getAttribute('data-chart'), left: Math.round(f.getBoundingClientRect().left), lines, plotTop: f.querySelector('svg')!.getBoundingClientRect().top };
      }),
    );
    found['compare chart rows'] = figs;
    expect(figs.length).toBeGreaterThanOrEqual(6);
    expect(new Set(figs.map((f) => f.left)).size).toBe(2);
    expect(figs.some((f) => f.lines >= 2) && figs.some((f) => f.lines === 1), 'one caption wraps at 1440×900, another does not').toBe(true);
    for (let k = 0; k + 1 < figs.length; k += 2) expect(Math.abs(figs[k]!.plotTop - figs[k + 1]!.plotTop), `${figs[k]!.id} | ${figs[k + 1]!.id}`).toBeLessThan(1);
    await screenshot(p, 'i12-compare-aligned');
    expect(await seriousViolations('compare')).toEqual([]);
    await p.click('[data-testid=mode-design]');
  });

  it('Reset and Import replace the design only recoverably: the notice brings the previous one back', async () => {
    await p.uncheck('text=run on every edit');
    const mine = await viewYaml(p);
    await p.click('[data-testid=reset]');
    await expect.poll(() => p.textContent('[data-testid=notice]')).toContain('Reset to the autoscaling example');
    expect(await viewYaml(p)).not.toBe(mine);
    await p.click('[data-testid=notice-restore]');
    await expect.poll(() => viewYaml(p)).toBe(mine);
    const small = 'apiVersion: design-sim/v1\nkind: Scenario\nmetadata: { name: small }\nspec:\n  duration: 10m\n  traffic: { profile: { type: constant, qps: 10 } }\n  services: [{ name: model, replicas: 2, latency: { distribution: constant, ms: 50 }, nodePool: gpu }]\n  nodePools: [{ name: gpu, instance: aws/us-east-1/g5.2xlarge, minNodes: 2, maxNodes: 2 }]\n';
    await p.setInputFiles('[data-testid=import-input]', { name: 'small.yaml', mimeType: 'application/yaml', buffer: Buffer.from(small) });
    await expect.poll(() => p.textContent('[data-testid=notice]')).toContain('Imported small.yaml');
    await p.click('[data-testid=notice-restore]');
    await expect.poll(() => viewYaml(p)).toBe(mine);
    await p.check('text=run on every edit');
  });

  it('opening another design marks the shown results stale in the very next frames; the training curve labels stay apart', async () => {
    await waitForFreshResult(p, 0, 90_000);
    const oldRun = (await p.getAttribute('[data-testid=results]', 'data-run'))!;
    await p.click('[data-testid=open-library]');
    // Sample every frame from the click on: results run, stale flag and node badges.
    await p.evaluate(() => {
      const w = window as unknown as { __frames: unknown[]; __clickAt: number };
      w.__frames = [];
      w.__clickAt = Infinity;
      document.addEventListener('click', () => (w.__clickAt = Math.min(w.__clickAt, performance.now())), { capture: true, once: true });
      const tick = (now: number) => {
        const r = document.querySelector<HTMLElement>('[data-testid=results]');
        w.__frames.push({ t: now, run: r?.dataset.run ?? null, stale: r?.dataset.stale ?? null, badges: [...document.querySelectorAll<HTMLElement>('.ds-node__status')].map((b) => b.dataset.stale) });
        if (w.__frames.length < 900) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const before = await runId(p);
    await p.click('button[data-file="training-7b-p5-spot.yaml"]');
    await waitForFreshResult(p, before, 90_000);
    const { frames, clickAt } = await p.evaluate(() => {
      const w = window as unknown as { __frames: { t: number; run: string | null; stale: string | null; badges: (string | undefined)[] }[]; __clickAt: number };
      return { frames: w.__frames, clickAt: w.__clickAt };
    });
    const after = frames.filter((f) => f.t > clickAt);
    const oldShown = after.filter((f) => f.run === oldRun);
    // Each frame after the click that still shows the previous design's results shows them as stale, badges too.
    const unmarked = oldShown.filter((f) => f.stale !== 'true' || f.badges.some((b) => b === 'false'));
    found.staleOnOpen = { framesAfterClick: after.length, framesWithOldResults: oldShown.length, unmarked: unmarked.length, firstFrameMs: after[0] ? Math.round(after[0].t - clickAt) : null };
    expect(after.length).toBeGreaterThan(0);
    expect(unmarked).toEqual([]);

    // The days-against-dollars curve: 6 GPU counts, their labels apart.
    await p.locator('[data-chart=training-curve]').scrollIntoViewIfNeeded();
    const labels = await p.$$eval('[data-chart=training-curve] .ds-training__label', (els) =>
      els.map((e) => {
        const b = e.getBoundingClientRect();
        return { text: e.textContent, left: b.left, right: b.right, top: b.top, bottom: b.bottom };
      }),
    );
    expect(labels).toHaveLength(6);
    for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) expect(overlaps(labels[i]!, labels[j]!), `${labels[i]!.text} / ${labels[j]!.text}`).toBe(false);
    expect(await p.getAttribute('[data-chart=training-curve]', 'data-scale')).toBe('log');
    await screenshot(p, 'i12-training-curve');
    expect(await seriousViolations('training run')).toEqual([]);
  });

  it('a cancelled run leaves its snapshot greyed and labelled incomplete', async () => {
    const long = 'apiVersion: design-sim/v1\nkind: Scenario\nmetadata: { name: long-day }\nspec:\n  duration: 24h\n  traffic: { profile: { type: constant, qps: 300 } }\n  services: [{ name: model, replicas: 20, latency: { distribution: constant, ms: 50 }, nodePool: gpu }]\n  nodePools: [{ name: gpu, instance: aws/us-east-1/g5.2xlarge, minNodes: 20, maxNodes: 20 }]\n';
    const before = await runId(p);
    await p.setInputFiles('[data-testid=import-input]', { name: 'long-day.yaml', mimeType: 'application/yaml', buffer: Buffer.from(long) });
    // A snapshot of the new run is on screen, then Cancel.
    await p.waitForFunction(
      (prev) => {
        const r = document.querySelector<HTMLElement>('[data-testid=results]');
        const run = Number(r?.dataset.run?.split('-')[1]);
        return r !== null && run > prev && Number(r.dataset.progress) < 1;
      },
      before,
      { timeout: 60_000, polling: 50 },
    );
    await p.click('[data-testid=run-status] button:text("Cancel")');
    await expect.poll(() => p.getAttribute('[data-testid=results]', 'data-stale')).toBe('true');
    expect(await p.textContent('[data-testid=stale-label]')).toMatch(/Stale — incomplete: the run stopped at \d+%/);
    await clickPane(p);
    await screenshot(p, 'i12-stale-cancelled');
  });

  it("on a phone (390×844): training charts drawn at text size, the notice's buttons in a row, axe passes with a dialog open", async () => {
    // A library design by its link: no 4.5 h first run; then another one, so the notice offers the first back.
    const phone = await openPage(browser, `${baseUrl}#lib=training-7b-p5-on-demand.yaml`, 390, 844, pageErrors);
    await waitForFreshResult(phone, 0, 90_000);
    await phone.click('[data-testid=open-library]');
    const before = await runId(phone);
    await phone.click('button[data-file="training-7b-p5-spot.yaml"]');
    await waitForFreshResult(phone, before, 90_000);
    const restore = (await phone.locator('[data-testid=notice-restore]').boundingBox())!;
    // One line of text, not a narrow column of five.
    expect(restore.height).toBeLessThan(40);
    expect(restore.width).toBeGreaterThan(restore.height * 3);
    await phone.locator('[data-chart=training-curve]').scrollIntoViewIfNeeded();
    // The charts are drawn at the panel's width, 1:1: a tick label keeps its CSS size (a fixed viewBox shrank them to 7 px).
    const heights = await phone.$$eval('[data-testid=training-view] .ds-axis text, [data-testid=training-view] .ds-training__label', (els) => els.map((e) => e.getBoundingClientRect().height));
    expect(heights.length).toBeGreaterThan(10);
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(10);
    const labels = await phone.$$eval('[data-chart=training-curve] .ds-training__label', (els) => els.map((e) => e.getBoundingClientRect()).map((b) => ({ left: b.left, right: b.right, top: b.top, bottom: b.bottom })));
    for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) expect(overlaps(labels[i]!, labels[j]!)).toBe(false);
    await screenshot(phone, 'i12-phone-training');
    // The result tables (cost breakdown here) fit the phone's width: no sideways scroll under a cut caption.
    const tables = await phone.$$eval('[data-testid=results] .ds-table', (ts) => ts.map((t) => ({ id: t.getAttribute('data-testid'), width: t.getBoundingClientRect().width, room: t.parentElement!.clientWidth })));
    expect(tables.length).toBeGreaterThan(0);
    for (const t of tables) expect(t.width, t.id ?? 'table').toBeLessThanOrEqual(t.room + 1);
    await phone.click('[data-testid=open-library]');
    await phone.waitForSelector('.ds-modal');
    const v = await axeViolations(phone, axePath);
    found['axe: phone, library dialog open'] = v;
    expect(v.filter((x) => x.impact === 'serious' || x.impact === 'critical')).toEqual([]);
    await phone.context().close();
  });

  it('on a phone (390×844) the canvas is drawn at a readable size and pans by dragging', async () => {
    const phone = await openPage(browser, `${baseUrl}#lib=autoscaling-100-to-1000-qps.yaml`, 390, 844, pageErrors);
    await phone.waitForSelector('.ds-node');
    const scale = () => phone.$eval('.react-flow__viewport', (v) => new DOMMatrix(getComputedStyle(v).transform).a);
    // fitView runs once the nodes are measured; then the zoom stays.
    await expect.poll(scale, { timeout: 15_000 }).toBeGreaterThanOrEqual(0.85);
    // The smallest text of any node as drawn: its font size times the zoom (three columns fitted into 390 px drew 5 px text).
    const smallest = await phone.$$eval('.ds-node *', (els) => {
      const zoom = new DOMMatrix(getComputedStyle(document.querySelector('.react-flow__viewport')!).transform).a;
      return Math.min(...els.filter((e) => [...e.childNodes].some((c) => c.nodeType === 3 && c.textContent!.trim() !== '')).map((e) => parseFloat(getComputedStyle(e).fontSize) * zoom));
    });
    found['phone canvas: smallest node text, px'] = smallest;
    expect(smallest).toBeGreaterThanOrEqual(8.9);
    expect(await phone.textContent('.ds-readonly-note')).toContain('drag the canvas');
    // Dragging the empty canvas pans it, so the nodes off screen can be reached.
    const before = await phone.$eval('.react-flow__viewport', (v) => new DOMMatrix(getComputedStyle(v).transform).e);
    const box = (await phone.locator('[data-testid=canvas]').boundingBox())!;
    await phone.mouse.move(box.x + box.width / 2, box.y + 20);
    await phone.mouse.down();
    await phone.mouse.move(box.x + box.width / 2 - 120, box.y + 20, { steps: 6 });
    await phone.mouse.up();
    expect(await phone.$eval('.react-flow__viewport', (v) => new DOMMatrix(getComputedStyle(v).transform).e)).toBeLessThan(before - 100);
    await screenshot(phone, 'i12-phone-canvas');
    await phone.context().close();
  });

  it('raised no uncaught page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
