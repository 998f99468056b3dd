/**
 * The pseudo-locale build (npm run build:pseudo; scripts/pseudo-locale.ts) in Chromium and Firefox
 * ESR: every message is accented, about 40 % longer and between ⟦ ⟧. One browser session each
 * walks the popup (360 px wide, the toolbar popup's width) and the options page through their main
 * states: first run, before a vault exists, unlocked with TOTP, HOTP and Cognito rows, a Cognito
 * sign-in and its result, the options sections and both account forms, and locked. In each it
 * fails on
 * - English outside ⟦ ⟧: a visible text node, aria-label, title or placeholder with a Latin letter
 *   that is neither pseudo text nor data this test put in (account names, user names, ids);
 *   a missing message shows as "[key]", which fails here too;
 * - truncation: a shown text element whose text is wider than its box (scrollWidth > clientWidth),
 *   or taller than a box that clips it; anything past the left or right edge of the viewport;
 *   horizontal scrolling.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { base32 } from '@scure/base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpPool, type RefereePool } from '../referees/helpers/setup';
import { startRefereePool, type LocalPool } from '../referees/helpers/local-pool';
import {
  chromiumUnderTest, cleanUp, firefoxUnderTest, FIREFOX_SCENARIO_OPTIONS, fromPlaywright, fromPuppeteer, launchChromium, launchFirefox,
  OPTIONS_PATH, POPUP_PATH, WELCOME_PATH, type ExtensionUnderTest, type ExtPage,
} from '../../browser-harness/launch';
import { addCognitoAccount, setUpVault, startSignIn, waitForFlow } from '../../browser-harness/steps';
import { until } from '../../browser-harness/until';
import { PSEUDO_CLOSE, PSEUDO_OPEN } from '../../scripts/pseudo-locale';

const root = resolve(import.meta.dirname, '../..');
const POPUP_WIDTH = 360;
const OPTIONS_WIDTH = 800;

const COGNITO_LABEL = 'Staging console';
const TOTP = { issuer: 'GitHub', account: 'octo' };
const HOTP = { issuer: 'Bank', account: 'customer42' };

interface Session {
  ext: ExtensionUnderTest;
  /** Opens an extension page in a tab of the given width. */
  open(path: string, width: number): Promise<ExtPage>;
  close(): Promise<void>;
}

async function launch(browserName: 'chromium' | 'firefox'): Promise<Session> {
  const dir = join(root, 'dist', `pseudo-${browserName === 'chromium' ? 'chrome' : 'firefox'}`);
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`${dir} is missing: run \`npm run build:pseudo\` first (npm test does it).`);
  if (browserName === 'chromium') {
    const s = await launchChromium({ extensionDir: dir });
    return {
      ext: chromiumUnderTest(s),
      async open(path, width) {
        const page = await s.openPage(path);
        await page.setViewportSize({ width, height: 600 });
        return fromPlaywright(page);
      },
      close: () => s.close(),
    };
  }
  const s = await launchFirefox({ ...FIREFOX_SCENARIO_OPTIONS, extensionDir: dir });
  return {
    ext: firefoxUnderTest(s),
    async open(path, width) {
      const page = await s.openPage(path);
      await page.setViewport({ width, height: 600 });
      return fromPuppeteer(page, `moz-extension://${s.uuid}/${path}`);
    },
    close: () => s.close(),
  };
}

interface Findings { english: string[]; truncated: string[]; outside: string[]; scrollWidth: number; clientWidth: number; texts: number }

