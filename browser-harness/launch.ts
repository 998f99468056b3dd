/**
 * Launches real browsers with the packaged extension loaded, so end-to-end tests drive exactly
 * what ships: Chromium through playwright-core (unzipped Chrome artifact, --load-extension; the
 * demo, scripts/demo/chromium.ts, launches through here too, headed and from dist/chrome),
 * Firefox ESR through puppeteer-core over WebDriver BiDi (the .xpi, installed as a temporary
 * add-on). Recipes: ../shared/docs/toolchain.md §2 and §3.2.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page as PwPage, type Worker } from 'playwright-core';
import puppeteer, { type Browser as PpBrowser, type KeyInput, type Page as PpPage } from 'puppeteer-core';
import { GECKO_ID } from '../manifest.config.ts';
import { until } from './until';
import { clickInFirefox } from './firefox-click';
import { CHROMIUM_EXECUTABLE, FIREFOX_EXECUTABLE } from './executables';

const root = resolve(import.meta.dirname, '..');
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version as string;
export const CHROME_ZIP = join(root, 'artifacts', `cognito-authenticator-chrome-${version}.zip`);
export const FIREFOX_XPI = join(root, 'artifacts', `cognito-authenticator-firefox-${version}.xpi`);
export const POPUP_PATH = 'src/popup/popup.html';
export const OPTIONS_PATH = 'src/options/options.html';
/** The page the extension opens in a tab on install (src/background/welcome-on-install.ts). */
export const WELCOME_PATH = 'src/welcome/welcome.html';
/** The host permission that lets the extension reach the local pool on any port (match patterns carry no port). */
export const LOCAL_POOL_HOST_PATTERN = 'http://127.0.0.1/*';

function requireArtifact(path: string): void {
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run package\` first (npm test does it).`);
}

export interface ChromiumSession {
  context: BrowserContext;
  extensionId: string;
  worker: () => Promise<Worker>;
  openPage(path: string): Promise<PwPage>;
  /**
   * Stops every service worker, as Chrome does after 30 s idle, to test state that must survive
   * it; resolves once the DevTools protocol reports the extension's worker "stopped". `page` is
   * any open page to attach the protocol session to (one is opened and closed if none is given).
   */
  stopServiceWorkers(page?: PwPage): Promise<void>;
  /**
   * Adds `originPattern` to the extension's site access on chrome://extensions
   * (developerPrivate.addHostPermission), the way a person grants it there. Afterwards the
   * extension's own permissions.request for that origin resolves true without a dialog, which a
   * headless browser could not answer. The grant becomes active once the extension asks for it.
   */
  preApproveHostPermission(originPattern: string): Promise<void>;
  /** The tab the extension opened on install, when launched with keepWelcomePage. */
  welcomePage?: PwPage;
  close(): Promise<void>;
}

/**
 * What every launch does with the welcome tab the extension opens on install: waits for it (so it
 * cannot appear, and take the active tab, in the middle of a scenario) and closes it, unless the
 * test is about it. A launch whose extension opens no welcome tab fails here.
 */
export interface WelcomeTabOption {
  keepWelcomePage?: boolean;
}

const WELCOME_TAB_TIMEOUT_MS = 15_000;

/**
 * The browser's own default font size, as a person sets it before installing anything (the
 * journey at 200 % text): Chromium's chrome://settings/fonts preference
 * (webkit.webprefs.default_font_size, written into the new profile's Preferences file), Firefox's
 * about:preferences font size (font.size.variable.x-western). Every page the browser opens gets
 * it, the welcome tab opened on install included. Unset: the browsers' 16 px.
 */
export interface TextSizeOption {
  defaultFontSizePx?: number;
}

export interface ChromiumLaunchOptions extends WelcomeTabOption, TextSizeOption {
  /** Default true; false opens a window sized by the window manager (the demo, with a display). */
  headless?: boolean;
  /**
   * Default true: Playwright's own SIGINT/SIGTERM/SIGHUP handlers close the browser and exit the
   * process at once. The demo passes false so that its own clean-up (pool, profile) runs first.
   */
  handleSignals?: boolean;
  /**
   * An unpacked build to load as is (the demo loads dist/chrome, as a developer would). Default:
   * the packaged zip, unzipped to a temp dir, so tests drive exactly what ships.
   */
  extensionDir?: string;
  /** More Chromium flags (--enable-unsafe-extension-debugging: CDP Extensions.triggerAction clicks the toolbar button). */
  extraArgs?: string[];
  /**
   * Optional API permissions (e.g. `notifications`) granted as a person's "Allow" would grant
   * them: headless Chromium cannot click the permission dialog, and there is no pre-approval for
   * API permissions as there is for hosts, so the unzipped package lists them as required and
   * they are granted at install. Only with the packaged zip (not `extensionDir`).
   */
  grantedAtInstall?: string[];
}

