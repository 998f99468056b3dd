// Exporting one account from the options page, in the packaged extension in real Chromium and
// Firefox ESR: a warning first, the vault password typed again (a wrong one shows its error on
// the field and no secret), then a QR code drawn in the page that decodes (jsQR, in node) to the
// otpauth link shown beside it, for the same secret. Hide and a lock each take the secret out of
// the page; a Cognito account without a TOTP secret says it has nothing to export; storage never
// holds the secret in clear.
import { randomBytes } from 'node:crypto';
import { base32 } from '@scure/base';
import jsQR from 'jsqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOtpauthUri } from '../../src/otp/otpauth-uri';
import { cleanUp, launchExtension, OPTIONS_PATH, type ExtensionUnderTest, type ExtPage } from '../../browser-harness/launch';
import { openPopup, setUpVault } from '../../browser-harness/steps';
import { sendToBackground } from '../../browser-harness/extension-api';
import { until } from '../../browser-harness/until';
import { expectNoPlaintextSecrets } from './secret-scan';
import EN from '../../public/_locales/en/messages.json' with { type: 'json' };

const VAULT_PASSWORD = `export-${randomBytes(6).toString('hex')}`;
const TOTP_SECRET = base32.encode(randomBytes(20)).replace(/=+$/, '');
const COGNITO_TOTP = base32.encode(randomBytes(20)).replace(/=+$/, '');

const row = (id: string) => `[data-testid=options-account-row][data-account-id="${id}"]`;
const pageHolds = (page: ExtPage, secret: string) => page.evaluateWith((s) => {
  const values = [...document.querySelectorAll<HTMLInputElement>('input, textarea')].map((i) => i.value);
  return document.documentElement.outerHTML.includes(s) || values.some((v) => v.includes(s));
}, secret);

/** The QR code the page drew, decoded in node. */
async function decodeShownQr(page: ExtPage): Promise<string | undefined> {
  const pixels = await page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('#export-account-qr canvas')!;
    const image = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    return { data: [...image.data], width: image.width, height: image.height };
  });
  return jsQR(Uint8ClampedArray.from(pixels.data), pixels.width, pixels.height)?.data;
}

describe.each(['chromium', 'firefox'] as const)('%s: export one account as a QR code and otpauth link', (browserName) => {
  let ext: ExtensionUnderTest;
  let options: ExtPage;
  const pages: ExtPage[] = [];
  const ids = { totp: '', cognito: '', bare: '' };

  beforeAll(async () => {
    ext = await launchExtension(browserName);
    await setUpVault(ext, VAULT_PASSWORD);
    options = await ext.openPage(OPTIONS_PATH);
    pages.push(options);
    await options.waitFor('#add-cognito-account');
    const add = async (account: Record<string, unknown>) => {
      const answer = await sendToBackground(options, { type: 'add-account', account });
      expect(answer).toMatchObject({ ok: true });
      return answer.id as string;
    };
    ids.totp = await add({ kind: 'totp', label: 'me@example.com', issuer: 'Example', secret: TOTP_SECRET, algorithm: 'SHA1', digits: 6, period: 30 });
    ids.cognito = await add({ kind: 'cognito', label: 'Pool with TOTP', userPoolId: 'eu-west-1_Export1', clientId: 'exportclient', username: 'alice',
      policy: { autoAnswer: true, rememberDevice: false }, totpSecret: COGNITO_TOTP });
    ids.bare = await add({ kind: 'cognito', label: 'Pool without TOTP', userPoolId: 'eu-west-1_Export2', clientId: 'exportclient', username: 'bob',
      policy: { autoAnswer: true, rememberDevice: false } });
    await options.reload();
    await options.waitFor(row(ids.bare));
  });
  afterAll(() => cleanUp([...pages.map((p) => () => p.close()), () => ext?.close()]));

  it('warns, refuses a wrong vault password on its field, then shows a QR code that decodes to the link shown', async () => {
    await options.click(`${row(ids.totp)} [data-testid=export-account]`);
    await options.waitFor('[data-testid=export-account-warning]');
    expect(await options.text('[data-testid=export-account-warning]')).toBe(EN.exportAccountWarning.message);

    await options.fill('#export-account-password', 'not the vault password');
    await options.click('#export-account-submit');
    await options.waitForText('#export-account-password-error', /./);
    expect(await options.count('#export-account-qr')).toBe(0);
    expect(await pageHolds(options, TOTP_SECRET)).toBe(false);

    await options.fill('#export-account-password', VAULT_PASSWORD);
    await options.click('#export-account-submit');
    await options.waitFor('#export-account-qr canvas');
    const link = await options.text('#export-account-uri');
    expect(parseOtpauthUri(link)).toMatchObject({ type: 'totp', issuer: 'Example', account: 'me@example.com', secret: TOTP_SECRET });
    expect(await decodeShownQr(options)).toBe(link);
    // The typed password is not kept in the page either.
    expect(await pageHolds(options, VAULT_PASSWORD)).toBe(false);

    await options.click('#export-account-hide');
    await until('Hide to remove the secret', async () => !(await pageHolds(options, TOTP_SECRET)));
    expect(await options.count('#export-account-qr')).toBe(0);
  });

  it('a Cognito account exports its TOTP secret as after MFA set-up; one without says there is nothing to export', async () => {
    await options.click(`${row(ids.cognito)} [data-testid=export-account]`);
    await options.fill('#export-account-password', VAULT_PASSWORD);
    await options.click('#export-account-submit');
    await options.waitFor('#export-account-qr canvas');
    expect(parseOtpauthUri(await options.text('#export-account-uri'))).toMatchObject({ issuer: 'Cognito eu-west-1_Export1', account: 'alice', secret: COGNITO_TOTP });
    await options.click('#export-account-hide');

    await options.click(`${row(ids.bare)} [data-testid=export-account]`);
    await options.fill('#export-account-password', VAULT_PASSWORD);
    await options.click('#export-account-submit');
    const said = await options.waitForText('#export-account-result', /./);
    expect(said).toContain(EN.errorCodeNothingToExport.message);
    expect(await options.count('#export-account-qr')).toBe(0);
    await options.click('#export-account-cancel');
  });

  it('a lock takes the shown secret out of the page, and storage never holds it in clear', async () => {
    await options.click(`${row(ids.totp)} [data-testid=export-account]`);
    await options.fill('#export-account-password', VAULT_PASSWORD);
    await options.click('#export-account-submit');
    await options.waitFor('#export-account-qr canvas');
    expect(await pageHolds(options, TOTP_SECRET)).toBe(true);

    const popup = await openPopup(ext);
    pages.push(popup);
    await popup.waitFor('#lock:not([hidden])');
    await popup.click('#lock');
    await options.waitFor('#options-unlock-form');
    expect(await pageHolds(options, TOTP_SECRET)).toBe(false);
    expect(await options.count('canvas')).toBe(0);
    expectNoPlaintextSecrets(await ext.dumpStorage(), { totp: TOTP_SECRET, cognitoTotp: COGNITO_TOTP, vaultPassword: VAULT_PASSWORD });
  });
});
