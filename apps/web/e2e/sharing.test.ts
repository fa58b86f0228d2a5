/**
 * Issue #12, sharing, in a real headless Chromium: share links are short (a library design by its
 * file name; an edited one deflated, its prompt and notes by reference), a link pasted into an open
 * tab opens, and opening a link never silently replaces the autosaved design.
 */
import { writeFileSync } from 'node:fs';
import { compressToEncodedURIComponent } from 'lz-string';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { clickPane, viewYaml, waitForFreshResult } from './app-helpers.ts';
import { launchBrowser, openPage, screenshot, SCREENSHOT_DIR } from './browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
const pageErrors: string[] = [];

async function shareLink(p: Page): Promise<string> {
  await p.click('[data-testid=share]');
  await p.waitForSelector('[data-testid=share-url][data-ready=true]');
  const url = await p.inputValue('[data-testid=share-url]');
  await p.keyboard.press('Escape');
  await p.waitForSelector('[data-testid=share-url]', { state: 'detached' });
  return url;
}

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  expect(pageErrors).toEqual([]);
});

describe('share links (issue #12)', () => {
  it('are short, open when pasted into an open tab, and keep the autosaved design', async () => {
    const p = await openPage(browser, baseUrl, 1280, 720, pageErrors);
    await waitForFreshResult(p, 0, 90_000);
    // The example as it ships: its file name is the whole link.
    const plain = await shareLink(p);
    expect(plain).toBe(`${baseUrl}#lib=autoscaling-100-to-1000-qps.yaml`);

    // Edited: the YAML deflated, the prompt and notes named, not copied.
    await clickPane(p);
    await p.fill('[data-field="spec.duration"]', '2h');
    await expect.poll(() => viewYaml(p)).toContain('duration: 2h');
    const edited = await shareLink(p);
    const yaml = await viewYaml(p);
    const fragment = new URL(edited).hash;
    expect(fragment).toMatch(/^#z=[A-Za-z0-9_-]+&lib=autoscaling-100-to-1000-qps\.yaml$/);
    const lz = `#s=${compressToEncodedURIComponent(yaml)}`.length;
    writeFileSync(`${SCREENSHOT_DIR}share-lengths.json`, `${JSON.stringify({ yaml: yaml.length, lzString: lz, now: fragment.length, library: new URL(plain).hash.length }, null, 2)}\n`);
    expect(fragment.length).toBeLessThan(lz / 2);

    // The link opens in another tab of the same browser, whose autosave holds the edited design:
    // the autosave is kept (Recent designs) and offered back.
    await p.waitForTimeout(800); // autosave writes 0.5 s after the last edit
    const other = await p.context().newPage();
    other.on('pageerror', (e) => pageErrors.push(e.message));
    await other.goto(`${baseUrl}#lib=llama3-8b-gpu-comparison-h100.yaml`);
    await other.waitForSelector('[data-testid=notice]');
    expect(await other.textContent('[data-testid=notice]')).toMatch(/Opened the design from the shared link\..*Your autosaved design "[^"]+" was kept/);
    expect(new URL(other.url()).hash).toBe('');
    expect(await viewYaml(other)).toContain('llama');
    await screenshot(other, 'share-kept-autosave');
    await other.click('[data-testid=notice-restore]');
    await expect.poll(() => viewYaml(other)).toBe(yaml);
    await other.close();

    // Pasted into the open tab: only the fragment changes, and the design opens; the one it replaced comes back from the notice.
    await p.evaluate(() => (location.hash = '#lib=llama3-8b-gpu-comparison-h100.yaml'));
    await expect.poll(() => p.textContent('[data-testid=notice]')).toContain('Opened the design from the shared link');
    await expect.poll(() => viewYaml(p)).toContain('llama');
    expect(new URL(p.url()).hash).toBe('');
    await p.click('[data-testid=notice-restore]');
    await expect.poll(() => viewYaml(p)).toBe(yaml);
    // The edited link pasted into the tab gives back the same YAML.
    await p.evaluate((h) => (location.hash = h), fragment);
    await expect.poll(() => p.textContent('[data-testid=notice]')).toContain('Opened the design from the shared link');
    expect(await viewYaml(p)).toBe(yaml);
    // A damaged link pasted in is reported; the design stays.
    await p.evaluate(() => (location.hash = '#z=damaged!'));
    await expect.poll(() => p.textContent('[data-testid=notice]')).toContain('The shared link could not be opened');
    expect(await viewYaml(p)).toBe(yaml);
    await p.context().close();
  });
});
