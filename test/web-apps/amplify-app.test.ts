// The Amplify v6 test app (web-apps/amplify: aws-amplify + @aws-amplify/ui-react's Authenticator)
// signs in against the local pool on its own, in real Chromium: a person types username and
// password, Amplify UI shows its TOTP field, the code is typed, and Amplify's own
// RespondToAuthChallenge succeeds. Also pins down what issue 9's page features rely on: Amplify
// UI's markup, the sign-in-in-progress state in sessionStorage, and the session's localStorage
// keys and clockDrift format (web-apps/README.md records them).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import jsQR from 'jsqr';
import { totpCode } from '../referees/helpers/totp';
import {
  PAGE_CLOCK_BEHIND_MS, jwtPayload, recordPoolCalls, setPageClockBehind, startWebAppsFixture, storageOf,
  type WebAppsFixture,
} from './support';

const USER = 'amp-app-user';
/** Has a password and no factor: the MFA-ON pool sends Amplify UI to its TOTP set-up screen. */
const ENROL_USER = 'amp-app-enrol';
const CODE_FIELD = 'form[data-amplify-authenticator-confirmsignin] input[name="confirmation_code"][autocomplete="one-time-code"]';

let fx: WebAppsFixture;
beforeAll(async () => { fx = await startWebAppsFixture('amplify', { totp: [USER], unenrolled: [ENROL_USER] }); });
afterAll(async () => fx?.close());

describe('the Amplify v6 app (Authenticator) against the local pool', () => {
  let page: Page;
  let calls: string[];
  let signInState: Record<string, string>;
  let local: Record<string, string>;

  beforeAll(async () => {
    const { username, password, totpSecret } = fx.user(USER);
    page = await (await fx.browser.newContext()).newPage();
    await setPageClockBehind(page);
    calls = recordPoolCalls(page, fx.pool.endpoint);
    // No pool in the query string: the app reads the server's /config.json.
    await page.goto(fx.apps.url('amplify'));
    const signIn = page.locator('form[data-amplify-authenticator-signin]');
    await signIn.locator('input[name="username"]').fill(username);
    await signIn.locator('input[name="password"]').fill(password);
    await signIn.locator('button[type="submit"]').click();
    const codeField = page.locator(CODE_FIELD);
    await codeField.waitFor({ state: 'visible', timeout: 20_000 });
    signInState = await storageOf(page, 'sessionStorage');
    await codeField.pressSequentially(totpCode(totpSecret, Date.now()));
    await page.locator('form[data-amplify-authenticator-confirmsignin] button[type="submit"]').click();
    await page.getByTestId('attributes').waitFor({ timeout: 20_000 });
    local = await storageOf(page, 'localStorage');
  });
  afterAll(async () => page?.context().close());

  it("signs in with the app's own SRP and TOTP calls, then makes an authenticated call", async () => {
    expect(calls.slice(0, 3)).toEqual([
      'InitiateAuth(USER_SRP_AUTH)->200',
      'RespondToAuthChallenge(PASSWORD_VERIFIER)->200',
      'RespondToAuthChallenge(SOFTWARE_TOKEN_MFA)->200',
    ]);
    expect(calls).toContain('GetUser->200');
    await expect.poll(() => page.getByTestId('signed-in-username').textContent()).toBe(USER);
    const attributes = JSON.parse((await page.getByTestId('attributes').textContent())!) as Record<string, string>;
    expect(attributes['email']).toBe(`${USER}@example.com`);
    // The attributes are the signed-in user's own: the same sub as the ID token the app holds.
    expect(attributes['sub']).toBe(jwtPayload(local[`CognitoIdentityServiceProvider.${fx.pool.clientId}.${USER}.idToken`])['sub']);
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
    const keys = Object.keys(local).filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length)).sort();
    // Device keys too: the pool tracks devices and Amplify confirms one after sign-in.
    expect(keys).toEqual([
      'LastAuthUser',
      ...['accessToken', 'clockDrift', 'deviceGroupKey', 'deviceKey', 'idToken', 'randomPasswordKey', 'refreshToken', 'signInDetails'].map((k) => `${USER}.${k}`),
    ]);
    expect(local[`${prefix}LastAuthUser`]).toBe(USER);
    const access = jwtPayload(local[`${prefix}${USER}.accessToken`]);
    expect(access).toMatchObject({ token_use: 'access', username: USER, client_id: fx.pool.clientId });
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
});

describe("the Amplify v6 app's TOTP set-up screen (MFA_SETUP)", () => {
  it('shows the secret and an otpauth QR in form[data-amplify-authenticator-setup-totp], and enrols with a code from it', async () => {
    const { username, password } = fx.unenrolled(ENROL_USER);
    const page = await (await fx.browser.newContext()).newPage();
    try {
      const calls = recordPoolCalls(page, fx.pool.endpoint);
      await page.goto(fx.apps.url('amplify', { pool: fx.config }));
      const signIn = page.locator('form[data-amplify-authenticator-signin]');
      await signIn.locator('input[name="username"]').fill(username);
      await signIn.locator('input[name="password"]').fill(password);
      await signIn.locator('button[type="submit"]').click();
      const setup = page.locator('form[data-amplify-authenticator-setup-totp]');
      const qr = setup.locator('img[data-amplify-qrcode]');
      await qr.waitFor({ timeout: 20_000 });
      const secret = ((await setup.locator('[data-amplify-copy] > div').first().textContent()) ?? '').trim();
      // Booleans, so a failure report never prints the secret.
      expect(/^[A-Z2-7]{16,}$/.test(secret), 'the secret is shown in base32').toBe(true);
      // The QR, read from the pixels the page drew, is the otpauth URI of that secret.
      const pixels = await qr.evaluate((img: HTMLImageElement) => {
        const canvas = document.createElement('canvas');
        canvas.width = img.naturalWidth;
        canvas.height = img.naturalHeight;
        const context = canvas.getContext('2d')!;
        context.drawImage(img, 0, 0);
        return { width: canvas.width, height: canvas.height, data: Array.from(context.getImageData(0, 0, canvas.width, canvas.height).data) };
      });
      const uri = new URL(jsQR(Uint8ClampedArray.from(pixels.data), pixels.width, pixels.height)!.data);
      expect(`${uri.protocol}//${uri.host}${decodeURIComponent(uri.pathname)}`).toBe(`otpauth://totp/AWSCognito:${username}`);
      expect(uri.searchParams.get('issuer')).toBe('AWSCognito');
      expect(uri.searchParams.get('secret') === secret, 'the QR carries the shown secret').toBe(true);
      const codeField = setup.locator('input[name="confirmation_code"][autocomplete="one-time-code"]');
      expect(await codeField.isVisible()).toBe(true);
      await codeField.pressSequentially(totpCode(secret, Date.now()));
      await setup.locator('button[type="submit"]').click();
      await page.getByTestId('attributes').waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('signed-in-username').textContent()).toBe(username);
      expect(calls.slice(0, 5)).toEqual([
        'InitiateAuth(USER_SRP_AUTH)->200',
        'RespondToAuthChallenge(PASSWORD_VERIFIER)->200',
        'AssociateSoftwareToken->200',
        'VerifySoftwareToken->200',
        'RespondToAuthChallenge(MFA_SETUP)->200',
      ]);
    } finally {
      await page.context().close();
    }
  });
});
