/**
 * Readable everywhere (WCAG 1.4.4 resize text, 1.4.10 reflow, 1.4.12 text spacing), measured in
 * the real popup of the packaged extension in Chromium and Firefox ESR, not judged from
 * screenshots:
 * - type sizes: body, account names and codes compute to their designed rem sizes (14 px, 14 px,
 *   18 px at the browsers' default 16 px) in both browsers, so Chromium's injected
 *   `body { font-size: 75% }` no longer shrinks them; and they follow the browser's own default
 *   font-size setting (Chromium: the page's font-size preference over CDP, as chrome://settings
 *   sets it; Firefox: the font.size.variable.x-western pref, as about:preferences sets it);
 * - reflow: 320 px wide, 200 % text in the popup's largest frame (800 px), and both at once: no
 *   horizontal scrolling, no control overlapping the title or another control, every account name
 *   shown whole (not clipped, not squeezed below 8 em by the row's buttons).
 * The list holds what used to break: long TOTP names, an HOTP row with "Next", and a signed-in
 * Cognito row with Sign in and Sign out beside a long label.
 */
import { randomBytes } from 'node:crypto';
import { base32 } from '@scure/base';
import type { Page as PwPage } from 'playwright-core';
import type { Page as PpPage } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpPool, type RefereePool } from '../referees/helpers/setup';
import { startRefereePool, type LocalPool } from '../referees/helpers/local-pool';
import {
  chromiumUnderTest, cleanUp, firefoxUnderTest, FIREFOX_SCENARIO_OPTIONS, launchChromium, launchFirefox, OPTIONS_PATH, POPUP_PATH,
  reloadExtensionDocument,
  WELCOME_PATH, type ExtensionUnderTest,
} from '../../browser-harness/launch';
import { clickToolbarButton, inPopup } from '../../browser-harness/firefox-action-popup';
import { addCognitoAccount, openPopup, setUpVault, startSignIn, waitForFlow } from '../../browser-harness/steps';
import { until } from '../../browser-harness/until';
import {
  expectPageReflows, expectPopupReflows, measurePageReflow, measurePopupLayout, watchNextCodeOffer, type PopupLayoutReport,
} from './layout-checks';

/** The designed sizes, in rem (styles.css, popup.css). */
const DESIGN_REM = { body: 0.875, name: 0.875, code: 1.125 } as const;
const BROWSER_DEFAULT_PX = 16;

const LONG_TOTP_ISSUER = 'Northwind Traders International Holdings';
const LONG_TOTP_ACCOUNT = 'someone.with.a.rather.long.address@accounts.subsidiary-of-northwind.example';
const COGNITO_LABEL = 'Staging admin console (eu-central-1 demo pool)';

/** What the tests need of a popup page, over either driver. */
interface MeasuredPage {
  evaluate<T>(fn: () => T | Promise<T>): Promise<T>;
  setViewport(width: number, height: number): Promise<void>;
  /** The browser's default (medium) font size, as the person's font-size setting sets it. */
  setDefaultFontSize(px: number): Promise<void>;
  close(): Promise<void>;
}

/** The toolbar popup as the browser sizes it: its window's width, body width and body font size. */
interface PopupFrame { innerWidth: number; bodyWidth: number; bodyFontSize: string }
const READ_POPUP_FRAME = 'JSON.stringify({ innerWidth, bodyWidth: document.body.getBoundingClientRect().width, bodyFontSize: getComputedStyle(document.body).fontSize })';

interface Session {
  ext: ExtensionUnderTest;
  /** Opens an extension page; `ready` says when it has rendered (again, after a reload). */
  openMeasured(path: string, ready: () => boolean): Promise<MeasuredPage>;
  /** Opens the real toolbar popup (not a tab) and measures its frame. */
  measureToolbarPopup(): Promise<PopupFrame>;
  close(): Promise<void>;
}

