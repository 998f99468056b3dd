/**
 * Chromium with the extension loaded, for the demo, launched by the end-to-end harness. Headless
 * runs load the packaged zip (exactly what the tests drive); headed runs load dist/chrome as
 * unpacked, the way a developer does. Playwright's own signal handlers are left off: on Ctrl+C
 * they would close the browser and exit at once, before the demo's clean-up (lifetime.ts: the
 * pool, the browser's temp profile) could run; the demo closes the browser itself instead.
 */
import { resolve } from 'node:path';
import { launchChromium, type ChromiumSession, LOCAL_POOL_HOST_PATTERN } from '../../browser-harness/launch.ts';

const DIST_CHROME = resolve(import.meta.dirname, '../../dist/chrome');

export type DemoBrowser = ChromiumSession;

export async function launchDemoBrowser(headed: boolean): Promise<DemoBrowser> {
  if (!headed) return launchChromium({ handleSignals: false });
  try {
    return await launchChromium({ headless: false, handleSignals: false, extensionDir: DIST_CHROME });
  } catch (error) {
    throw new Error(`could not start Chromium with a window (${(error as Error).message.split('\n')[0]}); try \`npm start -- --headless\``);
  }
}

/**
 * Grants the optional host permission for http://127.0.0.1/*, which the background requires
 * before it talks to an account's custom endpoint (the local pool). The options form asks for it
 * with permissions.request; nobody can click that prompt in a headless browser, so the site is
 * first approved on chrome://extensions (harness: preApproveHostPermission), then asked for once
 * from an extension page, which is what makes Chrome's grant active.
 */
export async function grantLocalPoolAccess(browser: DemoBrowser, extensionPagePath: string): Promise<void> {
  const origins = [LOCAL_POOL_HOST_PATTERN];
  await browser.preApproveHostPermission(origins[0]!);
  const page = await browser.openPage(extensionPagePath);
  try {
    // page.evaluate runs with a user gesture, which permissions.request requires.
    // If Chromium shows a prompt after all, a person at a headed browser can still answer it.
    const granted = await Promise.race([
      page.evaluate((o) => chrome.permissions.request({ origins: o }), origins),
      new Promise<'timeout'>((resolveTimeout) => setTimeout(() => resolveTimeout('timeout'), 30_000).unref()),
    ]);
    if (granted === 'timeout') throw new Error('Chromium kept asking whether the extension may reach http://127.0.0.1/* (no answer in 30 s)');
    if (!granted) throw new Error('Chromium did not grant the extension access to http://127.0.0.1/*');
  } finally {
    await page.close();
  }
}
