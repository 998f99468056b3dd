// Both packaged builds load in real browsers, and the background answers a message sent from
// the popup page: the minimum that proves the Chrome service worker and the Firefox event page
// are wired up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, launchFirefox, POPUP_PATH, type ChromiumSession, type FirefoxSession } from '../../browser-harness/launch';

describe('Chromium loads the packaged zip', () => {
  let s: ChromiumSession;
  beforeAll(async () => { s = await launchChromium(); });
  afterAll(async () => { await s?.close(); });

  it('the popup gets an answer from the background service worker', async () => {
    const popup = await s.openPage(POPUP_PATH);
    const answer = await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'status' }));
    expect(answer).toMatchObject({ ok: true });
  });
});

describe('Firefox ESR loads the packaged xpi', () => {
  let s: FirefoxSession;
  beforeAll(async () => { s = await launchFirefox(); });
  afterAll(async () => { await s?.close(); });

  it('the popup gets an answer from the background event page', async () => {
    const popup = await s.openPage(POPUP_PATH);
    const answer = await popup.evaluate(() => (globalThis as any).browser.runtime.sendMessage({ type: 'status' }));
    expect(answer).toMatchObject({ ok: true });
  });
});
