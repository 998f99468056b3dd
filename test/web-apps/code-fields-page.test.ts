// The code-fields page (web-apps/code-fields) has the traps issue 9's code filler is tested on:
// six one-character boxes, a recovery/backup code decoy, two hidden duplicates of the code field
// and a code field in a frame from the other origin. These tests pin each one down by the
// selectors the filler's tests will use, so a change to the page cannot quietly defuse a trap.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startWebApps, type WebAppsServer } from '../../web-apps/server';

let apps: WebAppsServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  // No pool: this page signs in nowhere.
  apps = await startWebApps();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--disable-gpu', '--disable-quic', '--disable-sync'] });
  page = await browser.newPage();
  await page.goto(apps.url('code-fields'));
});
afterAll(async () => {
  await browser?.close();
  await apps?.close();
});

describe('the code-fields page', () => {
  it('splits the code over six visible one-character numeric boxes', async () => {
    const boxes = page.locator('[data-testid="split-code"] input');
    expect(await boxes.count()).toBe(6);
    for (const box of await boxes.all()) {
      expect(await box.isVisible()).toBe(true);
      expect(await box.getAttribute('maxlength')).toBe('1');
      expect(await box.getAttribute('inputmode')).toBe('numeric');
    }
    // The first box claims the whole code, as split inputs made for SMS autofill do.
    expect(await boxes.first().getAttribute('autocomplete')).toBe('one-time-code');
  });

  it('submits what the six boxes hold as one code', async () => {
    const boxes = await page.locator('[data-testid="split-code"] input').all();
    for (const [i, box] of boxes.entries()) await box.fill(String((i + 4) % 10));
    await page.locator('#verify-form button[type="submit"]').click();
    expect(await page.getByTestId('submitted-code').textContent()).toBe('456789');
  });

  it('has a visible decoy field for a recovery (backup) code', async () => {
    const decoy = page.locator('#recovery-code');
    expect(await decoy.isVisible()).toBe(true);
    expect(await decoy.getAttribute('name')).toBe('recovery_code');
    const label = (await page.locator('label[for="recovery-code"]').textContent()) ?? '';
    expect(label).toMatch(/recovery code/i);
    expect(label).toMatch(/backup code/i);
  });

  it('has two hidden duplicates of the code field: display:none and off-screen', async () => {
    const hidden = page.locator('#otp-hidden');
    expect(await hidden.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await hidden.isVisible()).toBe(false);
    const offScreen = page.locator('#otp-off-screen');
    expect(await offScreen.getAttribute('autocomplete')).toBe('one-time-code');
    // Rendered (so "visible" to a naive check) but wholly left of the page.
    const box = (await offScreen.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(0);
  });

  it('embeds a code field from the other origin, which the page cannot reach into', async () => {
    const frameElement = page.getByTestId('cross-origin-frame');
    await expect.poll(() => frameElement.getAttribute('src')).toBe(`${apps.otherOrigin}/code-fields/frame.html`);
    const frame = page.frames().find((f) => f.url().startsWith(apps.otherOrigin))!;
    expect(frame).toBeDefined();
    const field = frame.locator('#frame-code');
    await field.waitFor();
    expect(await field.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await page.evaluate(() => document.querySelector('iframe')!.contentDocument)).toBeNull();
  });

  it('takes the frame from the primary origin when opened on the other one', async () => {
    expect(new URL(apps.otherOrigin).hostname).not.toBe(new URL(apps.origin).hostname);
    const other = await browser.newPage();
    try {
      await other.goto(apps.url('code-fields', { on: 'other' }));
      await expect.poll(() => other.getByTestId('cross-origin-frame').getAttribute('src')).toBe(`${apps.origin}/code-fields/frame.html`);
    } finally {
      await other.close();
    }
  });
});
