/**
 * Issue 10's "Done when", as one journey per browser: a person who has never heard of SRP installs
 * the packaged zip (Chromium, playwright-core) or xpi (Firefox ESR, puppeteer-core over BiDi)
 * with the browser's text size at 200 % (its own default-font-size setting, set before install),
 * meets the welcome page that opens by itself, creates the vault there, adds a plain TOTP account
 * from the popup, follows the popup's link to the settings and adds a Cognito account by choosing
 * the app's amplify_outputs.json, signs in from the popup, where the pool answers MFA_SETUP and the
 * person agrees to let the extension be the authenticator, and sees the row say the session is
 * active. Every state is driven by what a person sees (labels and button names from the English
 * messages, not ids), checked to reflow with nothing past the edges or overlapping
 * (layout-checks.ts, shared with readable-layout) and checked by axe-core.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp, launchExtension, LOCAL_POOL_HOST_PATTERN, OPTIONS_PATH, POPUP_PATH, type ExtensionUnderTest, type ExtPage } from '../../browser-harness/launch';
import { enMessage, fillIn, labelled, named, press } from '../../browser-harness/person';
import { until } from '../../browser-harness/until';
import { startRefereePool, type LocalPool } from '../referees/helpers/local-pool';
import { setUpPool, type RefereePool } from '../referees/helpers/setup';
import { totpCode } from '../../src/otp/totp';
import { axeViolations } from './axe-check';
import { expectPageReflows, expectPopupReflows, measurePageReflow, measurePopupLayout } from './layout-checks';
import { expectNoPlaintextSecrets } from './secret-scan';

/** 200 % of the browsers' default 16 px. */
const TEXT_PX = 32;
/** The toolbar popup's largest frame (both browsers cap it at 800 px wide, 600 px high). */
const POPUP_FRAME = { width: 800, height: 600 } as const;

const VAULT_PASSWORD = `journey-${randomBytes(6).toString('hex')}`;
const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const COGNITO_LABEL = 'Team wiki';
const USERNAME = 'hana';

/** Two animation frames: layout has caught up with the last change. */
const settle = () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));

/** The state shown now reflows at 200 % text with nothing hidden or overlapped, and axe finds nothing. */
async function expectReadable(page: ExtPage, state: string): Promise<void> {
  await page.evaluate(settle);
  expectPageReflows(await page.evaluate(measurePageReflow), TEXT_PX, state);
  expect(await axeViolations(page), `${state}: axe-core violations`).toEqual([]);
}

/** The popup's account list: the page checks plus the rows' own (names whole, codes and buttons apart). */
async function expectReadableList(popup: ExtPage, state: string, rows: number): Promise<void> {
  await expectReadable(popup, state);
  expectPopupReflows(await popup.evaluate(measurePopupLayout), { rows, width: POPUP_FRAME.width });
}

