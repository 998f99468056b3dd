/**
 * The demo with a display: a Chromium or Firefox window with the extension, its vault already created (the
 * password is printed) and the three demo accounts added, so the person can go straight to the
 * popup and press "Sign in". The accounts are added by sending the background the same
 * `setup-vault` / `add-account` messages the popup and options page send. With `--no-accounts`
 * only the vault is created and the person adds the accounts in the options page from the printed
 * table. Runs until Ctrl+C or until the window is closed.
 */
import { OPTIONS_PATH, POPUP_PATH, type ExtPage } from '../../browser-harness/launch.ts';
import type { CognitoAccountInput } from '../../src/shared/requests.ts';
import type { DemoBrowser } from './demo-browser.ts';
import { isShuttingDown } from './lifetime.ts';
import { DEMO_VAULT_PASSWORD, type DemoPool, type DemoUser } from './demo-users.ts';

export interface InteractiveInput {
  browser: DemoBrowser;
  endpoint: string;
  pool: DemoPool;
  addAccounts: boolean;
  log(line: string): void;
}

export function demoAccountInput(pool: DemoPool, endpoint: string, user: DemoUser): CognitoAccountInput {
  return {
    kind: 'cognito',
    label: user.username,
    userPoolId: pool.userPoolId,
    clientId: pool.clientId,
    endpoint,
    username: user.username,
    password: user.password,
    ...(user.totpSecret ? { totpSecret: user.totpSecret } : {}),
    policy: { autoAnswer: true, rememberDevice: user.role === 'totp' },
  };
}

/** Sends one request from an extension page, the only place the background accepts them from. */
async function ask(page: ExtPage, request: Record<string, unknown>): Promise<Record<string, unknown>> {
  const answer = await page.evaluateWith((r) => chrome.runtime.sendMessage(r), request) as
    { ok: true } & Record<string, unknown> | { ok: false; error: { code: string; message: string } } | undefined;
  if (!answer) throw new Error(`the background did not answer ${String(request.type)}`);
  if (!answer.ok) throw new Error(`${String(request.type)} was refused: ${answer.error.message} (${answer.error.code})`);
  return answer;
}

export async function runInteractive(input: InteractiveInput): Promise<void> {
  const { browser, pool, log } = input;
  const popup = await browser.openPage(POPUP_PATH);
  await ask(popup, { type: 'setup-vault', password: DEMO_VAULT_PASSWORD });
  log(`vault created; its password is "${DEMO_VAULT_PASSWORD}" (the extension locks itself after a while)`);
  if (input.addAccounts) {
    for (const user of pool.users) await ask(popup, { type: 'add-account', account: demoAccountInput(pool, input.endpoint, user) });
    log(`added ${pool.users.map((u) => u.username).join(', ')}: open the extension's toolbar button (or the popup tab) and press "Sign in"`);
  } else {
    log('add the accounts in the options page with the values in the table above ("Add Cognito account")');
  }
  // The popup page rendered its first-run view before the vault existed.
  await popup.reload();
  await browser.openPage(OPTIONS_PATH);
  const name = browser.name === 'firefox' ? 'Firefox' : 'Chromium';
  log(`${name} is running; press Ctrl+C here (or close the window) to stop the demo.`);
  await browser.untilClosed();
  if (!isShuttingDown()) log(`the ${name} window was closed.`);
}