/** Runs the clean-ups in order; each runs even when an earlier one failed, then the first error is thrown. */
export async function cleanUp(steps: (() => unknown)[]): Promise<void> {
  let failure: unknown;
  for (const step of steps) {
    try { await step(); } catch (error) { failure ??= error; }
  }
  if (failure !== undefined) throw failure;
}

/**
 * The welcome tab in a Playwright Chromium context (WelcomeTabOption): closed and undefined, or,
 * with keepWelcomePage, the page. Exported for the suites that launch Chromium themselves with
 * flags the harness does not set (qr-scan's --enable-unsafe-extension-debugging).
 */
export async function welcomeTabInChromium(context: BrowserContext, extensionId: string, opts: WelcomeTabOption = {}): Promise<PwPage | undefined> {
  const welcomeUrl = `chrome-extension://${extensionId}/${WELCOME_PATH}`;
  const page = await until('the welcome tab the extension opens on install', async () =>
    context.pages().find((p) => p.url().startsWith(welcomeUrl)),
  { timeoutMs: WELCOME_TAB_TIMEOUT_MS, intervalMs: 100, lastSeen: () => `tabs ${context.pages().map((p) => p.url()).join(', ')}` });
  if (opts.keepWelcomePage) return page;
  await page.close();
  return undefined;
}

/** Moves `permissions` from the manifest's optional_permissions to its permissions (ChromiumLaunchOptions.grantedAtInstall). */
function grantAtInstall(manifestPath: string, permissions: string[]): void {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { permissions?: string[]; optional_permissions?: string[] };
  for (const permission of permissions) {
    if (!manifest.optional_permissions?.includes(permission)) throw new Error(`${permission} is not an optional permission of the package`);
    manifest.optional_permissions = manifest.optional_permissions.filter((p) => p !== permission);
    manifest.permissions = [...(manifest.permissions ?? []), permission];
  }
  writeFileSync(manifestPath, JSON.stringify(manifest));
}

export async function launchChromium(opts: ChromiumLaunchOptions = {}): Promise<ChromiumSession> {
  const headless = opts.headless ?? true;
  const handleSignals = opts.handleSignals ?? true;
  const temps: string[] = [];
  const removeTemps = () => { for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true }); };
  let extDir: string;
  if (opts.extensionDir) {
    extDir = resolve(opts.extensionDir);
    if (!existsSync(join(extDir, 'manifest.json'))) throw new Error(`${extDir} has no build (no manifest.json): run \`npm run package\` first.`);
  } else {
    requireArtifact(CHROME_ZIP);
    extDir = mkdtempSync(join(tmpdir(), 'cogauth-chrome-ext-'));
    temps.push(extDir);
  }
  let context: BrowserContext;
  try {
    if (!opts.extensionDir) {
      execFileSync('unzip', ['-q', CHROME_ZIP, '-d', extDir]);
      if (opts.grantedAtInstall?.length) grantAtInstall(join(extDir, 'manifest.json'), opts.grantedAtInstall);
    }
    const profile = mkdtempSync(join(tmpdir(), 'cogauth-chrome-profile-'));
    temps.push(profile);
    if (opts.defaultFontSizePx !== undefined) {
      mkdirSync(join(profile, 'Default'));
      writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify({ webkit: { webprefs: { default_font_size: opts.defaultFontSizePx } } }));
    }
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_EXECUTABLE,
      headless,
      // Headed: the window's own size, not Playwright's fixed 1280x720 emulation.
      ...(headless ? {} : { viewport: null }),
      handleSIGINT: handleSignals,
      handleSIGTERM: handleSignals,
      handleSIGHUP: handleSignals,
      ignoreDefaultArgs: ['--disable-extensions'],
      args: [`--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`, ...(headless ? ['--disable-gpu'] : []), '--disable-quic', '--disable-sync', ...(opts.extraArgs ?? [])],
    });
  } catch (error) {
    removeTemps();
    throw error;
  }
  const close = () => cleanUp([() => context.close(), removeTemps]);
  const worker = async (): Promise<Worker> => {
    const live = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
    return live ?? context.waitForEvent('serviceworker', { timeout: 15_000 });
  };
  let extensionId: string;
  try {
    extensionId = new URL((await worker()).url()).host;
  } catch (error) {
    await close().catch(() => {});
    throw new Error(`the extension's service worker did not start in Chromium: ${(error as Error).message.split('\n')[0]}`);
  }
  let welcomePage: PwPage | undefined;
  try {
    welcomePage = await welcomeTabInChromium(context, extensionId, opts);
  } catch (error) {
    await close().catch(() => {});
    throw error;
  }
  return {
    welcomePage,
    context,
    extensionId,
    worker,
    async openPage(path) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    },
    async stopServiceWorkers(given) {
      const page = given ?? await context.newPage();
      const cdp = await context.newCDPSession(page);
      try {
        const prefix = `chrome-extension://${extensionId}/`;
        const stopped = new Promise<void>((resolveStopped) => {
          cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
            if (versions.some((v) => v.scriptURL.startsWith(prefix) && v.runningStatus === 'stopped')) resolveStopped();
          });
        });
        await cdp.send('ServiceWorker.enable');
        await cdp.send('ServiceWorker.stopAllWorkers');
        await withTimeout(stopped, 10_000, 'the service worker did not stop within 10 s');
      } finally {
        await cdp.detach().catch(() => {});
        if (!given) await page.close();
      }
    },
    async preApproveHostPermission(originPattern) {
      const page = await context.newPage();
      try {
        await page.goto('chrome://extensions/');
        await page.evaluate(async ([id, pattern]) => {
          // developerPrivate is only exposed to chrome://extensions; @types/chrome does not describe it.
          const dev = (globalThis as unknown as { chrome: { developerPrivate: { addHostPermission(id: string, host: string): Promise<void> } } }).chrome.developerPrivate;
          await dev.addHostPermission(id!, pattern!);
        }, [extensionId, originPattern]);
      } finally { await page.close(); }
    },
    close,
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(message)), ms); })])
    .finally(() => clearTimeout(timer));
}

