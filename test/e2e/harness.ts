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

export interface FirefoxLaunchOptions {
  idleTimeoutMs?: number;
  /**
   * Lets `permissions.request` for optional permissions resolve without the doorhanger, which a
   * headless browser cannot click (pref extensions.webextOptionalPermissionPrompts=false). The
   * request still needs a user gesture and still grants for real: `permissions.contains` is true after.
   */
  grantOptionalPermissions?: boolean;
}

export async function launchFirefox(opts: FirefoxLaunchOptions = {}): Promise<FirefoxSession> {
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
      ...(opts.grantOptionalPermissions ? { 'extensions.webextOptionalPermissionPrompts': false } : {}),
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
      await waitForExtensionDocument(page, url);
      return page;
    },
    async close() {
      await browser.close();
    },
  };
}

/**
 * Waits for a moz-extension:// document to be loaded in `page`. Polls with plain evaluate calls:
 * while the tab is switching from about:blank to the extension's process, Firefox's remote agent
 * can fail a script.evaluate outright ("right-hand side of 'in' should be an object"), which
 * would end a waitForFunction; here such a failure is just one more poll.
 */
async function waitForExtensionDocument(page: PpPage, url: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      if (await page.evaluate((u: string) => location.href === u && document.readyState === 'complete', url)) return;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not load within ${timeoutMs} ms${lastError instanceof Error ? ` (last error: ${lastError.message})` : ''}`);
}

/**
 * The few page operations the end-to-end scenarios need, over either driver, so one scenario
 * file runs in both browsers. Selectors are CSS; `fill` replaces the field's value.
 */
export interface ExtPage {
  click(selector: string): Promise<void>;
  fill(selector: string, value: string): Promise<void>;
  press(key: string): Promise<void>;
  text(selector: string): Promise<string>;
  waitFor(selector: string, timeoutMs?: number): Promise<void>;
  waitForText(selector: string, pattern: RegExp, timeoutMs?: number): Promise<string>;
  count(selector: string): Promise<number>;
  evaluate<T>(fn: () => T | Promise<T>): Promise<T>;
  /** Like evaluate, with one JSON-serialisable argument passed into the page. */
  evaluateWith<A, T>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T>;
  /** Chooses an <option> by value in a <select>. */
  select(selector: string, value: string): Promise<void>;
  /** Clicks a checkbox when its state differs from `checked`. */
  setChecked(selector: string, checked: boolean): Promise<void>;
  /** Puts a file on disk into an <input type=file>, as choosing it in the file picker does. */
  setInputFile(selector: string, path: string): Promise<void>;
  screenshot(path: string): Promise<void>;
  reload(): Promise<void>;
  close(): Promise<void>;
}

export interface ExtensionUnderTest {
  browserName: 'chromium' | 'firefox';
  openPage(path: string): Promise<ExtPage>;
  /** Every storage area of the extension, read from an extension page. */
  dumpStorage(): Promise<{ local: Record<string, unknown>; session: Record<string, unknown>; sync: Record<string, unknown> }>;
  /** Stops the background (Chromium: ServiceWorker.stopAllWorkers; Firefox: waits for idle suspension). */
  stopBackground(): Promise<void>;
  /**
   * Arranges that the browser answers yes when the extension's page calls permissions.request for
   * `originPattern` (headless browsers cannot click a permission dialog). Chromium: the site is
   * added on chrome://extensions (developerPrivate.addHostPermission, the "Site access" control),
   * after which permissions.request resolves true without a dialog. Firefox: the launch pref
   * extensions.webextOptionalPermissionPrompts=false does the same for every optional permission.
   * In both, the page still calls permissions.request itself and the grant is real.
   */
  preApproveHostPermission(originPattern: string): Promise<void>;
  close(): Promise<void>;
}

function fromPlaywright(page: PwPage): ExtPage {
  return {
    click: (s) => page.click(s),
    fill: (s, v) => page.fill(s, v),
    press: (k) => page.keyboard.press(k),
    text: async (s) => (await page.textContent(s)) ?? '',
    waitFor: async (s, t = 15_000) => { await page.waitForSelector(s, { timeout: t }); },
    async waitForText(s, pattern, t = 15_000) {
      await page.waitForFunction(([sel, src, flags]) => new RegExp(src!, flags).test(document.querySelector(sel!)?.textContent ?? ''),
        [s, pattern.source, pattern.flags], { timeout: t });
      return (await page.textContent(s)) ?? '';
    },
    count: (s) => page.locator(s).count(),
    evaluate: (fn) => page.evaluate(fn),
    evaluateWith: (fn, arg) => page.evaluate(fn as never, arg) as never,
    select: async (s, v) => { await page.selectOption(s, v); },
    setChecked: (s, c) => page.setChecked(s, c),
    setInputFile: (s, p) => page.setInputFiles(s, p),
    screenshot: async (p) => { await page.screenshot({ path: p }); },
    reload: async () => { await page.reload(); },
    close: () => page.close(),
  };
}

function fromPuppeteer(page: PpPage, url: string): ExtPage {
  return {
    click: (s) => page.click(s),
    async fill(s, v) {
      await page.$eval(s, (el) => { (el as HTMLInputElement).value = ''; });
      await page.type(s, v);
    },
    press: (k) => page.keyboard.press(k as never),
    text: (s) => page.$eval(s, (el) => el.textContent ?? ''),
    waitFor: async (s, t = 15_000) => { await page.waitForSelector(s, { timeout: t }); },
    async waitForText(s, pattern, t = 15_000) {
      await page.waitForFunction((sel: string, src: string, flags: string) =>
        new RegExp(src, flags).test(document.querySelector(sel)?.textContent ?? ''), { timeout: t, polling: 100 }, s, pattern.source, pattern.flags);
      return page.$eval(s, (el) => el.textContent ?? '');
    },
    count: async (s) => (await page.$$(s)).length,
    evaluate: (fn) => page.evaluate(fn) as never,
    evaluateWith: (fn, arg) => page.evaluate(fn as never, arg) as never,
    select: async (s, v) => { await page.select(s, v); },
    async setChecked(s, c) {
      if ((await page.$eval(s, (el) => (el as HTMLInputElement).checked)) !== c) await page.click(s);
    },
    async setInputFile(s, p) {
      const input = await page.$(s);
      if (!input) throw new Error(`no element matches ${s}`);
      await (input as unknown as { uploadFile(...paths: string[]): Promise<void> }).uploadFile(p);
    },
    screenshot: async (p) => { await page.screenshot({ path: p as `${string}.png` }); },
    async reload() {
      page.evaluate(() => location.reload()).catch(() => {});
      await waitForExtensionDocument(page, url);
    },
    close: () => page.close(),
  };
}

const dumpAllAreas = async () => {
  const api = (globalThis as any).browser ?? (globalThis as any).chrome;
  return {
    local: await api.storage.local.get(null),
    session: await api.storage.session.get(null),
    sync: await api.storage.sync.get(null),
  };
};

export async function launchExtension(browserName: 'chromium' | 'firefox'): Promise<ExtensionUnderTest> {
  if (browserName === 'chromium') {
    const s = await launchChromium();
    return {
      browserName,
      async openPage(path) { return fromPlaywright(await s.openPage(path)); },
      async dumpStorage() {
        const page = await s.openPage(POPUP_PATH);
        try { return await page.evaluate(dumpAllAreas); } finally { await page.close(); }
      },
      async stopBackground() {
        const page = await s.context.newPage();
        const cdp = await s.context.newCDPSession(page);
        try {
          // Proof that it really stopped: the DevTools protocol reports the extension's worker
          // version as "stopped" (ServiceWorker.workerVersionUpdated).
          const prefix = `chrome-extension://${s.extensionId}/`;
          const stopped = new Promise<void>((resolve) => {
            cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
              if (versions.some((v) => v.scriptURL.startsWith(prefix) && v.runningStatus === 'stopped')) resolve();
            });
          });
          await cdp.send('ServiceWorker.enable');
          await cdp.send('ServiceWorker.stopAllWorkers');
          let timer: NodeJS.Timeout | undefined;
          await Promise.race([stopped, new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('the service worker did not stop within 10 s')), 10_000); })])
            .finally(() => clearTimeout(timer));
        } finally {
          await cdp.detach().catch(() => {});
          await page.close();
        }
      },
      async preApproveHostPermission(originPattern) {
        const page = await s.context.newPage();
        try {
          await page.goto('chrome://extensions/');
          await page.evaluate(([id, pattern]) => (chrome as any).developerPrivate.addHostPermission(id, pattern), [s.extensionId, originPattern]);
        } finally { await page.close(); }
      },
      close: () => s.close(),
    };
  }
  const idleTimeoutMs = 3000;
  const s = await launchFirefox({ idleTimeoutMs, grantOptionalPermissions: true });
  return {
    browserName,
    async openPage(path) { return fromPuppeteer(await s.openPage(path), `moz-extension://${s.uuid}/${path}`); },
    async dumpStorage() {
      const page = await s.openPage(POPUP_PATH);
      try { return await page.evaluate(dumpAllAreas); } finally { await page.close(); }
    },
    async stopBackground() {
      // Firefox suspends an idle event page after extensions.background.idle.timeout; wait past it.
      await new Promise((r) => setTimeout(r, idleTimeoutMs * 2 + 1000));
    },
    // launchFirefox({grantOptionalPermissions: true}) above already lets the request through.
    async preApproveHostPermission() {},
    close: () => s.close(),
  };
}
