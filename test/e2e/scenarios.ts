/**
 * The end-to-end scenarios: a person using the real popup and options pages of the packaged
 * extension, in a real browser, against the local Cognito-compatible user pool. chromium.test.ts
 * and firefox.test.ts each run them all in one browser (two files, so vitest can run the browsers
 * side by side). Every scenario ends by reading every storage area and checking that no secret it
 * involved (saved password, TOTP secret, device password, vault password) is there in clear.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { base32 } from '@scure/base';
import jsQR from 'jsqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTO_LOCK_ALARM } from '../../src/background/lock/auto-lock';
import { SESSION_KEY } from '../../src/background/vault/format';
import { startRefereePool, type LocalPool } from '../referees/helpers/local-pool';
import { totpCode } from '../referees/helpers/totp';
import { cleanUp, launchExtension, OPTIONS_PATH, type ExtensionUnderTest, type ExtPage, LOCAL_POOL_HOST_PATTERN } from '../../browser-harness/launch';
import { createScenarioPools, type ScenarioPools } from './pool-fixture';
import { expectNoPlaintextSecrets } from './secret-scan';
import {
  addCognitoAccount, answerPrompt, flowProgress, openPopup, popupView, promptKind, setUpVault, shownCode, startSignIn,
  vaultKeyPresent, waitForFlow,
} from '../../browser-harness/steps';
import { until } from '../../browser-harness/until';
import { alarmDueAt, fireAlarmNow, sendToBackground } from '../../browser-harness/extension-api';
import { readCognitoAccount, readVaultAccounts } from './vault-reader';
import { challengesOf, kindsOf } from '../progress-events';
import type { TotpAccount } from '../../src/background/accounts/model';

const VAULT_PASSWORD = `vault-${randomBytes(6).toString('hex')}`;
/** The pages' English messages (the browsers run in English): errors must read as their sentence. */
const EN = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../public/_locales/en/messages.json'), 'utf8')) as Record<string, { message: string }>;
const en = (key: string) => EN[key]!.message;
/** The local pool's host, as the options page asks for it (match patterns carry no port). */

/** A password the default pool policy accepts (upper, lower, digit, symbol, 8+). */
const newPassword = () => `E2e-${randomBytes(9).toString('base64url')}-a1!Z`;

/** The code an authenticator app shows now (or `offsetSteps` steps away) for `secret`. */
const totpNow = (secret: string, offsetSteps = 0) => totpCode(secret, Date.now(), offsetSteps);