/** Extension.backgroundState in Firefox's parent process (Extension.sys.mjs). */
export type FirefoxBackgroundState = 'starting' | 'running' | 'suspending' | 'stopped';

export interface FirefoxSession {
  browser: PpBrowser;
  uuid: string;
  openPage(path: string): Promise<PpPage>;
  /**
   * The event page's state as Firefox itself tracks it: `WebExtensionPolicy.getByID(id)
   * .extension.backgroundState`, evaluated over BiDi in the browser's chrome (parent-process)
   * context, which --remote-allow-system-access opens to the remote agent. Reading it neither
   * wakes nor keeps alive the event page (no extension API is called, no extension realm touched).
   */
  backgroundState(): Promise<FirefoxBackgroundState>;
  /**
   * Evaluates `expression` in the browser window's chrome (parent-process) document over BiDi
   * (script.evaluate in the "moz:scope": "chrome" context, which --remote-allow-system-access
   * opens) and returns its value, promises awaited. Only primitives come back: return a string
   * (e.g. JSON) for anything structured.
   */
  chromeEvaluate(expression: string): Promise<string | number | boolean | null | undefined>;
  /**
   * Terminates the event page now, busy or not (a listener's answer pending, a fetch on the wire),
   * as Firefox's own tests do: `extension.terminateBackground({ disableResetIdleForTest: true })`
   * in the parent process; resolves once backgroundState reads "stopped".
   */
  terminateBackground(): Promise<void>;
  /** The tab the extension opened on install, when launched with keepWelcomePage. */
  welcomePage?: PpPage;
  close(): Promise<void>;
}

export interface FirefoxLaunchOptions extends WelcomeTabOption, TextSizeOption {
  idleTimeoutMs?: number;
  /**
   * Lets `permissions.request` for optional permissions resolve without the doorhanger, which a
   * headless browser cannot click (pref extensions.webextOptionalPermissionPrompts=false). The
   * request still needs a user gesture and still grants for real: `permissions.contains` is true after.
   */
  grantOptionalPermissions?: boolean;
  /**
   * An unpacked build to install as is (the pseudo-locale build, dist/pseudo-firefox). Default:
   * the packaged .xpi, so tests drive exactly what ships.
   */
  extensionDir?: string;
  /** Default true; false opens a Firefox window (the demo, with a display). */
  headless?: boolean;
  /** More Firefox preferences for this profile. */
  prefs?: Record<string, string | number | boolean>;
  /**
   * Default true: Puppeteer's own SIGINT/SIGTERM/SIGHUP handlers close the browser at once. The
   * demo passes false so that its own clean-up (pool, profile) runs first.
   */
  handleSignals?: boolean;
}

/** The raw BiDi command channel under Puppeteer's Firefox browser (Browser.connection, not typed). */
interface BidiChannel { send(method: string, params: object): Promise<{ result: any }> }

