/**
 * The person's own order of the popup's list, in Chromium with the packaged build: pin an account
 * from its row menu, move another by keyboard ("Move up") and one by dragging its letter mark (the row's handle); each
 * change is announced, and a new popup (a new session of the page) shows the same order. What is
 * stored for it is ids only: no account's label or issuer is in storage.local in plain text.
 */
import { randomBytes } from 'node:crypto';
import { base32 } from '@scure/base';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumUnderTest, cleanUp, launchChromium, OPTIONS_PATH, POPUP_PATH, type ChromiumSession } from '../../browser-harness/launch';
import { setUpVault } from '../../browser-harness/steps';

const row = (service: string) => `[data-testid=account-row]:has([data-testid=account-label]:text-is("${service}"))`;
const services = (page: Page) => page.locator('[data-testid=account-row] [data-testid=account-label]').allTextContents();
const announced = (page: Page, text: string) => page.waitForFunction((t) => document.querySelector('[data-testid=announcer]')?.textContent === t, text);

/** Opens the row's menu by keyboard and chooses the entry. */
async function chooseByKeyboard(page: Page, service: string, entry: string): Promise<void> {
  await page.locator(`${row(service)} [data-testid=row-menu]`).focus();
  await page.keyboard.press('Enter');
  for (let i = 0; i < 10; i++) {
    if (await page.evaluate((e) => document.activeElement?.getAttribute('data-testid') === e, entry)) break;
    await page.keyboard.press('ArrowDown');
  }
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(entry);
  await page.keyboard.press('Enter');
}

describe('Chromium: pin and reorder the popup\'s accounts, kept across sessions', () => {
  let s: ChromiumSession;
  const pages: Page[] = [];
  const openPopup = async () => {
    const page = await s.openPage(POPUP_PATH);
    pages.push(page);
    await page.waitForSelector('[data-testid=code][data-code]', { timeout: 30_000 });
    return page;
  };

  beforeAll(async () => {
    s = await launchChromium();
    const ext = chromiumUnderTest(s);
    await setUpVault(ext, `vault-${randomBytes(6).toString('hex')}`);
    const secret = () => base32.encode(randomBytes(20)).replace(/=+$/, '');
    const options = await s.openPage(OPTIONS_PATH);
    pages.push(options);
    await options.waitForSelector('#import-text');
    await options.fill('#import-text', ['AWS', 'Dropbox', 'GitHub', 'Zoom'].map((issuer) => `otpauth://totp/${issuer}:me?secret=${secret()}&issuer=${issuer}`).join('\n'));
    await options.click('#import-text-submit');
    await options.waitForFunction(() => /Imported 4, skipped 0/.test(document.getElementById('import-result')?.textContent ?? ''));
  }, 120_000);
  afterAll(() => cleanUp([async () => { for (const p of pages) await p.close().catch(() => {}); }, () => s?.close()]));

  it('pins one account and moves another by keyboard, announced; a new popup keeps the order', async () => {
    const popup = await openPopup();
    expect(await services(popup)).toEqual(['AWS', 'Dropbox', 'GitHub', 'Zoom']);

    await chooseByKeyboard(popup, 'GitHub', 'pin-account');
    await announced(popup, 'GitHub, me pinned to the top');
    expect(await services(popup)).toEqual(['GitHub', 'AWS', 'Dropbox', 'Zoom']);
    // Focus stays with the row that moved, on its menu button.
    expect(await popup.evaluate(() => document.activeElement?.closest('[data-testid=account-row]')?.querySelector('[data-testid=account-label]')?.textContent)).toBe('GitHub');
    await expect.poll(() => popup.locator(`${row('GitHub')} [data-testid=pinned-mark]`).isVisible()).toBe(true);

    await chooseByKeyboard(popup, 'Dropbox', 'move-up');
    await announced(popup, 'Dropbox, me moved to position 2 of 4');
    expect(await services(popup)).toEqual(['GitHub', 'Dropbox', 'AWS', 'Zoom']);
    // The first account after the pinned ones does not move above them: it says so.
    await chooseByKeyboard(popup, 'Dropbox', 'move-up');
    await announced(popup, 'Dropbox, me cannot move further');
    expect(await services(popup)).toEqual(['GitHub', 'Dropbox', 'AWS', 'Zoom']);
    await popup.close();

    const again = await openPopup();
    expect(await services(again)).toEqual(['GitHub', 'Dropbox', 'AWS', 'Zoom']);
    expect(await again.locator(`${row('GitHub')} [data-testid=pin-account]`).textContent()).toBe('Unpin');
    expect(await again.locator(`${row('AWS')} [data-testid=pin-account]`).textContent()).toBe('Pin to top');
    // Only ids are stored in the clear.
    const stored = JSON.stringify(await again.evaluate(() => chrome.storage.local.get('accountOrder')));
    expect(stored).toMatch(/"pinned":\["[\w-]+"\]/);
    for (const name of ['GitHub', 'Dropbox', 'AWS', 'me']) expect(stored).not.toContain(name);
  }, 120_000);

  it('a row dragged by its letter mark onto another takes its place, and that is kept too', async () => {
    const popup = await openPopup();
    await popup.dragAndDrop(`${row('Zoom')} [data-testid=letter-mark]`, row('Dropbox'));
    await announced(popup, 'Zoom, me moved to position 2 of 4');
    expect(await services(popup)).toEqual(['GitHub', 'Zoom', 'Dropbox', 'AWS']);
    // A pinned row is not dropped among the others.
    await popup.dragAndDrop(`${row('GitHub')} [data-testid=letter-mark]`, row('AWS'));
    expect(await services(popup)).toEqual(['GitHub', 'Zoom', 'Dropbox', 'AWS']);
    await popup.close();
    expect(await services(await openPopup())).toEqual(['GitHub', 'Zoom', 'Dropbox', 'AWS']);
  }, 120_000);
});
