/**
 * The extension used by keyboard alone, with the packaged build, against the local user pool. No
 * click anywhere in the popup: only Tab, Shift+Tab, Enter, Escape, `/` and typing. The steps
 * shared by both browsers are in browser-harness/keyboard-steps.ts; each checks where focus went
 * (document.activeElement) and that the focused control shows a focus ring.
 *
 * Chromium (the full pass): create the vault, lock and unlock, add accounts in the options page by
 * keyboard, search with `/`, copy a code with Enter (the clipboard holds it), sign in and answer a
 * prompt (leaving it with Escape and coming back), lock. Walking the whole Tab cycle of each view,
 * every control reachable by Tab must have an accessible name (Playwright's accessibility
 * snapshot, as a screen reader would get it), and the focus ring colour is checked in the light
 * and the dark theme. It uses launchChromium() rather than launchExtension('chromium') because it
 * needs Playwright's own page (aria snapshots, colour-scheme emulation, clipboard permission).
 *
 * Firefox (puppeteer over WebDriver BiDi, which has no accessibility snapshot nor media emulation):
 * the same popup steps; the accounts are added beforehand with the mouse-driven steps of the
 * scenarios (the options form is not what this pass is about). The clipboard is read from the
 * browser's chrome context (navigator.clipboard there, privileged), since an extension page
 * without clipboardRead cannot read it in Firefox.
 */
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../browser-harness/until';
import { startRefereePool, type LocalPool } from '../referees/helpers/local-pool';
import {
  FIREFOX_SCENARIO_OPTIONS, firefoxUnderTest, fromPlaywright, launchChromium, launchFirefox, OPTIONS_PATH, POPUP_PATH,
  type ChromiumSession, type ExtensionUnderTest, type FirefoxSession, LOCAL_POOL_HOST_PATTERN,
} from '../../browser-harness/launch';
import {
  createVaultByKeyboard, KeyboardUser, lockByKeyboard, openSignInAndLeaveByKeyboard, resumeAndSignInByKeyboard,
  rowMenuByKeyboard, searchAndCopyByKeyboard, unlockByKeyboard,
} from '../../browser-harness/keyboard-steps';
import { createScenarioPools, type ScenarioPools } from './pool-fixture';
import { addCognitoAccount } from '../../browser-harness/steps';
import { sendToBackground } from '../../browser-harness/extension-api';

const VAULT_PASSWORD = `kbd-${randomBytes(6).toString('hex')}`;
const TOTP_URI = 'otpauth://totp/Kbd:Keyboard%20TOTP?secret=JBSWY3DPEHPK3PXP&issuer=Kbd';

