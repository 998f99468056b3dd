/**
 * axe-core (through @axe-core/playwright) over the popup and the options page of the packaged
 * extension in Chromium, in every state a person easily reaches, each in the light and the dark
 * theme (prefers-color-scheme): first run (vault setup), the unlocked account list, the options
 * page with its account forms open, a sign-in prompt, and locked. Any violation fails, with
 * its rule, impact and the elements it names.
 */
import { randomBytes } from 'node:crypto';
import { AxeBuilder } from '@axe-core/playwright';
import { base32 } from '@scure/base';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setUpPool, type RefereePool } from '../referees/helpers/setup';
import { startRefereePool, type LocalPool } from '../referees/helpers/local-pool';
import { chromiumUnderTest, cleanUp, launchChromium, OPTIONS_PATH, POPUP_PATH, WELCOME_PATH, type ChromiumSession } from '../../browser-harness/launch';
import { enMessage } from '../../browser-harness/person';
import { addCognitoAccount, setUpVault } from '../../browser-harness/steps';

const THEMES = ['light', 'dark'] as const;

/** Runs axe over the page in both themes; returns the violations, one line each. */
async function violations(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const theme of THEMES) {
    await page.emulateMedia({ colorScheme: theme });
    const { violations } = await new AxeBuilder({ page }).analyze();
    for (const v of violations) {
      found.push(`${theme}: ${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    }
  }
  return found;
}

describe('Chromium: axe-core finds no violation in the popup and options states, light and dark', () => {
  let server: LocalPool;
  let pool: RefereePool;
  let s: ChromiumSession;
  const vaultPassword = `vault-${randomBytes(6).toString('hex')}`;
  const pages: Page[] = [];
  const open = async (path: string, ready: string) => {
    const page = await s.openPage(path);
    pages.push(page);
    await page.waitForSelector(ready, { timeout: 30_000 });
    return page;
  };

  beforeAll(async () => {
    server = await startRefereePool();
    pool = await setUpPool(server.endpoint, { poolName: 'axe', mfa: 'OPTIONAL', users: [{ username: 'fresh', kind: 'temporary' }] });
    s = await launchChromium();
    await s.preApproveHostPermission('http://127.0.0.1/*');
  });
  // Each state's pages go with it: a dozen open extension pages, each refreshing its codes every
  // second, slowed the later states enough under a loaded machine to reach the test timeout once.
  const closePages = async () => { for (const p of pages.splice(0)) await p.close().catch(() => {}); };
  afterEach(closePages);
  afterAll(() => cleanUp([closePages, () => s?.close(), () => server?.close()]));

  it('popup, first run: choosing the vault password', async () => {
    const popup = await open(POPUP_PATH, '#setup-form');
    await popup.fill('#setup-password', 'a typed password');
    expect(await violations(popup)).toEqual([]);
  });

  it('options, before a vault exists', async () => {
    const options = await open(OPTIONS_PATH, 'main');
    await options.waitForTimeout(500);
    expect(await violations(options)).toEqual([]);
  });

  it('welcome page, before a vault exists: the three lines and the vault password form', async () => {
    const welcome = await open(WELCOME_PATH, '#setup-form');
    await welcome.fill('#setup-password', 'a typed password');
    expect(await violations(welcome)).toEqual([]);
  });

  it('popup, unlocked: the account list with TOTP, HOTP and Cognito rows', async () => {
    const ext = chromiumUnderTest(s);
    await setUpVault(ext, vaultPassword);
    const secret = () => base32.encode(randomBytes(20)).replace(/=+$/, '');
    const options = await open(OPTIONS_PATH, '#import-text');
    await options.fill('#import-text', [
      `otpauth://totp/GitHub:me?secret=${secret()}&issuer=GitHub`,
      `otpauth://hotp/Bank:customer?secret=${secret()}&counter=0&issuer=Bank`,
    ].join('\n'));
    await options.click('#import-text-submit');
    await options.waitForFunction(() => /Imported 2, skipped 0/.test(document.getElementById('import-result')?.textContent ?? ''));
    // A temporary password: its sign-in stops at the new-password prompt.
    const user = pool.users.fresh!;
    await addCognitoAccount(ext, { label: 'First sign-in', pool, username: user.username, password: user.password, policy: 'auto', rememberDevice: false });
    const popup = await open(POPUP_PATH, '[data-testid=code]');
    expect(await popup.locator('[data-testid=account-row]').count()).toBe(3);
    expect(await violations(popup)).toEqual([]);
  });

  it('popup: an account row\'s menu open', async () => {
    const popup = await open(POPUP_PATH, '[data-testid=code]');
    await popup.locator('[data-testid=account-row][data-kind=cognito] [data-testid=row-menu]').click();
    await popup.waitForSelector('[role=menu]:not([hidden]) [role=menuitem]');
    expect(await violations(popup)).toEqual([]);
  });

  it('welcome page, vault ready: where to add an account', async () => {
    const welcome = await open(WELCOME_PATH, '#welcome-ready');
    expect(await violations(welcome)).toEqual([]);
  });

  it('popup: the Add account form, and the reason a bad secret adds nothing', async () => {
    const popup = await open(POPUP_PATH, '#popup-add-account');
    await popup.click('#popup-add-account');
    await popup.waitForSelector('#add-otp-form');
    expect(await violations(popup)).toEqual([]);
    // Two actions, two names (WCAG 2.4.6): the toggle that opened the form, and the form's submit.
    const toggleName = enMessage('popupAddAccount');
    expect(await popup.getByRole('button', { name: toggleName, exact: true }).count(), `one button named "${toggleName}"`).toBe(1);
    expect(await popup.getByRole('button', { name: toggleName, exact: true, expanded: true }).count(), 'the toggle says it is open').toBe(1);
    expect(await popup.getByRole('button', { name: enMessage('popupAddSave'), exact: true }).count()).toBe(1);
    await popup.fill('#add-otp-secret', 'not base32!');
    await popup.click('#add-otp-submit');
    await popup.waitForSelector('#add-otp-result:not([hidden])');
    expect(await violations(popup)).toEqual([]);
  });

  it('options, unlocked: accounts, import, backup and settings', async () => {
    const options = await open(OPTIONS_PATH, '[data-testid=options-account-row]');
    expect(await violations(options)).toEqual([]);
  });

  it('options: the Cognito account form', async () => {
    const options = await open(OPTIONS_PATH, '#add-cognito-account');
    await options.click('#add-cognito-account');
    await options.waitForSelector('#cognito-form');
    expect(await violations(options)).toEqual([]);
  });

  it('options: the Cognito form filled from a Hosted UI address (what it filled, what it cannot tell), and a refused paste', async () => {
    const options = await open(OPTIONS_PATH, '#add-cognito-account');
    await options.click('#add-cognito-account');
    await options.fill('#cognito-config-text', 'https://myapp.auth.eu-west-1.amazoncognito.com/login?client_id=abc123&response_type=code');
    await options.click('#cognito-config-read');
    await options.waitForSelector('[data-testid=cognito-config-not-learnt]');
    expect(await violations(options)).toEqual([]);
    await options.fill('#cognito-config-text', 'alert(1)');
    await options.click('#cognito-config-read');
    await options.waitForSelector('[data-testid=cognito-config-problem]');
    expect(await violations(options)).toEqual([]);
  });

  it('options: the TOTP/HOTP account form', async () => {
    const options = await open(OPTIONS_PATH, '#add-otp-account');
    await options.click('#add-otp-account');
    await options.waitForSelector('#otp-form');
    expect(await violations(options)).toEqual([]);
  });

  it('options: exporting an account (the password step, then the QR code and link)', async () => {
    const options = await open(OPTIONS_PATH, '[data-testid=export-account]');
    await options.click('[data-testid=export-account]');
    await options.waitForSelector('#export-account-form');
    expect(await violations(options)).toEqual([]);
    await options.fill('#export-account-password', vaultPassword);
    await options.click('#export-account-submit');
    await options.waitForSelector('#export-account-qr canvas');
    expect(await violations(options)).toEqual([]);
  });

  it('popup: a sign-in prompt (choose a new password)', async () => {
    const popup = await open(POPUP_PATH, '[data-testid=sign-in]');
    await popup.click('[data-testid=sign-in]');
    await popup.waitForSelector('#prompt-form', { timeout: 30_000 });
    expect(await violations(popup)).toEqual([]);
  });

  it('popup and options, locked', async () => {
    const popup = await open(POPUP_PATH, '#lock');
    await popup.click('#lock');
    await popup.waitForSelector('#view[data-view=unlock]', { timeout: 15_000 });
    expect(await violations(popup)).toEqual([]);
    const options = await open(OPTIONS_PATH, 'main');
    await options.waitForTimeout(500);
    expect(await violations(options)).toEqual([]);
  });
});