export async function launchFirefox(opts: FirefoxLaunchOptions = {}): Promise<FirefoxSession> {
  if (opts.extensionDir) {
    if (!existsSync(join(opts.extensionDir, 'manifest.json'))) throw new Error(`${opts.extensionDir} has no build (no manifest.json).`);
  } else {
    requireArtifact(FIREFOX_XPI);
  }
  const uuid = randomUUID();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_EXECUTABLE,
    headless: opts.headless ?? true,
    handleSIGINT: opts.handleSignals ?? true,
    handleSIGTERM: opts.handleSignals ?? true,
    handleSIGHUP: opts.handleSignals ?? true,
    // Needed to navigate to moz-extension:// pages over BiDi, and to evaluate in the chrome
    // context for backgroundState() (toolchain.md §3.2).
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
      ...(opts.idleTimeoutMs ? { 'extensions.background.idle.timeout': opts.idleTimeoutMs } : {}),
      ...(opts.grantOptionalPermissions ? { 'extensions.webextOptionalPermissionPrompts': false } : {}),
      ...(opts.defaultFontSizePx !== undefined ? { 'font.size.variable.x-western': opts.defaultFontSizePx } : {}),
      ...opts.prefs,
    },
  });
  // Firefox reads a temporary add-on's files from the .xpi lazily, for as long as it runs: install
  // a private copy, so a rebuild of artifacts/ during a run (npm run package elsewhere) cannot
  // pull the files out from under the open pages.
  const xpiDir = mkdtempSync(join(tmpdir(), 'cogauth-firefox-xpi-'));
  const removeXpi = () => rmSync(xpiDir, { recursive: true, force: true });
  try {
    if (opts.extensionDir) {
      await browser.installExtension(resolve(opts.extensionDir));
    } else {
      const xpi = join(xpiDir, 'extension.xpi');
      copyFileSync(FIREFOX_XPI, xpi);
      await browser.installExtension(xpi);
    }
  } catch (error) {
    await cleanUp([() => browser.close(), removeXpi]).catch(() => {});
    throw error;
  }
  let welcomePage: PpPage | undefined;
  try {
    // page.url() stays about:blank for extension documents over BiDi (bug 1755014): ask each tab.
    const welcomeUrl = `moz-extension://${uuid}/${WELCOME_PATH}`;
    let seen: string[] = [];
    welcomePage = await until('the welcome tab the extension opens on install', async () => {
      seen = [];
      for (const page of await browser.pages()) {
        const href = await page.evaluate(() => location.href).catch(() => 'unreadable');
        seen.push(href);
        if (href.startsWith(welcomeUrl)) return page;
      }
      return undefined;
    }, { timeoutMs: WELCOME_TAB_TIMEOUT_MS, intervalMs: 200, lastSeen: () => `tabs ${seen.join(', ')}` });
    if (!opts.keepWelcomePage) {
      await welcomePage.close();
      welcomePage = undefined;
    }
  } catch (error) {
    await cleanUp([() => browser.close(), removeXpi]).catch(() => {});
    throw error;
  }
  const bidi = (browser as unknown as { connection: BidiChannel }).connection;
  async function chromeEvaluate(expression: string): Promise<string | number | boolean | null | undefined> {
    const tree = await bidi.send('browsingContext.getTree', { 'moz:scope': 'chrome', maxDepth: 0 });
    const context = tree.result.contexts[0]?.context as string | undefined;
    if (!context) throw new Error('Firefox reported no chrome browsing context to evaluate in');
    const { result } = await bidi.send('script.evaluate', { expression, target: { context }, awaitPromise: true });
    if (result.type !== 'success') {
      throw new Error(`evaluating in Firefox's chrome context failed: ${result.exceptionDetails?.text ?? JSON.stringify(result)}`);
    }
    const value = result.result as { type: string; value?: unknown };
    if (value.type === 'undefined' || value.type === 'null') return value.type === 'null' ? null : undefined;
    if (value.type === 'string' || value.type === 'number' || value.type === 'boolean') return value.value as string | number | boolean;
    throw new Error(`evaluating in Firefox's chrome context returned a ${value.type}, not a primitive`);
  }
  return {
    browser,
    uuid,
    welcomePage,
    async openPage(path) {
      const page = await browser.newPage();
      const url = `moz-extension://${uuid}/${path}`;
      // BiDi suppresses navigation events for extension documents (bug 1755014): goto never
      // resolves, so wait for the document itself instead.
      const navigate = () => { page.goto(url, { timeout: 0 }).catch(() => {}); };
      navigate();
      await waitForExtensionDocument(page, url, navigate);
      return page;
    },
    async backgroundState() {
      const state = await chromeEvaluate(`WebExtensionPolicy.getByID(${JSON.stringify(GECKO_ID)})?.extension?.backgroundState ?? null`);
      if (typeof state !== 'string') throw new Error(`could not read the extension's background state from Firefox: it reads ${String(state)}`);
      return state as FirefoxBackgroundState;
    },
    chromeEvaluate,
    async terminateBackground() {
      await chromeEvaluate(`WebExtensionPolicy.getByID(${JSON.stringify(GECKO_ID)}).extension`
        + '.terminateBackground({ ignoreDevToolsAttached: true, disableResetIdleForTest: true }).then(() => "ok")');
      let state: unknown;
      await until('Firefox to terminate the event page', async () => {
        state = await chromeEvaluate(`WebExtensionPolicy.getByID(${JSON.stringify(GECKO_ID)})?.extension?.backgroundState ?? null`);
        return state === 'stopped';
      }, { timeoutMs: 10_000, intervalMs: 100, lastSeen: () => `backgroundState "${String(state)}"` });
    },
    close: () => cleanUp([() => browser.close(), removeXpi]),
  };
}

