/**
 * What a person does in the popup and the options page, as reusable steps over ExtPage, so the
 * scenarios read as the flows they test. Selectors are the hooks documented at the top of
 * src/popup/popup.ts and src/options/options.ts.
 */
import { expect } from 'vitest';
import { OPTIONS_PATH, POPUP_PATH, type ExtensionUnderTest, type ExtPage } from './launch';
import { hasHostPermission } from './extension-api';
import { until } from './until';

export type FlowStatus = 'running' | 'needs-input' | 'signed-in' | 'failed' | 'cancelled' | 'error';

export async function popupView(page: ExtPage): Promise<string | undefined> {
  return page.evaluate(() => document.getElementById('view')?.dataset.view);
}

/** First run: create the vault in the popup; ends on the (empty) account list. */
export async function setUpVault(ext: ExtensionUnderTest, password: string): Promise<void> {
  const popup = await ext.openPage(POPUP_PATH);
  await popup.waitFor('#setup-form');
  await popup.fill('#setup-password', password);
  await popup.fill('#setup-confirm', password);
  await popup.click('#setup-submit');
  await popup.waitFor('#view[data-view=accounts]', 30_000);
  await popup.close();
}

/** Where a user pool is: what the account form asks for (a referee pool or any other has these). */
export interface PoolCoordinates {
  endpoint: string;
  userPoolId: string;
  clientId: string;
}

export interface CognitoAccountForm {
  label: string;
  pool: PoolCoordinates;
  username: string;
  password?: string;
  totpSecret?: string;
  policy: 'auto' | 'ask';
  rememberDevice: boolean;
}

/**
 * Adds a Cognito account through the options form, endpoint included (the form itself asks for
 * the host permission), and returns the new account's id from the accounts table.
 */
export async function addCognitoAccount(ext: ExtensionUnderTest, form: CognitoAccountForm): Promise<string> {
  const options = await ext.openPage(OPTIONS_PATH);
  try {
    await options.waitFor('#add-cognito-account');
    await options.click('#add-cognito-account');
    await options.waitFor('#cognito-form');
    await options.fill('#cognito-user-pool-id', form.pool.userPoolId);
    await options.fill('#cognito-client-id', form.pool.clientId);
    await options.fill('#cognito-endpoint', form.pool.endpoint);
    await options.fill('#cognito-username', form.username);
    await options.fill('#cognito-label', form.label);
    if (form.password !== undefined) await options.fill('#cognito-password', form.password);
    if (form.totpSecret !== undefined) await options.fill('#cognito-totp-secret', form.totpSecret);
    await options.select('#cognito-policy', form.policy);
    await options.setChecked('#cognito-remember-device', form.rememberDevice);
    await options.click('#cognito-save');
    const id = await until(`the account "${form.label}" in the options table`, async () => {
      const problem = await options.evaluate(() => {
        const shown = [...document.querySelectorAll<HTMLElement>('#cognito-form .error:not([hidden]), #cognito-form [id$=-error]:not([hidden])')]
          .map((e) => e.textContent?.trim()).filter(Boolean);
        return shown.join(' | ');
      });
      if (problem) throw new Error(`the account form shows an error: ${problem}`);
      return options.evaluateWith((label) => [...document.querySelectorAll<HTMLElement>('[data-testid=options-account-row]')]
        .find((row) => row.textContent?.includes(label))?.dataset.accountId, form.label);
    });
    expect(await hasHostPermission(options, `${new URL(form.pool.endpoint).protocol}//${new URL(form.pool.endpoint).hostname}/*`),
      'host permission for the local pool after saving').toBe(true);
    return id;
  } finally {
    await options.close();
  }
}

export async function openPopup(ext: ExtensionUnderTest): Promise<ExtPage> {
  const popup = await ext.openPage(POPUP_PATH);
  await popup.waitFor('#view[data-view]');
  return popup;
}

/** Presses the account's "Sign in" button in the popup list. */
export async function startSignIn(popup: ExtPage, accountId: string): Promise<void> {
  const button = `[data-testid=account-row][data-account-id="${accountId}"] [data-testid=sign-in]`;
  await popup.waitFor(button);
  await popup.click(button);
  await popup.waitFor('#flow-status');
}

/** Waits until the flow view shows one of `statuses` (anything else settled is an error). */
export async function waitForFlow(popup: ExtPage, statuses: FlowStatus[], timeoutMs = 30_000): Promise<FlowStatus> {
  const settled = await until('the sign-in to settle', async () => {
    const s = await popup.evaluate(() => document.getElementById('flow-status')?.dataset.status);
    return s && s !== 'running' && s !== 'starting' ? (s as FlowStatus) : undefined;
  }, timeoutMs);
  if (!statuses.includes(settled)) {
    throw new Error(`the sign-in ended "${settled}" (expected ${statuses.join(' or ')}): ${await popup.text('#flow-status')} · steps: ${(await flowProgressText(popup)).join(' / ')}`);
  }
  return settled;
}

/**
 * Presses a button of the prompt shown (approve, deny, submit) and waits for the sign-in to move
 * on: the prompt form is replaced by the next prompt or the result, and the status settles.
 */
export async function answerPrompt(popup: ExtPage, button: string, statuses: FlowStatus[], timeoutMs = 30_000): Promise<FlowStatus> {
  await popup.evaluate(() => { document.getElementById('prompt-form')!.dataset.e2eAnswered = 'yes'; });
  await popup.click(button);
  await until('the prompt to be answered', async () => (await popup.count('#prompt-form[data-e2e-answered]')) === 0, timeoutMs);
  return waitForFlow(popup, statuses, timeoutMs);
}

/** The progress the popup shows, as events: each line's kind and plain fields (its data attributes). */
export async function flowProgress(popup: ExtPage): Promise<ShownEvent[]> {
  return popup.evaluate(() => [...document.querySelectorAll<HTMLElement>('[data-testid=flow-progress] li')].map((li) => ({ ...li.dataset }) as ShownEvent));
}

/** One progress line as shown: `kind` and the event's text/yes-no fields as strings. */
export type ShownEvent = { kind: string; [field: string]: string };

/** The progress as the person reads it (for failure messages of the tests). */
async function flowProgressText(popup: ExtPage): Promise<string[]> {
  return popup.evaluate(() => [...document.querySelectorAll('[data-testid=flow-progress] li')].map((li) => li.textContent ?? ''));
}

export async function promptKind(popup: ExtPage): Promise<string | undefined> {
  await popup.waitFor('#prompt-form');
  return popup.evaluate(() => document.getElementById('prompt-form')?.dataset.promptKind);
}

/** The code the popup shows for an account (data-code holds the digits). */
export async function shownCode(popup: ExtPage, accountId: string): Promise<string> {
  const selector = `[data-testid=account-row][data-account-id="${accountId}"] [data-testid=code]`;
  await popup.waitFor(selector);
  return popup.evaluateWith((s) => document.querySelector<HTMLElement>(s)?.dataset.code ?? '', selector);
}

/** storage.session still holds the vault key (read from a page; sends no message, so no activity). */
export async function vaultKeyPresent(page: ExtPage, sessionKey: string): Promise<boolean> {
  return page.evaluateWith(async (key) => {
    const api = (globalThis as any).browser ?? (globalThis as any).chrome;
    return (await api.storage.session.get(key))[key] !== undefined;
  }, sessionKey);
}