/** Runs in the page: what is shown that is not pseudo text, and what does not fit. */
function inspect([open, close, data]: [string, string, string[]]): Findings {
  const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${(el as HTMLElement).dataset?.testid ? `[${(el as HTMLElement).dataset.testid}]` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
  const shown = (el: Element | null): boolean => {
    for (let e = el; e; e = e.parentElement) {
      if ((e as HTMLElement).hidden || getComputedStyle(e).display === 'none' || getComputedStyle(e).visibility === 'hidden') return false;
      const details = e.parentElement;
      if (details instanceof HTMLDetailsElement && !details.open && e.tagName !== 'SUMMARY') return false;
    }
    return el !== null && el.getClientRects().length > 0;
  };
  // Pseudo messages nest (a reason inside "Sign-in failed: …"): strip innermost first.
  const inner = new RegExp(`${open}[^${open}${close}]*${close}`, 'g');
  const leftover = (text: string) => {
    let rest = text;
    for (let before = ''; before !== rest;) { before = rest; rest = rest.replace(inner, ' '); }
    for (const value of [...data].sort((a, b) => b.length - a.length)) rest = rest.split(value).join(' ');
    return /[A-Za-z]/.test(rest) ? rest.trim() : '';
  };
  const english: string[] = [];
  const textElements = new Set<Element>();
  let texts = 0;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const value = node.textContent?.trim();
    const parent = node.parentElement;
    if (!value || !parent || !shown(parent) || parent.closest('script, style')) continue;
    // Marked as not language (translate="no"): a key chord the browser reports, an account's letter mark.
    if (parent.closest('[translate="no"]')) continue;
    texts += 1;
    textElements.add(parent);
    const rest = leftover(value);
    if (rest) english.push(`${describe(parent)}: ${rest}`);
  }
  for (const el of document.body.querySelectorAll('*')) {
    if (!shown(el)) continue;
    for (const attr of ['aria-label', 'title', 'placeholder']) {
      // A field's format example (translate="no", src/ui/components/form-field.ts) is the same in every language.
      if (attr === 'placeholder' && el.getAttribute('translate') === 'no') continue;
      const rest = leftover(el.getAttribute(attr) ?? '');
      if (rest) english.push(`${describe(el)} @${attr}: ${rest}`);
    }
  }
  const titleRest = leftover(document.title);
  if (titleRest) english.push(`<title>: ${titleRest}`);

  const width = document.documentElement.clientWidth;
  const truncated: string[] = [];
  // Text for screen readers only (.visually-hidden, styles.css) is clipped to 1 px on purpose.
  const screenReaderOnly = (el: Element) => el.closest('.visually-hidden') !== null;
  for (const el of textElements) {
    if (el.matches('input, textarea, select, option') || screenReaderOnly(el)) continue;
    const style = getComputedStyle(el);
    if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) truncated.push(`${describe(el)}: ${el.scrollWidth} px of text in ${el.clientWidth} px`);
    else if (style.overflowY !== 'visible' && el.scrollHeight > el.clientHeight + 1 && el.clientHeight > 0) truncated.push(`${describe(el)}: cut off below`);
  }
  const outside = [...document.body.querySelectorAll('*')].filter((el) => shown(el) && !screenReaderOnly(el))
    .filter((el) => { const r = el.getBoundingClientRect(); return r.width > 0 && (r.right > width + 0.5 || r.left < -0.5); })
    .map((el) => `${describe(el)} (${Math.round(el.getBoundingClientRect().left)}–${Math.round(el.getBoundingClientRect().right)} px of ${width})`);
  return { english, truncated, outside, scrollWidth: document.documentElement.scrollWidth, clientWidth: width, texts };
}

