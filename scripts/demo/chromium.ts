/**
 * Chromium with the extension loaded, for the demo, launched by the end-to-end harness. Headless
 * runs load the packaged zip (exactly what the tests drive); headed runs load dist/chrome as
 * unpacked, the way a developer does. Playwright's own signal handlers are left off: on Ctrl+C
 * they would close the browser and exit at once, before the demo's clean-up (lifetime.ts: the
 * pool, the browser's temp profile) could run; the demo closes the browser itself instead.
 */
import { resolve } from 'node:path';
import { fromPlaywright, launchChromium, type ChromiumSession, LOCAL_POOL_HOST_PATTERN, POPUP_PATH } from '../../browser-harness/launch.ts';
import type { DemoBrowser } from './demo-browser.ts';

const DIST_CHROME = resolve(import.meta.dirname, '../../dist/chrome');

/** The demo's Chromium; `session` for what only Chromium does (the store images render pages with it). */
export type ChromiumDemoBrowser = DemoBrowser & { session: ChromiumSession };

export async function launchChromiumDemo(headed: boolean): Promise<ChromiumDemoBrowser> {
  let session: ChromiumSession;
  if (!headed) {
    session = await launchChromium({ handleSignals: false });
  } else {
    try {
      session = await launchChromium({ headless: false, handleSignals: false, extensionDir: DIST_CHROME });
    } catch (error) {
      throw new Error(`could not start Chromium with a window (${(error as Error).message.split('\n')[0]}); try \`npm start -- --headless\``);
    }
  }
  return {
    name: 'chromium',
    session,
    openPage: async (path) => fromPlaywright(await session.openPage(path)),
    grantLocalPoolAccess: () => grantLocalPoolAccess(session),
    async untilClosed() {
      // Chromium starts with an empty tab; the demo's own tabs are all the person needs.
      const pages = session.context.pages();
      for (const page of pages) if (page.url() === 'about:blank') await page.close();
      await session.context.pages().at(-1)?.bringToFront();
      await new Promise<void>((resolveClosed) => session.context.once('close', () => resolveClosed()));
    },
    close: () => session.close(),
  };
}

/**
 * Grants the optional host permission for http://127.0.0.1/*, which the background requires
 * before it talks to an account's custom endpoint (the local pool). The options form asks for it
 * with permissions.request; nobody can click that prompt in a headless browser, so the site is
 * first approved on chrome://extensions (harness: preApproveHostPermission), then asked for once
 * from an extension page, which is what makes Chrome's grant active.
 */
async function grantLocalPoolAccess(session: ChromiumSession): Promise<void> {
  const origins = [LOCAL_POOL_HOST_PATTERN];
  await session.preApproveHostPermission(origins[0]!);
  const page = await session.openPage(POPUP_PATH);
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