/**
 * Waits for a moz-extension:// document to be loaded in `page`. Polls with plain evaluate calls:
 * while the tab is switching from about:blank to the extension's process, Firefox's remote agent
 * can fail a script.evaluate outright ("right-hand side of 'in' should be an object"), which
 * would end a waitForFunction; here such a failure is just one more poll. On a loaded machine a
 * navigation issued into a brand-new tab is now and then lost (the tab stays on about:blank), so
 * `navigate`, when given, is called again once the tab has sat on about:blank for 8 s.
 */
async function waitForExtensionDocument(page: PpPage, url: string, navigate?: () => void, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  let lastSeen = '(nothing yet)';
  let renavigated = false;
  await until(`${url} to load`, async () => {
    const seen = await page.evaluate(() => ({ href: location.href, ready: document.readyState }));
    if (seen.href === url && seen.ready === 'complete') return true;
    lastSeen = `${seen.href} (${seen.ready})`;
    if (navigate && !renavigated && seen.href === 'about:blank' && Date.now() - started > 8_000) {
      renavigated = true;
      navigate();
    }
    return false;
  }, { timeoutMs, intervalMs: 100, retryErrors: true, lastSeen: () => `the tab shows ${lastSeen}${renavigated ? ' after a second navigation' : ''}` });
}

/**
 * Playwright's fill, in Firefox: the field is focused, its text selected and replaced by one
 * insertion of the whole value (`execCommand('insertText')`: the beforeinput and input events a
 * person's typing or pasting gives, so React-controlled fields take it), instead of Puppeteer's
 * key by key over BiDi, which cost about 20 ms a character (a Cognito form, 2.7 s). Where the
 * field takes no insertion (a number or date input), it is typed key by key as before.
 */
async function fillInFirefox(page: PpPage, selector: string, value: string): Promise<void> {
  const inserted = await page.$eval(selector, (el, text) => {
    const field = el as HTMLInputElement | HTMLTextAreaElement;
    field.focus();
    try {
      field.select();
    } catch {
      return false;
    }
    const done = text === '' ? document.execCommand('delete') : document.execCommand('insertText', false, text);
    return done && field.value === text;
  }, value);
  if (inserted) return;
  await page.$eval(selector, (el) => { (el as HTMLInputElement).value = ''; });
  await page.type(selector, value);
}

/**
 * Loads an extension page of Firefox again and resolves once the new document is complete.
 * The old document is marked first, and only an unmarked one counts: `location.reload()` returns
 * before the navigation starts, so "complete at this URL" alone is often still the old document,
 * whose elements then vanish under the next step (a CI run's "no element matches" right after a
 * reload). In front first: Firefox does not paint a tab behind another (firefox-click.ts). A reload
 * that did not come back (seen once in CI: the page stayed the old one) is asked for once more.
 */
export async function reloadExtensionDocument(page: PpPage, url: string, timeoutMs = 20_000): Promise<void> {
  await page.bringToFront();
  for (let attempt = 1; ; attempt++) {
    await page.evaluate(() => { (window as { staleDocument?: boolean }).staleDocument = true; location.reload(); }).catch(() => {});
    try {
      // Evaluating while the document is being replaced can fail: that is one more poll.
      await until(`${url} to load again`, () => page.evaluate((expected) => !(window as { staleDocument?: boolean }).staleDocument
        && location.href === expected && document.readyState === 'complete', url), { timeoutMs, intervalMs: 100, retryErrors: true });
      return;
    } catch (error) {
      if (attempt === 2) throw error;
    }
  }
}

/**
 * The few page operations the end-to-end scenarios need, over either driver, so one scenario
 * file runs in both browsers. Selectors are CSS; `fill` replaces the field's value.
 */