async function launch(browserName: 'chromium' | 'firefox'): Promise<Session> {
  if (browserName === 'chromium') {
    const s = await launchChromium();
    return {
      ext: chromiumUnderTest(s),
      async openMeasured(path) {
        const page: PwPage = await s.openPage(path);
        const cdp = await s.context.newCDPSession(page);
        return {
          evaluate: (fn) => page.evaluate(fn),
          setViewport: (width, height) => page.setViewportSize({ width, height }),
          // What chrome://settings/fonts changes: the renderer's default font size preference.
          async setDefaultFontSize(px) { await cdp.send('Page.setFontSizes', { fontSizes: { standard: px } }); },
          async close() { await cdp.detach().catch(() => {}); await page.close(); },
        };
      },
      async measureToolbarPopup() {
        // chrome.action.openPopup opens the real popup; Playwright lists no page for it, so it is
        // reached as a DevTools target (the popup.html target that is not the tab opened here).
        const tab = await s.openPage(POPUP_PATH);
        const cdp = await s.context.newCDPSession(tab);
        try {
          const tabs = (await cdp.send('Target.getTargets')).targetInfos.filter((t) => t.url.endsWith(POPUP_PATH)).map((t) => t.targetId);
          await tab.evaluate(() => chrome.action.openPopup());
          const popup = await until('the toolbar popup to open', async () =>
            (await cdp.send('Target.getTargets')).targetInfos.find((t) => t.url.endsWith(POPUP_PATH) && !tabs.includes(t.targetId)));
          const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: popup.targetId, flatten: false });
          const replies: string[] = [];
          cdp.on('Target.receivedMessageFromTarget', (event) => { replies.push(event.message); });
          const ask = () => cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: 1, method: 'Runtime.evaluate',
            params: { expression: `document.readyState === 'complete' && document.getElementById('view')?.dataset.view ? ${READ_POPUP_FRAME} : ''` } }) });
          const value = await until('the toolbar popup to render', async () => {
            replies.length = 0;
            await ask();
            await new Promise((r) => setTimeout(r, 200));
            const reply = replies.map((m) => JSON.parse(m)).find((m) => m.id === 1);
            return reply?.result?.result?.value || undefined;
          });
          return JSON.parse(value) as PopupFrame;
        } finally {
          await cdp.detach().catch(() => {});
          await tab.close();
        }
      },
      close: () => s.close(),
    };
  }
  const s = await launchFirefox(FIREFOX_SCENARIO_OPTIONS);
  return {
    ext: firefoxUnderTest(s),
    async openMeasured(path, ready) {
      const page: PpPage = await s.openPage(path);
      return {
        evaluate: (fn) => page.evaluate(fn) as never,
        setViewport: (width, height) => page.setViewport({ width, height }),
        // What about:preferences' font size changes (for Latin-script pages such as this one).
        // Firefox applies it to documents loaded afterwards, so the popup is loaded again.
        async setDefaultFontSize(px) {
          await s.chromeEvaluate(`Services.prefs.setIntPref('font.size.variable.x-western', ${px}), true`);
          await reloadExtensionDocument(page, `moz-extension://${s.uuid}/${path}`);
          await until(`${path} to render again`, () => page.evaluate(ready));
        },
        close: () => page.close(),
      };
    },
    async measureToolbarPopup() {
      await clickToolbarButton(s);
      const value = await until('the toolbar popup to render', () => inPopup(s, (w) => (w.document.getElementById('view')?.dataset.view
        ? JSON.stringify({ innerWidth: w.innerWidth, bodyWidth: w.document.body.getBoundingClientRect().width, bodyFontSize: w.getComputedStyle(w.document.body).fontSize })
        : ''), null).then((frame) => frame || undefined));
      await s.chromeEvaluate("document.querySelector('browser[webextension-view-type=popup]')?.closest('panel')?.hidePopup(), true");
      return JSON.parse(value) as PopupFrame;
    },
    close: () => cleanUp([() => s.chromeEvaluate("Services.prefs.clearUserPref('font.size.variable.x-western'), true"), () => s.close()]),
  };
}

/** Two animation frames: styles and layout have caught up with a resize or a preference change. */
const settle = () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));

