// The Amplify v6 test app (web-apps/amplify: aws-amplify + @aws-amplify/ui-react's Authenticator)
// signs in against the local pool on its own, in Chromium and Firefox ESR: a person types username
// and password, Amplify UI shows its TOTP field, the code is typed, and Amplify's own
// RespondToAuthChallenge succeeds. Also pins down what issue 9's page features rely on: Amplify
// UI's markup (sign-in, TOTP step, TOTP set-up), the sign-in-in-progress state in sessionStorage,
// and the session's localStorage keys and clockDrift format (web-apps/README.md records them).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import jsQR from 'jsqr';
import { totpCode } from '../referees/helpers/totp';
import { BROWSERS, launchBrowser, type AppPage, type TestBrowser } from './browsers';
import {
  PAGE_CLOCK_BEHIND_MS, SRP_TOTP_SIGN_IN, expectShowsSignedIn, jwtPayload, sessionKeysOf, startWebAppsFixture, storageOf,
  type WebAppsFixture,
} from './support';

const SIGN_IN = 'form[data-amplify-authenticator-signin]';
const CONFIRM = 'form[data-amplify-authenticator-confirmsignin]';
const SETUP = 'form[data-amplify-authenticator-setup-totp]';
const CODE_FIELD = 'input[name="confirmation_code"][autocomplete="one-time-code"]';
/** One TOTP user per browser (a code is accepted once per step), and one with no factor yet. */
const userIn = (browser: string) => `amp-${browser}`;
const enrolUserIn = (browser: string) => `amp-enrol-${browser}`;

let fx: WebAppsFixture;
beforeAll(async () => {
  fx = await startWebAppsFixture('amplify', { totp: BROWSERS.map(userIn), unenrolled: BROWSERS.map(enrolUserIn) });
});
afterAll(async () => fx?.close());

async function signInWithPassword(page: AppPage, username: string, password: string): Promise<void> {
  await page.type(`${SIGN_IN} input[name="username"]`, username);
  await page.type(`${SIGN_IN} input[name="password"]`, password);
  await page.click(`${SIGN_IN} button[type="submit"]`);
}