describe.each(['chromium', 'firefox'] as const)('%s, pseudo-locale build: no hard-coded text, nothing cut off', (browserName) => {
  let server: LocalPool;
  let pool: RefereePool;
  let session: Session;
  let cognitoId: string;
  const data: string[] = [COGNITO_LABEL, TOTP.issuer, TOTP.account, HOTP.issuer, HOTP.account];

  async function expectPseudoOnly(page: ExtPage, where: string): Promise<void> {
    // Two frames: layout has caught up with the last change.
    await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
    const found = await page.evaluateWith(inspect, [PSEUDO_OPEN, PSEUDO_CLOSE, data] as [string, string, string[]]);
    expect(found.texts, `${where}: the walk found the page's text`).toBeGreaterThan(1);
    // Joined, so a failure prints every line instead of "[ Array(2) ]".
    expect(found.english.join('\n'), `${where}: text not from _locales`).toBe('');
    expect(found.truncated.join('\n'), `${where}: text cut off`).toBe('');
    expect(found.outside.join('\n'), `${where}: past the viewport's edges`).toBe('');
    expect(found.scrollWidth, `${where}: no horizontal scrolling`).toBeLessThanOrEqual(found.clientWidth);
  }

  beforeAll(async () => {
    server = await startRefereePool();
    pool = await setUpPool(server.endpoint, { poolName: `pseudo-${browserName}`, mfa: 'OPTIONAL', users: [{ username: 'pseudo-user', kind: 'ready' }] });
    const user = pool.users['pseudo-user']!;
    data.push(user.username, pool.userPoolId, pool.clientId, pool.endpoint, new URL(pool.endpoint).host, 'AM', 'PM');
    session = await launch(browserName);
    await session.ext.preApproveHostPermission('http://127.0.0.1/*');
  });
  afterAll(() => cleanUp([() => session?.close(), () => server?.close()]));

  it('popup, first run', async () => {
    const popup = await session.open(POPUP_PATH, POPUP_WIDTH);
    await popup.waitFor('#setup-form');
    await popup.fill('#setup-password', 'a typed password');
    await expectPseudoOnly(popup, 'popup set-up');
    await popup.close();
  });

  it('welcome page, before a vault exists', async () => {
    const welcome = await session.open(WELCOME_PATH, POPUP_WIDTH);
    await welcome.waitFor('#setup-form');
    await expectPseudoOnly(welcome, 'welcome page');
    await welcome.close();
  });

  it('options, before a vault exists', async () => {
    const options = await session.open(OPTIONS_PATH, OPTIONS_WIDTH);
    await options.waitForText('main', /\S/);
    await expectPseudoOnly(options, 'options without a vault');
    await options.close();
  });

  it('popup, unlocked: TOTP, HOTP and Cognito rows', async () => {
    const { ext } = session;
    await setUpVault(ext, `vault-${randomBytes(6).toString('hex')}`);
    const secret = () => base32.encode(randomBytes(20)).replace(/=+$/, '');
    const options = await session.open(OPTIONS_PATH, OPTIONS_WIDTH);
    await options.waitFor('#import-text');
    await options.fill('#import-text', [
      `otpauth://totp/${TOTP.issuer}:${TOTP.account}?secret=${secret()}&issuer=${TOTP.issuer}`,
      `otpauth://hotp/${HOTP.issuer}:${HOTP.account}?secret=${secret()}&counter=0&issuer=${HOTP.issuer}`,
    ].join('\n'));
    await options.click('#import-text-submit');
    await options.waitForText('#import-result', /\S/);
    await expectPseudoOnly(options, 'options after an import');
    await options.close();
    const user = pool.users['pseudo-user']!;
    cognitoId = await addCognitoAccount(ext, { label: COGNITO_LABEL, pool, username: user.username, password: user.password, policy: 'auto', rememberDevice: false });
    const popup = await session.open(POPUP_PATH, POPUP_WIDTH);
    await until('the popup to list three accounts', async () => (await popup.count('[data-testid=account-row]')) === 3);
    await popup.waitFor('[data-testid=code]');
    await expectPseudoOnly(popup, 'popup account list');
    await popup.close();
  });

  it("popup: the Add account form, and a typed secret's problem", async () => {
    const popup = await session.open(POPUP_PATH, POPUP_WIDTH);
    await popup.waitFor('#popup-add-account');
    await popup.click('#popup-add-account');
    await popup.waitFor('#add-otp-form');
    await expectPseudoOnly(popup, 'popup Add account');
    await popup.fill('#add-otp-secret', '1');
    await popup.click('#add-otp-submit');
    await popup.waitForText('#add-otp-result', /\S/);
    await expectPseudoOnly(popup, 'popup Add account, refused secret');
    await popup.close();
  });

  it('popup: a Cognito sign-in, its result, and the signed-in row', async () => {
    const popup = await session.open(POPUP_PATH, POPUP_WIDTH);
    await startSignIn(popup, cognitoId);
    await waitForFlow(popup, ['signed-in']);
    await expectPseudoOnly(popup, 'popup sign-in result');
    await popup.close();
    const list = await session.open(POPUP_PATH, POPUP_WIDTH);
    const row = `[data-testid=account-row][data-account-id="${cognitoId}"]`;
    await list.waitFor(`${row} [data-testid=session-status]`);
    await expectPseudoOnly(list, 'popup with a signed-in Cognito row');
    // Sign out lives in the row's menu: open it, so its entries are checked too.
    await list.click(`${row} [data-testid=row-menu]`);
    await list.waitFor(`${row} [data-testid=sign-out]`);
    await expectPseudoOnly(list, "popup with a signed-in Cognito row's menu open");
    await list.close();
  });

  it('options, unlocked: every section, and both account forms', async () => {
    for (const width of [OPTIONS_WIDTH, POPUP_WIDTH]) {
      const options = await session.open(OPTIONS_PATH, width);
      await options.waitFor('[data-testid=options-account-row]');
      await expectPseudoOnly(options, `options at ${width} px`);
      await options.click('#add-cognito-account');
      await options.waitFor('#cognito-form');
      await expectPseudoOnly(options, `options at ${width} px, Cognito form`);
      // What the address gives is data this test put in: the client id, the region and the domain.
      data.push('abc123', 'eu-west-1', 'pseudo.auth.eu-west-1.amazoncognito.com');
      await options.fill('#cognito-config-text', 'https://pseudo.auth.eu-west-1.amazoncognito.com/login?client_id=abc123');
      await options.click('#cognito-config-read');
      await options.waitFor('[data-testid=cognito-config-not-learnt]');
      await expectPseudoOnly(options, `options at ${width} px, Cognito form filled from a Hosted UI address`);
      await options.reload();
      await options.waitFor('#add-otp-account');
      await options.click('#add-otp-account');
      await options.waitFor('#otp-form');
      await expectPseudoOnly(options, `options at ${width} px, TOTP/HOTP form`);
      await options.close();
    }
  });

  it('welcome page, once the vault exists', async () => {
    const welcome = await session.open(WELCOME_PATH, POPUP_WIDTH);
    await welcome.waitForText('main', /\S/);
    await expectPseudoOnly(welcome, 'welcome page, vault ready');
    await welcome.close();
  });

  it('popup and options, locked', async () => {
    const popup = await session.open(POPUP_PATH, POPUP_WIDTH);
    await popup.waitFor('#lock');
    await popup.click('#lock');
    await popup.waitFor('#view[data-view=unlock]');
    await expectPseudoOnly(popup, 'popup locked');
    await popup.close();
    const options = await session.open(OPTIONS_PATH, OPTIONS_WIDTH);
    await options.waitForText('main', /\S/);
    await expectPseudoOnly(options, 'options locked');
    await options.close();
  });
});
