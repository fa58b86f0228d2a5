/** Launching Debian's headless Chromium with playwright-core, and the screenshot folder (gitignored). */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Where Debian's `chromium` package installs the browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Screenshots for people to look at (apps/web/e2e-screenshots/, gitignored). */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../e2e-screenshots/', import.meta.url));

/** A headless Chromium with no network chatter of its own. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** Saves a full-viewport screenshot as `<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}${name}.png` });
}

/** Records main-thread long tasks (> 50 ms) from page start, for the "never blocks" check. */
export const LONG_TASK_OBSERVER = `
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
`;

/** A page at `url` in a fresh context of the given viewport, recording long tasks, its uncaught errors pushed to `errors`. */
export async function openPage(browser: Browser, url: string, width: number, height: number, errors: string[]): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width, height } });
  return openIn(ctx, url, errors);
}

/** How long a new window is left to start before the app opens in a new tab of it (ms). */
const WINDOW_START_MS = 2_000;

/**
 * A page at `url` opened the way a user opens the app: a new tab of a browser window that is already open (a fresh
 * context, so no storage or cache of the app's, whose first tab is left blank for WINDOW_START_MS first). In headless
 * Chromium a new context is a new window, and the window's own pages (the omnibox popup's WebUI renderer) start beside
 * the first page loaded in it: 100–150 ms of CPU on this 2-core machine during the app's first 800 ms (Chromium
 * traces, docs/performance.md, "seventh pass"), which a page in a new tab does not pay.
 */
export async function openTab(browser: Browser, url: string, width: number, height: number, errors: string[]): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width, height } });
  const first = await ctx.newPage();
  await first.goto('about:blank');
  await first.waitForTimeout(WINDOW_START_MS);
  return openIn(ctx, url, errors);
}

async function openIn(ctx: BrowserContext, url: string, errors: string[]): Promise<Page> {
  const p = await ctx.newPage();
  await p.addInitScript(LONG_TASK_OBSERVER);
  p.on('pageerror', (e) => errors.push(e.message));
  await p.goto(url);
  return p;
}