export interface ExtPage {
  click(selector: string): Promise<void>;
  fill(selector: string, value: string): Promise<void>;
  /** Presses a key on whatever has focus; "Shift+Tab" style chords hold the modifiers. */
  press(key: string): Promise<void>;
  /** Types text into whatever has focus, key by key. */
  type(text: string): Promise<void>;
  text(selector: string): Promise<string>;
  waitFor(selector: string, timeoutMs?: number): Promise<void>;
  waitForText(selector: string, pattern: RegExp, timeoutMs?: number): Promise<string>;
  count(selector: string): Promise<number>;
  evaluate<T>(fn: () => T | Promise<T>): Promise<T>;
  /** Like evaluate, with one JSON-serialisable argument passed into the page. */
  evaluateWith<A, T>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T>;
  /**
   * Runs a classic script in the page the way the driver evaluates (not subject to the page's
   * content security policy, which forbids eval there): a test library such as axe-core.
   */
  runScript(source: string): Promise<void>;
  /** Chooses an <option> by value in a <select>. */
  select(selector: string, value: string): Promise<void>;
  /** Clicks a checkbox when its state differs from `checked`. */
  setChecked(selector: string, checked: boolean): Promise<void>;
  /** Puts a file on disk into an <input type=file>, as choosing it in the file picker does. */
  setInputFile(selector: string, path: string): Promise<void>;
  /** Saves a PNG of what is in view, or (`fullPage`) of the whole page. */
  screenshot(path: string, options?: { fullPage?: boolean }): Promise<void>;
  /** Sizes the tab's viewport (a popup's width, a settings window). */
  setViewport(width: number, height: number): Promise<void>;
  /** The URLs of the page's sub-frames, as the driver sees them (not readable from the page when cross-origin). */
  frameUrls(): Promise<string[]>;
  /** The value of the input `selector` in the first sub-frame whose URL starts with `urlPrefix`, read by the driver. */
  frameInputValue(urlPrefix: string, selector: string): Promise<string>;
  reload(): Promise<void>;
  /** Makes this tab the selected one (the toolbar popup's "This tab" is the selected tab). */
  bringToFront(): Promise<void>;
  close(): Promise<void>;
}

export interface ExtensionUnderTest {
  browserName: 'chromium' | 'firefox';
  /** runtime.id as pages see it: Chromium's generated id; Firefox's gecko id. */
  extensionId: string;
  /** The origin of the extension's pages: chrome-extension://<id> or moz-extension://<uuid>. */
  extensionOrigin: string;
  /** Opens an extension page (a path inside the extension) in a new tab. */
  openPage(path: string): Promise<ExtPage>;
  /** Opens any other URL (a web page) in a new tab. */
  openUrl(url: string): Promise<ExtPage>;
  /** The tab showing the extension page `path` that the extension opened itself (runtime.openOptionsPage, tabs.create). */
  waitForPage(path: string, timeoutMs?: number): Promise<ExtPage>;
  /** The tab the extension opened on install; only when launched with keepWelcomePage. */
  welcomePage?: ExtPage;
  /** Every storage area of the extension, read from an extension page. */
  dumpStorage(): Promise<{ local: Record<string, unknown>; session: Record<string, unknown>; sync: Record<string, unknown> }>;
  /**
   * Stops the background and resolves only once the browser says it has stopped. Chromium:
   * ServiceWorker.stopAllWorkers, then the worker's "stopped" status. Firefox: no command stops an
   * event page, so this waits for idle suspension (extensions.background.idle.timeout, 3 s here)
   * and polls the parent process's backgroundState until it reads "stopped".
   */
  stopBackground(): Promise<void>;
  /**
   * Stops the background at once, even while it is busy (a request on the wire, a page waiting for
   * its answer), and resolves once the browser says it has stopped. Chromium: as stopBackground.
   * Firefox: FirefoxSession.terminateBackground.
   */
  killBackground(): Promise<void>;
  /**
   * Arranges that the browser answers yes when the extension's page calls permissions.request for
   * `originPattern` (headless browsers cannot click a permission dialog). Chromium: the site is
   * added on chrome://extensions (developerPrivate.addHostPermission, the "Site access" control),
   * after which permissions.request resolves true without a dialog. Firefox: the launch pref
   * extensions.webextOptionalPermissionPrompts=false does the same for every optional permission.
   * In both, the page still calls permissions.request itself and the grant is real.
   */
  preApproveHostPermission(originPattern: string): Promise<void>;
  /**
   * Tells the browser's idle detection that a person just used the machine. Driver input is not
   * a person's: headless Firefox counts its idle time from the last real input (none), so once it
   * has run a minute, an idle detection interval of 60 s (auto-lock set to 1 minute) reports
   * "idle" at once and the vault locks by the idle path. Firefox: the idle service's
   * resetIdleTimeOut; Chromium's headless idle state stays "active", so nothing to do.
   */
  markUserActive(): Promise<void>;
  close(): Promise<void>;
}

