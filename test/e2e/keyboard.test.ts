/**
 * The extension used by keyboard alone, in real Chromium with the packaged build, against the
 * local user pool: create the vault, lock and unlock, add accounts in the options page, search
 * with `/`, copy a code with Enter, sign in and answer a prompt (leaving it with Escape and coming
 * back), lock. No click anywhere: only Tab, Shift+Tab, Enter, Escape and typing.
 *
 * At each step the test checks where focus went (document.activeElement), that the focused control
 * shows a focus ring (:focus-visible with a real outline), and, walking the whole Tab cycle of each
 * view, that every control reachable by Tab has an accessible name (computed by Playwright's
 * accessibility snapshot, as a screen reader would get it). The focus ring colour is checked in
 * the light and the dark theme.
 *
 * It uses launchChromium() rather than launchExtension('chromium') because it needs Playwright's
 * own page (keyboard typing, aria snapshots, colour-scheme emulation, clipboard permission).
 */
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRefereePool, type LocalPool } from '../referees/helpers/local-pool';
import { launchChromium, OPTIONS_PATH, POPUP_PATH, type ChromiumSession } from './harness';
import { createScenarioPools, type ScenarioPools } from './pool-fixture';

const VAULT_PASSWORD = `kbd-${randomBytes(6).toString('hex')}`;
const TOTP_URI = 'otpauth://totp/Kbd:Keyboard%20TOTP?secret=JBSWY3DPEHPK3PXP&issuer=Kbd';
/** Longest Tab cycle any view has; a walk longer than this means focus is stuck or lost. */
const MAX_TABS = 60;

interface Focused { selector: string; name: string; role: string; ring: boolean; outlineColor: string }

/** What has focus now: a short description, its accessible role and name, and whether a focus ring shows. */
async function focused(page: Page): Promise<Focused> {
  const info = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return undefined;
    const style = getComputedStyle(el);
    const ring = el.matches(':focus-visible') && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1;
    const selector = el.id ? `#${el.id}` : `${el.tagName.toLowerCase()}[data-testid=${el.dataset.testid ?? '?'}]`;
    return { selector, ring, outlineColor: style.outlineColor };
  });
  if (!info) return { selector: 'body', name: '', role: '', ring: false, outlineColor: '' };
  const snapshot = (await page.locator('*:focus').ariaSnapshot()).split('\n')[0] ?? '';
  const match = /^- ([\w-]+)(?: "(.*?)")?/.exec(snapshot);
  return { ...info, role: match?.[1] ?? '', name: match?.[2] ?? '' };
}

/** Waits until `selector` has focus, then checks it is named and shows a focus ring. */
async function expectFocus(page: Page, selector: string, timeoutMs = 15_000): Promise<Focused> {
  await page.waitForFunction((s) => document.activeElement?.matches(s) ?? false, selector, { timeout: timeoutMs })
    .catch(async () => { throw new Error(`expected focus on ${selector}, but it is on ${(await focused(page)).selector}`); });
  const now = await focused(page);
  expect(now.name, `accessible name of ${now.selector}`).not.toBe('');
  expect(now.ring, `visible focus ring on ${now.selector}`).toBe(true);
  return now;
}

/** One Tab (or Shift+Tab) press that must land exactly on `selector`: checks the Tab order. */
async function tabTo(page: Page, selector: string, shift = false): Promise<void> {
  await page.keyboard.press(shift ? 'Shift+Tab' : 'Tab');
  await expectFocus(page, selector, 2000);
}