/** A KeyboardUser on a Playwright page that also reads accessible names from its aria snapshot. */
function chromiumUser(page: Page): KeyboardUser {
  return new KeyboardUser(fromPlaywright(page), async () => {
    const snapshot = (await page.locator('*:focus').ariaSnapshot()).split('\n')[0] ?? '';
    const match = /^- ([\w-]+)(?: "(.*?)")?/.exec(snapshot);
    return { role: match?.[1] ?? '', name: match?.[2] ?? '' };
  });
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
    // Headless Chromium cannot click the host-permission dialog: allow the local pool's host on
    // chrome://extensions, so the options form's own request resolves true.
    await session.preApproveHostPermission(LOCAL_POOL_HOST_PATTERN);
  }, 120_000);

  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  // One person's keyboard journey, step by step: each it continues where the one before left off.
  const user = () => pools.user(pools.plain, 'wrong'); // a user with a permanent password
  let optionsPage: Page;
  let options: KeyboardUser;
  let popupPage: Page;
  let popup: KeyboardUser;

  it('creates the vault in the popup, locks and unlocks it', async () => {
    const firstPage = await session.openPage(POPUP_PATH);
    const first = chromiumUser(firstPage);
    await createVaultByKeyboard(first, VAULT_PASSWORD);
    expect(await firstPage.evaluate(() => document.documentElement.lang)).toBe('en');
    await lockByKeyboard(first);
    await unlockByKeyboard(first, VAULT_PASSWORD);
    await firstPage.close();
  }, 120_000);

  it('adds a TOTP account from a link on the options page, and focus returns to the button that opened the form', async () => {
    optionsPage = await session.openPage(OPTIONS_PATH);
    options = chromiumUser(optionsPage);
    await options.page.waitFor('#add-otp-account');
    await options.tabUntil('#add-otp-account');
    await options.press('Enter');
    await options.expectFocus('#otp-uri');
    await options.type(TOTP_URI);
    await options.press('Enter');
    await options.page.waitFor('[data-testid=options-account-row]');
    await options.expectFocus('#add-otp-account');
  }, 120_000);

  it('Escape closes the Cognito account form without saving and gives focus back', async () => {
    await options.tabTo('#add-cognito-account', true);
    await options.press('Enter');
    await options.expectFocus('#cognito-user-pool-id');
    await options.press('Escape');
    await options.expectFocus('#add-cognito-account');
    expect(await options.page.count('#cognito-form')).toBe(0);
  }, 120_000);

  it('adds a Cognito account with no saved password through the form, and every options control is in the tab cycle', async () => {
    await options.press('Enter');
    await options.expectFocus('#cognito-user-pool-id');
    await options.type(pools.plain.userPoolId);
    await options.tabTo('#cognito-client-id');
    await options.type(pools.plain.clientId);
    await options.tabTo('#cognito-client-secret');
    await options.tabTo('#cognito-endpoint');
    await options.type(pools.plain.endpoint);
    await options.tabTo('#cognito-username');
    await options.type(user().username);
    await options.tabTo('#cognito-label');
    await options.type('Keyboard Cognito');
    await options.press('Enter');
    await optionsPage.waitForFunction(() => [...document.querySelectorAll('[data-testid=options-account-row]')].some((r) => r.textContent?.includes('Keyboard Cognito')), undefined, { timeout: 15_000 })
      .catch(async () => { throw new Error(`the Cognito account was not added: ${await optionsPage.locator('#cognito-form').textContent().catch(() => '')}`); });
    await options.expectFocus('#add-cognito-account');
    const optionsControls = await options.walkTabCycle();
    expect(optionsControls.map((c) => c.selector)).toEqual(expect.arrayContaining(['#export-password', '#settings-save', '#import-text']));
    await optionsPage.close();
  }, 120_000);

  it('in the popup every control is named; `/` searches and Enter copies the code into the clipboard', async () => {
    popupPage = await session.openPage(POPUP_PATH);
    popup = chromiumUser(popupPage);
    await popup.view('accounts');
    await popup.page.waitFor('[data-testid=account-row][data-kind=totp] [data-testid=code][data-code]');
    await popup.expectFocus('#search');
    const accountsControls = await popup.walkTabCycle();
    // Named by service and account, as the row reads: "Kbd, Keyboard TOTP"; the Cognito account's name, then its username.
    expect(accountsControls.map((c) => c.name)).toEqual(expect.arrayContaining([expect.stringMatching(/^Copy code \d{3} \d{3} for Kbd, Keyboard TOTP$/),
      `Sign in to Keyboard Cognito, ${user().username}`, `More actions for Keyboard Cognito, ${user().username}`]));
    const shown = await searchAndCopyByKeyboard(popup);
    expect(await popupPage.evaluate(() => navigator.clipboard.readText())).toBe(shown);
  }, 120_000);

  it('the password prompt of a sign-in takes focus; Escape leaves it without cancelling, and the sign-in then finishes', async () => {
    await openSignInAndLeaveByKeyboard(popup, async () => {
      const flowControls = await popup.walkTabCycle();
      expect(flowControls.map((c) => c.selector)).toEqual(expect.arrayContaining(['#flow-back', '#prompt-submit', '#flow-cancel']));
    });
    await resumeAndSignInByKeyboard(popup, user().password);
  }, 120_000);

  it('an account row\'s menu opens, moves, and closes by keyboard, focus returning to its button', async () => {
    await rowMenuByKeyboard(popup);
  }, 120_000);

  it('locks, and the unlock field shows the focus ring in both themes', async () => {
    await lockByKeyboard(popup);
    const rings: Record<string, string> = {};
    for (const scheme of ['light', 'dark'] as const) {
      await popupPage.emulateMedia({ colorScheme: scheme });
      // "system" theme: the page follows the change through a matchMedia listener (public/theme-boot.js), a moment later.
      await until(`the popup to take the ${scheme} theme`, async () => (await popupPage.evaluate(() => document.documentElement.dataset.theme)) === scheme);
      const now = await popup.expectFocus('#unlock-password');
      rings[scheme] = now.outlineColor;
    }
    expect(rings).toEqual({ light: 'rgb(9, 105, 218)', dark: 'rgb(121, 184, 255)' });
    await popupPage.close();
  }, 120_000);
});

describe('keyboard only, in Firefox', () => {
  let server: LocalPool;
  let pools: ScenarioPools;
  let session: FirefoxSession;
  let ext: ExtensionUnderTest;

  beforeAll(async () => {
    server = await startRefereePool();
    pools = await createScenarioPools(server, 'keyboard-firefox');
    session = await launchFirefox(FIREFOX_SCENARIO_OPTIONS);
    ext = firefoxUnderTest(session);
  }, 120_000);

  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  // As in Chromium, one journey in steps; the accounts are added as the scenarios do (not by
  // keyboard: that is Chromium's pass).
  const user = () => pools.user(pools.plain, 'wrong'); // a user with a permanent password
  let popup: KeyboardUser;

  it('creates the vault in the popup, locks and unlocks it', async () => {
    const first = new KeyboardUser(await ext.openPage(POPUP_PATH));
    await createVaultByKeyboard(first, VAULT_PASSWORD);
    await lockByKeyboard(first);
    await unlockByKeyboard(first, VAULT_PASSWORD);
    await first.page.close();
  }, 120_000);

  it('`/` searches and Enter copies the code into the clipboard', async () => {
    const setup = await ext.openPage(POPUP_PATH);
    expect(await sendToBackground(setup, { type: 'import', data: TOTP_URI })).toMatchObject({ ok: true, added: 1 });
    await setup.close();
    await addCognitoAccount(ext, { label: 'Keyboard Cognito', pool: pools.plain, username: user().username, policy: 'auto', rememberDevice: false });
    popup = new KeyboardUser(await ext.openPage(POPUP_PATH));
    await popup.view('accounts');
    await popup.expectFocus('#search');
    const shown = await searchAndCopyByKeyboard(popup);
    expect(await session.chromeEvaluate('navigator.clipboard.readText()')).toBe(shown);
  }, 120_000);

  it('a sign-in prompt can be left and resumed by keyboard, and the sign-in finishes', async () => {
    await openSignInAndLeaveByKeyboard(popup);
    await resumeAndSignInByKeyboard(popup, user().password);
  }, 120_000);

  it('an account row\'s menu opens, moves, and closes by keyboard, focus returning to its button', async () => {
    await rowMenuByKeyboard(popup);
  }, 120_000);

  it('locks by keyboard', async () => {
    await lockByKeyboard(popup);
    await popup.page.close();
  }, 120_000);
});
