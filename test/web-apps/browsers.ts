// The two browsers the web-app suites run in, behind one small interface so each scenario is
// written once: Debian's Chromium through playwright-core and Firefox ESR through puppeteer-core
// over WebDriver BiDi (browser-harness/launch.ts and ../shared/docs/toolchain.md have the
// recipes; no extension here: these suites prove the apps themselves). Every page gets its own
// browser context (cookies and storage start empty).
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_EXECUTABLE, FIREFOX_EXECUTABLE } from '../../browser-harness/executables';
import { clickInFirefox } from '../../browser-harness/firefox-click';

export type BrowserName = 'chromium' | 'firefox';
export const BROWSERS: readonly BrowserName[] = ['chromium', 'firefox'];

const WAIT_MS = 20_000;

export interface AppPage {
  goto(url: string): Promise<void>;
  /** Types into the field key by key, as a person does. */
  type(selector: string, text: string): Promise<void>;
  click(selector: string): Promise<void>;
  waitVisible(selector: string): Promise<void>;
  isVisible(selector: string): Promise<boolean>;
  text(selector: string): Promise<string>;
  /** Runs `fn` in the page; it must be self-contained (it is sent as source), `arg` plain data. */
  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  reload(): Promise<void>;
  close(): Promise<void>;
}

export interface TestBrowser {
  name: BrowserName;
  /** `clockOffsetMs` moves the page's Date by that much from the start (its timers run as usual). */
  newPage(opts?: { clockOffsetMs?: number }): Promise<AppPage>;
  close(): Promise<void>;
}

/**
 * Runs in the page before its scripts: Date (now and `new Date()`) offset by `offsetMs`. The
 * same shim in both browsers, so a clock-dependent assertion means the same in each.
 */
function shiftDate(offsetMs: number): void {
  const RealDate = Date;
  const now = () => RealDate.now() + offsetMs;
  function ShiftedDate(this: unknown, ...args: unknown[]): unknown {
    if (!new.target) return new RealDate(now()).toString();
    return args.length ? new (RealDate as unknown as new (...a: unknown[]) => Date)(...args) : new RealDate(now());
  }
  ShiftedDate.prototype = RealDate.prototype;
  ShiftedDate.now = now;
  ShiftedDate.parse = RealDate.parse;
  ShiftedDate.UTC = RealDate.UTC;
  (globalThis as { Date: unknown }).Date = ShiftedDate;
}

export async function launchBrowser(name: BrowserName): Promise<TestBrowser> {
  return name === 'chromium' ? launchChromium() : launchFirefox();
}

async function launchChromium(): Promise<TestBrowser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, headless: true, args: ['--disable-gpu', '--disable-quic', '--disable-sync'] });
  return {
    name: 'chromium',
    async newPage({ clockOffsetMs } = {}) {
      const context = await browser.newContext();
      if (clockOffsetMs) await context.addInitScript(shiftDate, clockOffsetMs);
      const page = await context.newPage();
      return {
        async goto(url) { await page.goto(url); },
        type: (selector, text) => page.locator(selector).pressSequentially(text),
        click: (selector) => page.locator(selector).click(),
        waitVisible: (selector) => page.locator(selector).first().waitFor({ state: 'visible', timeout: WAIT_MS }),
        isVisible: (selector) => page.locator(selector).first().isVisible(),
        text: async (selector) => (await page.locator(selector).first().textContent()) ?? '',
        evaluate: <A, R>(fn: (arg: A) => R | Promise<R>, arg: A) => page.evaluate(fn as never, arg as never) as Promise<R>,
        async reload() { await page.reload(); },
        close: () => context.close(),
      };
    },
    close: () => browser.close(),
  };
}

async function launchFirefox(): Promise<TestBrowser> {
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX_EXECUTABLE, headless: true });
  return {
    name: 'firefox',
    async newPage({ clockOffsetMs } = {}) {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      if (clockOffsetMs) await page.evaluateOnNewDocument(shiftDate, clockOffsetMs);
      return {
        async goto(url) { await page.goto(url); },
        type: (selector, text) => page.type(selector, text),
        // Not page.click: it waits for a paint a tab behind another never gets (browser-harness/firefox-click.ts).
        click: (selector) => clickInFirefox(page, selector),
        // Polled on a timer: Puppeteer's `visible: true` polls on animation frames, which Firefox
        // does not run for a tab behind another (browser-harness/firefox-click.ts).
        async waitVisible(selector) {
          await page.waitForFunction((sel: string) => document.querySelector(sel)?.checkVisibility() === true, { timeout: WAIT_MS, polling: 100 }, selector);
        },
        async isVisible(selector) { return (await (await page.$(selector))?.isVisible()) ?? false; },
        text: (selector) => page.$eval(selector, (element) => element.textContent ?? ''),
        evaluate: <A, R>(fn: (arg: A) => R | Promise<R>, arg: A) => page.evaluate(fn as never, arg as never) as Promise<R>,
        async reload() { await page.reload(); },
        close: () => context.close(),
      };
    },
    close: () => browser.close(),
  };
}
