/**
 * Chromium with the extension loaded, for the demo. Headless runs reuse the end-to-end harness
 * (the packaged zip, exactly what the tests drive). The harness only launches headless, so the
 * headed variant is launched here, from dist/chrome as unpacked, the way a developer loads it.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { launchChromium } from '../../test/e2e/harness.ts';

const DIST_CHROME = resolve(import.meta.dirname, '../../dist/chrome');

export interface DemoBrowser {
  context: BrowserContext;
  extensionId: string;
  /** Opens an extension page (path inside the extension) in a new tab. */
  openPage(path: string): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Playwright answers SIGINT/SIGTERM/SIGHUP by closing its browsers and exiting the process at once,
 * before the demo's own cleanup (lifetime.ts: the browser's temp profile, the pool) could run. The
 * demo closes the browser itself on those signals, so the handlers Playwright adds while launching
 * are taken off again. (The harness's launchChromium has no option to ask for that.)
 */
async function keepingSignalsForTheDemo<T>(launch: () => Promise<T>): Promise<T> {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
  try {
    return await launch();
  } finally {
    for (const signal of signals) {
      for (const listener of process.listeners(signal)) if (!before.get(signal)!.has(listener)) process.off(signal, listener);
    }
  }
}

export async function launchDemoBrowser(headed: boolean): Promise<DemoBrowser> {
  if (!headed) {
    const session = await keepingSignalsForTheDemo(() => launchChromium());
    return { context: session.context, extensionId: session.extensionId, openPage: session.openPage, close: session.close };
  }
  if (!existsSync(join(DIST_CHROME, 'manifest.json'))) throw new Error(`${DIST_CHROME} has no build: run \`npm run package\` first (npm start does it)`);
  const profile = mkdtempSync(join(tmpdir(), 'cogauth-demo-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: false,
    viewport: null,
    // The demo stops the browser itself on these (see keepingSignalsForTheDemo).
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [`--disable-extensions-except=${DIST_CHROME}`, `--load-extension=${DIST_CHROME}`, '--disable-quic', '--disable-sync', '--no-first-run'],
  }).catch((error: Error) => {
    rmSync(profile, { recursive: true, force: true });
    throw new Error(`could not start Chromium with a window (${error.message.split('\n')[0]}); try \`npm start -- --headless\``);
  });
  const worker = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'))
    ?? await context.waitForEvent('serviceworker', { timeout: 15_000 });
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    async openPage(path) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Grants the optional host permission for http://127.0.0.1/* the way a person would on
 * chrome://extensions (Site access). The options form asks for it with permissions.request when
 * an account names a local endpoint; nobody can click that prompt in a headless browser, and once
 * granted there, the request resolves at once without a prompt. Chrome only makes such a grant
 * active after the extension asks for it, so it is asked for here once, from an extension page.
 * (The background refuses accounts on a custom endpoint without it.)
 */
export async function grantLocalPoolAccess(browser: DemoBrowser, extensionPagePath: string): Promise<void> {
  const origins = ['http://127.0.0.1/*'];
  const settings = await browser.context.newPage();
  try {
    await settings.goto('chrome://extensions/');
    await settings.evaluate(async ([id, host]) => {
      // developerPrivate is only exposed to chrome://extensions; @types/chrome does not describe it.
      const dev = (globalThis as unknown as { chrome: { developerPrivate: { addHostPermission(id: string, host: string): Promise<void> } } }).chrome.developerPrivate;
      await dev.addHostPermission(id!, host!);
    }, [browser.extensionId, origins[0]]);
  } finally {
    await settings.close();
  }
  const page = await browser.openPage(extensionPagePath);
  try {
    // page.evaluate runs with a user gesture, which permissions.request requires.
    // If Chromium shows a prompt after all, a person at a headed browser can still answer it.
    const granted = await Promise.race([
      page.evaluate((o) => chrome.permissions.request({ origins: o }), origins),
      new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 30_000).unref()),
    ]);
    if (granted === 'timeout') throw new Error('Chromium kept asking whether the extension may reach http://127.0.0.1/* (no answer in 30 s)');
    if (!granted) throw new Error('Chromium did not grant the extension access to http://127.0.0.1/*');
  } finally {
    await page.close();
  }
}
