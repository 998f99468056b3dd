/**
 * Killed in flight, nothing lost: in real Chromium and Firefox, the background is stopped while
 * PASSWORD_VERIFIER, VerifySoftwareToken (MFA_SETUP) and ConfirmDevice are on the wire. The local
 * pool processes each request and holds its answer (cognito-local-user-pool's response holds); the background
 * is killed (Chromium: ServiceWorker.stopAllWorkers; Firefox: terminateBackground), then the
 * answer is let go. The popup must show the sign-in as interrupted, with its sentence and Try
 * again; Try again must sign in; the TOTP secret Cognito accepted must be in the vault. And a
 * vault password change killed while it writes leaves the old vault or the new one, whole.
 */
import { randomBytes } from 'node:crypto';
import { base32 } from '@scure/base';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HoldMatch } from 'cognito-local-user-pool';
import { startRefereePool, type LocalPool } from '../referees/helpers/local-pool';
import { setUpPool, type RefereePool } from '../referees/helpers/setup';
import type { Account } from '../../src/background/accounts/model';
import { cleanUp, launchExtension, OPTIONS_PATH, type ExtensionUnderTest, type ExtPage, LOCAL_POOL_HOST_PATTERN } from '../../browser-harness/launch';
import { expectNoPlaintextSecrets } from './secret-scan';
import { addCognitoAccount, flowProgress, openPopup, promptKind, setUpVault, startSignIn, waitForFlow, type ShownEvent } from '../../browser-harness/steps';
import { challengesOf } from '../progress-events';
import { until } from '../../browser-harness/until';
import { sendToBackground } from '../../browser-harness/extension-api';
import { readCognitoAccount, readVaultAccounts } from './vault-reader';

const VAULT_PASSWORD = `vault-${randomBytes(6).toString('hex')}`;
const EN = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../public/_locales/en/messages.json'), 'utf8')) as Record<string, { message: string }>;
const INTERRUPTED = EN.flowFailed!.message.replace('$reason$', EN.errorCodeInterrupted!.message);