/** Presses Tab until `selector` has focus; every control passed on the way must be named. */
async function tabUntil(page: Page, selector: string, shift = false): Promise<void> {
  for (let i = 0; i < MAX_TABS; i++) {
    await page.keyboard.press(shift ? 'Shift+Tab' : 'Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return void await expectFocus(page, selector);
    const passed = await focused(page);
    if (passed.selector !== 'body') expect(passed.name, `accessible name of ${passed.selector}`).not.toBe('');
  }
  throw new Error(`${selector} was not reached within ${MAX_TABS} Tab presses`);
}

/**
 * Walks the whole Tab cycle from the focused control back to it and returns what it met. Each
 * control must have an accessible name and a focus ring; coming back proves there is no trap.
 */
async function walkTabCycle(page: Page): Promise<Focused[]> {
  const start = await focused(page);
  const seen: Focused[] = [];
  for (let i = 0; i < MAX_TABS; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (now.selector === start.selector) return seen;
    if (now.selector === 'body') continue; // past the last control, before wrapping to the first
    expect(now.name, `accessible name of ${now.selector} (${now.role})`).not.toBe('');
    expect(now.ring, `visible focus ring on ${now.selector}`).toBe(true);
    seen.push(now);
  }
  throw new Error(`Tab never came back to ${start.selector}: focus is trapped or lost`);
}

async function view(page: Page, name: string): Promise<void> {
  await page.waitForSelector(`#view[data-view=${name}]`, { timeout: 30_000 });
}

describe('keyboard only, in Chromium', () => {
  let server: LocalPool;
  let pools: ScenarioPools;
  let session: ChromiumSession;

  beforeAll(async () => {
    server = await startRefereePool();
    pools = await createScenarioPools(server, 'keyboard');
    session = await launchChromium();
    await session.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    // Headless Chromium cannot click the host-permission dialog; allow the local pool's host on
    // chrome://extensions as the harness does, so the options form's own request resolves true.
    const admin = await session.context.newPage();
    await admin.goto('chrome://extensions/');
    await admin.evaluate(([id, pattern]) => (globalThis as any).chrome.developerPrivate.addHostPermission(id, pattern), [session.extensionId, 'http://127.0.0.1/*']);
    await admin.close();
  }, 120_000);

  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('creates the vault, adds accounts, searches, copies, signs in with a prompt and locks without the mouse', async () => {
    // --- Create the vault: focus starts in the password field; Tab skips the strength meter.
    let popup = await session.openPage(POPUP_PATH);
    await view(popup, 'setup');
    await expectFocus(popup, '#setup-password');
    await popup.keyboard.type(VAULT_PASSWORD);
    await tabTo(popup, '#setup-confirm');
    await popup.keyboard.type(VAULT_PASSWORD);
    await tabTo(popup, '#setup-submit');
    await popup.keyboard.press('Enter');
    await view(popup, 'accounts');
    await expectFocus(popup, '#search');
    expect(await popup.evaluate(() => document.documentElement.lang)).toBe('en');

    // --- Lock from the header (just before the search box in Tab order), then unlock.
    await tabTo(popup, '#lock', true);
    await popup.keyboard.press('Enter');
    await view(popup, 'unlock');
    await expectFocus(popup, '#unlock-password');
    await popup.keyboard.type('not the password');
    await popup.keyboard.press('Enter');
    await popup.waitForSelector('#unlock-password-error:not([hidden])');
    await expectFocus(popup, '#unlock-password');
    // The wrong text is selected, so typing replaces it.
    await popup.keyboard.type(VAULT_PASSWORD);
    await popup.keyboard.press('Enter');
    await view(popup, 'accounts');
    await expectFocus(popup, '#search');
    await popup.close();

    // --- Options page: add a plain TOTP account from a link and a Cognito account with no saved password.
    const options = await session.openPage(OPTIONS_PATH);
    await options.waitForSelector('#add-otp-account');
    await tabUntil(options, '#add-otp-account');
    await options.keyboard.press('Enter');
    await expectFocus(options, '#otp-uri');
    await options.keyboard.type(TOTP_URI);
    await options.keyboard.press('Enter');
    await options.waitForSelector('[data-testid=options-account-row]');
    await expectFocus(options, '#add-otp-account'); // focus returns to the button that opened the form

    // Escape closes the form without saving and gives focus back.
    await tabTo(options, '#add-cognito-account', true);
    await options.keyboard.press('Enter');
    await expectFocus(options, '#cognito-user-pool-id');
    await options.keyboard.press('Escape');
    await expectFocus(options, '#add-cognito-account');
    expect(await options.locator('#cognito-form').count()).toBe(0);

    const user = pools.user(pools.plain, 'wrong'); // a user with a permanent password
    await options.keyboard.press('Enter');
    await expectFocus(options, '#cognito-user-pool-id');
    await options.keyboard.type(pools.plain.userPoolId);
    await tabTo(options, '#cognito-client-id');
    await options.keyboard.type(pools.plain.clientId);
    await tabTo(options, '#cognito-client-secret');
    await tabTo(options, '#cognito-endpoint');
    await options.keyboard.type(pools.plain.endpoint);
    await tabTo(options, '#cognito-username');
    await options.keyboard.type(user.username);
    await tabTo(options, '#cognito-label');
    await options.keyboard.type('Keyboard Cognito');
    await options.keyboard.press('Enter');
    await options.waitForFunction(() => [...document.querySelectorAll('[data-testid=options-account-row]')].some((r) => r.textContent?.includes('Keyboard Cognito')), undefined, { timeout: 15_000 })
      .catch(async () => { throw new Error(`the Cognito account was not added: ${await options.locator('#cognito-form').textContent().catch(() => '')}`); });
    await expectFocus(options, '#add-cognito-account');
    const optionsControls = await walkTabCycle(options);
    expect(optionsControls.map((c) => c.selector)).toEqual(expect.arrayContaining(['#export-password', '#settings-save', '#import-text']));
    await options.close();

    // --- Popup again: `/` search, Enter to the first match, Enter copies the code.
    popup = await session.openPage(POPUP_PATH);
    await view(popup, 'accounts');
    await popup.waitForSelector('[data-testid=account-row][data-kind=totp] [data-testid=code][data-code]');
    await expectFocus(popup, '#search');
    const accountsControls = await walkTabCycle(popup);
    expect(accountsControls.map((c) => c.name)).toEqual(expect.arrayContaining([expect.stringMatching(/^Copy code \d{3} \d{3} for Keyboard TOTP$/), 'Sign in to Keyboard Cognito']));

    await tabTo(popup, '#lock', true); // focus elsewhere, so `/` has somewhere to come from
    await popup.keyboard.press('/');
    await expectFocus(popup, '#search');
    await popup.keyboard.type('totp');
    expect(await popup.locator('[data-testid=account-row][data-kind=cognito]').isHidden()).toBe(true);
    await popup.keyboard.press('Enter');
    const codeButton = '[data-testid=account-row][data-kind=totp] [data-testid=code]';
    await expectFocus(popup, codeButton);
    await popup.keyboard.press('Enter');
    await popup.waitForFunction(() => document.querySelector('[data-kind=totp] [data-testid=copied]')?.textContent !== '', undefined, { timeout: 5000 });
    expect(await popup.locator('[data-kind=totp] [data-testid=copied]').textContent()).toBe('Copied');
    const shown = await popup.locator(codeButton).getAttribute('data-code');
    expect(await popup.evaluate(() => navigator.clipboard.readText())).toBe(shown);

    // Escape in the search box clears it and every account is back.
    await popup.keyboard.press('/');
    await expectFocus(popup, '#search');
    await popup.keyboard.press('Escape');
    expect(await popup.locator('#search').inputValue()).toBe('');
    expect(await popup.locator('[data-testid=account-row][data-kind=cognito]').isVisible()).toBe(true);

    // --- Sign in: the password prompt gets focus; Escape leaves it without cancelling.
    await popup.keyboard.type('cognito');
    await popup.keyboard.press('Enter');
    await expectFocus(popup, '[data-testid=account-row][data-kind=cognito] [data-testid=sign-in]');
    await popup.keyboard.press('Enter');
    await view(popup, 'flow');
    await expectFocus(popup, '#prompt-password', 30_000);
    expect(await popup.locator('#prompt-form').getAttribute('data-prompt-kind')).toBe('password');
    const flowControls = await walkTabCycle(popup);
    expect(flowControls.map((c) => c.selector)).toEqual(expect.arrayContaining(['#flow-back', '#prompt-submit', '#flow-cancel']));
    await popup.keyboard.press('Escape');
    await view(popup, 'accounts');
    // The waiting sign-in is listed first and has focus: Enter brings the prompt back.
    await expectFocus(popup, '[data-testid=pending-open]');
    await popup.keyboard.press('Enter');
    await view(popup, 'flow');
    await expectFocus(popup, '#prompt-password', 30_000);
    await popup.keyboard.type(user.password);
    await popup.keyboard.press('Enter');
    await popup.waitForSelector('#flow-status[data-status=signed-in]', { timeout: 30_000 });
    await expectFocus(popup, '#copy-id-token');
    await popup.keyboard.press('Escape');
    await view(popup, 'accounts');
    await expectFocus(popup, '#search');

    // --- Lock, and the focus ring in both themes on the unlock field.
    await tabTo(popup, '#lock', true);
    await popup.keyboard.press('Enter');
    await view(popup, 'unlock');
    const rings: Record<string, string> = {};
    for (const scheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme: scheme });
      const now = await expectFocus(popup, '#unlock-password');
      rings[scheme] = now.outlineColor;
    }
    expect(rings).toEqual({ light: 'rgb(9, 105, 218)', dark: 'rgb(121, 184, 255)' });
    await popup.close();
  }, 240_000);
});
