/**
 * Firefox ESR with the extension, for the demo (`npm start -- --browser firefox`), launched by the
 * end-to-end harness over WebDriver BiDi (puppeteer-core). Headless runs install the packaged .xpi
 * (exactly what the tests drive); headed runs install dist/firefox as a temporary add-on, the way
 * a developer does with about:debugging. Puppeteer's signal handlers are left off for the same
 * reason as in chromium.ts: the demo's own clean-up runs first.
 */
import { resolve } from 'node:path';
import {
  FIREFOX_SCENARIO_OPTIONS, firefoxUnderTest, launchFirefox, LOCAL_POOL_HOST_PATTERN, POPUP_PATH, type FirefoxSession,
} from '../../browser-harness/launch.ts';
import { until } from '../../browser-harness/until.ts';
import type { DemoBrowser } from './demo-browser.ts';

const DIST_FIREFOX = resolve(import.meta.dirname, '../../dist/firefox');

export async function launchFirefoxDemo(headed: boolean): Promise<DemoBrowser> {
  let session: FirefoxSession;
  // The scenario options: the add-on's optional host permission is granted when asked, without
  // the doorhanger a headless browser could not click (the request itself is still made).
  const options = { ...FIREFOX_SCENARIO_OPTIONS, idleTimeoutMs: undefined, handleSignals: false };
  if (!headed) {
    session = await launchFirefox(options);
  } else {
    try {
      session = await launchFirefox({ ...options, headless: false, extensionDir: DIST_FIREFOX });
    } catch (error) {
      throw new Error(`could not start Firefox with a window (${(error as Error).message.split('\n')[0]}); try \`npm start -- --browser firefox --headless\``);
    }
  }
  const ext = firefoxUnderTest(session);
  return {
    name: 'firefox',
    openPage: (path) => ext.openPage(path),
    async grantLocalPoolAccess() {
      const page = await ext.openPage(POPUP_PATH);
      try {
        // Firefox grants permissions.request only inside a user input handler, and a script
        // evaluated over BiDi is none: a click is. So the request runs from a button's click
        // handler on an extension page, and the driver clicks it, as the options form's Save does.
        await page.evaluateWith((origins) => {
          const button = document.createElement('button');
          button.id = 'demo-grant-local-pool';
          button.textContent = 'allow';
          button.addEventListener('click', () => {
            chrome.permissions.request({ origins }).then((granted) => { button.dataset.granted = String(granted); },
              (error: Error) => { button.dataset.granted = `error: ${error.message}`; });
          });
          document.body.append(button);
        }, [LOCAL_POOL_HOST_PATTERN]);
        await page.click('#demo-grant-local-pool');
        const granted = await until('Firefox to answer the request for http://127.0.0.1/*',
          () => page.evaluate(() => document.getElementById('demo-grant-local-pool')?.dataset.granted), 30_000);
        if (granted !== 'true') throw new Error(`Firefox did not grant the extension access to http://127.0.0.1/* (${granted})`);
      } finally {
        await page.close();
      }
    },
    async untilClosed() {
      for (const page of await session.browser.pages()) if (page.url() === 'about:blank') await page.close().catch(() => {});
      if (!session.browser.connected) return;
      await new Promise<void>((resolveClosed) => session.browser.once('disconnected', () => resolveClosed()));
    },
    close: () => session.close(),
  };
}
