// The theme a person chooses in options (system, light, dark) and the keyboard shortcut that
// opens the popup, in the packaged extension in real Chromium and Firefox ESR.
// Theme: saved in options it applies at once to the options page, to another open extension page
// and to a popup opened afterwards, whose <html> carries it before its first paint (Chromium: read
// in the first animation frame, which runs before the first paint; both browsers: the boot script
// is the first, blocking, script in <head>); "system" follows prefers-color-scheme live (Chromium,
// where the driver can emulate it). Shortcut: the browser reports the manifest's _execute_action
// command with its suggested key, and options shows exactly the browser's binding.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp, launchChromium, launchFirefox, chromiumUnderTest, firefoxUnderTest, FIREFOX_SCENARIO_OPTIONS, OPTIONS_PATH, POPUP_PATH,
  type ChromiumSession, type ExtensionUnderTest, type ExtPage } from '../../browser-harness/launch';
import { openPopup, setUpVault } from '../../browser-harness/steps';
import { until } from '../../browser-harness/until';
import { sendToBackground } from '../../browser-harness/extension-api';
import source from '../../manifest.json' with { type: 'json' };

const VAULT_PASSWORD = `theme-${randomBytes(6).toString('hex')}`;
const SUGGESTED_KEY = source.commands._execute_action.suggested_key.default;
/** --bg of each theme in src/ui/styles.css, as computed colours. */
const BACKGROUND = { light: 'rgb(255, 255, 255)', dark: 'rgb(22, 24, 28)' } as const;

const shownTheme = (page: ExtPage) => page.evaluate(() => ({
  theme: document.documentElement.dataset.theme,
  background: getComputedStyle(document.body).backgroundColor,
}));

describe.each(['chromium', 'firefox'] as const)('%s: themes and the keyboard shortcut', (browserName) => {
  let ext: ExtensionUnderTest;
  let chromium: ChromiumSession | undefined;
  const pages: ExtPage[] = [];
  const open = async (path: string) => { const p = await ext.openPage(path); pages.push(p); return p; };

  beforeAll(async () => {
    if (browserName === 'chromium') ext = chromiumUnderTest(chromium = await launchChromium());
    else ext = firefoxUnderTest(await launchFirefox(FIREFOX_SCENARIO_OPTIONS));
    await setUpVault(ext, VAULT_PASSWORD);
  });
  afterAll(() => cleanUp([...pages.map((p) => () => p.close()), () => ext?.close()]));

  it('loads the theme script first in <head>, as a classic (render-blocking) script, in the popup and options', async () => {
    const page = await open(POPUP_PATH);
    for (const path of [POPUP_PATH, OPTIONS_PATH]) {
      const head = await page.evaluateWith(async (p) => {
        const doc = new DOMParser().parseFromString(await (await fetch(`/${p}`)).text(), 'text/html');
        const first = [...doc.head.querySelectorAll('script, link[rel=stylesheet]')][0] as HTMLScriptElement | undefined;
        return { tag: first?.tagName, src: first?.getAttribute('src'), type: first?.getAttribute('type') ?? '', defer: first?.hasAttribute('defer'), async: first?.hasAttribute('async') };
      }, path);
      expect(head, path).toEqual({ tag: 'SCRIPT', src: '/theme-boot.js', type: '', defer: false, async: false });
    }
  });

  it('applies the theme chosen in options at once, to open pages and to the popup from its first frame', async () => {
    const options = await open(OPTIONS_PATH);
    const other = await open(OPTIONS_PATH);
    await options.waitFor('#theme');
    await options.select('#theme', 'dark');
    await options.click('#settings-save');
    await options.waitForText('#settings-result', /./);
    expect((await sendToBackground(options, { type: 'get-settings' })).settings.theme).toBe('dark');
    expect(await shownTheme(options)).toEqual({ theme: 'dark', background: BACKGROUND.dark });
    await until('the other open page to turn dark', async () => (await shownTheme(other)).theme === 'dark');
    expect(await shownTheme(other)).toEqual({ theme: 'dark', background: BACKGROUND.dark });
    const popup = await openPopup(ext);
    pages.push(popup);
    expect(await shownTheme(popup)).toEqual({ theme: 'dark', background: BACKGROUND.dark });

    await options.select('#theme', 'light');
    await options.click('#settings-save');
    await until('the options page to turn light', async () => (await shownTheme(options)).theme === 'light');
    expect(await shownTheme(options)).toEqual({ theme: 'light', background: BACKGROUND.light });
  });

  it.runIf(browserName === 'chromium')('Chromium: the popup is dark in its first frame, and "system" follows prefers-color-scheme live', async () => {
    const options = await open(OPTIONS_PATH);
    await options.waitFor('#theme');
    await options.select('#theme', 'dark');
    await options.click('#settings-save');
    await until('dark saved', async () => (await shownTheme(options)).theme === 'dark');

    const page = await chromium!.context.newPage();
    try {
      // Runs as the document is created; the first animation frame comes before the first paint.
      await page.addInitScript(() => {
        requestAnimationFrame(() => { (globalThis as any).__firstFrameTheme = document.documentElement.dataset.theme ?? 'none'; });
      });
      await page.goto(`chrome-extension://${chromium!.extensionId}/${POPUP_PATH}`);
      await page.waitForFunction(() => (globalThis as any).__firstFrameTheme !== undefined);
      expect(await page.evaluate(() => (globalThis as any).__firstFrameTheme)).toBe('dark');

      await page.evaluate(async () => { await chrome.runtime.sendMessage({ type: 'set-settings', settings: { theme: 'system' } }); });
      await page.reload();
      await page.waitForSelector('#view[data-view]');
      for (const scheme of ['dark', 'light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.waitForFunction((s) => document.documentElement.dataset.theme === s, scheme);
        expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(BACKGROUND[scheme]);
      }
    } finally {
      await page.close();
    }
  });

  it('the browser binds the suggested key to _execute_action, and options shows the binding it reports', async () => {
    const options = await open(OPTIONS_PATH);
    await options.waitFor('#open-popup-shortcut[data-shortcut]');
    const commands = await options.evaluate(async () => ((globalThis as any).browser ?? (globalThis as any).chrome).commands.getAll() as Promise<{ name: string; shortcut?: string }[]>);
    const openPopupCommand = commands.find((c) => c.name === '_execute_action');
    expect(openPopupCommand?.shortcut).toBe(SUGGESTED_KEY);
    expect(await options.evaluate(() => document.getElementById('open-popup-shortcut')!.dataset.shortcut)).toBe(SUGGESTED_KEY);
    expect(await options.text('#open-popup-shortcut kbd')).toBe(SUGGESTED_KEY);
    expect(await options.text('#shortcut-section')).toContain(browserName === 'firefox' ? 'Add-ons Manager' : 'chrome://extensions/shortcuts');
  });
});
