// Emptying the clipboard after a copy from the popup (src/background/clipboard-clear.ts), in the
// packaged extension in real Chromium (offscreen document) and Firefox ESR (the event page), each
// with the optional clipboardWrite the options page asks for: with a delay chosen, copying a code
// arms the alarm for that delay, and when it fires (made due now, with the background stopped
// first so the browser must wake it) the clipboard is empty; with the setting off, a copy arms
// nothing and the code stays. The clipboard is read by the test, not the extension: Chromium's
// page with the clipboard permission granted to the test, Firefox's privileged chrome context.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { base32 } from '@scure/base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIPBOARD_CLEAR_ALARM } from '../../src/background/clipboard-clear';
import { CHROME_ZIP, chromiumUnderTest, cleanUp, FIREFOX_SCENARIO_OPTIONS, firefoxUnderTest, launchChromium, launchFirefox, OPTIONS_PATH, POPUP_PATH,
  type ChromiumSession, type ExtensionUnderTest, type ExtPage, type FirefoxSession } from '../../browser-harness/launch';
import { openPopup, setUpVault } from '../../browser-harness/steps';
import { alarmDueAt, fireAlarmNow, sendToBackground } from '../../browser-harness/extension-api';
import { until } from '../../browser-harness/until';

const VAULT_PASSWORD = `clip-${randomBytes(6).toString('hex')}`;
const CODE_BUTTON = '[data-testid=account-row][data-kind=totp] [data-testid=code][data-code]';

describe.each(['chromium', 'firefox'] as const)('%s: the clipboard is emptied after the chosen delay', (browserName) => {
  let ext: ExtensionUnderTest;
  let chromium: ChromiumSession | undefined;
  let firefox: FirefoxSession | undefined;
  let readClipboard: () => Promise<string>;
  const pages: ExtPage[] = [];
  const scratch: string[] = [];

  beforeAll(async () => {
    if (browserName === 'chromium') {
      // The optional clipboardWrite granted as the person's "Allow" would: headless Chromium
      // cannot click its permission dialog (there is no pre-approval for API permissions, as
      // there is for hosts), so the unpacked package lists it as granted at install instead.
      const dir = mkdtempSync(join(tmpdir(), 'cogauth-clip-'));
      scratch.push(dir);
      execFileSync('unzip', ['-q', CHROME_ZIP, '-d', dir]);
      const manifestPath = join(dir, 'manifest.json');
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
      expect(manifest.optional_permissions).toContain('clipboardWrite');
      manifest.optional_permissions = manifest.optional_permissions.filter((p: string) => p !== 'clipboardWrite');
      manifest.permissions.push('clipboardWrite');
      writeFileSync(manifestPath, JSON.stringify(manifest));
      chromium = await launchChromium({ extensionDir: dir });
      await chromium.context.grantPermissions(['clipboard-read', 'clipboard-write']);
      ext = chromiumUnderTest(chromium);
      readClipboard = async () => {
        const page = await chromium!.openPage(POPUP_PATH);
        try { return await page.evaluate(() => navigator.clipboard.readText()); } finally { await page.close(); }
      };
    } else {
      firefox = await launchFirefox(FIREFOX_SCENARIO_OPTIONS);
      ext = firefoxUnderTest(firefox);
      readClipboard = async () => String(await firefox!.chromeEvaluate('navigator.clipboard.readText()'));
    }
    await setUpVault(ext, VAULT_PASSWORD);
    const options = await ext.openPage(OPTIONS_PATH);
    pages.push(options);
    await options.waitFor('#clipboard-clear-seconds');
    expect(await sendToBackground(options, { type: 'add-account', account: {
      kind: 'totp', label: 'Clipboard', secret: base32.encode(randomBytes(20)).replace(/=+$/, ''), algorithm: 'SHA1', digits: 6, period: 30 } })).toMatchObject({ ok: true });
  });
  afterAll(() => cleanUp([...pages.map((p) => () => p.close()), () => ext?.close(), () => scratch.forEach((d) => rmSync(d, { recursive: true, force: true }))]));

  async function chooseDelay(seconds: number): Promise<ExtPage> {
    const options = pages[0]!;
    await options.select('#clipboard-clear-seconds', String(seconds));
    // Firefox: the save asks for clipboardWrite (granted by the launch pref); Chromium: already granted above.
    await options.click('#settings-save');
    await until('the setting saved', async () => (await sendToBackground(options, { type: 'get-settings' })).settings.clipboardClearSeconds === seconds);
    return options;
  }

  async function copyCode(): Promise<string> {
    const popup = await openPopup(ext);
    pages.push(popup);
    await popup.waitFor(CODE_BUTTON);
    const code = await popup.evaluateWith((s) => document.querySelector<HTMLElement>(s)!.dataset.code!, CODE_BUTTON);
    await popup.click(CODE_BUTTON);
    await until('the code in the clipboard', async () => (await readClipboard()) === code);
    return code;
  }

  it('a chosen delay: the copy arms the alarm for it, and when it fires the clipboard is empty', async () => {
    const options = await chooseDelay(30);
    if (browserName === 'firefox') {
      expect(await options.evaluate(() => (globalThis as any).browser.permissions.contains({ permissions: ['clipboardWrite'] })), 'options asked for clipboardWrite').toBe(true);
    }
    const before = Date.now();
    await copyCode();
    const due = await until('the clear alarm', async () => alarmDueAt(options, CLIPBOARD_CLEAR_ALARM));
    expect(due).toBeGreaterThanOrEqual(before + 30_000);
    expect(due).toBeLessThanOrEqual(Date.now() + 30_000);

    await ext.stopBackground();
    await fireAlarmNow(options, CLIPBOARD_CLEAR_ALARM);
    // Read once a second: each read opens a page of its own.
    let seen: string | undefined;
    await until('the clipboard to be emptied', async () => (seen = await readClipboard()) === '',
      { timeoutMs: 30_000, intervalMs: 1000, lastSeen: () => JSON.stringify(seen) });
  });

  it('off: a copy arms nothing and the code stays in the clipboard', async () => {
    const options = await chooseDelay(0);
    const code = await copyCode();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await alarmDueAt(options, CLIPBOARD_CLEAR_ALARM)).toBeUndefined();
    expect(await readClipboard()).toBe(code);
  });
});