for (const browserName of BROWSERS) {
  describe(`the Amplify v6 app (Authenticator) against the local pool, in ${browserName}`, () => {
    const USER = userIn(browserName);
    let browser: TestBrowser;
    let page: AppPage;
    let calls: string[];
    let signInState: Record<string, string>;
    let local: Record<string, string>;

    beforeAll(async () => {
      browser = await launchBrowser(browserName);
      const { username, password, totpSecret } = fx.user(USER);
      page = await browser.newPage({ clockOffsetMs: -PAGE_CLOCK_BEHIND_MS });
      fx.calls.clear();
      // No pool in the query string: the app reads the server's /config.json.
      await page.goto(fx.apps.url('amplify'));
      await signInWithPassword(page, username, password);
      await page.waitVisible(`${CONFIRM} ${CODE_FIELD}`);
      signInState = await storageOf(page, 'sessionStorage');
      await page.type(`${CONFIRM} ${CODE_FIELD}`, totpCode(totpSecret, Date.now()));
      await page.click(`${CONFIRM} button[type="submit"]`);
      await page.waitVisible('[data-testid="attributes"]');
      local = await storageOf(page, 'localStorage');
      calls = [...fx.calls.list];
    });
    afterAll(async () => {
      await page?.close();
      await browser?.close();
    });

    it("signs in with the app's own SRP and TOTP calls, then makes an authenticated call", async () => {
      expect(calls.slice(0, 3)).toEqual(SRP_TOTP_SIGN_IN);
      const attributes = await expectShowsSignedIn(page, calls, USER, local[`CognitoIdentityServiceProvider.${fx.pool.clientId}.${USER}.idToken`]);
      expect(attributes['email']).toBe(`${USER}@example.com`);
    });

    it('keeps the sign-in in progress in sessionStorage CognitoSignInState.* while the TOTP field shows, and clears it after', async () => {
      expect(Object.keys(signInState).filter((key) => key.startsWith('CognitoSignInState.')).sort()).toEqual([
        'CognitoSignInState.challengeName',
        'CognitoSignInState.expiry',
        'CognitoSignInState.signInSession',
        'CognitoSignInState.username',
      ]);
      expect(signInState['CognitoSignInState.challengeName']).toBe('SOFTWARE_TOKEN_MFA');
      expect(signInState['CognitoSignInState.username']).toBe(USER);
      expect(signInState['CognitoSignInState.signInSession']!.length).toBeGreaterThan(20);
      // Three minutes from the page's own clock.
      const pageNow = Date.now() - PAGE_CLOCK_BEHIND_MS;
      expect(Number(signInState['CognitoSignInState.expiry']) - pageNow).toBeGreaterThan(2 * 60_000);
      expect(Number(signInState['CognitoSignInState.expiry']) - pageNow).toBeLessThanOrEqual(3 * 60_000);
      const after = await storageOf(page, 'sessionStorage');
      expect(Object.keys(after).filter((key) => key.startsWith('CognitoSignInState.'))).toEqual([]);
    });

    it('stores the session under CognitoIdentityServiceProvider.<clientId>.LastAuthUser and .<username>.*', () => {
      const prefix = `CognitoIdentityServiceProvider.${fx.pool.clientId}.`;
      const keys = sessionKeysOf(local, fx.pool.clientId);
      // Device keys too: the pool tracks devices and Amplify confirms one after sign-in.
      expect(keys).toEqual([
        'LastAuthUser',
        ...['accessToken', 'clockDrift', 'deviceGroupKey', 'deviceKey', 'idToken', 'randomPasswordKey', 'refreshToken', 'signInDetails'].map((k) => `${USER}.${k}`),
      ]);
      expect(local[`${prefix}LastAuthUser`]).toBe(USER);
      expect(jwtPayload(local[`${prefix}${USER}.accessToken`])).toMatchObject({ token_use: 'access', username: USER, client_id: fx.pool.clientId });
      expect(jwtPayload(local[`${prefix}${USER}.idToken`])).toMatchObject({ token_use: 'id', 'cognito:username': USER, aud: fx.pool.clientId });
      expect(local[`${prefix}${USER}.refreshToken`]!.length).toBeGreaterThan(20);
      expect(JSON.parse(local[`${prefix}${USER}.signInDetails`]!)).toEqual({ loginId: USER, authFlowType: 'USER_SRP_AUTH' });
      expect(local[`${prefix}${USER}.deviceKey`]).toMatch(/^us-east-1_/);
      expect(calls).toContain('ConfirmDevice->200');
    });

    it('stores clockDrift in milliseconds as iat*1000 − the page clock (positive when the page is behind)', () => {
      const drift = local[`CognitoIdentityServiceProvider.${fx.pool.clientId}.${USER}.clockDrift`]!;
      expect(drift).toMatch(/^-?\d+$/);
      // The page runs 90 s behind; iat is whole seconds, and the sign-in took a moment.
      expect(Number(drift)).toBeGreaterThan(PAGE_CLOCK_BEHIND_MS - 10_000);
      expect(Number(drift)).toBeLessThanOrEqual(PAGE_CLOCK_BEHIND_MS);
    });

    it('shows the secret and an otpauth QR in form[data-amplify-authenticator-setup-totp] (MFA_SETUP), and enrols with a code from it', async () => {
      const { username, password } = fx.unenrolled(enrolUserIn(browserName));
      const setupPage = await browser.newPage();
      try {
        fx.calls.clear();
        await setupPage.goto(fx.apps.url('amplify', { pool: fx.config }));
        await signInWithPassword(setupPage, username, password);
        await setupPage.waitVisible(`${SETUP} img[data-amplify-qrcode]`);
        const secret = (await setupPage.text(`${SETUP} [data-amplify-copy] > div`)).trim();
        // Booleans, so a failure report never prints the secret.
        expect(/^[A-Z2-7]{16,}$/.test(secret), 'the secret is shown in base32').toBe(true);
        // The QR, read from the pixels the page drew, is the otpauth URI of that secret.
        const pixels = await setupPage.evaluate(async (selector) => {
          const img = document.querySelector<HTMLImageElement>(selector)!;
          await img.decode();
          const canvas = document.createElement('canvas');
          canvas.width = img.naturalWidth;
          canvas.height = img.naturalHeight;
          const context = canvas.getContext('2d')!;
          context.drawImage(img, 0, 0);
          return { width: canvas.width, height: canvas.height, data: Array.from(context.getImageData(0, 0, canvas.width, canvas.height).data) };
        }, `${SETUP} img[data-amplify-qrcode]`);
        const uri = new URL(jsQR(Uint8ClampedArray.from(pixels.data), pixels.width, pixels.height)!.data);
        expect(`${uri.protocol}//${uri.host}${decodeURIComponent(uri.pathname)}`).toBe(`otpauth://totp/AWSCognito:${username}`);
        expect(uri.searchParams.get('issuer')).toBe('AWSCognito');
        expect(uri.searchParams.get('secret') === secret, 'the QR carries the shown secret').toBe(true);
        expect(await setupPage.isVisible(`${SETUP} ${CODE_FIELD}`)).toBe(true);
        await setupPage.type(`${SETUP} ${CODE_FIELD}`, totpCode(secret, Date.now()));
        await setupPage.click(`${SETUP} button[type="submit"]`);
        await setupPage.waitVisible('[data-testid="attributes"]');
        expect(await setupPage.text('[data-testid="signed-in-username"]')).toBe(username);
        expect(fx.calls.list.slice(0, 5)).toEqual([
          'InitiateAuth(USER_SRP_AUTH)->200',
          'RespondToAuthChallenge(PASSWORD_VERIFIER)->200',
          'AssociateSoftwareToken->200',
          'VerifySoftwareToken->200',
          'RespondToAuthChallenge(MFA_SETUP)->200',
        ]);
      } finally {
        await setupPage.close();
      }
    });
  });
}
