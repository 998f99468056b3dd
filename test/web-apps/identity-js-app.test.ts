// The amazon-cognito-identity-js test app (web-apps/identity-js) signs in against the local pool
// on its own, in Chromium and Firefox ESR: a person types username and password, the app's TOTP
// step shows (totpRequired), the code is typed, and the library's own RespondToAuthChallenge
// succeeds. Also pins down the session format issue 9 writes for this library: the same key names
// as Amplify v6, but clockDrift in seconds and with the opposite sign (web-apps/README.md).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../referees/helpers/totp';
import { BROWSERS, launchBrowser, type AppPage, type TestBrowser } from './browsers';
import {
  PAGE_CLOCK_BEHIND_MS, SRP_TOTP_SIGN_IN, expectShowsSignedIn, jwtPayload, sessionKeysOf, startWebAppsFixture, storageOf,
  type WebAppsFixture,
} from './support';

const userIn = (browser: string) => `ijs-${browser}`;

let fx: WebAppsFixture;
beforeAll(async () => { fx = await startWebAppsFixture('identity-js', { totp: BROWSERS.map(userIn) }); });
afterAll(async () => fx?.close());

for (const browserName of BROWSERS) {
  describe(`the amazon-cognito-identity-js app against the local pool, in ${browserName}`, () => {
    const USER = userIn(browserName);
    let browser: TestBrowser;
    let page: AppPage;
    let calls: string[];
    let local: Record<string, string>;

    beforeAll(async () => {
      browser = await launchBrowser(browserName);
      const { username, password, totpSecret } = fx.user(USER);
      page = await browser.newPage({ clockOffsetMs: -PAGE_CLOCK_BEHIND_MS });
      fx.calls.clear();
      // The pool in the query string this time: the app needs no /config.json then.
      await page.goto(fx.apps.url('identity-js', { pool: fx.config }));
      await page.waitVisible('#sign-in-form input[name="username"]');
      await page.type('#sign-in-form input[name="username"]', username);
      await page.type('#sign-in-form input[name="password"]', password);
      await page.click('#sign-in-form button[type="submit"]');
      await page.waitVisible('#totp-form input#totpCode');
      await page.type('#totp-form input#totpCode', totpCode(totpSecret, Date.now()));
      await page.click('#totp-form button[type="submit"]');
      await page.waitVisible('[data-testid="attributes"]');
      local = await storageOf(page, 'localStorage');
      calls = [...fx.calls.list];
    });
    afterAll(async () => {
      await page?.close();
      await browser?.close();
    });

    it("signs in with the library's own SRP and TOTP calls, then makes an authenticated call", async () => {
      expect(calls.slice(0, 3)).toEqual(SRP_TOTP_SIGN_IN);
      const attributes = await expectShowsSignedIn(page, calls, USER, local[`CognitoIdentityServiceProvider.${fx.pool.clientId}.${USER}.idToken`]);
      expect(attributes['email']).toBe(`${USER}@example.com`);
    });

    it('stores the session under the same key names as Amplify v6, device keys too, without signInDetails', () => {
      const prefix = `CognitoIdentityServiceProvider.${fx.pool.clientId}.`;
      const keys = sessionKeysOf(local, fx.pool.clientId);
      // The library confirms the pool's new device itself (ConfirmDevice) and keeps its keys in plaintext too.
      expect(keys).toEqual([
        'LastAuthUser',
        ...['accessToken', 'clockDrift', 'deviceGroupKey', 'deviceKey', 'idToken', 'randomPasswordKey', 'refreshToken'].map((k) => `${USER}.${k}`),
      ]);
      expect(calls).toContain('ConfirmDevice->200');
      expect(local[`${prefix}LastAuthUser`]).toBe(USER);
      expect(jwtPayload(local[`${prefix}${USER}.accessToken`])).toMatchObject({ token_use: 'access', username: USER, client_id: fx.pool.clientId });
      expect(jwtPayload(local[`${prefix}${USER}.idToken`])).toMatchObject({ token_use: 'id', 'cognito:username': USER, aud: fx.pool.clientId });
      expect(local[`${prefix}${USER}.refreshToken`]!.length).toBeGreaterThan(20);
    });

    it('stores clockDrift in seconds as the page clock − iat (negative when the page is behind)', () => {
      const drift = local[`CognitoIdentityServiceProvider.${fx.pool.clientId}.${USER}.clockDrift`]!;
      expect(drift).toMatch(/^-?\d+$/);
      const behindSeconds = PAGE_CLOCK_BEHIND_MS / 1000;
      expect(Number(drift)).toBeGreaterThanOrEqual(-behindSeconds - 1);
      expect(Number(drift)).toBeLessThan(-behindSeconds + 10);
    });

    it('resumes the stored session after a reload, as such apps do', async () => {
      await page.reload();
      await page.waitVisible('[data-testid="attributes"]');
      expect(await page.text('[data-testid="signed-in-username"]')).toBe(USER);
    });
  });
}