for (const browserName of ['chromium', 'firefox'] as const) {
  describe(`${browserName}: the background stopped while a request is on the wire`, () => {
    let server: LocalPool;
    let mfa: RefereePool;
    let plain: RefereePool;
    let ext: ExtensionUnderTest;
    const open: ExtPage[] = [];

    beforeAll(async () => {
      server = await startRefereePool();
      mfa = await setUpPool(server.endpoint, { poolName: `inflight-mfa-${browserName}`, mfa: 'ON',
        users: [{ username: 'enrol', kind: 'ready' }, { username: 'device', kind: 'ready' }] });
      plain = await setUpPool(server.endpoint, { poolName: `inflight-plain-${browserName}`, mfa: 'OPTIONAL', users: [{ username: 'plain', kind: 'ready' }] });
      ext = await launchExtension(browserName);
      await ext.preApproveHostPermission(LOCAL_POOL_HOST_PATTERN);
      await setUpVault(ext, VAULT_PASSWORD);
    }, 120_000);

    afterAll(() => cleanUp([
      async () => { for (const page of open.splice(0)) await page.close().catch(() => {}); },
      () => ext?.close(),
      () => server?.close(),
    ]));

    async function popup(): Promise<ExtPage> {
      const page = await openPopup(ext);
      open.push(page);
      return page;
    }

    const poolUser = (pool: RefereePool, username: string) => server.store.pools[pool.userPoolId]!.users[username]!;

    /**
     * With the pool holding the answer `match`, kills the background, lets the answer go (to no
     * one), and waits for the popup to say the sign-in was interrupted.
     */
    async function killWhileHeld(page: ExtPage, match: HoldMatch): Promise<void> {
      await server.holds.whenHeld(match);
      await ext.killBackground();
      server.holds.releaseAll();
      await until('the popup to show the sign-in as interrupted',
        async () => (await page.evaluate(() => document.getElementById('flow-status')?.dataset.status)) === 'failed', 30_000);
      expect(await page.text('#flow-status')).toBe(INTERRUPTED);
      expect(await page.evaluate(() => document.getElementById('flow-status')!.dataset.errorCode)).toBe('interrupted');
      expect(await page.evaluate(() => !document.getElementById('flow-retry')!.hidden), 'Try again is offered').toBe(true);
    }

    /** Try again: a new sign-in, which must succeed. */
    async function tryAgain(page: ExtPage): Promise<ShownEvent[]> {
      await page.click('#flow-retry');
      await until('the retry to start a new sign-in', async () => (await page.count('#flow-status[data-status=failed]')) === 0);
      await waitForFlow(page, ['signed-in'], 60_000);
      return flowProgress(page);
    }

    it('PASSWORD_VERIFIER on the wire: interrupted, then Try again signs in', async () => {
      const user = plain.users.plain!;
      const id = await addCognitoAccount(ext, { label: 'In flight password', pool: plain, username: user.username, password: user.password, policy: 'auto', rememberDevice: false });
      const match = { operation: 'RespondToAuthChallenge', challengeName: 'PASSWORD_VERIFIER' };
      server.holds.arm(match);
      const page = await popup();
      await startSignIn(page, id);
      await killWhileHeld(page, match);
      expect(await tryAgain(page)).toContainEqual(expect.objectContaining({ kind: 'signed-in', username: 'plain' }));
    });

    it('VerifySoftwareToken on the wire at MFA_SETUP: the secret Cognito accepted is in the vault and answers the next sign-in', async () => {
      const user = mfa.users.enrol!;
      const id = await addCognitoAccount(ext, { label: 'In flight enrolment', pool: mfa, username: user.username, password: user.password, policy: 'auto', rememberDevice: false });
      const page = await popup();
      await startSignIn(page, id);
      await waitForFlow(page, ['needs-input']);
      expect(await promptKind(page)).toBe('mfa-setup');
      const match = { operation: 'VerifySoftwareToken' };
      server.holds.arm(match);
      await page.click('#approve');
      await killWhileHeld(page, match);

      const accepted = poolUser(mfa, 'enrol').totp!;
      expect(accepted.verified, 'Cognito (the pool) accepted the secret before its answer was held').toBe(true);
      const kept = (await readCognitoAccount(await ext.dumpStorage(), VAULT_PASSWORD, 'enrol')).secrets;
      expect(kept.pendingTotpSecret, 'the vault kept the secret although the answer never came').toBe(accepted.secret);

      expect(challengesOf(await tryAgain(page))).toContain('SOFTWARE_TOKEN_MFA');
      const dump = await ext.dumpStorage();
      const after = (await readCognitoAccount(dump, VAULT_PASSWORD, 'enrol')).secrets;
      expect(after.totpSecret).toBe(accepted.secret);
      expect(after.pendingTotpSecret).toBeUndefined();
      for (const page of open.splice(0)) await page.close();
      expectNoPlaintextSecrets(await ext.dumpStorage(), { totpSecret: accepted.secret, password: user.password, vaultPassword: VAULT_PASSWORD });
    });

    it('ConfirmDevice on the wire: interrupted, the enrolled secret is kept, Try again signs in', async () => {
      const user = mfa.users.device!;
      const id = await addCognitoAccount(ext, { label: 'In flight device', pool: mfa, username: user.username, password: user.password, policy: 'auto', rememberDevice: true });
      const page = await popup();
      await startSignIn(page, id);
      await waitForFlow(page, ['needs-input']);
      expect(await promptKind(page)).toBe('mfa-setup');
      const match = { operation: 'ConfirmDevice' };
      server.holds.arm(match);
      await page.click('#approve');
      await killWhileHeld(page, match);

      const accepted = poolUser(mfa, 'device').totp!;
      const kept = (await readCognitoAccount(await ext.dumpStorage(), VAULT_PASSWORD, 'device')).secrets;
      expect(kept.totpSecret).toBe(accepted.secret);
      expect(kept.device).toBeUndefined();
      const steps = await tryAgain(page);
      expect(challengesOf(steps)).toContain('SOFTWARE_TOKEN_MFA');
      expect((await readCognitoAccount(await ext.dumpStorage(), VAULT_PASSWORD, 'device')).secrets.device?.deviceKey).toBeTruthy();
    });

    it('a vault password change killed while it writes the new generation: exactly one password opens the vault, with every account', async () => {
      // Enough records that copying them takes a while; the kill comes at the first record of
      // the new generation, as seen from a page (storage.onChanged), so it lands during the copy
      // or soon after. Whatever step it hits, the vault must be the old one or the new one, whole.
      const lines = Array.from({ length: 40 }, (_, i) =>
        `otpauth://totp/Rekey:bulk-${i}?secret=${base32.encode(randomBytes(10)).replace(/=+$/, '')}&issuer=Rekey`);
      const options = await ext.openPage(OPTIONS_PATH);
      open.push(options);
      await options.waitFor('#import-text');
      await options.fill('#import-text', lines.join('\n'));
      await options.click('#import-text-submit');
      await options.waitForText('#import-result', /Imported 40, skipped 0/, 30_000);
      const before = await readVaultAccounts(await ext.dumpStorage(), VAULT_PASSWORD);
      expect(before.length).toBeGreaterThanOrEqual(40);

      const watcher = await popup();
      const firstNewRecord = watcher.evaluate(() => new Promise<string>((resolveKey) => {
        const api = (globalThis as any).browser ?? (globalThis as any).chrome;
        api.storage.onChanged.addListener((changes: Record<string, { newValue?: unknown }>, area: string) => {
          const key = Object.keys(changes).find((k) => /^vault\.record:\d+:/.test(k) && changes[k]!.newValue !== undefined);
          if (area === 'local' && key) resolveKey(key);
        });
      }));
      const changed = `changed-${randomBytes(6).toString('hex')}`;
      await options.waitFor('#vault-password-submit:not([disabled])');
      await options.fill('#vault-current-password', VAULT_PASSWORD);
      await options.fill('#vault-new-password', changed);
      await options.fill('#vault-new-confirm', changed);
      await options.click('#vault-password-submit');
      expect(await firstNewRecord).toMatch(/^vault\.record:\d+:/);
      await ext.killBackground();
      // The page has its answer (an error; or, in Firefox, which sends the request again to the
      // restarted background, that one's answer): nothing is writing any more.
      await options.waitFor('#vault-password-submit:not([disabled])', 60_000);

      const dump = await ext.dumpStorage();
      const opened: { password: string; accounts: Account[] }[] = [];
      for (const password of [VAULT_PASSWORD, changed]) {
        try {
          opened.push({ password, accounts: await readVaultAccounts(dump, password) });
        } catch (error) {
          expect((error as { code?: string }).code).toBe('wrong-password');
        }
      }
      expect(opened, 'exactly one of the old and new passwords opens the vault').toHaveLength(1);
      const byId = (accounts: Account[]) => [...accounts].sort((a, b) => a.id.localeCompare(b.id));
      expect(byId(opened[0]!.accounts)).toEqual(byId(before));

      // The browser's own view agrees: unlocked as it was, or locked until the password that opens it.
      for (const page of open.splice(0)) await page.close();
      const page = await popup();
      if (await page.count('#unlock-form')) {
        await page.fill('#unlock-password', opened[0]!.password);
        await page.click('#unlock-submit');
      }
      await page.waitFor('#view[data-view=accounts]', 30_000);
      const listed = await sendToBackground(page, { type: 'list-accounts' });
      expect(listed.accounts).toHaveLength(before.length);
      // Back to the scenarios' password (a no-op when the change did not happen).
      if (opened[0]!.password !== VAULT_PASSWORD) {
        expect(await sendToBackground(page, { type: 'change-vault-password', currentPassword: changed, newPassword: VAULT_PASSWORD })).toEqual({ ok: true });
      }
    }, 180_000);
  });
}
