// Whose name is in the storage keys: in a pool where people sign in with their e-mail address
// (UsernameAttributes: email), Cognito's username is a generated id, and both libraries key the
// session by that id (USER_ID_FOR_SRP, the token's `username`), not by what was typed; Amplify
// keeps the typed address only in signInDetails.loginId. Issue 9 finds and writes sessions by it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdminCreateUserCommand, AdminSetUserPasswordCommand, CreateUserPoolClientCommand, CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { startLocalPool } from 'cognito-local-user-pool';
import { ALL_AUTH_FLOWS, cognitoClient, randomPassword, regionOfPool, SETUP_REGION } from '../referees/helpers/setup';
import { startWebApps, type PoolConfig, type WebAppsServer } from '../../web-apps/server';
import { BROWSERS, launchBrowser, type AppPage, type TestBrowser } from './browsers';
import { jwtPayload, sessionKeysOf, storageOf } from './support';

const EMAIL = 'Person.Alias@example.com';
const PASSWORD = randomPassword();

let closePool: () => Promise<void>;
let apps: WebAppsServer;
let config: PoolConfig;
let canonical: string;

beforeAll(async () => {
  const server = await startLocalPool({ port: 0 });
  closePool = () => server.close();
  const setup = cognitoClient(server.endpoint, SETUP_REGION);
  try {
    const created = await setup.send(new CreateUserPoolCommand({ PoolName: 'web-apps-email', UsernameAttributes: ['email'] }));
    const userPoolId = created.UserPool!.Id!;
    const admin = cognitoClient(server.endpoint, regionOfPool(userPoolId));
    try {
      const client = await admin.send(new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: 'email-app', ExplicitAuthFlows: ALL_AUTH_FLOWS }));
      const user = await admin.send(new AdminCreateUserCommand({
        UserPoolId: userPoolId, Username: EMAIL, MessageAction: 'SUPPRESS', TemporaryPassword: randomPassword(),
        UserAttributes: [{ Name: 'email_verified', Value: 'true' }],
      }));
      canonical = user.User!.Username!;
      await admin.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: EMAIL, Password: PASSWORD, Permanent: true }));
      config = { userPoolId, clientId: client.UserPoolClient!.ClientId!, endpoint: server.endpoint };
    } finally {
      admin.destroy();
    }
  } finally {
    setup.destroy();
  }
  apps = await startWebApps({ pool: config });
});
afterAll(async () => {
  await apps?.close();
  await closePool?.();
});

for (const browserName of BROWSERS) {
  describe(`signing in with an e-mail address (UsernameAttributes), in ${browserName}`, () => {
    let browser: TestBrowser;
    beforeAll(async () => { browser = await launchBrowser(browserName); });
    afterAll(async () => browser?.close());

    async function signedIn(app: 'amplify' | 'identity-js', form: string): Promise<{ page: AppPage; local: Record<string, string> }> {
      const page = await browser.newPage();
      await page.goto(apps.url(app));
      await page.waitVisible(`${form} input[name="username"]`);
      await page.type(`${form} input[name="username"]`, EMAIL);
      await page.type(`${form} input[name="password"]`, PASSWORD);
      await page.click(`${form} button[type="submit"]`);
      await page.waitVisible('[data-testid="attributes"]');
      return { page, local: await storageOf(page, 'localStorage') };
    }

    it('Amplify v6 keys the session by the generated username and keeps the typed address in signInDetails', async () => {
      expect(canonical).not.toBe(EMAIL);
      const { page, local } = await signedIn('amplify', 'form[data-amplify-authenticator-signin]');
      try {
        expect(await page.text('[data-testid="signed-in-username"]')).toBe(canonical);
        // Sorted both sides: the generated id may sort before or after "LastAuthUser".
        expect(sessionKeysOf(local, config.clientId)).toEqual(['LastAuthUser', ...['accessToken', 'clockDrift', 'idToken', 'refreshToken', 'signInDetails'].map((k) => `${canonical}.${k}`)].sort());
        const prefix = `CognitoIdentityServiceProvider.${config.clientId}.`;
        expect(local[`${prefix}LastAuthUser`]).toBe(canonical);
        expect(jwtPayload(local[`${prefix}${canonical}.accessToken`])['username']).toBe(canonical);
        expect(JSON.parse(local[`${prefix}${canonical}.signInDetails`]!)).toEqual({ loginId: EMAIL, authFlowType: 'USER_SRP_AUTH' });
      } finally {
        await page.close();
      }
    });

    it('amazon-cognito-identity-js keys it by the generated username too', async () => {
      const { page, local } = await signedIn('identity-js', '#sign-in-form');
      try {
        expect(await page.text('[data-testid="signed-in-username"]')).toBe(canonical);
        expect(sessionKeysOf(local, config.clientId)).toEqual(['LastAuthUser', ...['accessToken', 'clockDrift', 'idToken', 'refreshToken'].map((k) => `${canonical}.${k}`)].sort());
        expect(local[`CognitoIdentityServiceProvider.${config.clientId}.LastAuthUser`]).toBe(canonical);
      } finally {
        await page.close();
      }
    });
  });
}