export function fromPlaywright(page: PwPage): ExtPage {
  return {
    click: (s) => page.click(s),
    fill: (s, v) => page.fill(s, v),
    press: (k) => page.keyboard.press(k),
    type: (t) => page.keyboard.type(t),
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
    runScript: async (source) => { await page.evaluate(source); },
    select: async (s, v) => { await page.selectOption(s, v); },
    setChecked: (s, c) => page.setChecked(s, c),
    setInputFile: (s, p) => page.setInputFiles(s, p),
    screenshot: async (p, o) => { await page.screenshot({ path: p, fullPage: o?.fullPage ?? false }); },
    setViewport: (width, height) => page.setViewportSize({ width, height }),
    frameUrls: async () => page.frames().filter((f) => f !== page.mainFrame()).map((f) => f.url()),
    async frameInputValue(prefix, s) {
      const frame = page.frames().find((f) => f !== page.mainFrame() && f.url().startsWith(prefix));
      if (!frame) throw new Error(`no frame of ${prefix}`);
      return frame.$eval(s, (el) => (el as HTMLInputElement).value);
    },
    reload: async () => { await page.reload(); },
    bringToFront: () => page.bringToFront(),
    close: () => page.close(),
  };
}

export function fromPuppeteer(page: PpPage, url: string): ExtPage {
  return {
    // Not page.click: it waits for a paint a tab behind another never gets (firefox-click.ts).
    click: (s) => clickInFirefox(page, s),
    fill: (s, v) => fillInFirefox(page, s, v),
    async press(chord) {
      // Puppeteer presses one key; hold the chord's modifiers around it as Playwright does.
      const keys = chord.split(/\+(?!$)/) as KeyInput[];
      const key = keys.pop()!;
      for (const modifier of keys) await page.keyboard.down(modifier);
      try { await page.keyboard.press(key); } finally {
        for (const modifier of keys.reverse()) await page.keyboard.up(modifier);
      }
    },
    type: (t) => page.keyboard.type(t),
    text: (s) => page.$eval(s, (el) => el.textContent ?? ''),
    waitFor: async (s, t = 15_000) => { await page.waitForSelector(s, { timeout: t }); },
    async waitForText(s, pattern, t = 15_000) {
      // On a timer, not on mutations: Puppeteer's mutation polling does not see a text node's
      // data change (no characterData), which is how React updates text in place.
      await page.waitForFunction((sel: string, src: string, flags: string) =>
        new RegExp(src, flags).test(document.querySelector(sel)?.textContent ?? ''), { timeout: t, polling: 100 }, s, pattern.source, pattern.flags);
      return page.$eval(s, (el) => el.textContent ?? '');
    },
    count: async (s) => (await page.$$(s)).length,
    evaluate: (fn) => page.evaluate(fn) as never,
    evaluateWith: (fn, arg) => page.evaluate(fn as never, arg) as never,
    runScript: async (source) => { await page.evaluate(source); },
    select: async (s, v) => { await page.select(s, v); },
    async setChecked(s, c) {
      if ((await page.$eval(s, (el) => (el as HTMLInputElement).checked)) !== c) await clickInFirefox(page, s);
    },
    async setInputFile(s, p) {
      const input = await page.$(s);
      if (!input) throw new Error(`no element matches ${s}`);
      await (input as unknown as { uploadFile(...paths: string[]): Promise<void> }).uploadFile(p);
    },
    screenshot: async (p, o) => { await page.screenshot({ path: p as `${string}.png`, fullPage: o?.fullPage ?? false }); },
    setViewport: (width, height) => page.setViewport({ width, height }),
    frameUrls: async () => page.frames().filter((f) => f !== page.mainFrame()).map((f) => f.url()),
    async frameInputValue(prefix, s) {
      const frame = page.frames().find((f) => f !== page.mainFrame() && f.url().startsWith(prefix));
      if (!frame) throw new Error(`no frame of ${prefix}`);
      return frame.$eval(s, (el) => (el as HTMLInputElement).value);
    },
    reload: () => reloadExtensionDocument(page, url),
    bringToFront: () => page.bringToFront(),
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

/** The scenario-facing view of a Chromium session (also used by the memory bench, which needs the session itself). */
export function chromiumUnderTest(s: ChromiumSession): ExtensionUnderTest {
  return {
    browserName: 'chromium',
    extensionId: s.extensionId,
    extensionOrigin: `chrome-extension://${s.extensionId}`,
    ...(s.welcomePage ? { welcomePage: fromPlaywright(s.welcomePage) } : {}),
    async openPage(path) { return fromPlaywright(await s.openPage(path)); },
    async openUrl(url) {
      const page = await s.context.newPage();
      await page.goto(url);
      return fromPlaywright(page);
    },
    async waitForPage(path, timeoutMs = 15_000) {
      const url = `chrome-extension://${s.extensionId}/${path}`;
      return fromPlaywright(await until(`the extension to open ${path}`, async () => s.context.pages().find((p) => p.url().startsWith(url)), timeoutMs));
    },
    async dumpStorage() {
      const page = await s.openPage(POPUP_PATH);
      try { return await page.evaluate(dumpAllAreas); } finally { await page.close(); }
    },
    stopBackground: () => s.stopServiceWorkers(),
    killBackground: () => s.stopServiceWorkers(),
    preApproveHostPermission: (originPattern) => s.preApproveHostPermission(originPattern),
    async markUserActive() {},
    close: () => s.close(),
  };
}

/** Firefox's event page is suspended after this much idle time in the scenarios (stopBackground waits for it). */
const FIREFOX_IDLE_TIMEOUT_MS = 3000;

/** Launch options the scenario-facing Firefox view expects (firefoxUnderTest). */
export const FIREFOX_SCENARIO_OPTIONS: FirefoxLaunchOptions = { idleTimeoutMs: FIREFOX_IDLE_TIMEOUT_MS, grantOptionalPermissions: true };

/**
 * The scenario-facing view of a Firefox session launched with FIREFOX_SCENARIO_OPTIONS (tests
 * that also need the session itself, e.g. its chrome context, launch it and wrap it here).
 */
export function firefoxUnderTest(s: FirefoxSession): ExtensionUnderTest {
  return {
    browserName: 'firefox',
    extensionId: GECKO_ID,
    extensionOrigin: `moz-extension://${s.uuid}`,
    ...(s.welcomePage ? { welcomePage: fromPuppeteer(s.welcomePage, `moz-extension://${s.uuid}/${WELCOME_PATH}`) } : {}),
    async openPage(path) { return fromPuppeteer(await s.openPage(path), `moz-extension://${s.uuid}/${path}`); },
    async openUrl(url) {
      const page = await s.browser.newPage();
      await page.goto(url);
      return fromPuppeteer(page, url);
    },
    async waitForPage(path, timeoutMs = 15_000) {
      // page.url() stays about:blank for extension documents over BiDi (bug 1755014): ask each tab.
      const url = `moz-extension://${s.uuid}/${path}`;
      const page = await until(`the extension to open ${path}`, async () => {
        for (const candidate of await s.browser.pages()) {
          const href = await candidate.evaluate(() => location.href).catch(() => '');
          if (href.startsWith(url)) return candidate;
        }
        return undefined;
      }, timeoutMs);
      await waitForExtensionDocument(page, url);
      return fromPuppeteer(page, url);
    },
    async dumpStorage() {
      const page = await s.openPage(POPUP_PATH);
      try { return await page.evaluate(dumpAllAreas); } finally { await page.close(); }
    },
    async stopBackground() {
      // Suspension comes FIREFOX_IDLE_TIMEOUT_MS after the last activity, later if an API call is in flight.
      let state: FirefoxBackgroundState | undefined;
      await until('Firefox to suspend the event page', async () => (state = await s.backgroundState()) === 'stopped',
        { timeoutMs: FIREFOX_IDLE_TIMEOUT_MS * 3 + 10_000, intervalMs: 250, lastSeen: () => `backgroundState "${String(state)}"` });
    },
    killBackground: () => s.terminateBackground(),
    // FIREFOX_SCENARIO_OPTIONS.grantOptionalPermissions already lets the request through.
    async preApproveHostPermission() {},
    async markUserActive() {
      await s.chromeEvaluate('Cc["@mozilla.org/widget/useridleservice;1"].getService(Ci.nsIUserIdleServiceInternal).resetIdleTimeOut(0), true');
    },
    close: () => s.close(),
  };
}

export async function launchExtension(browserName: 'chromium' | 'firefox', opts: WelcomeTabOption & TextSizeOption = {}): Promise<ExtensionUnderTest> {
  if (browserName === 'chromium') return chromiumUnderTest(await launchChromium(opts));
  return firefoxUnderTest(await launchFirefox({ ...FIREFOX_SCENARIO_OPTIONS, ...opts }));
}
