/**
 * The demo without a display: the same things a person would do, through the extension's real
 * pages, with a numbered screenshot after each step. Create the vault in the popup, add the three
 * demo accounts in the options page, then sign each one in from the popup: demo-totp (TOTP
 * answered automatically), demo-setup (MFA_SETUP consent, the extension enrols itself) and
 * demo-newpass (new password form, then MFA_SETUP because the pool requires MFA).
 *
 * Selectors are the stable hooks documented at the top of src/popup/popup.ts and
 * src/options/options.ts. The steps use only the harness' ExtPage, so the same tour runs in
 * Chromium and in Firefox (demo-browser.ts).
 */
import type { ExtPage } from '../../browser-harness/launch.ts';
import { OPTIONS_PATH, POPUP_PATH } from '../../browser-harness/launch.ts';
import { until } from '../../browser-harness/until.ts';
import type { DemoBrowser } from './demo-browser.ts';
import { DEMO_VAULT_PASSWORD, type DemoPool, type DemoUser } from './demo-users.ts';
import type { ScreenshotRecorder } from './screenshots.ts';

const STEP_TIMEOUT_MS = 20_000;
/**
 * How the tour polls the pages: a check that fails while a page is between documents (after a
 * reload Firefox's remote agent can drop a handle mid-call) is one more try, not the end.
 */
const POLL = { timeoutMs: STEP_TIMEOUT_MS, retryErrors: true } as const;
/** Roughly the size Chromium gives the toolbar popup, so the screenshots look like it. */
const POPUP_VIEWPORT = { width: 400, height: 600 };
const OPTIONS_VIEWPORT = { width: 1100, height: 900 };

export interface TourInput {
  browser: DemoBrowser;
  shots: ScreenshotRecorder;
  endpoint: string;
  pool: DemoPool;
  /** Whether the pool would accept this TOTP code for the user now. */
  poolAcceptsTotp(username: string, code: string): boolean;
  log(line: string): void;
}

/** A step failed; the message says which step and what the page showed. */
export class DemoStepError extends Error {}

