// A locked vault shows nothing, in real Chromium and Firefox: with the options page open on the
// account list, a pasted otpauth secret in the import box and secrets typed into the account and
// vault-password forms, a lock from the popup's button, and then the auto-lock alarm firing
// with the background stopped, each leave the options page (and the open popup) on the unlock
// form, with no username, label, pool id or secret anywhere in the DOM and every input empty,
// including the inputs the page held before (kept aside in the page to check their values).
import { randomBytes } from 'node:crypto';
import { base32 } from '@scure/base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTO_LOCK_ALARM } from '../../src/background/lock/auto-lock';
import { cleanUp, launchExtension, OPTIONS_PATH, type ExtensionUnderTest, type ExtPage } from '../../browser-harness/launch';
import { openPopup, setUpVault } from '../../browser-harness/steps';
import { until } from '../../browser-harness/until';
import { fireAlarmNow, sendToBackground } from '../../browser-harness/extension-api';

const VAULT_PASSWORD = `lock-${randomBytes(6).toString('hex')}`;
const tag = randomBytes(4).toString('hex');
const SHOWN = {
  username: `lockuser-${tag}`,
  label: `LockLabel ${tag}`,
  poolId: `eu-west-1_Lock${tag}`,
  otpLabel: `OtpLabel ${tag}`,
};
const pastedSecret = () => base32.encode(randomBytes(20)).replace(/=/g, '');


/** Everything a person could read or copy from the page: its text, attributes and input values. */
const pageContents = (page: ExtPage) => page.evaluate(() => {
  const values = [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')].map((i) => i.value);
  const held = ((globalThis as any).__e2eHeldInputs ?? []) as (HTMLInputElement | HTMLTextAreaElement)[];
  return { html: document.documentElement.outerHTML, text: document.body.innerText, values, heldValues: held.map((i) => i.value), held: held.length };
});

/** Fills the options page with secrets: the import box, the OTP form, the vault-password form. */
async function typeSecrets(options: ExtPage, secret: string): Promise<void> {
  await options.fill('#import-text', `otpauth://totp/Pasted:${tag}?secret=${secret}&issuer=Pasted`);
  await options.click('#add-otp-account');
  await options.waitFor('#otp-secret');
  await options.fill('#otp-secret', secret);
  await options.fill('#vault-current-password', VAULT_PASSWORD);
  // Keep the live input elements aside: after the lock they must hold nothing either.
  await options.evaluate(() => {
    (globalThis as any).__e2eHeldInputs = [...document.querySelectorAll('#options-main input:not([type=checkbox]):not([type=radio]):not([type=file]), #options-main textarea')];
  });
}

function expectNothingShown(contents: Awaited<ReturnType<typeof pageContents>>, secret: string, where: string): void {
  for (const value of [...Object.values(SHOWN), secret, VAULT_PASSWORD]) {
    expect(contents.html, `${where}: the DOM still holds "${value}"`).not.toContain(value);
  }
  expect(contents.values.filter((v) => v !== ''), `${where}: inputs still hold values`).toEqual([]);
  expect(contents.heldValues.filter((v) => v !== ''), `${where}: inputs the page showed before still hold values`).toEqual([]);
}

describe.each(['chromium', 'firefox'] as const)('%s: a locked vault shows nothing', (browserName) => {
  let ext: ExtensionUnderTest;
  const pages: ExtPage[] = [];

  beforeAll(async () => {
    ext = await launchExtension(browserName);
    await setUpVault(ext, VAULT_PASSWORD);
    const page = await ext.openPage(OPTIONS_PATH);
    pages.push(page);
    await page.waitFor('#add-cognito-account');
    expect(await sendToBackground(page, { type: 'add-account', account: {
      kind: 'cognito', label: SHOWN.label, userPoolId: SHOWN.poolId, clientId: 'lockclient', username: SHOWN.username,
      policy: { autoAnswer: true, rememberDevice: false } } })).toMatchObject({ ok: true });
    expect(await sendToBackground(page, { type: 'add-account', account: {
      // An hour's period: the popup fetches no new code (which would push the auto-lock back) during the test.
      kind: 'totp', label: SHOWN.otpLabel, secret: pastedSecret(), algorithm: 'SHA1', digits: 6, period: 3600 } })).toMatchObject({ ok: true });
  });
  afterAll(() => cleanUp([...pages.map((p) => () => p.close()), () => ext?.close()]));

  async function openOptionsWithSecrets(secret: string): Promise<ExtPage> {
    const options = await ext.openPage(OPTIONS_PATH);
    pages.push(options);
    // Each test starts unlocked, whatever the one before left.
    if ((await sendToBackground(options, { type: 'status' })).locked) {
      await options.waitFor('#options-unlock-form');
      await options.fill('#options-unlock-password', VAULT_PASSWORD);
      await options.click('#options-unlock-submit');
    }
    await until('the accounts in the options page', async () => (await options.text('#options-main')).includes(SHOWN.username));
    const before = await pageContents(options);
    for (const value of [SHOWN.username, SHOWN.label, SHOWN.poolId]) expect(before.html).toContain(value);
    await typeSecrets(options, secret);
    expect((await pageContents(options)).heldValues).toContain(secret);
    return options;
  }

  it('the popup\'s lock button empties the open options page and shows its unlock form', async () => {
    const secret = pastedSecret();
    const options = await openOptionsWithSecrets(secret);
    const popup = await openPopup(ext);
    pages.push(popup);
    await popup.waitFor('#lock:not([hidden])');
    await popup.click('#lock');
    await options.waitFor('#options-unlock-form');
    expectNothingShown(await pageContents(options), secret, 'options after the lock button');
    expect(await options.evaluate(() => document.getElementById('options-nav')!.hidden)).toBe(true);

    // Unlocking in the page draws it afresh.
    await options.fill('#options-unlock-password', VAULT_PASSWORD);
    await options.click('#options-unlock-submit');
    await until('the accounts again', async () => (await options.text('#options-main')).includes(SHOWN.username));
  });

  it('the auto-lock alarm, firing with the background stopped, empties the options page and the popup', async () => {
    const secret = pastedSecret();
    const options = await openOptionsWithSecrets(secret);
    const popup = await openPopup(ext);
    pages.push(popup);
    if (await popup.count('#unlock-form')) {
      await popup.fill('#unlock-password', VAULT_PASSWORD);
      await popup.click('#unlock-submit');
    }
    await until('the labels in the popup', async () => (await popup.text('#view')).includes(SHOWN.otpLabel));
    // The background is stopped first, then the alarm the auto-lock arms is set due now: the
    // browser must wake the background for it, which locks and tells the pages.
    await ext.stopBackground();
    await fireAlarmNow(options, AUTO_LOCK_ALARM);
    await options.waitFor('#options-unlock-form', 60_000);
    expectNothingShown(await pageContents(options), secret, 'options after the auto-lock');
    await popup.waitFor('#unlock-form', 15_000);
    const shown = await pageContents(popup);
    for (const value of Object.values(SHOWN)) expect(shown.html, `popup after the auto-lock still shows "${value}"`).not.toContain(value);
  });
});