export function defineScenarios(browserName: 'chromium' | 'firefox'): void {
  describe(`${browserName}: the packaged extension against the local user pool`, () => {
    let server: LocalPool;
    let pools: ScenarioPools;
    let ext: ExtensionUnderTest;
    const open: ExtPage[] = [];
    let scratch: string | undefined;

    beforeAll(async () => {
      scratch = mkdtempSync(join(tmpdir(), `cogauth-e2e-${browserName}-`));
      server = await startRefereePool();
      pools = await createScenarioPools(server, browserName);
      ext = await launchExtension(browserName);
      await ext.preApproveHostPermission(LOCAL_POOL_HOST_PATTERN);
      await setUpVault(ext, VAULT_PASSWORD);
    });

    // Each step runs even if an earlier one (or beforeAll) failed; whatever was started is stopped.
    afterAll(() => cleanUp([
      closeAll,
      () => ext?.close(),
      () => server?.close(),
      () => scratch && rmSync(scratch, { recursive: true, force: true }),
    ]));

    /** Popups opened by a scenario; closed by the scenario itself, or here on failure. */
    async function popup(): Promise<ExtPage> {
      const page = await openPopup(ext);
      open.push(page);
      return page;
    }
    async function closeAll(): Promise<void> {
      for (const page of open.splice(0)) await page.close().catch(() => {});
    }

    /**
     * The closing check of every scenario: the vault (opened in node with the password) holds what
     * the scenario stored, and no storage area holds any of it, or the vault password, in clear.
     */
    async function expectSecretsOnlyEncrypted(username: string | undefined, secrets: Record<string, string | undefined>) {
      await closeAll();
      const dump = await ext.dumpStorage();
      const all: Record<string, string | undefined> = { ...secrets, vaultPassword: VAULT_PASSWORD };
      const account = username ? await readCognitoAccount(dump, VAULT_PASSWORD, username) : undefined;
      if (account) {
        all.savedPassword = account.secrets.password;
        all.storedTotpSecret = account.secrets.totpSecret;
        all.devicePassword = account.secrets.device?.devicePassword;
      }
      expectNoPlaintextSecrets(dump, Object.fromEntries(Object.entries(all).filter((e): e is [string, string] => e[1] !== undefined)));
      return account;
    }

    /** Fills and sends the options page's vault password form (the new password typed twice). */
    async function changeVaultPassword(options: ExtPage, current: string, next: string): Promise<void> {
      await options.waitFor('#vault-password-submit:not([disabled])');
      await options.fill('#vault-current-password', current);
      await options.fill('#vault-new-password', next);
      await options.fill('#vault-new-confirm', next);
      await options.click('#vault-password-submit');
    }
    /** Waits for the form's result line to read exactly `sentence` (a password change takes two key derivations). */
    async function vaultPasswordResult(options: ExtPage, sentence: string): Promise<void> {
      const escaped = sentence.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      await options.waitForText('#vault-password-result', new RegExp(`^${escaped}$`), 30_000);
    }

    it('1. first sign-in meets MFA_SETUP: consent in the popup enrols the extension and shows the QR code and secret', async () => {
      const user = pools.user(pools.mfa, 'enrol');
      const id = await addCognitoAccount(ext, { label: 'E2E enrol', pool: pools.mfa, username: user.username, password: user.password, policy: 'auto', rememberDevice: false });
      const page = await popup();
      await startSignIn(page, id);
      await waitForFlow(page, ['needs-input']);
      expect(await promptKind(page)).toBe('mfa-setup');
      expect(pools.record(pools.mfa, 'enrol').totp, 'nothing is enrolled before consent').toBeUndefined();
      // One way to decline (the flow's Cancel sign-in, which the form names), and Enter alone does not enrol.
      expect(await page.count('#deny'), 'no second decline button beside Cancel sign-in').toBe(0);
      expect(await page.text('[data-testid=mfa-setup-decline-hint]')).toBe(en('mfaSetupDeclineHint'));
      expect(await page.count('#flow-cancel:not([hidden])')).toBe(1);
      expect(await page.evaluate(() => document.activeElement?.id), 'focus on the explanation, not on the accepting button').toBe('prompt-description');
      await answerPrompt(page, '#approve', ['signed-in']);

      const enrolled = pools.totp(pools.mfa, 'enrol');
      expect(enrolled.verified).toBe(true);
      await page.waitFor('#enrolled-secret');
      expect((await page.text('#enrolled-secret')).replace(/\s+/g, '')).toBe(enrolled.secret);
      // The QR code decodes (in node, with jsQR) to an otpauth URI carrying the same secret.
      await page.waitFor('#enrolled-qr canvas');
      const pixels = await page.evaluate(() => {
        const canvas = document.querySelector<HTMLCanvasElement>('#enrolled-qr canvas')!;
        const image = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
        return { width: image.width, height: image.height, data: Array.from(image.data) };
      });
      const qr = jsQR(Uint8ClampedArray.from(pixels.data), pixels.width, pixels.height);
      expect(qr?.data, 'the QR code shown after enrolment').toMatch(/^otpauth:\/\/totp\//);
      expect(new URL(qr!.data).searchParams.get('secret')).toBe(enrolled.secret);

      const account = await expectSecretsOnlyEncrypted('enrol', { password: user.password, totpSecret: enrolled.secret });
      expect(account?.secrets.totpSecret, 'the enrolled secret is kept in the vault').toBe(enrolled.secret);
    });

    it('2. a sign-in answered automatically with TOTP, and the popup shows the same code as an authenticator app', async () => {
      const user = pools.user(pools.mfa, 'auto');
      const id = await addCognitoAccount(ext, { label: 'E2E auto', pool: pools.mfa, username: user.username, password: user.password, totpSecret: user.totpSecret, policy: 'auto', rememberDevice: false });
      const stepBefore = pools.totp(pools.mfa, 'auto').lastUsedStep;
      // (Setting the user up signed in once too: only the extension's own refresh token counts.)
      const setUpTokens = new Set(pools.refreshTokens(pools.mfa, 'auto').map((t) => t.originJti));
      const page = await popup();
      const code = await shownCode(page, id);
      expect([totpNow(user.totpSecret!, -1), totpNow(user.totpSecret!)]).toContain(code);
      await startSignIn(page, id);
      await waitForFlow(page, ['signed-in']);
      const steps = await flowProgress(page);
      expect(challengesOf(steps)).toContain('SOFTWARE_TOKEN_MFA');
      expect(kindsOf(steps)).toContain('totp-answering');
      // In plain words first; the protocol's steps wait closed behind Details.
      expect(await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('[data-testid=flow-plain] li')].map((li) => `${li.dataset.step}:${li.dataset.state}`)))
        .toEqual(['start:done', 'password:done', 'code:done', 'signed-in:done']);
      expect(await page.text('[data-testid=flow-plain] li[data-step=code]')).toContain(en('plainStepCode'));
      expect(await page.evaluate(() => [document.getElementById('flow-details-toggle')?.getAttribute('aria-expanded'), document.getElementById('flow-steps')?.hidden]), 'Details starts closed')
        .toEqual(['false', true]);
      await page.click('#flow-details-toggle');
      expect(await page.evaluate(() => [document.getElementById('flow-details-toggle')?.getAttribute('aria-expanded'), document.getElementById('flow-steps')?.hidden])).toEqual(['true', false]);
      expect(pools.totp(pools.mfa, 'auto').lastUsedStep, 'the pool accepted a TOTP code').toBeGreaterThan(stepBefore);
      await page.waitFor('[data-testid=token-expiry]');

      // Signing out from the popup revokes the refresh token at the pool and forgets the tokens.
      const ours = () => pools.refreshTokens(pools.mfa, 'auto').filter((t) => !setUpTokens.has(t.originJti));
      expect(ours().filter((t) => !t.revoked), 'the sign-in left a live refresh token').toHaveLength(1);
      await page.click('#flow-back');
      const row = `[data-testid=account-row][data-account-id="${id}"]`;
      const signOut = `${row} [data-testid=sign-out]`;
      expect(await page.waitForText(`${row} [data-testid=session-status][data-session=active]`, /\S/), 'the row says the session is active').toMatch(/^Signed in until /);
      // Sign out is in the row's menu: the menu button opens it.
      await page.click(`${row} [data-testid=row-menu]`);
      await page.waitFor(`${row} [role=menu]:not([hidden]) [data-testid=sign-out]`);
      await page.click(signOut);
      await page.waitFor(`${row} [data-testid=session-status][data-session=none]`);
      // The button goes once the background has answered (the announcer may have moved on).
      await until('the sign-out button to go', async () => (await page.count(signOut)) === 0, 10_000);
      expect(await page.count(signOut)).toBe(0);
      expect(ours().map((t) => t.revoked), 'the extension\'s refresh token is revoked at the pool').toEqual([true]);
      const accounts = await sendToBackground(page, { type: 'list-accounts' });
      expect(accounts.accounts.find((a: { id: string }) => a.id === id)).not.toHaveProperty('tokensExpireAt');
      await expectSecretsOnlyEncrypted('auto', { password: user.password, totpSecret: user.totpSecret });
    });

    it('3. a remembered device: the next sign-in goes by DEVICE_SRP_AUTH and skips MFA', async () => {
      const user = pools.user(pools.mfa, 'device');
      const id = await addCognitoAccount(ext, { label: 'E2E device', pool: pools.mfa, username: user.username, password: user.password, totpSecret: user.totpSecret, policy: 'auto', rememberDevice: true });
      const page = await popup();
      await startSignIn(page, id);
      await waitForFlow(page, ['signed-in']);
      expect(kindsOf(await flowProgress(page))).toContain('device-remembered');
      // (Setting the user up signed in once too, leaving a tracked device that is not remembered.)
      const devices = Object.values(pools.record(pools.mfa, 'device').devices).filter((d) => d.remembered);
      expect(devices, 'one remembered device').toHaveLength(1);
      const device = devices[0]!;
      expect(device).toMatchObject({ confirmed: true, remembered: true });
      const stepAfterFirst = pools.totp(pools.mfa, 'device').lastUsedStep;
      const lastAuthenticated = device.lastAuthenticatedAt;

      await page.click('#flow-back');
      await startSignIn(page, id);
      await waitForFlow(page, ['signed-in']);
      const steps = await flowProgress(page);
      expect(challengesOf(steps)).toContain('DEVICE_SRP_AUTH');
      expect(kindsOf(steps)).toContain('device-proof-sending');
      expect(JSON.stringify(steps)).not.toContain('SOFTWARE_TOKEN_MFA');
      expect(pools.totp(pools.mfa, 'device').lastUsedStep, 'no TOTP code was used the second time').toBe(stepAfterFirst);
      expect(pools.record(pools.mfa, 'device').devices[device.deviceKey]!.lastAuthenticatedAt).toBeGreaterThanOrEqual(lastAuthenticated);

      const account = await expectSecretsOnlyEncrypted('device', { password: user.password, totpSecret: user.totpSecret });
      expect(account?.secrets.device?.deviceKey, 'the vault holds the device the pool remembers').toBe(device.deviceKey);
      expect(account?.secrets.device?.devicePassword).toBeTruthy();
    });

    describe('4. manual confirmation', () => {
      const user = () => pools.user(pools.mfa, 'manual');
      let stepBefore: number;
      let page: ExtPage;

      it('denied: the popup says the sign-in was declined, and no code is sent', async () => {
        const id = await addCognitoAccount(ext, { label: 'E2E manual', pool: pools.mfa, username: user().username, password: user().password, totpSecret: user().totpSecret, policy: 'ask', rememberDevice: false });
        stepBefore = pools.totp(pools.mfa, 'manual').lastUsedStep;
        page = await popup();
        await startSignIn(page, id);
        await waitForFlow(page, ['needs-input']);
        expect(await promptKind(page)).toBe('approve');
        expect(await page.evaluate(() => document.activeElement?.id), 'focus on the question, not on Approve').toBe('prompt-description');
        await answerPrompt(page, '#deny', ['failed']);
        expect(await page.text('#flow-status'), 'the popup says the sign-in was declined')
          .toBe(en('flowFailed').replace('$reason$', en('errorCodeSignInDenied')));
        expect(await page.evaluate(() => document.getElementById('flow-status')!.dataset.errorCode)).toBe('denied');
        expect(pools.totp(pools.mfa, 'manual').lastUsedStep, 'a denied sign-in sends no code').toBe(stepBefore);
      });

      it('retried and approved: it asks again, then signs in with the TOTP code', async () => {
        await page.click('#flow-retry');
        await until('the retry to start a new sign-in', async () => (await page.count('#flow-status[data-status=failed], #flow-status[data-status=cancelled]')) === 0);
        await waitForFlow(page, ['needs-input']);
        expect(await promptKind(page)).toBe('approve');
        await answerPrompt(page, '#approve', ['signed-in']);
        expect(kindsOf(await flowProgress(page))).toContain('approved');
        expect(pools.totp(pools.mfa, 'manual').lastUsedStep).toBeGreaterThan(stepBefore);
        await expectSecretsOnlyEncrypted('manual', { password: user().password, totpSecret: user().totpSecret });
      });
    });

    it('5. NEW_PASSWORD_REQUIRED: the new password is set, kept, and the next sign-in uses it', async () => {
      const user = pools.user(pools.plain, 'temp');
      const id = await addCognitoAccount(ext, { label: 'E2E temp', pool: pools.plain, username: user.username, password: user.password, policy: 'auto', rememberDevice: false });
      const chosen = newPassword();
      const page = await popup();
      await startSignIn(page, id);
      await waitForFlow(page, ['needs-input']);
      expect(await promptKind(page)).toBe('new-password');
      await page.fill('#prompt-new-password', chosen);
      await page.fill('#prompt-confirm-password', chosen);
      await answerPrompt(page, '#prompt-submit', ['signed-in']);
      expect(pools.record(pools.plain, 'temp').status).toBe('CONFIRMED');

      // The saved temporary password is spent: only the new one can sign in again without asking.
      await page.click('#flow-back');
      await startSignIn(page, id);
      await waitForFlow(page, ['signed-in']);
      const account = await expectSecretsOnlyEncrypted('temp', { temporaryPassword: user.password, newPassword: chosen });
      expect(account?.secrets.password, 'the vault keeps the new password').toBe(chosen);
    });

    it('6. a wrong saved password ends with a clear error', async () => {
      const user = pools.user(pools.plain, 'wrong');
      const wrong = `${user.password}x`;
      const id = await addCognitoAccount(ext, { label: 'E2E wrong', pool: pools.plain, username: user.username, password: wrong, policy: 'auto', rememberDevice: false });
      const page = await popup();
      await startSignIn(page, id);
      await waitForFlow(page, ['failed', 'needs-input']);
      const shown = await page.evaluate(() => [document.getElementById('flow-status'), document.querySelector('[data-testid=prompt-error]:not([hidden])')]
        .map((e) => e?.textContent ?? '').join(' '));
      expect(shown, 'the sentence for a wrong password, not the generic refusal').toContain(en('errorCodeIncorrectPassword'));
      expect(shown).not.toContain(wrong);
      await expectSecretsOnlyEncrypted('wrong', { wrongPassword: wrong, rightPassword: user.password });
    });

    it('6b. a wrong password typed at the prompt asks again in place, and the right one then signs in', async () => {
      const user = pools.user(pools.plain, 'typo');
      const wrong = `${user.password}x`;
      const id = await addCognitoAccount(ext, { label: 'E2E typo', pool: pools.plain, username: user.username, policy: 'auto', rememberDevice: false });
      // Never signed in: its devices say to sign in first (the options page opened at them, as the row menu's Devices does).
      const options = await ext.openPage(`${OPTIONS_PATH}#account=${id}&open=devices`);
      open.push(options);
      expect(await options.waitForText('[data-testid=devices-sign-in-first]', /\S/)).toBe(en('devicesSignInFirst'));
      expect(await options.evaluateWith((i) => document.querySelector(`[data-testid=options-account-row][data-account-id="${i}"] [data-testid=show-devices]`)?.getAttribute('aria-expanded'), id)).toBe('true');
      await options.close();
      const page = await popup();
      await page.waitFor(`[data-testid=account-row][data-account-id="${id}"] [data-testid=session-status][data-session=none]`);
      expect(await page.text(`[data-testid=account-row][data-account-id="${id}"] [data-testid=session-status]`)).toBe(en('sessionNone'));
      await startSignIn(page, id);
      await waitForFlow(page, ['needs-input']);
      expect(await promptKind(page)).toBe('password');
      await page.fill('#prompt-password', wrong);
      await answerPrompt(page, '#prompt-submit', ['needs-input']);
      expect(await promptKind(page), 'the flow goes on: the same prompt again').toBe('password');
      // The error is beside the field (its described-by line), says how many were refused, and the form's top line stays empty.
      const fieldError = await page.waitForText('#prompt-password-error', /\S/);
      expect(fieldError).toBe(en('promptPasswordIncorrect').replace('$count$', '1'));
      expect(await page.evaluate(() => document.getElementById('prompt-password')?.getAttribute('aria-invalid'))).toBe('true');
      expect(await page.count('[data-testid=prompt-error]:not([hidden])')).toBe(0);
      expect(await page.evaluate(() => (document.getElementById('prompt-password') as HTMLInputElement).value), 'the field is empty for the next try').toBe('');
      // Nothing said "verified" before the server agreed: the wrong password's proof was only "sent".
      const shown = (await page.evaluate(() => document.getElementById('view')?.textContent ?? '')).toLowerCase();
      expect(shown).not.toContain('verified');
      expect(kindsOf(await flowProgress(page))).toEqual(expect.arrayContaining(['password-proof-sending', 'answer-rejected']));

      await page.fill('#prompt-password', user.password);
      await answerPrompt(page, '#prompt-submit', ['signed-in']);
      expect(challengesOf(await flowProgress(page)).filter((c) => c === 'PASSWORD_VERIFIER'), 'a second InitiateAuth, a second verifier').toHaveLength(2);
      await expectSecretsOnlyEncrypted('typo', { wrongPassword: wrong, rightPassword: user.password });
    });

    describe('7. lock and the vault password', () => {
      const changed = `changed-${randomBytes(6).toString('hex')}`;
      let accountsBefore: Awaited<ReturnType<typeof readVaultAccounts>>;

      it('the lock button locks at once; a wrong password is refused without echoing it, the right one unlocks', async () => {
        const page = await popup();
        await page.waitFor('#lock:not([hidden])');
        await page.click('#lock');
        await page.waitFor('#unlock-form');
        expect(await vaultKeyPresent(page, SESSION_KEY)).toBe(false);
        await page.fill('#unlock-password', `${VAULT_PASSWORD}-wrong`);
        await page.click('#unlock-submit');
        expect(await page.waitForText('#unlock-password-error', /wrong password/i)).not.toContain(VAULT_PASSWORD);
        expect(await popupView(page)).toBe('unlock');
        await page.fill('#unlock-password', VAULT_PASSWORD);
        await page.click('#unlock-submit');
        await page.waitFor('#view[data-view=accounts]');
        await closeAll();
      });

      it('the options page lists the clock learnt from the pool endpoint, and no other', async () => {
        const options = await ext.openPage(OPTIONS_PATH);
        open.push(options);
        // The sign-ins above taught the clock of the pool's endpoint, and of no other: listed by origin.
        await options.waitFor(`[data-testid=clock-offset][data-endpoint="${new URL(server.endpoint).origin}"]`);
        expect(await options.evaluateWith(() => document.querySelectorAll('[data-testid=clock-offset]').length, undefined)).toBe(1);
        await closeAll();
      });

      it('auto-lock: under a minute is refused; the alarm armed for one minute locks the vault when it fires', async () => {
        // The smallest delay the settings accept, then the alarm it armed fires.
        const options = await ext.openPage(OPTIONS_PATH);
        open.push(options);
        await options.waitFor('#auto-lock-minutes');
        await options.fill('#auto-lock-minutes', '0.5');
        await options.click('#settings-save');
        await options.waitFor('#auto-lock-minutes-error:not([hidden])');
        await options.fill('#auto-lock-minutes', '1');
        // Saving sets a 60 s idle detection; a headless browser that has had no real input for a
        // minute would lock by the idle path at once (and the page would follow the lock).
        await ext.markUserActive();
        await options.click('#settings-save');
        await options.waitForText('#settings-result', /saved/i);
        const dueIn = ((await alarmDueAt(options, AUTO_LOCK_ALARM)) ?? 0) - Date.now();
        expect(dueIn, 'the auto-lock alarm is due one minute after the last use').toBeGreaterThan(45_000);
        expect(dueIn).toBeLessThanOrEqual(60_500);
        // Bring the same alarm forward to now: the background's own listener locks, as a minute later.
        await fireAlarmNow(options, AUTO_LOCK_ALARM);
        await until('the vault to lock itself', async () => !(await vaultKeyPresent(options, SESSION_KEY)), 40_000);
        await closeAll();

        const page = await popup();
        await page.waitFor('#unlock-form');
        await page.fill('#unlock-password', VAULT_PASSWORD);
        await page.click('#unlock-submit');
        await page.waitFor('#view[data-view=accounts]');
        // Back to the default delay, so the scenarios after this one are not locked under them.
        const restore = await ext.openPage(OPTIONS_PATH);
        open.push(restore);
        await restore.waitFor('#auto-lock-minutes');
        await restore.fill('#auto-lock-minutes', '15');
        await restore.click('#settings-save');
        await restore.waitForText('#settings-result', /saved/i);
        await closeAll();
      });

      it('changing the vault password: a wrong current one is refused on its field; the right one re-wraps the vault key and keeps it unlocked', async () => {
        const options = await ext.openPage(OPTIONS_PATH);
        open.push(options);
        accountsBefore = await readVaultAccounts(await ext.dumpStorage(), VAULT_PASSWORD);
        await changeVaultPassword(options, `${VAULT_PASSWORD}-wrong`, changed);
        expect(await options.waitForText('#vault-current-password-error', /wrong password/i, 30_000)).not.toContain(VAULT_PASSWORD);
        expect(await options.text('#vault-password-result')).not.toContain(changed);
        await changeVaultPassword(options, VAULT_PASSWORD, changed);
        await vaultPasswordResult(options, en('vaultPasswordChanged'));
        expect(await vaultKeyPresent(options, SESSION_KEY), 'the vault stays unlocked').toBe(true);
        // Read in node: the new password opens the same accounts, the old one no longer opens the vault.
        const dumpAfter = await ext.dumpStorage();
        expect(await readVaultAccounts(dumpAfter, changed)).toEqual(accountsBefore);
        await expect(readVaultAccounts(dumpAfter, VAULT_PASSWORD)).rejects.toThrow();
        await closeAll();
      });

      it('after the change only the new password unlocks', async () => {
        const page = await popup();
        await page.waitFor('#lock:not([hidden])');
        await page.click('#lock');
        await page.waitFor('#unlock-form');
        await page.fill('#unlock-password', VAULT_PASSWORD);
        await page.click('#unlock-submit');
        await page.waitForText('#unlock-password-error', /wrong password/i);
        await page.fill('#unlock-password', changed);
        await page.click('#unlock-submit');
        await page.waitFor('#view[data-view=accounts]');
        await closeAll();
      });

      it('changing it back restores the same accounts, and no storage area holds either password in clear', async () => {
        // So the scenarios after this one (and the storage scan) open the vault as before.
        const back = await ext.openPage(OPTIONS_PATH);
        open.push(back);
        await changeVaultPassword(back, changed, VAULT_PASSWORD);
        await vaultPasswordResult(back, en('vaultPasswordChanged'));
        expect(await readVaultAccounts(await ext.dumpStorage(), VAULT_PASSWORD)).toEqual(accountsBefore);
        await expectSecretsOnlyEncrypted(undefined, { changedVaultPassword: changed });
      });
    });

    it('8. the background stopped while a prompt waits: the sign-in is still there and finishes', async () => {
      const user = pools.user(pools.mfa, 'worker');
      const id = await addCognitoAccount(ext, { label: 'E2E worker', pool: pools.mfa, username: user.username, password: user.password, totpSecret: user.totpSecret, policy: 'ask', rememberDevice: false });
      const first = await popup();
      await startSignIn(first, id);
      await waitForFlow(first, ['needs-input']);
      expect(await promptKind(first)).toBe('approve');
      await first.close();

      await ext.stopBackground();

      const page = await popup();
      await page.waitFor('[data-testid=pending-approval]');
      expect(await page.text('[data-testid=pending-approvals]')).toContain('E2E worker');
      await page.click('[data-testid=pending-open]');
      await waitForFlow(page, ['needs-input']);
      expect(await promptKind(page)).toBe('approve');
      await answerPrompt(page, '#approve', ['signed-in']);
      expect(pools.totp(pools.mfa, 'worker').lastUsedStep).toBeGreaterThan(0);
      await expectSecretsOnlyEncrypted('worker', { password: user.password, totpSecret: user.totpSecret });
    });

    describe('9. otpauth import and encrypted backups', () => {
      const secret = base32.encode(randomBytes(20)).replace(/=+$/, '');
      const uri = `otpauth://totp/E2E%20Issuer:round-trip%40example.com?secret=${secret}&issuer=E2E%20Issuer&period=30&digits=6`;
      const backupPassword = `backup-${randomBytes(6).toString('hex')}`;
      let options: ExtPage;
      let imported: TotpAccount;
      let backupFile: string;
      let before: number;
      const findImported = async () => (await readVaultAccounts(await ext.dumpStorage(), VAULT_PASSWORD))
        .find((a): a is TotpAccount => a.kind === 'totp' && a.secret === secret);

      it('an otpauth URI pasted on the options page is imported, and the popup shows its code', async () => {
        options = await ext.openPage(OPTIONS_PATH);
        open.push(options);
        await options.waitFor('#import-text');
        // A line that is no link is not added, and the page says which line and why, under the summary.
        await options.fill('#import-text', `${uri}\nnot a link`);
        await options.click('#import-text-submit');
        await options.waitForText('#import-result', /Imported 1, skipped 0/);
        const problems = await options.evaluate(() => [...document.querySelectorAll<HTMLElement>('[data-testid=import-problems-item]')]
          .map((li) => ({ code: li.dataset.code, text: li.textContent ?? '' })));
        expect(problems).toEqual([{ code: 'not-otp-line', text: expect.stringMatching(/\b2\b/) }]);
        expect(problems[0]!.text, 'a translated sentence, not a missing key').not.toMatch(/^\[|importProblem/);

        const found = await findImported();
        expect(found, 'the imported account is in the vault').toBeDefined();
        imported = found!;
        const page = await popup();
        expect([totpNow(secret, -1), totpNow(secret)]).toContain(await shownCode(page, imported.id));

        // The row says what it is: the issuer first, the account second.
        const row = `[data-testid=account-row][data-account-id="${imported.id}"]`;
        expect([await page.text(`${row} [data-testid=account-label]`), await page.text(`${row} [data-testid=account-sub]`)]).toEqual(['E2E Issuer', 'round-trip@example.com']);
        expect(await page.text(`${row} [data-testid=letter-mark]`)).toBe('E');
        // "Show next code" only in the last 10 seconds of a code; then it gives the code an authenticator shows next.
        const offer = () => page.evaluateWith((r) => ({
          seconds: Number(document.querySelector(`${r} [data-testid=countdown-seconds]`)?.textContent),
          offered: !(document.querySelector(`${r} [data-testid=next-code]`) as HTMLElement).hidden,
        }), row);
        const early = await until('a moment with more than 11 seconds left', async () => { const o = await offer(); return o.seconds > 11 ? o : undefined; }, 35_000);
        expect(early.offered, 'no next code while the current one has time').toBe(false);
        await page.waitFor(`${row} [data-testid=next-code]:not([hidden])`, 35_000);
        const current = await shownCode(page, imported.id);
        await page.click(`${row} [data-testid=next-code]`);
        await page.waitFor(`${row} [data-testid=next-code-value][data-code]`);
        const next = await page.evaluateWith((r) => document.querySelector<HTMLElement>(`${r} [data-testid=next-code-value]`)!.dataset.code!, row);
        expect(next).not.toBe(current);
        // (If the step turned meanwhile, the next code is now the current one.)
        expect([totpNow(secret, 1), totpNow(secret)]).toContain(next);
        await page.close();
      });

      it('the exported backup holds neither the secret nor either password in clear', async () => {
        // Export: what the page hands to the download is captured on its way out.
        await options.evaluate(() => {
          const original = URL.createObjectURL.bind(URL);
          URL.createObjectURL = (blob: Blob | MediaSource) => { (window as any).e2eBackup = blob; return original(blob); };
        });
        await options.fill('#export-password', backupPassword);
        await options.fill('#export-confirm', backupPassword);
        await options.click('#export-submit');
        await options.waitForText('#export-result', /downloaded/i);
        const backupText = await options.evaluate(() => ((window as any).e2eBackup as Blob).text());
        const backup = JSON.parse(backupText) as Record<string, unknown>;
        expectNoPlaintextSecrets(backup, { otpSecret: secret, backupPassword, vaultPassword: VAULT_PASSWORD });
        backupFile = join(scratch!, 'backup.json');
        writeFileSync(backupFile, backupText);
      });

      it('after the account is deleted, the backup with a wrong password is refused', async () => {
        const row = `[data-testid=options-account-row][data-account-id="${imported.id}"]`;
        await options.click(`${row} [data-testid=delete-account]`);
        await options.click(`${row} [data-testid=confirm-delete]`);
        await until('the deleted row to go', async () => (await options.count(row)) === 0);
        before = (await readVaultAccounts(await ext.dumpStorage(), VAULT_PASSWORD)).length;

        await options.setInputFile('#backup-file', backupFile);
        await options.fill('#backup-password', `${backupPassword}-wrong`);
        await options.click('#backup-import-submit');
        const refused = await options.waitForText('#backup-import-result', /\S/);
        expect(refused).not.toMatch(/Imported 1/);
        expect(await options.evaluate(() => document.getElementById('backup-import-result')!.className)).toBe('error');
      });

      it('with the right password the backup brings the account back, code and all', async () => {
        await options.fill('#backup-password', backupPassword);
        await options.click('#backup-import-submit');
        await options.waitForText('#backup-import-result', new RegExp(`Imported 1, skipped ${before}`));
        const restored = await findImported();
        expect(restored, 'the account is back from the backup').toBeDefined();
        expect(restored).toMatchObject({ label: imported.label, issuer: imported.issuer, digits: 6, period: 30 });
        const page = await popup();
        expect([totpNow(secret, -1), totpNow(secret)]).toContain(await shownCode(page, restored!.id));
        await expectSecretsOnlyEncrypted(undefined, { otpSecret: secret, backupPassword });
      });
    });
  });
}