export async function runHeadlessTour(input: TourInput): Promise<void> {
  const { browser, shots, log } = input;
  let current: ExtPage | undefined;
  let stepName = 'open the popup';
  const step = async <T>(name: string, page: ExtPage, run: () => Promise<T>): Promise<T> => {
    stepName = name;
    // The step's page in front, as a person looks at it: from the accounts step on, the popup's
    // tab is behind the options page's, and a tab behind another is painted late: Playwright's
    // click waited about 2 s there in Chromium, Puppeteer's up to 32 s in Firefox (bench
    // `browsers`; browser-harness/firefox-click.ts).
    if (page !== current) await page.bringToFront();
    current = page;
    const started = Date.now();
    const result = await run();
    log(`  ✓ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return result;
  };

  try {
    const popup = await browser.openPage(POPUP_PATH);
    current = popup;
    await popup.setViewport(POPUP_VIEWPORT.width, POPUP_VIEWPORT.height);

    await step('create the vault', popup, async () => {
      await popup.waitFor('#setup-form', STEP_TIMEOUT_MS);
      await popup.fill('#setup-password', DEMO_VAULT_PASSWORD);
      await popup.fill('#setup-confirm', DEMO_VAULT_PASSWORD);
      await shots.capture(popup, 'Create the vault');
      await popup.click('#setup-submit');
      await until('the popup to show the account list', () => popup.evaluate(() => document.getElementById('view')?.dataset.view === 'accounts'), POLL);
      await shots.capture(popup, 'Vault created, no accounts yet');
    });

    const options = await browser.openPage(OPTIONS_PATH);
    await options.setViewport(OPTIONS_VIEWPORT.width, OPTIONS_VIEWPORT.height);
    for (const user of input.pool.users) {
      await step(`add ${user.username} in the options page`, options, () => addAccount(options, input, user));
    }
    await step('list the accounts in the options page', options, async () => {
      await shots.capture(options, 'Three demo accounts in the options page', { fullPage: false });
    });

    await step('show the accounts in the popup', popup, async () => {
      await popup.reload();
      await until(`the popup to list ${input.pool.users.length} accounts`,
        async () => (await popup.count('[data-testid=account-row]')) === input.pool.users.length, POLL);
      await shots.capture(popup, 'Accounts in the popup');
    });

    for (const user of input.pool.users) {
      await step(`sign in ${user.username}`, popup, () => signIn(popup, input, user));
    }

    await step('show codes the pool accepts for all three accounts', popup, async () => {
      await popup.reload();
      for (const user of input.pool.users) {
        const code = `${await accountRow(popup, user.username)} [data-testid=code]`;
        await popup.waitFor(code, STEP_TIMEOUT_MS);
        const digits = await popup.evaluateWith((s) => document.querySelector<HTMLElement>(s)?.dataset.code ?? '', code);
        if (!input.poolAcceptsTotp(user.username, digits)) throw new Error(`the popup shows a code for ${user.username} that the pool does not accept`);
      }
      await shots.capture(popup, 'Codes for all three accounts');
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    let where = '';
    if (current) {
      const path = await shots.capture(current, `FAILED ${stepName}`).catch(() => undefined);
      if (path) where = ` (screenshot: ${path})`;
    }
    throw new DemoStepError(`step "${stepName}" failed: ${reason}${where}`);
  }
}

async function addAccount(page: ExtPage, input: TourInput, user: DemoUser): Promise<void> {
  await page.waitFor('#add-cognito-account', STEP_TIMEOUT_MS);
  await page.click('#add-cognito-account');
  await page.waitFor('#cognito-form', STEP_TIMEOUT_MS);
  await page.fill('#cognito-label', user.username);
  await page.fill('#cognito-user-pool-id', input.pool.userPoolId);
  await page.fill('#cognito-client-id', input.pool.clientId);
  await page.fill('#cognito-endpoint', input.endpoint);
  await page.fill('#cognito-username', user.username);
  await page.fill('#cognito-password', user.password);
  if (user.totpSecret) await page.fill('#cognito-totp-secret', user.totpSecret);
  // Answer TOTP and device challenges without asking, so the sign-in runs through by itself.
  await page.select('#cognito-policy', 'auto');
  await page.setChecked('#cognito-remember-device', user.role === 'totp');
  await input.shots.capture(page, `Add ${user.username}`, { fullPage: false });
  await page.click('#cognito-save');
  // The new row, or the form's refusal, whichever shows first.
  const outcome = await until(`${user.username} in the accounts table`, () => page.evaluateWith((label) => {
    // No named helper in here: tsx would wrap it in a __name() call the page does not have.
    const errors = [...document.querySelectorAll<HTMLElement>('#cognito-form-error, #cognito-form .error')]
      .filter((el) => el.getClientRects().length > 0 && !el.hidden)
      .map((el) => el.textContent?.trim()).filter(Boolean);
    if (errors.length > 0) return { refused: errors.join('; ') };
    const added = [...document.querySelectorAll('[data-testid=options-account-row]')].some((row) => row.textContent?.includes(label));
    return added ? { refused: '' } : undefined;
  }, user.username), POLL);
  if (outcome.refused) throw new Error(`the form refused the account: ${outcome.refused}`);
}

/** The selector of the popup row whose name is exactly `label`. */
async function accountRow(page: ExtPage, label: string): Promise<string> {
  const id = await until(`the popup row of ${label}`, () => page.evaluateWith((name) => [...document.querySelectorAll<HTMLElement>('[data-testid=account-row]')]
    .find((row) => row.querySelector('[data-testid=account-label]')?.textContent?.trim() === name)?.dataset.accountId, label), POLL);
  return `[data-testid=account-row][data-account-id="${id}"]`;
}

async function signIn(page: ExtPage, input: TourInput, user: DemoUser): Promise<void> {
  const { shots } = input;
  const seen = new Set<string>();
  const button = `${await accountRow(page, user.username)} [data-testid=sign-in]`;
  await page.waitFor(button, STEP_TIMEOUT_MS);
  await page.click(button);
  let state = await nextFlowState(page);
  if (state.kind === 'new-password') {
    seen.add(state.kind);
    await page.fill('#prompt-new-password', user.newPassword!);
    await page.fill('#prompt-confirm-password', user.newPassword!);
    await shots.capture(page, `${user.username}: choose a new password`);
    await page.click('#prompt-submit');
    state = await nextFlowState(page, 'new-password');
  }
  if (state.kind === 'mfa-setup') {
    seen.add(state.kind);
    await shots.capture(page, `${user.username}: consent to set up MFA`);
    await page.click('#approve');
    state = await nextFlowState(page, 'mfa-setup');
  }
  if (state.status !== 'signed-in') throw new Error(`the sign-in stopped at a "${state.kind}" prompt the demo does not expect`);
  // Each user is there to show one path; arriving by another means the pool or extension changed.
  const expected = user.role === 'totp' ? [] : user.role === 'mfa-setup' ? ['mfa-setup'] : ['new-password'];
  const missing = expected.filter((kind) => !seen.has(kind));
  if (missing.length > 0) throw new Error(`signed in without the ${missing.join(', ')} step this user is meant to show`);
  await page.waitFor('[data-testid=flow-result]', STEP_TIMEOUT_MS);
  // The enrolment QR code is drawn asynchronously; wait for it when there is one.
  if (await page.count('[data-testid=enrolled-qr]') > 0) {
    await page.waitFor('[data-testid=enrolled-qr] canvas', STEP_TIMEOUT_MS);
  }
  await shots.capture(page, `${user.username}: signed in`);
  await page.click('#flow-back');
  await page.waitFor('[data-testid=account-row]', STEP_TIMEOUT_MS);
}

/**
 * Waits until the flow view settles: signed in, or a prompt other than `after` (the one just
 * answered, which may still be on screen for a moment). A failure throws with the page's message.
 */
async function nextFlowState(page: ExtPage, after?: string): Promise<{ status: string; kind?: string }> {
  const result = await until('the sign-in to settle or ask for something', () => page.evaluateWith((previous) => {
    const status = document.querySelector<HTMLElement>('[data-testid=flow-status]');
    const value = status?.dataset.status;
    if (value === 'failed' || value === 'cancelled' || value === 'error') return { status: value, text: status!.textContent ?? '' };
    if (value === 'signed-in') return { status: value };
    const form = document.querySelector<HTMLElement>('#prompt-form');
    const kind = form?.dataset.promptKind;
    const busy = form?.querySelector<HTMLButtonElement>('button[type=submit]')?.disabled;
    if (value === 'needs-input' && kind && kind !== previous && !busy) return { status: value, kind };
    // A refused answer keeps the same prompt and shows why.
    const error = document.querySelector<HTMLElement>('[data-testid=prompt-error]:not([hidden])');
    if (value === 'needs-input' && kind === previous && !busy && error?.textContent) return { status: 'prompt-error', kind, text: error.textContent };
    return undefined;
  }, after ?? null), { ...POLL, intervalMs: 100 }) as { status: string; kind?: string; text?: string };
  if (result.status === 'prompt-error') throw new Error(`the ${result.kind} prompt was refused: ${result.text}`);
  if (result.text !== undefined) throw new Error(`the sign-in ended "${result.status}": ${result.text.trim()}`);
  return { status: result.status, kind: result.kind };
}
