/**
 * Kubernetes controllers beyond the HPA, as the canvas shows them: a KEDA service reads "KEDA 0–N" and its
 * inspector has the ScaledObject's fields (help from the schema); a Karpenter pool reads "· Karpenter" with
 * its instance and capacity types. Real headless Chromium; screenshots for a person to look at.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openPage, screenshot } from './browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
const errors: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  expect(errors).toEqual([]);
});

async function openFromLibrary(p: Page, file: string): Promise<void> {
  await p.click('[data-testid=open-library]');
  await p.waitForSelector('[data-testid=library]');
  await p.click(`button[data-file="${file}"]`);
  await expect.poll(() => p.textContent('[data-testid=notice]')).toContain(`Opened ${file}`);
}

describe('KEDA and Karpenter on the canvas', () => {
  it('shows a scale-to-zero service as KEDA 0–N and edits its ScaledObject in the inspector', async () => {
    const p = await openPage(browser, baseUrl, 1440, 900, errors);
    await openFromLibrary(p, 'nim-llama3-8b-scale-to-zero-pv.yaml');
    const node = p.locator('[data-testid="node-service:nim"]');
    await expect.poll(() => node.textContent()).toMatch(/KEDA 0–\d+/);
    await node.click();
    await expect.poll(() => p.textContent('.ds-inspector')).toContain('Scale to zero (KEDA)');
    const polling = p.locator('[data-field="spec.services[0].keda.pollingInterval"]');
    expect(await polling.count()).toBe(1);
    // Help comes from the zod description (one source), not a second table.
    expect(await p.textContent('.ds-inspector')).toContain('Triggers');
    await screenshot(p, 'k8s-01-keda-inspector');
    await p.context().close();
  });

  it('shows a Karpenter NodePool with its instance and capacity types', async () => {
    const p = await openPage(browser, baseUrl, 1440, 900, errors);
    await openFromLibrary(p, 'gpu-fleet-diurnal-karpenter.yaml');
    const pool = p.locator('[data-testid="node-pool:gpu"]');
    await expect.poll(() => pool.textContent()).toContain('Karpenter');
    expect(await pool.textContent()).toMatch(/spot \+ on-demand|on-demand/);
    await screenshot(p, 'k8s-02-karpenter-pool');
    await p.context().close();
  });
});
