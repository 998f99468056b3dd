/**
 * First run, as a person meets it, with the packaged zip and xpi: the welcome tab the extension
 * opens on install explains it in three lines and creates the vault; a TOTP account is added from
 * the popup (typed secret and pasted otpauth link, through the import pipeline); the Cognito form
 * is filled from an amplify_outputs.json file chosen in its file picker, shows what it filled
 * before saving, and saves. Chromium and Firefox ESR.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp, launchExtension, LOCAL_POOL_HOST_PATTERN, OPTIONS_PATH, POPUP_PATH, type ExtensionUnderTest } from '../../browser-harness/launch';
import { startSignIn, waitForFlow } from '../../browser-harness/steps';
import { until } from '../../browser-harness/until';
import { startRefereePool, type LocalPool } from '../referees/helpers/local-pool';
import { setUpPool, type RefereePool } from '../referees/helpers/setup';
import { sendToBackground } from '../../browser-harness/extension-api';
import { expectNoPlaintextSecrets } from './secret-scan';
import { totpCode } from '../../src/otp/totp';

const TYPED_SECRET = 'JBSW Y3DP EHPK 3PXP JBSW Y3DP';
const TYPED_SECRET_CANONICAL = TYPED_SECRET.replace(/ /g, '');
const LINK_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const PASTED_LINK = `otpauth://totp/Pasted%20Shop:dana%40example.com?secret=${LINK_SECRET}&issuer=Pasted%20Shop`;

const VAULT_PASSWORD = `first-run-${randomBytes(6).toString('hex')}`;

for (const browserName of ['chromium', 'firefox'] as const) {
  describe(`${browserName}: first run`, () => {
    let ext: ExtensionUnderTest;
    let server: LocalPool;
    let pool: RefereePool;
    const dir = mkdtempSync(join(tmpdir(), 'cogauth-first-run-'));

    beforeAll(async () => {
      server = await startRefereePool();
      pool = await setUpPool(server.endpoint, { poolName: `first-run-${browserName}`, mfa: 'OPTIONAL', users: [{ username: 'gina', kind: 'ready' }] });
      ext = await launchExtension(browserName, { keepWelcomePage: true });
    }, 90_000);

    afterAll(async () => {
      await cleanUp([() => ext?.close(), () => server?.close(), () => rmSync(dir, { recursive: true, force: true })]);
    });

    it('opens the welcome page on install: three lines, then the vault is created there', async () => {
      const welcome = ext.welcomePage;
      expect(welcome, 'a welcome tab opened on install').toBeDefined();
      const page = welcome!;
      await page.waitFor('#setup-form');
      expect(await page.count('[data-testid=welcome-lines] li')).toBe(3);
      expect((await page.text('[data-testid=welcome-lines]')).trim().length).toBeGreaterThan(60);
      await page.fill('#setup-password', VAULT_PASSWORD);
      await page.fill('#setup-confirm', VAULT_PASSWORD);
      await page.click('#setup-submit');
      await page.waitFor('#welcome-ready', 30_000);
      // The vault the welcome page made is the one the popup opens: unlocked, no set-up form.
      const popup = await ext.openPage(POPUP_PATH);
      try {
        await popup.waitFor('#view[data-view=accounts]');
        const status = await sendToBackground(popup, { type: 'status' });
        expect(status).toMatchObject({ ok: true, initialized: true, locked: false });
      } finally {
        await popup.close();
      }
      await page.reload();
      await page.waitFor('#welcome-ready');
      expect(await page.count('#setup-form')).toBe(0);
      expectNoPlaintextSecrets(await ext.dumpStorage(), { vaultPassword: VAULT_PASSWORD });
    }, 120_000);

    it('adds TOTP accounts from the popup: a typed secret, a pasted link, and says why a bad secret adds nothing', async () => {
      const popup = await ext.openPage(POPUP_PATH);
      try {
        await popup.waitFor('#view[data-view=accounts]');
        // The view is named before its list and buttons arrive (they wait for the background).
        await popup.waitFor('#popup-add-account');
        await popup.click('#popup-add-account');
        await popup.waitFor('#add-otp-form');
        await popup.fill('#add-otp-secret', TYPED_SECRET);
        await popup.fill('#add-otp-account', 'erin@example.com');
        await popup.fill('#add-otp-issuer', 'Typed Shop');
        await popup.click('#add-otp-submit');
        await popup.waitFor('[data-testid=account-row][data-kind=totp]', 20_000);
        // The popup's code is the RFC 6238 code of the secret as typed (spaces dropped), at this step or a neighbour.
        const shown = await popup.evaluate(() => [...document.querySelectorAll<HTMLElement>('[data-testid=account-row]')]
          .map((row) => ({ text: row.textContent ?? '', code: row.querySelector<HTMLElement>('[data-testid=code]')?.dataset.code ?? '' })));
        expect(shown).toHaveLength(1);
        expect(shown[0]!.text).toContain('Typed Shop');
        const now = Date.now();
        const expected = [now - 30_000, now, now + 30_000].map((at) => totpCode(TYPED_SECRET_CANONICAL, { digits: 6, period: 30, algorithm: 'SHA1' }, at));
        expect(expected).toContain(shown[0]!.code);

        await popup.click('#popup-add-account');
        await popup.waitFor('#add-otp-form');
        await popup.fill('#add-otp-secret', 'not base32 at all!');
        await popup.fill('#add-otp-account', 'frank');
        await popup.click('#add-otp-submit');
        await popup.waitForText('#add-otp-result', /\S/);
        expect(await popup.count('[data-testid=account-row]')).toBe(1);

        await popup.fill('#add-otp-secret', '');
        await popup.fill('#add-otp-link', PASTED_LINK);
        await popup.click('#add-otp-submit');
        await popup.waitForText('#accounts', /Pasted Shop/, 20_000);
        expect(await popup.count('[data-testid=account-row][data-kind=totp]')).toBe(2);
      } finally {
        await popup.close();
      }
      expectNoPlaintextSecrets(await ext.dumpStorage(), { vaultPassword: VAULT_PASSWORD, typed: TYPED_SECRET_CANONICAL, pasted: LINK_SECRET });
    }, 120_000);

    it('fills the Cognito form from an amplify_outputs.json file, shows what it filled, saves, and the account signs in', async () => {
      // A Gen 2 file as `npx ampx generate outputs` writes it, naming the local pool's pool and client.
      const outputs = join(dir, 'amplify_outputs.json');
      writeFileSync(outputs, JSON.stringify({
        auth: { user_pool_id: pool.userPoolId, aws_region: pool.region, user_pool_client_id: pool.clientId, mfa_methods: ['TOTP'], username_attributes: [] },
        version: '1.4',
      }, null, 2));
      await ext.preApproveHostPermission(LOCAL_POOL_HOST_PATTERN);
      const options = await ext.openPage(OPTIONS_PATH);
      let accountId: string;
      try {
        await options.waitFor('#add-cognito-account');
        await options.click('#add-cognito-account');
        await options.waitFor('#cognito-config-file');
        await options.setInputFile('#cognito-config-file', outputs);
        await options.waitFor('[data-testid=cognito-config-filled]');
        const form = await options.evaluate(() => ({
          userPoolId: (document.getElementById('cognito-user-pool-id') as HTMLInputElement).value,
          clientId: (document.getElementById('cognito-client-id') as HTMLInputElement).value,
          shown: [...document.querySelectorAll<HTMLElement>('[data-testid=cognito-config-filled]')].map((li) => [li.dataset.field, li.querySelector('code')?.textContent]),
          region: document.querySelector('[data-testid=cognito-config-region] code')?.textContent,
        }));
        expect(form).toEqual({
          userPoolId: pool.userPoolId, clientId: pool.clientId,
          shown: [['userPoolId', pool.userPoolId], ['clientId', pool.clientId]], region: pool.region,
        });
        // What the file cannot say (the local pool's endpoint, who signs in) is typed as usual.
        await options.fill('#cognito-endpoint', pool.endpoint);
        await options.fill('#cognito-username', 'gina');
        await options.fill('#cognito-password', pool.users.gina!.password);
        await options.fill('#cognito-label', 'From amplify_outputs');
        await options.click('#cognito-save');
        accountId = await until('the account in the options table', () => options.evaluate(() =>
          [...document.querySelectorAll<HTMLElement>('[data-testid=options-account-row]')].find((row) => row.textContent?.includes('From amplify_outputs'))?.dataset.accountId));
      } finally {
        await options.close();
      }
      const popup = await ext.openPage(POPUP_PATH);
      try {
        await startSignIn(popup, accountId);
        expect(await waitForFlow(popup, ['signed-in'])).toBe('signed-in');
      } finally {
        await popup.close();
      }
      expectNoPlaintextSecrets(await ext.dumpStorage(), { vaultPassword: VAULT_PASSWORD, password: pool.users.gina!.password });
    }, 120_000);
  });
}
