// MFA_SETUP by e-mail through the real popup of the packaged Chrome extension (issue 7 item 13):
// a pool that requires MFA and offers only e-mail codes; the popup asks for the address, the
// pool sends the code (read back from its /_local/codes), the popup takes it and signs in.
import { randomBytes } from 'node:crypto';
import { SetUserPoolMfaConfigCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRefereePool, type LocalPool } from '../referees/helpers/local-pool';
import { cognitoClient, setUpPool, type RefereePool } from '../referees/helpers/setup';
import { cleanUp, launchExtension, type ExtensionUnderTest, type ExtPage, LOCAL_POOL_HOST_PATTERN } from '../../browser-harness/launch';
import { expectNoPlaintextSecrets } from './secret-scan';
import { until } from '../../browser-harness/until';
import { addCognitoAccount, answerPrompt, openPopup, promptKind, setUpVault, startSignIn, waitForFlow } from '../../browser-harness/steps';

const VAULT_PASSWORD = `vault-${randomBytes(6).toString('hex')}`;

describe('chromium: MFA_SETUP offering only e-mail codes', () => {
  let server: LocalPool;
  let pool: RefereePool;
  let ext: ExtensionUnderTest;
  let popup: ExtPage | undefined;

  beforeAll(async () => {
    server = await startRefereePool();
    pool = await setUpPool(server.endpoint, { poolName: 'e2e-email-setup', mfa: 'ON', users: [{ username: 'e2e-email', kind: 'ready' }] });
    const sdk = cognitoClient(server.endpoint, pool.region);
    await sdk.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: pool.userPoolId,
        MfaConfiguration: 'ON',
        SoftwareTokenMfaConfiguration: { Enabled: false },
        EmailMfaConfiguration: { Message: 'Your code is {####}', Subject: 'Code' },
      }),
    );
    sdk.destroy();
    ext = await launchExtension('chromium');
    await ext.preApproveHostPermission(LOCAL_POOL_HOST_PATTERN);
    await setUpVault(ext, VAULT_PASSWORD);
  });

  afterAll(() => cleanUp([() => popup?.close(), () => ext?.close(), () => server?.close()]));

  it('asks for the address, then the e-mailed code, and signs in', async () => {
    const user = pool.users['e2e-email']!;
    const accountId = await addCognitoAccount(ext, { label: 'E-mail MFA', pool, username: user.username, password: user.password, policy: 'auto', rememberDevice: false });
    popup = await openPopup(ext);
    await startSignIn(popup, accountId);
    await waitForFlow(popup, ['needs-input']);
    expect(await promptKind(popup)).toBe('mfa-setup');
    // no authenticator on offer: the TOTP consent button is not there, the address field is
    expect(await popup.count('#approve')).toBe(0);
    await popup.fill('#prompt-mfa-email', 'e2e-email@example.com');
    await answerPrompt(popup, '#approve-email', ['needs-input']);
    expect(await promptKind(popup)).toBe('email-code');

    const res = await fetch(`${server.endpoint.replace(/\/$/, '')}/_local/codes/${pool.userPoolId}/${user.username}`);
    const { code } = (await res.json()) as { code: string };
    await popup.fill('#prompt-code', code);
    await answerPrompt(popup, '#prompt-submit', ['signed-in']);
    expectNoPlaintextSecrets(await ext.dumpStorage(), { savedPassword: user.password, vaultPassword: VAULT_PASSWORD });
  });

  it('with TOTP offered too, Enter in the address field sets up e-mail codes, not the authenticator', async () => {
    const both = await setUpPool(server.endpoint, { poolName: 'e2e-email-or-totp', mfa: 'ON', users: [{ username: 'e2e-either', kind: 'ready' }] });
    const sdk = cognitoClient(server.endpoint, both.region);
    await sdk.send(new SetUserPoolMfaConfigCommand({
      UserPoolId: both.userPoolId,
      MfaConfiguration: 'ON',
      SoftwareTokenMfaConfiguration: { Enabled: true },
      EmailMfaConfiguration: { Message: 'Your code is {####}', Subject: 'Code' },
    }));
    sdk.destroy();
    const user = both.users['e2e-either']!;
    const accountId = await addCognitoAccount(ext, { label: 'E-mail or TOTP', pool: both, username: user.username, password: user.password, policy: 'auto', rememberDevice: false });
    await popup?.close();
    popup = await openPopup(ext);
    await startSignIn(popup, accountId);
    await waitForFlow(popup, ['needs-input']);
    expect(await promptKind(popup)).toBe('mfa-setup');
    expect(await popup.count('#approve')).toBe(1);
    await popup.fill('#prompt-mfa-email', 'e2e-either@example.com');
    await popup.press('Enter');
    const page = popup;
    const moved = await until('the MFA set-up prompt to be answered', async () => {
      const now = await page.evaluate(() => ({
        status: document.getElementById('flow-status')?.dataset.status,
        kind: document.getElementById('prompt-form')?.dataset.promptKind,
      }));
      const waiting = now.status === 'running' || now.status === 'starting' || (now.status === 'needs-input' && now.kind === 'mfa-setup');
      return waiting ? undefined : now;
    });
    // Enrolling the authenticator would have ended signed in with no further prompt.
    expect(moved).toEqual({ status: 'needs-input', kind: 'email-code' });
  });
});
