/**
 * Launches real browsers with the packaged extension loaded, so end-to-end tests drive exactly
 * what ships: Chromium through playwright-core (unzipped Chrome artifact, --load-extension),
 * Firefox ESR through puppeteer-core over WebDriver BiDi (the .xpi, installed as a temporary
 * add-on). Recipes: ../shared/docs/toolchain.md §2 and §3.2.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page as PwPage, type Worker } from 'playwright-core';
import puppeteer, { type Browser as PpBrowser, type Page as PpPage } from 'puppeteer-core';
import { GECKO_ID } from '../../manifest.config.ts';

const root = resolve(import.meta.dirname, '../..');
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version as string;
export const CHROME_ZIP = join(root, 'artifacts', `cognito-authenticator-chrome-${version}.zip`);
export const FIREFOX_XPI = join(root, 'artifacts', `cognito-authenticator-firefox-${version}.xpi`);
export const POPUP_PATH = 'src/popup/popup.html';
export const OPTIONS_PATH = 'src/options/options.html';

function requireArtifact(path: string): void {
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run package\` first (npm test does it).`);
}

export interface ChromiumSession {
  context: BrowserContext;
  extensionId: string;
  worker: () => Promise<Worker>;
  openPage(path: string): Promise<PwPage>;
  /** Stops every service worker, as Chrome does after 30 s idle, to test state that must survive it. */
  stopServiceWorkers(page: PwPage): Promise<void>;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<ChromiumSession> {
  requireArtifact(CHROME_ZIP);
  const extDir = mkdtempSync(join(tmpdir(), 'cogauth-chrome-ext-'));
  execFileSync('unzip', ['-q', CHROME_ZIP, '-d', extDir]);
  const profile = mkdtempSync(join(tmpdir(), 'cogauth-chrome-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [`--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`, '--disable-gpu', '--disable-quic', '--disable-sync'],
  });
  const worker = async (): Promise<Worker> => {
    const live = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
    return live ?? context.waitForEvent('serviceworker', { timeout: 15_000 });
  };
  const extensionId = new URL((await worker()).url()).host;
  return {
    context,
    extensionId,
    worker,
    async openPage(path) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    },
    async stopServiceWorkers(page) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.detach();
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
      rmSync(extDir, { recursive: true, force: true });
    },
  };
}

export interface FirefoxSession {
  browser: PpBrowser;
  uuid: string;
  openPage(path: string): Promise<PpPage>;
  close(): Promise<void>;
}

export async function launchFirefox(opts: { idleTimeoutMs?: number } = {}): Promise<FirefoxSession> {
  requireArtifact(FIREFOX_XPI);
  const uuid = randomUUID();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: '/usr/bin/firefox-esr',
    headless: true,
    // Needed to navigate to moz-extension:// pages over BiDi (toolchain.md §3.2).
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
      ...(opts.idleTimeoutMs ? { 'extensions.background.idle.timeout': opts.idleTimeoutMs } : {}),
    },
  });
  await browser.installExtension(FIREFOX_XPI);
  return {
    browser,
    uuid,
    async openPage(path) {
      const page = await browser.newPage();
      const url = `moz-extension://${uuid}/${path}`;
      // BiDi suppresses navigation events for extension documents (bug 1755014): goto never
      // resolves, so wait for the document itself instead.
      page.goto(url, { timeout: 0 }).catch(() => {});
      await page.waitForFunction((u: string) => location.href === u && document.readyState === 'complete',
        { timeout: 15_000, polling: 100 }, url);
      return page;
    },
    async close() {
      await browser.close();
    },
  };
}