for (const browserName of ['chromium', 'firefox'] as const) {
  describe(`${browserName}: first run at 200 % text, install to a signed-in Cognito account`, () => {
    let ext: ExtensionUnderTest;
    let server: LocalPool;
    let pool: RefereePool;
    const dir = mkdtempSync(join(tmpdir(), 'cogauth-journey-'));

    beforeAll(async () => {
      server = await startRefereePool();
      // MFA required and the user not enrolled: the first sign-in meets MFA_SETUP, as a person told to set up MFA does.
      pool = await setUpPool(server.endpoint, { poolName: `journey-${browserName}`, mfa: 'ON', users: [{ username: USERNAME, kind: 'ready' }] });
      ext = await launchExtension(browserName, { keepWelcomePage: true, defaultFontSizePx: TEXT_PX });
    }, 120_000);

    afterAll(async () => {
      await cleanUp([() => ext?.close(), () => server?.close(), () => rmSync(dir, { recursive: true, force: true })]);
    });

    it('welcome page opens by itself on install; the vault is created there', async () => {
      const welcome = ext.welcomePage;
      expect(welcome, 'a welcome tab opened on install').toBeDefined();
      const page = welcome!;
      await labelled(page, enMessage('setupPasswordLabel'));
      await expectReadable(page, 'welcome, choosing the vault password');
      await fillIn(page, enMessage('setupPasswordLabel'), VAULT_PASSWORD);
      await fillIn(page, enMessage('confirmPasswordLabel'), VAULT_PASSWORD);
      await press(page, enMessage('createVault'));
      await page.waitForText('body', new RegExp(enMessage('welcomeReadyTitle')), 30_000);
      await expectReadable(page, 'welcome, vault ready');
      await page.close();
    }, 120_000);

    let popup: ExtPage;

    it('adds a plain TOTP account from the popup', async () => {
      popup = await ext.openPage(POPUP_PATH);
      await popup.setViewport(POPUP_FRAME.width, POPUP_FRAME.height);
      const openForm = enMessage('popupAddAccount');
      await press(popup, openForm);
      const form = { region: enMessage('popupAddTitle') };
      // With the form open, one button (the toggle, now expanded) is named "Add account"; the form's submit says it saves.
      const toggle = await named(popup, openForm);
      expect(await popup.evaluateWith((s) => document.querySelector(s)!.getAttribute('aria-expanded'), toggle)).toBe('true');
      await named(popup, enMessage('popupAddSave'), form);
      await labelled(popup, enMessage('otpSecretLabel'), form);
      await expectReadable(popup, 'popup, adding a one-time code');
      await fillIn(popup, enMessage('otpSecretLabel'), TOTP_SECRET, form);
      await fillIn(popup, enMessage('popupAddAccountName'), 'hana@example.com', form);
      await fillIn(popup, enMessage('popupAddIssuer'), 'Shop', form);
      await press(popup, enMessage('popupAddSave'), form);
      await popup.waitForText('#accounts', /Shop/, 20_000);
      const code = await until('the code shown', () => popup.evaluate(() => document.querySelector<HTMLElement>('[data-testid=code]')?.dataset.code));
      const now = Date.now();
      expect([now - 30_000, now, now + 30_000].map((at) => totpCode(TOTP_SECRET, { digits: 6, period: 30, algorithm: 'SHA1' }, at))).toContain(code);
      await expectReadableList(popup, 'popup, one TOTP account', 1);
    }, 120_000);

    it('adds a Cognito account from its amplify_outputs.json, through the popup\'s link to the settings', async () => {
      // The file as `npx ampx generate outputs` writes it for the app's user pool (here one on the local pool).
      const outputs = join(dir, 'amplify_outputs.json');
      writeFileSync(outputs, JSON.stringify({
        auth: { user_pool_id: pool.userPoolId, aws_region: pool.region, user_pool_client_id: pool.clientId, mfa_configuration: 'REQUIRED', mfa_methods: ['TOTP'], username_attributes: [] },
        version: '1.4',
      }, null, 2));
      // A headless browser cannot click the permission dialog the form raises for the local pool's address.
      await ext.preApproveHostPermission(LOCAL_POOL_HOST_PATTERN);
      await press(popup, enMessage('popupAddAccount'));
      await press(popup, enMessage('popupAddCognito'));
      const options = await ext.waitForPage(OPTIONS_PATH);
      try {
        await press(options, enMessage('addCognitoAccount'));
        const form = { region: enMessage('addCognitoTitle') };
        const file = await labelled(options, enMessage('configFileLabel'), form);
        await expectReadable(options, 'settings, the Cognito form');
        // First the sign-in page's address the person has at hand: it names the app client and,
        // by its domain, the region, which the pool id field then shows as its example.
        await fillIn(options, enMessage('configPasteLabel'), `https://journey.auth.${pool.region}.amazoncognito.com/login?client_id=${pool.clientId}&response_type=code`, form);
        await press(options, enMessage('configReadButton'), form);
        const poolIdField = await labelled(options, enMessage('userPoolIdLabel'), form);
        const poolIdShown = () => options.evaluateWith((sel) => {
          const input = document.querySelector<HTMLInputElement>(sel)!;
          return { value: input.value, example: input.placeholder };
        }, poolIdField);
        await until('the pool id field to show the region', async () => (await poolIdShown()).example === `${pool.region}_…`);
        expect(await poolIdShown(), 'the region is the example, not a value').toEqual({ value: '', example: `${pool.region}_…` });
        await options.setInputFile(file, outputs);
        await options.waitFor('[data-testid=cognito-config-filled]');
        expect(await options.evaluateWith((ids) => ids.map((id) => (document.getElementById(id) as HTMLInputElement).value), ['cognito-user-pool-id', 'cognito-client-id']))
          .toEqual([pool.userPoolId, pool.clientId]);
        await expectReadable(options, 'settings, the Cognito form filled from the file');
        // What the file cannot say: the local pool's address (Amazon Cognito itself needs none) and who signs in.
        await fillIn(options, enMessage('endpointLabel'), pool.endpoint, form);
        await fillIn(options, enMessage('usernameLabel'), USERNAME, form);
        await fillIn(options, enMessage('savedPasswordLabel'), pool.users[USERNAME]!.password, form);
        await fillIn(options, enMessage('accountLabelLabel'), COGNITO_LABEL, form);
        await press(options, enMessage('addAccount'), form);
        await options.waitForText('main', new RegExp(COGNITO_LABEL), 20_000);
        await expectReadable(options, 'settings, two accounts');
      } finally {
        await options.close();
      }
    }, 120_000);

    it('signs in from the popup: MFA set-up is agreed to once, and the row shows the session active', async () => {
      await popup.reload();
      await popup.setViewport(POPUP_FRAME.width, POPUP_FRAME.height);
      await press(popup, enMessage('signInTo', enMessage('serviceAndAccount', COGNITO_LABEL, USERNAME)), { timeoutMs: 20_000 });
      await popup.waitForText('#view', new RegExp(enMessage('mfaSetupConsent')), 30_000);
      expect(server.store.pools[pool.userPoolId]!.users[USERNAME]!.totp, 'nothing enrolled before the person agrees').toBeUndefined();
      await expectReadable(popup, 'popup, MFA set-up prompt');
      await press(popup, enMessage('mfaSetupConsent'));
      await until('the sign-in to finish', () => popup.evaluate(() => document.getElementById('flow-status')?.dataset.status === 'signed-in'), 30_000);
      expect(server.store.pools[pool.userPoolId]!.users[USERNAME]!.totp?.verified, 'the pool has the extension enrolled').toBe(true);
      await expectReadable(popup, 'popup, signed in with the new authenticator shown');
      await press(popup, enMessage('back'));
      const session = await until('the row to say the session is active', () => popup.evaluate(() =>
        document.querySelector<HTMLElement>('[data-testid=account-row][data-kind=cognito] [data-testid=session-status][data-session=active]')?.textContent ?? undefined));
      expect(session).toMatch(new RegExp(`^${enMessage('sessionActiveUntil', 'XX').replace('XX', '.+')}$`));
      await expectReadableList(popup, 'popup, signed in', 2);

      const enrolled = server.store.pools[pool.userPoolId]!.users[USERNAME]!.totp!.secret;
      expectNoPlaintextSecrets(await ext.dumpStorage(), { vaultPassword: VAULT_PASSWORD, totp: TOTP_SECRET, password: pool.users[USERNAME]!.password, enrolled });
      await popup.close();
    }, 180_000);
  });
}