interface FontSizes { root: number; body: number; names: number[]; codes: number[] }

function readFontSizes(): FontSizes {
  const px = (el: Element) => parseFloat(getComputedStyle(el).fontSize);
  return {
    root: px(document.documentElement),
    body: px(document.body),
    names: [...document.querySelectorAll('[data-testid=account-label]')].map(px),
    codes: [...document.querySelectorAll('[data-testid=code]')].map(px),
  };
}

const measured = new Map<string, FontSizes>();

describe.each(['chromium', 'firefox'] as const)('%s: the popup is readable at any text size and width', (browserName) => {
  let server: LocalPool;
  let pool: RefereePool;
  let session: Session;
  let page: MeasuredPage;

  beforeAll(async () => {
    server = await startRefereePool();
    pool = await setUpPool(server.endpoint, { poolName: `layout-${browserName}`, mfa: 'OPTIONAL', users: [{ username: 'demo-user', kind: 'ready' }] });
    session = await launch(browserName);
    const { ext } = session;
    await ext.preApproveHostPermission('http://127.0.0.1/*');
    await setUpVault(ext, `vault-${randomBytes(6).toString('hex')}`);

    const secret = () => base32.encode(randomBytes(20)).replace(/=+$/, '');
    const uris = [
      `otpauth://totp/${encodeURIComponent(`${LONG_TOTP_ISSUER}:${LONG_TOTP_ACCOUNT}`)}?secret=${secret()}&issuer=${encodeURIComponent(LONG_TOTP_ISSUER)}`,
      `otpauth://totp/GitHub:me?secret=${secret()}&issuer=GitHub`,
      `otpauth://hotp/${encodeURIComponent('Bank of Somewhere Far Away:customer-000123456789')}?secret=${secret()}&counter=0&issuer=${encodeURIComponent('Bank of Somewhere Far Away')}`,
    ];
    const options = await ext.openPage(OPTIONS_PATH);
    await options.waitFor('#import-text');
    await options.fill('#import-text', uris.join('\n'));
    await options.click('#import-text-submit');
    await options.waitForText('#import-result', /Imported 3, skipped 0/);
    await options.close();

    // A signed-in Cognito account: its row carries Sign in and Sign out beside the name.
    const user = pool.users['demo-user']!;
    const id = await addCognitoAccount(ext, { label: COGNITO_LABEL, pool, username: user.username, password: user.password, policy: 'auto', rememberDevice: false });
    const flow = await openPopup(ext);
    await startSignIn(flow, id);
    await waitForFlow(flow, ['signed-in']);
    await flow.close();

    const codesShown = () => document.querySelectorAll('[data-testid=code]').length >= 3;
    page = await session.openMeasured(POPUP_PATH, codesShown);
    await until('the popup to show the three codes', () => page.evaluate(codesShown), 20_000);
    expect(await page.evaluate(() => document.querySelectorAll('[data-testid=sign-out]').length), 'the Cognito row is signed in').toBe(1);
  });

  afterAll(() => cleanUp([() => page?.close(), () => session?.close(), () => server?.close()]));

  /** Sets the window width and the browser's text size, then measures. */
  async function layoutAt(width: number, fontPx: number): Promise<PopupLayoutReport> {
    await page.setViewport(width, 600);
    await page.setDefaultFontSize(fontPx);
    await page.evaluate(settle);
    expect(await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize)), 'the browser font size applied').toBe(fontPx);
    return page.evaluate(measurePopupLayout);
  }

  it('shows body, account names and codes at their designed rem sizes', async () => {
    await page.setViewport(800, 600);
    await page.setDefaultFontSize(BROWSER_DEFAULT_PX);
    await page.evaluate(settle);
    const sizes = await page.evaluate(readFontSizes);
    measured.set(browserName, sizes);
    expect(sizes.root).toBe(BROWSER_DEFAULT_PX);
    expect(sizes.body).toBeCloseTo(DESIGN_REM.body * BROWSER_DEFAULT_PX, 2);
    expect(sizes.names).toEqual(Array(4).fill(DESIGN_REM.name * BROWSER_DEFAULT_PX));
    expect(sizes.codes).toEqual(Array(3).fill(DESIGN_REM.code * BROWSER_DEFAULT_PX));
  });

  it('opens the toolbar popup itself 22.5rem wide with its body at the designed size', async () => {
    // The width rule (22.5rem, max-width 100%) must not let the browser's content-sized popup collapse.
    const frame = await session.measureToolbarPopup();
    expect(frame.bodyWidth).toBe(22.5 * BROWSER_DEFAULT_PX);
    expect(frame.bodyFontSize).toBe(`${DESIGN_REM.body * BROWSER_DEFAULT_PX}px`);
    // The frame fits the body; Chromium adds up to 30 px for a vertical scrollbar once the content
    // has been taller than its 600 px popup limit (measured: 390 px with 12 rows, 360 px with none).
    expect(frame.innerWidth).toBeGreaterThanOrEqual(22.5 * BROWSER_DEFAULT_PX);
    expect(frame.innerWidth).toBeLessThanOrEqual(22.5 * BROWSER_DEFAULT_PX + 30);
  });

  it('shows codes in tabular figures', async () => {
    const variants = await page.evaluate(() => [...document.querySelectorAll('[data-testid=code]')].map((el) => getComputedStyle(el).fontVariantNumeric));
    expect(variants).toEqual(Array(3).fill('tabular-nums'));
  });

  it('follows the browser font-size setting (24 px default: everything 1.5 times)', async () => {
    await page.setDefaultFontSize(24);
    await page.evaluate(settle);
    const sizes = await page.evaluate(readFontSizes);
    expect(sizes.root).toBe(24);
    expect(sizes.body).toBeCloseTo(DESIGN_REM.body * 24, 2);
    expect(sizes.names).toEqual(Array(4).fill(DESIGN_REM.name * 24));
    expect(sizes.codes).toEqual(Array(3).fill(DESIGN_REM.code * 24));
  });

  it('reflows at 320 px wide', async () => {
    expectPopupReflows(await layoutAt(320, BROWSER_DEFAULT_PX), { rows: 4, width: 320 });
  });

  it('reflows with 200 % text in the largest popup frame (800 px)', async () => {
    const report = await layoutAt(800, 2 * BROWSER_DEFAULT_PX);
    expectPopupReflows(report, { rows: 4, width: 800 });
  });

  it('reflows with 200 % text at 320 px wide', async () => {
    expectPopupReflows(await layoutAt(320, 2 * BROWSER_DEFAULT_PX), { rows: 4, width: 320 });
  });

  // "Next code" appears in a period's last seconds; it used to push every row below it down
  // (the Add account button by 114 px) just as a person might be clicking one of them.
  for (const [width, fontPx] of [[800, BROWSER_DEFAULT_PX], [320, BROWSER_DEFAULT_PX], [320, 2 * BROWSER_DEFAULT_PX]] as const) {
    it(`keeps every row in place when "Next code" appears and goes (${width} px, ${fontPx} px text)`, async () => {
      await layoutAt(width, fontPx);
      const report = await page.evaluate(watchNextCodeOffer);
      expect(report.offered.length, 'seen offered').toBeGreaterThan(0);
      expect(report.notOffered.length, 'seen not offered').toBeGreaterThan(0);
      expect(report.offered, 'the same rows, at the same places, offered or not').toEqual(report.notOffered);
      expect(report.offered, 'one layout throughout').toHaveLength(1);
      expect(report.focusableWhileNotOffered, 'a Next code not offered is not focusable').toBe(false);
      expect(report.focusableWhileOffered, 'an offered Next code is focusable').toBe(true);
      expectPopupReflows(await page.evaluate(measurePopupLayout), { rows: 4, width });
    }, 90_000);
  }

  it('has an options page that reflows at 320 px wide, also with 200 % text', async () => {
    const accountsListed = () => document.querySelectorAll('[data-testid=options-account-row]').length === 4;
    const options = await session.openMeasured(OPTIONS_PATH, accountsListed);
    try {
      await until('the options page to list the accounts', () => options.evaluate(accountsListed), 20_000);
      for (const fontPx of [BROWSER_DEFAULT_PX, 2 * BROWSER_DEFAULT_PX]) {
        await options.setViewport(320, 600);
        await options.setDefaultFontSize(fontPx);
        await options.evaluate(settle);
        const seen = await options.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
          outside: [...document.querySelectorAll('main *, header *')].filter((el) => el.getClientRects().length > 0)
            .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
            .map((el) => `${el.tagName.toLowerCase()}#${el.id}.${el.className}`).slice(0, 10),
        }));
        expect(seen.outside, `${fontPx} px text: nothing past the right edge`).toEqual([]);
        expect(seen.scrollWidth, `${fontPx} px text: no horizontal scrolling`).toBeLessThanOrEqual(seen.clientWidth);
      }
    } finally {
      await options.setDefaultFontSize(BROWSER_DEFAULT_PX);
      await options.close();
    }
  });

  // First run's pages and states (welcome, the popup's Add account form, the Cognito form filled
  // from an address): at 320 px, with 100 % and 200 % text, nothing past the right edge and no
  // horizontal scrolling. `open` runs in the page after every load (Firefox reloads it for a new
  // font size) to reach the state measured.
  const firstRunStates: { name: string; path: string; ready: () => boolean; open: () => boolean }[] = [
    { name: 'the welcome page (vault ready)', path: WELCOME_PATH, ready: () => document.getElementById('welcome-ready') !== null, open: () => true },
    {
      name: "the popup's Add account form", path: POPUP_PATH, ready: () => document.getElementById('popup-add-account') !== null,
      open: () => {
        if (!document.getElementById('add-otp-form')) document.getElementById('popup-add-account')?.click();
        return document.getElementById('add-otp-form') !== null;
      },
    },
    {
      name: 'the Cognito form filled from a Hosted UI address', path: OPTIONS_PATH, ready: () => document.getElementById('add-cognito-account') !== null,
      open: () => {
        if (!document.getElementById('cognito-form')) document.getElementById('add-cognito-account')?.click();
        const text = document.getElementById('cognito-config-text') as HTMLTextAreaElement | null;
        if (!text) return false;
        if (!document.querySelector('[data-testid=cognito-config-not-learnt]')) {
          text.value = 'https://a-rather-long-sign-in-prefix.auth.ap-southeast-2.amazoncognito.com/oauth2/authorize?client_id=3n4b5urk1ft4fl3mg5e62d9ado&response_type=code';
          document.getElementById('cognito-config-read')!.click();
        }
        return document.querySelector('[data-testid=cognito-config-not-learnt]') !== null;
      },
    },
  ];
  for (const state of firstRunStates) {
    it(`reflows ${state.name} at 320 px wide, also with 200 % text`, async () => {
      const measuredPage = await session.openMeasured(state.path, state.ready);
      try {
        for (const fontPx of [BROWSER_DEFAULT_PX, 2 * BROWSER_DEFAULT_PX]) {
          await measuredPage.setViewport(320, 600);
          await measuredPage.setDefaultFontSize(fontPx);
          await until(`${state.name} to be shown`, () => measuredPage.evaluate(state.open), 20_000);
          await measuredPage.evaluate(settle);
          expectPageReflows(await measuredPage.evaluate(measurePageReflow), fontPx);
        }
      } finally {
        await measuredPage.setDefaultFontSize(BROWSER_DEFAULT_PX);
        await measuredPage.close();
      }
    });
  }
});

describe('both browsers', () => {
  it('show the same type sizes', () => {
    expect(measured.get('chromium'), 'Chromium measured').toBeDefined();
    expect(measured.get('firefox'), 'Firefox measured').toBeDefined();
    expect(measured.get('chromium')).toEqual(measured.get('firefox'));
  });
});
